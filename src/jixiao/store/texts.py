"""SQL for a year's prose sections (``year_text``) and ordered text lists (``year_list_item``)."""

from __future__ import annotations

from sqlite_utils import Database


def set_text(db: Database, year_id: int, key: str, text: str) -> None:
    """Store the prose section *key* of year *year_id* (insert or replace)."""
    db.execute(
        "INSERT INTO year_text (year_id, key, text) VALUES (?, ?, ?) "
        "ON CONFLICT (year_id, key) DO UPDATE SET text = excluded.text",
        [year_id, key, text],
    )


def get_text(db: Database, year_id: int, key: str) -> str:
    row = db.execute("SELECT text FROM year_text WHERE year_id = ? AND key = ?", [year_id, key]).fetchone()
    return row[0] if row else ""


def set_list(db: Database, year_id: int, kind: str, items: list[str]) -> None:
    """Replace the ordered list *kind* (goal, problem, improvement) of year *year_id* with *items*."""
    db.execute("DELETE FROM year_list_item WHERE year_id = ? AND kind = ?", [year_id, kind])
    db.conn.executemany(
        "INSERT INTO year_list_item (year_id, kind, position, text) VALUES (?, ?, ?, ?)",
        [(year_id, kind, i, text) for i, text in enumerate(items)],
    )


def get_list(db: Database, year_id: int, kind: str) -> list[str]:
    return [
        r[0]
        for r in db.execute(
            "SELECT text FROM year_list_item WHERE year_id = ? AND kind = ? ORDER BY position, id",
            [year_id, kind],
        )
    ]
