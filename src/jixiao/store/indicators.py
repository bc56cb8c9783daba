"""SQL for indicators (绩效指标) of a year or of one of its projects. Callers own transactions."""

from __future__ import annotations

from jixiao.core.model import Indicator
from jixiao.store.connection import Database
from jixiao.store.ordering import next_position, set_order
from jixiao.store.rows import INDICATOR


def _owner_where(project_id: int | None) -> tuple[str, list]:
    if project_id is None:
        return "year_id = ? AND project_id IS NULL", []
    return "year_id = ? AND project_id = ?", [project_id]


def insert_indicator(db: Database, year_id: int, project_id: int | None, indicator: Indicator) -> int:
    """Append *indicator* to the department's list (*project_id* None) or a project's; returns its id."""
    where, extra = _owner_where(project_id)
    position = next_position(db, "indicator", where, [year_id, *extra])
    return INDICATOR.insert(db, indicator, year_id=year_id, project_id=project_id, position=position)


def update_indicator(db: Database, indicator: Indicator) -> bool:
    return INDICATOR.update(db, indicator)


def delete_indicator(db: Database, indicator_id: int) -> bool:
    return INDICATOR.delete(db, indicator_id)


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


def list_indicators(db: Database, year_id: int) -> dict[int | None, list[Indicator]]:
    """Indicators of the year by owner (project id, or None for the department's own), in order."""
    owners: dict[int | None, list[Indicator]] = {}
    for row in db.execute(
        f"SELECT id, project_id, {INDICATOR.columns()} FROM indicator WHERE year_id = ? "
        "ORDER BY project_id IS NOT NULL, project_id, position, id",
        [year_id],
    ):
        owners.setdefault(row[1], []).append(INDICATOR.build(row[2:], id=row[0]))
    return owners


def reorder_indicators(db: Database, ids: list[int]) -> None:
    set_order(db, "indicator", ids)
