"""SQL for a year's metrics (会员人数 3782 人 …). Callers own transactions."""

from __future__ import annotations

from jixiao.core.model import Metric
from jixiao.store.connection import Database
from jixiao.store.ordering import next_position, set_order, sibling_ids
from jixiao.store.rows import METRIC


def insert_metric(db: Database, year_id: int, metric: Metric) -> int:
    position = next_position(db, "metric", "year_id = ?", [year_id])
    return METRIC.insert(db, metric, year_id=year_id, position=position)


def update_metric(db: Database, metric: Metric) -> bool:
    return METRIC.update(db, metric)


def delete_metric(db: Database, metric_id: int) -> bool:
    return METRIC.delete(db, metric_id)


def year_of_metric(db: Database, metric_id: int) -> int | None:
    row = db.execute("SELECT year_id FROM metric WHERE id = ?", [metric_id]).fetchone()
    return row[0] if row else None


def name_taken(db: Database, year_id: int, name: str, except_id: int | None = None) -> bool:
    row = db.execute(
        "SELECT id FROM metric WHERE year_id = ? AND name = ? AND id IS NOT ?", [year_id, name, except_id]
    ).fetchone()
    return row is not None


def list_metrics(db: Database, year_id: int) -> list[Metric]:
    """The year's metrics in order."""
    return [
        METRIC.build(row[1:], id=row[0])
        for row in db.execute(
            f"SELECT id, {METRIC.columns()} FROM metric WHERE year_id = ? ORDER BY position, id", [year_id]
        )
    ]


def metric_ids(db: Database, year_id: int) -> list[int]:
    return sibling_ids(db, "metric", "year_id = ?", [year_id])


def reorder_metrics(db: Database, ids: list[int]) -> None:
    set_order(db, "metric", ids)
