"""SQL for a year's prose sections (``year_text``) and ordered text lists (``year_list_item``)."""

from __future__ import annotations

from jixiao.store.connection import Database


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


def save_texts(db: Database, year_id: int, texts: dict[str, str]) -> None:
    """Store several prose sections of year *year_id* (each inserted or replaced)."""
    for key, text in texts.items():
        set_text(db, year_id, key, text)


def all_texts(db: Database, year_id: int) -> dict[str, str]:
    """The year's prose sections (key → text), in stored order."""
    return dict(
        db.execute("SELECT key, text FROM year_text WHERE year_id = ? ORDER BY id", [year_id]).fetchall()
    )


def all_lists(db: Database, year_id: int) -> dict[str, list[str]]:
    """The year's ordered text lists by kind (only the kinds that have items)."""
    lists: dict[str, list[str]] = {}
    for kind, text in db.execute(
        "SELECT kind, text FROM year_list_item WHERE year_id = ? ORDER BY position, id", [year_id]
    ):
        lists.setdefault(kind, []).append(text)
    return lists
