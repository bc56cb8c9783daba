"""``jixiao check``: the data file's integrity, then each year's readiness for the report, as
``core.errors.Problem``s (the one problem type the GUI and the CLI show)."""

from __future__ import annotations

import dataclasses

from jixiao.core.errors import ERROR, N_, Message, Problem
from jixiao.core.figures import batch
from jixiao.core.livefigures import narrative_problems
from jixiao.core.readiness import check_year
from jixiao.store.database import Book
from jixiao.store.integrity import integrity_problems
from jixiao.store.repos import list_years, load_year


def year_findings(fy, fonts=None) -> list[Problem]:
    """Readiness problems and unwritable live figures of one loaded year.

    *fonts* (a ``report.fonts.FontSet``, default: the fonts the report would use) finds the
    characters that no font can print.
    """
    if fonts is None:
        from jixiao.report.fonts import default_fonts

        fonts = default_fonts()
    with batch(fy):  # every figure of the year in one pass over its activities
        problems = check_year(fy, fonts.uncovered)
        live = narrative_problems(fy)
    return [dataclasses.replace(problem, year=fy.year) for problem in [*problems, *live]]


def blocking(findings: list[Problem]) -> list[Problem]:
    """The findings that stop a report from being printed (errors, not warnings)."""
    return [finding for finding in findings if finding.severity == ERROR]


def check_book(book: Book) -> list[Problem]:
    """Everything ``jixiao check`` reports; an empty list means the file is clean."""
    findings = [
        Problem("", Message(N_("Database integrity: {detail}"), detail=detail))
        for detail in integrity_problems(book.db)
    ]
    if findings:
        return findings
    for year_id, _unit, _year in list_years(book.db):
        findings += year_findings(load_year(book.db, year_id))
    return findings
