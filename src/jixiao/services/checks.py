"""``jixiao check``: the data file's integrity, then each year's readiness for the report."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.errors import N_, Message
from jixiao.core.figures import batch
from jixiao.core.livefigures import narrative_problems
from jixiao.core.readiness import check_year
from jixiao.store.database import Book
from jixiao.store.integrity import integrity_problems
from jixiao.store.repos import list_years, load_year


@dataclass(frozen=True)
class Finding:
    """One line of the check: which year (None for the file), what, and where to fix it."""

    year: int | None
    message: Message
    where: tuple[str, object] | None = None
    severity: str = "error"  # or "warning" (``core.readiness``)
    code: str = ""  # the readiness code ("actual_missing" …), "live_figure", or "" for the file

    def translated(self, gettext) -> str:
        text = self.message.translated(gettext)
        if self.year is None:
            return text
        return Message(N_("{year}: {problem}"), year=self.year, problem=text).translated(gettext)


def year_findings(fy, fonts=None) -> list[Finding]:
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
    findings = [Finding(fy.year, p.message, p.where, p.severity, p.code) for p in problems]
    for where, problem in live:
        findings.append(
            Finding(
                fy.year,
                Message(
                    N_("A live figure cannot be written ({reason}): {token}"),
                    reason=problem.reason,
                    token=problem.raw,
                ),
                where,
                "error",
                "live_figure",
            )
        )
    return findings


def blocking(findings: list[Finding]) -> list[Finding]:
    """The findings that stop a report from being printed (errors, not warnings)."""
    return [finding for finding in findings if finding.severity == "error"]


def check_book(book: Book) -> list[Finding]:
    """Everything ``jixiao check`` reports; an empty list means the file is clean."""
    findings = [
        Finding(None, Message(N_("Database integrity: {detail}"), detail=detail))
        for detail in integrity_problems(book.db)
    ]
    if findings:
        return findings
    for year_id, _unit, _year in list_years(book.db):
        findings += year_findings(load_year(book.db, year_id))
    return findings
