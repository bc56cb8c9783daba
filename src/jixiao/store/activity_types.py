"""SQL for a year's activity types (宣讲会 … with their measure word). Callers own transactions."""

from __future__ import annotations

from jixiao.core.model import ActivityType
from jixiao.store.connection import Database
from jixiao.store.ordering import next_position, set_order, sibling_ids
from jixiao.store.rows import ACTIVITY_TYPE


def insert_type(db: Database, year_id: int, activity_type: ActivityType) -> int:
    position = next_position(db, "activity_type", "year_id = ?", [year_id])
    return ACTIVITY_TYPE.insert(db, activity_type, year_id=year_id, position=position)


def update_type(
    db: Database, type_id: int, name: str, measure_word: str, counts: tuple[str, ...] | None = None
) -> bool:
    """Rename a type, change its measure word and (when given) its count fields."""
    if counts is None:
        cursor = db.execute(
            "UPDATE activity_type SET name = ?, measure_word = ? WHERE id = ?", [name, measure_word, type_id]
        )
    else:
        cursor = db.execute(
            "UPDATE activity_type SET name = ?, measure_word = ?, counts = ? WHERE id = ?",
            [name, measure_word, ACTIVITY_TYPE.encode("counts", counts), type_id],
        )
    return cursor.rowcount == 1


def delete_type(db: Database, type_id: int) -> bool:
    return ACTIVITY_TYPE.delete(db, type_id)


def year_of_type(db: Database, type_id: int) -> int | None:
    row = db.execute("SELECT year_id FROM activity_type WHERE id = ?", [type_id]).fetchone()
    return row[0] if row else None


def name_taken(db: Database, year_id: int, name: str, except_id: int | None = None) -> bool:
    row = db.execute(
        "SELECT id FROM activity_type WHERE year_id = ? AND name = ? AND id IS NOT ?",
        [year_id, name, except_id],
    ).fetchone()
    return row is not None


def usage_count(db: Database, type_id: int) -> int:
    """How many activities (deleted ones included) use the type."""
    return db.execute("SELECT count(*) FROM activity WHERE type_id = ?", [type_id]).fetchone()[0]


def list_types(db: Database, year_id: int) -> list[ActivityType]:
    return [
        ACTIVITY_TYPE.build(row[1:], id=row[0])
        for row in db.execute(
            f"SELECT id, {ACTIVITY_TYPE.columns()} FROM activity_type WHERE year_id = ? ORDER BY position, id",
            [year_id],
        )
    ]


def type_ids(db: Database, year_id: int) -> list[int]:
    return sibling_ids(db, "activity_type", "year_id = ?", [year_id])


def reorder_types(db: Database, ids: list[int]) -> None:
    set_order(db, "activity_type", ids)
