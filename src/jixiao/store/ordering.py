"""Ordered lists in SQL: every ordered table has an INTEGER ``position`` among its siblings."""

from __future__ import annotations

from jixiao.store.connection import Database

# table → the column naming the list a row belongs to (its siblings share it)
_PARENT = {
    "task": "year_id",
    "measure": "task_id",
    "activity_type": "year_id",
    "metric": "year_id",
}


def next_position(db: Database, table: str, where: str, params: list) -> int:
    """One past the largest ``position`` among the rows matching *where*."""
    return db.execute(f"SELECT coalesce(max(position) + 1, 0) FROM {table} WHERE {where}", params).fetchone()[
        0
    ]


def sibling_ids(db: Database, table: str, where: str, params: list) -> list[int]:
    """Ids of the rows matching *where*, in list order."""
    return [r[0] for r in db.execute(f"SELECT id FROM {table} WHERE {where} ORDER BY position, id", params)]


def set_order(db: Database, table: str, ids: list[int]) -> None:
    """Give the rows *ids* of *table* the positions 0, 1, 2 … in that order."""
    db.conn.executemany(
        f"UPDATE {table} SET position = ? WHERE id = ?", [(i, row_id) for i, row_id in enumerate(ids)]
    )
