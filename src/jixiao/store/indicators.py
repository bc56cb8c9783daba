"""SQL for indicators (绩效指标) of a year or of one of its projects. Callers own transactions."""

from __future__ import annotations

import json

from sqlite_utils import Database

from jixiao.core.model import Indicator
from jixiao.store.ordering import next_position, set_order

_FIELDS = (
    "level1",
    "level2",
    "level3",
    "kind",
    "target",
    "unit",
    "actual",
    "actual_source",
    "points",
    "score_override",
    "override_note",
    "qual_band",
    "applicable",
    "deviation_reason",
)


def _values(indicator: Indicator) -> list:
    values = []
    for name in _FIELDS:
        value = getattr(indicator, name)
        if name == "actual_source":
            value = None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
        elif name in ("points", "score_override"):
            value = None if value is None else str(value)
        elif name == "applicable":
            value = int(bool(value))
        values.append(value)
    return values


def _owner_where(project_id: int | None) -> tuple[str, list]:
    if project_id is None:
        return "year_id = ? AND project_id IS NULL", []
    return "year_id = ? AND project_id = ?", [project_id]


def insert_indicator(db: Database, year_id: int, project_id: int | None, indicator: Indicator) -> int:
    """Append *indicator* to the department's list (*project_id* None) or a project's; returns its id."""
    where, extra = _owner_where(project_id)
    position = next_position(db, "indicator", where, [year_id, *extra])
    columns = ("year_id", "project_id", "position", *_FIELDS)
    return db.execute(
        f"INSERT INTO indicator ({', '.join(columns)}) VALUES ({', '.join('?' for _ in columns)})",
        [year_id, project_id, position, *_values(indicator)],
    ).lastrowid


def update_indicator(db: Database, indicator: Indicator) -> bool:
    assignments = ", ".join(f"{name} = ?" for name in _FIELDS)
    cursor = db.execute(
        f"UPDATE indicator SET {assignments} WHERE id = ?", [*_values(indicator), indicator.id]
    )
    return cursor.rowcount == 1


def delete_indicator(db: Database, indicator_id: int) -> bool:
    return db.execute("DELETE FROM indicator WHERE id = ?", [indicator_id]).rowcount == 1


def indicator_owner(db: Database, indicator_id: int) -> tuple[int, int | None] | None:
    """``(year_id, project_id)`` of an indicator, or None."""
    row = db.execute("SELECT year_id, project_id FROM indicator WHERE id = ?", [indicator_id]).fetchone()
    return (row[0], row[1]) if row else None


def owner_indicator_ids(db: Database, year_id: int, project_id: int | None) -> list[int]:
    where, extra = _owner_where(project_id)
    return [
        r[0]
        for r in db.execute(
            f"SELECT id FROM indicator WHERE {where} ORDER BY position, id", [year_id, *extra]
        )
    ]


def reorder_indicators(db: Database, ids: list[int]) -> None:
    set_order(db, "indicator", ids)
