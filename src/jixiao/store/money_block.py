"""SQL for a year's money block (``budget_line``). Callers own transactions."""

from __future__ import annotations

from jixiao.core.model import BudgetLine
from jixiao.store.connection import Database
from jixiao.store.rows import BUDGET_LINE

_UPSERT = (
    BUDGET_LINE.insert_sql("year_id")
    + " ON CONFLICT (year_id, line) DO UPDATE SET "
    + ", ".join(f"{name} = excluded.{name}" for name in BUDGET_LINE.fields if name != "line")
)


def set_line(
    db: Database, year_id: int, line: str, initial_fen: int, adjusted_fen: int, executed_fen: int
) -> None:
    """Store one row of the money block (insert or replace)."""
    save_lines(db, year_id, [BudgetLine(line, initial_fen, adjusted_fen, executed_fen)])


def save_lines(db: Database, year_id: int, lines: list[BudgetLine]) -> None:
    """Store rows of the money block (each inserted or replaced)."""
    db.conn.executemany(_UPSERT, [(year_id, *BUDGET_LINE.values(line)) for line in lines])


def list_lines(db: Database, year_id: int) -> dict[str, BudgetLine]:
    """The year's money block rows by line key (in stored order)."""
    lines = (
        BUDGET_LINE.build(row)
        for row in db.execute(f"SELECT {BUDGET_LINE.columns()} FROM budget_line WHERE year_id = ?", [year_id])
    )
    return {line.line: line for line in lines}
