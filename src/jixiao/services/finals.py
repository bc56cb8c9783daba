"""Reports marked final: the submitted PDF and the frozen inputs it was made from.

"Mark as final" stores, for one fiscal year, the year package (``core.yearpackage``: everything the
report is made from, without database ids) and the PDF bytes, with the date. The submitted report
can then always be saved again byte for byte, or made again from its frozen inputs
(``final_year``), however the records change afterwards. The SHA-256 of the package text is the
"inputs hash": when the current year's package hashes differently, the report has changed since it
was marked final.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass

from jixiao.core.errors import N_, JixiaoError, Message, NotFoundError
from jixiao.core.model import FiscalYear
from jixiao.core.yearpackage import from_package, package_json
from jixiao.store import finals as store
from jixiao.store import repos
from jixiao.store.database import Book, utc_now

MSG_STALE = N_(
    "The records changed while the report was being made; wait for the new preview, then mark it final again."
)
MSG_NOT_PDF = N_("This is not a PDF file.")


@dataclass(frozen=True)
class FinalReport:
    """A report marked final: its id, when (timezone-aware UTC), the inputs hash, the PDF size."""

    id: int
    year_id: int
    created_at: dt.datetime
    inputs_sha256: str
    pdf_size: int

    def changed(self, current_sha256: str) -> bool:
        """True when the current inputs (their hash) differ from the ones marked final."""
        return current_sha256 != self.inputs_sha256


def inputs_sha256(package_text: str) -> str:
    """The inputs hash of a year package text."""
    return hashlib.sha256(package_text.encode("utf-8")).hexdigest()


def report_inputs(fy: FiscalYear) -> tuple[str, str]:
    """``(package text, inputs hash)`` of *fy*: what "mark as final" freezes (pure; any thread)."""
    text = package_json(fy)
    return text, inputs_sha256(text)


def _final(row: store.FinalRow) -> FinalReport:
    created = dt.datetime.fromisoformat(row.created_at.replace("Z", "+00:00"))
    return FinalReport(row.id, row.year_id, created, row.inputs_sha256, row.pdf_size)


def mark_final(
    book: Book, year_id: int, pdf: bytes, package_text: str, *, clock: Callable[[], dt.datetime] = utc_now
) -> FinalReport:
    """Store *pdf*, made from the year package *package_text*, as the year's final report.

    The package must be the year's inputs as they are now: a PDF made before the last edit is
    refused (``JixiaoError``), so what is frozen is always what the PDF shows.
    """
    if not pdf.startswith(b"%PDF-"):
        raise JixiaoError(MSG_NOT_PDF)
    if not store.year_exists(book.db, year_id):
        raise NotFoundError(what=Message(N_("The fiscal year")))
    current, digest = report_inputs(repos.load_year(book.db, year_id))
    if current != package_text:
        raise JixiaoError(MSG_STALE)
    created = clock().astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    with book.atomic():
        final_id = store.insert_final(book.db, year_id, created, package_text, pdf, digest)
    return FinalReport(
        final_id, year_id, dt.datetime.fromisoformat(created.replace("Z", "+00:00")), digest, len(pdf)
    )


def list_finals(book: Book, year_id: int) -> list[FinalReport]:
    """The year's reports marked final, newest first."""
    return [_final(row) for row in store.list_finals(book.db, year_id)]


def latest_final(book: Book, year_id: int) -> FinalReport | None:
    """The year's newest report marked final, or None."""
    finals = list_finals(book, year_id)
    return finals[0] if finals else None


def final_pdf(book: Book, final_id: int) -> bytes:
    """The PDF bytes of a report marked final, exactly as stored."""
    data = store.final_pdf(book.db, final_id)
    if data is None:
        raise NotFoundError(what=Message(N_("The final report")))
    return data


def final_year(book: Book, final_id: int) -> FiscalYear:
    """The fiscal year as it was when the report was marked final (from its frozen package)."""
    text = store.final_package(book.db, final_id)
    if text is None:
        raise NotFoundError(what=Message(N_("The final report")))
    return from_package(json.loads(text))
