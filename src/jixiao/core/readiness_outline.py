"""Readiness rules of the year's report outline: each section whose data is missing is named, with a
locator to the field that fills it. Used by ``core.readiness.check_year``.

Locators (``Problem.where``) added here:

- ``("report", field)`` — a report setting or fact of the year (``YearReport``: ``outline``,
  ``opening``, ``closing``, ``expenditure_fen``, ``personnel_fen``, ``public_fen``,
  ``fiscal_income_fen``, ``staff_authorized``, ``previous``);
- ``("unit", field)``, ``("text", key)``, ``("project", id)``, ``("projects", None)`` as in
  ``core.readiness_content``.
"""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.core.errors import N_, Message
from jixiao.core.model import FiscalYear
from jixiao.core.outline import Outline, OutlineError, Section, pick, year_outline
from jixiao.core.readiness import WARNING, Problem
from jixiao.core.yoy import previous_figures

ERROR = "error"
MSG_MISSING = N_("The report section “{section}” prints {what}, but the year has none.")
WHAT = {
    "staffing": N_("the staffing (authorised, in post, retired)"),
    "duties": N_("the main duties"),
    "expenditure_fen": N_("the expenditure of the year"),
    "personnel_fen": N_("the personnel and public expenses"),
    "fiscal_income_fen": N_("the fiscal appropriation revenue"),
    "previous": N_("the previous year's figures"),
    "opening": N_("an opening paragraph"),
    "closing": N_("a closing paragraph"),
    "text": N_("one of the year's texts"),
    "custom": N_("its own text"),
    "projects": N_("the projects"),
    "project_background": N_("the project's background (expected goal)"),
    "project_goals": N_("the project's actual results"),
    "project_performance": N_("the project's performance text"),
}


def _named_sections(outline: Outline) -> Iterator[tuple[str, Section]]:
    """Every section with a block, with the heading that names it (its own or its parent's)."""

    def visit(sections: list[Section], parent: str) -> Iterator[tuple[str, Section]]:
        for section in sections:
            name = pick(section.heading, "zh_CN") if section.heading is not None else parent
            if section.block:
                yield name, section
            yield from visit(section.sections, name)

    yield from visit(outline.sections, "")


def _missing(fy: FiscalYear, section: Section) -> list[tuple[str, tuple[str, object]]]:
    """(what is missing, where to fill it) for one section."""
    report, block = fy.report, section.block
    if block == "staffing":
        counts = (report.staff_authorized, report.staff_active, report.staff_retired)
        if any(c is None for c in counts) and not fy.unit.staffing.strip():
            return [("staffing", ("report", "staff_authorized"))]
    elif block == "duties" and not fy.unit.duties:
        return [("duties", ("unit", "duties"))]
    elif block == "money_summary":
        found: list[tuple[str, tuple[str, object]]] = []
        if report.expenditure_fen is None:
            found.append(("expenditure_fen", ("report", "expenditure_fen")))
        if report.personnel_fen is None or report.public_fen is None:
            found.append(("personnel_fen", ("report", "personnel_fen")))
        if report.fiscal_income_fen is None:
            found.append(("fiscal_income_fen", ("report", "fiscal_income_fen")))
        if not previous_figures(fy)[0]:
            found.append(("previous", ("report", "previous")))
        return found
    elif block in ("opening", "closing") and not getattr(report, block).strip():
        return [(block, ("report", block))]
    elif block == "text" and not fy.texts.get(section.text_key, "").strip():
        return [("text", ("text", section.text_key))]
    elif block == "custom" and not pick(section.text, "zh_CN").strip():
        return [("custom", ("report", "outline"))]
    elif block in ("all_projects", "project_overview") and not fy.projects:
        return [("projects", ("projects", None))]
    elif block in ("project_background", "project_goals", "project_performance"):
        if not fy.projects:
            return [("projects", ("projects", None))]
        field = {
            "project_background": "expected_goal",
            "project_goals": "actual_result",
            "project_performance": "performance_text",
        }[block]
        chosen = next((p for p in fy.all_projects() if p.is_key), fy.all_projects()[0])
        if not getattr(chosen, field).strip():
            return [(block, ("project", chosen.id))]
    return []


def check_outline(fy: FiscalYear) -> list[Problem]:
    """Problems of the year's outline: unusable (error), or a section whose data is missing (warning)."""
    try:
        outline = year_outline(fy.report)
    except OutlineError as error:
        return [
            Problem("outline_invalid", Message(error.message, **error.params), ("report", "outline"), ERROR)
        ]
    problems: list[Problem] = []
    seen: set[tuple[str, tuple[str, object]]] = set()
    for name, section in _named_sections(outline):
        for what, where in _missing(fy, section):
            if (what, where) in seen:
                continue
            seen.add((what, where))
            problems.append(
                Problem(
                    f"outline_{what}_missing",
                    Message(
                        MSG_MISSING, section=name or pick(outline.name, "zh_CN"), what=Message(WHAT[what])
                    ),
                    where,
                    WARNING,
                )
            )
    return problems
