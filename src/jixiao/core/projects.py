"""Rules for projects (一级/二级) and their payments, pure Python.

A 一级 project may have 二级 children (one level only); a project with children takes its money from
them, so payments go to projects without children. The services look up what these rules need (where a
project sits, whether it has payments or children) and refuse a save when a rule gives problems.
"""

from __future__ import annotations

from jixiao.core.fields import Problems, check_date_in_year, check_fen, require_text
from jixiao.core.i18n import N_
from jixiao.core.model import FUNDING_SOURCES, Payment, Project


def normalise_project(project: Project) -> None:
    """Strip the spaces around the project's name."""
    project.name = project.name.strip()


def validate_project(project: Project) -> Problems:
    """What makes *project* unusable (empty list: it may be saved)."""
    problems: Problems = []
    require_text(problems, "name", project.name, N_("Enter the project's name."))
    if project.funding_source not in FUNDING_SOURCES:
        problems.append(("funding_source", N_("Choose a funding source."), {}))
    check_fen(problems, "initial_fen", project.initial_fen)
    check_fen(problems, "adjusted_fen", project.adjusted_fen)
    return problems


def parent_problems(year_id: int, parent_place: tuple[int, int | None], parent_payments: int) -> Problems:
    """Why a new project of year *year_id* cannot go under a parent at *parent_place* (its ``(year_id,
    parent_id)``) that has *parent_payments* payments."""
    parent_year_id, grandparent_id = parent_place
    if parent_year_id != year_id:
        return [("parent_id", N_("The parent project belongs to another year."), {})]
    if grandparent_id is not None:
        return [("parent_id", N_("A 二级 project cannot have sub-projects."), {})]
    if parent_payments:
        message = N_("The project has payments; a project with sub-projects takes its money from them.")
        return [("parent_id", message, {})]
    return []


def validate_payment(payment: Payment, year: int, project_children: int) -> Problems:
    """What makes *payment* unusable on a project of fiscal *year* that has *project_children*
    sub-projects (a negative amount is a refund; zero is no payment)."""
    problems: Problems = []
    check_date_in_year(problems, "date", payment.date, year)
    check_fen(problems, "amount_fen", payment.amount_fen, allow_negative=True)
    if isinstance(payment.amount_fen, int) and payment.amount_fen == 0:
        problems.append(("amount_fen", N_("Enter an amount other than zero."), {}))
    if project_children:
        problems.append(("project_id", N_("Record payments on the sub-projects of this project."), {}))
    return problems
