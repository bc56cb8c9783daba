"""SQL for a year's money block (``budget_line``). Callers own transactions."""

from __future__ import annotations

from sqlite_utils import Database


def set_line(
    db: Database, year_id: int, line: str, initial_fen: int, adjusted_fen: int, executed_fen: int
) -> None:
    """Store one row of the money block (insert or replace)."""
    db.execute(
        "INSERT INTO budget_line (year_id, line, initial_fen, adjusted_fen, executed_fen) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (year_id, line) DO UPDATE SET initial_fen = excluded.initial_fen, "
        "adjusted_fen = excluded.adjusted_fen, executed_fen = excluded.executed_fen",
        [year_id, line, initial_fen, adjusted_fen, executed_fen],
    )
