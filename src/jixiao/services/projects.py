"""The write path for projects (一级/二级) and their payments.

A 一级 project may have 二级 children (one level only); a project with children takes its money
from them, so payments go to projects without children. Each function is one transaction.
"""

from __future__ import annotations

from jixiao.core.errors import N_, ValidationError
from jixiao.core.model import FUNDING_SOURCES, Payment, Project
from jixiao.services._checks import (
    check_date_in_year,
    check_fen,
    check_order,
    found,
    raise_if,
    require_text,
    saved_id,
)
from jixiao.store import projects as store
from jixiao.store import years as years_store
from jixiao.store.database import Book


def _validate(project: Project) -> None:
    problems: list = []
    require_text(problems, "name", project.name, N_("Enter the project's name."))
    if project.funding_source not in FUNDING_SOURCES:
        problems.append(("funding_source", N_("Choose a funding source."), {}))
    check_fen(problems, "initial_fen", project.initial_fen)
    check_fen(problems, "adjusted_fen", project.adjusted_fen)
    raise_if(problems)


def add_project(book: Book, year_id: int, project: Project, parent_id: int | None = None) -> int:
    """Append a 一级 project (*parent_id* None) or a 二级 one under *parent_id*; returns its id."""
    project.name = project.name.strip()
    _validate(project)
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        if parent_id is not None:
            place = found(store.project_place(book.db, parent_id), N_("The project"))
            if place[0] != year_id:
                raise ValidationError([("parent_id", N_("The parent project belongs to another year."), {})])
            if place[1] is not None:
                raise ValidationError([("parent_id", N_("A 二级 project cannot have sub-projects."), {})])
            if store.payment_count(book.db, parent_id):
                raise ValidationError(
                    [
                        (
                            "parent_id",
                            N_(
                                "The project has payments; a project with sub-projects takes its money from them."
                            ),
                            {},
                        )
                    ]
                )
        project.id = store.insert_project(book.db, year_id, project, parent_id)
        return project.id


def update_project(book: Book, project: Project) -> None:
    """Save a project's fields (name, source, implementer, budget, key flag, texts)."""
    project.name = project.name.strip()
    _validate(project)
    with book.atomic():
        found(store.update_project(book.db, project), N_("The project"))


def delete_project(book: Book, project_id: int) -> None:
    """Delete a project with its sub-projects, payments and indicators."""
    with book.atomic():
        found(store.delete_project(book.db, project_id), N_("The project"))


def reorder_projects(book: Book, year_id: int, parent_id: int | None, project_ids: list[int]) -> None:
    """Order the 一级 projects (*parent_id* None) or the children of *parent_id*."""
    with book.atomic():
        check_order(store.sibling_project_ids(book.db, year_id, parent_id), project_ids)
        store.reorder_projects(book.db, project_ids)


def _validate_payment(book: Book, project_id: int, payment: Payment) -> None:
    place = found(store.project_place(book.db, project_id), N_("The project"))
    year = found(years_store.year_number(book.db, place[0]), N_("The fiscal year"))
    problems: list = []
    check_date_in_year(problems, "date", payment.date, year)
    check_fen(problems, "amount_fen", payment.amount_fen, allow_negative=True)
    if isinstance(payment.amount_fen, int) and payment.amount_fen == 0:
        problems.append(("amount_fen", N_("Enter an amount other than zero."), {}))
    if store.child_count(book.db, project_id):
        problems.append(("project_id", N_("Record payments on the sub-projects of this project."), {}))
    raise_if(problems)


def add_payment(book: Book, project_id: int, payment: Payment) -> int:
    """Record a payment (a negative amount is a refund); returns its id."""
    with book.atomic():
        _validate_payment(book, project_id, payment)
        payment.id = store.insert_payment(book.db, project_id, payment)
        return payment.id


def update_payment(book: Book, payment: Payment) -> None:
    with book.atomic():
        project_id = found(
            store.project_of_payment(book.db, saved_id(payment, N_("The payment"))), N_("The payment")
        )
        _validate_payment(book, project_id, payment)
        store.update_payment(book.db, payment)


def delete_payment(book: Book, payment_id: int) -> None:
    with book.atomic():
        found(store.delete_payment(book.db, payment_id), N_("The payment"))
