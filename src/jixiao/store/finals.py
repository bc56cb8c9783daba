"""SQL for reports marked final (table ``final_report``). Callers own transactions."""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.store.connection import Database
from jixiao.store.rows import new_row_id


@dataclass(frozen=True)
class FinalRow:
    """A report marked final, without its large columns: id, when (ISO UTC), inputs hash, PDF size."""

    id: int
    year_id: int
    created_at: str
    inputs_sha256: str
    pdf_size: int


_COLUMNS = "id, year_id, created_at, inputs_sha256, length(pdf)"


def insert_final(
    db: Database, year_id: int, created_at: str, package_json: str, pdf: bytes, inputs_sha256: str
) -> int:
    return new_row_id(
        db.execute(
            "INSERT INTO final_report (year_id, created_at, package_json, pdf, inputs_sha256) VALUES (?, ?, ?, ?, ?)",
            [year_id, created_at, package_json, pdf, inputs_sha256],
        )
    )


def list_finals(db: Database, year_id: int) -> list[FinalRow]:
    """The year's reports marked final, newest first."""
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM final_report WHERE year_id = ? ORDER BY created_at DESC, id DESC", [year_id]
    ).fetchall()
    return [FinalRow(*row) for row in rows]


def final_pdf(db: Database, final_id: int) -> bytes | None:
    row = db.execute("SELECT pdf FROM final_report WHERE id = ?", [final_id]).fetchone()
    return bytes(row[0]) if row else None


def final_package(db: Database, final_id: int) -> str | None:
    row = db.execute("SELECT package_json FROM final_report WHERE id = ?", [final_id]).fetchone()
    return row[0] if row else None


def year_exists(db: Database, year_id: int) -> bool:
    return db.execute("SELECT 1 FROM fiscal_year WHERE id = ?", [year_id]).fetchone() is not None
