"""Low-level integrity of an open data file: SQLite's own checks."""

from __future__ import annotations

from sqlite_utils import Database


def integrity_problems(db: Database) -> list[str]:
    """SQLite ``integrity_check`` and ``foreign_key_check`` findings (empty list = healthy)."""
    problems = [row[0] for row in db.execute("PRAGMA integrity_check") if row[0] != "ok"]
    for table, rowid, parent, _ in db.execute("PRAGMA foreign_key_check"):
        problems.append(f"{table} row {rowid} refers to a missing {parent} row")
    return problems
