"""SQL for a year's metrics (会员人数 3782 人 …). Callers own transactions."""

from __future__ import annotations

from sqlite_utils import Database

from jixiao.core.model import Metric
from jixiao.store.ordering import next_position, set_order, sibling_ids


def insert_metric(db: Database, year_id: int, metric: Metric) -> int:
    position = next_position(db, "metric", "year_id = ?", [year_id])
    return db.execute(
        "INSERT INTO metric (year_id, position, name, value, unit, note) VALUES (?, ?, ?, ?, ?, ?)",
        [year_id, position, metric.name, str(metric.value), metric.unit, metric.note],
    ).lastrowid


def update_metric(db: Database, metric: Metric) -> bool:
    cursor = db.execute(
        "UPDATE metric SET name = ?, value = ?, unit = ?, note = ? WHERE id = ?",
        [metric.name, str(metric.value), metric.unit, metric.note, metric.id],
    )
    return cursor.rowcount == 1


def delete_metric(db: Database, metric_id: int) -> bool:
    return db.execute("DELETE FROM metric WHERE id = ?", [metric_id]).rowcount == 1


def year_of_metric(db: Database, metric_id: int) -> int | None:
    row = db.execute("SELECT year_id FROM metric WHERE id = ?", [metric_id]).fetchone()
    return row[0] if row else None


def name_taken(db: Database, year_id: int, name: str, except_id: int | None = None) -> bool:
    row = db.execute(
        "SELECT id FROM metric WHERE year_id = ? AND name = ? AND id IS NOT ?", [year_id, name, except_id]
    ).fetchone()
    return row is not None


def metric_ids(db: Database, year_id: int) -> list[int]:
    return sibling_ids(db, "metric", "year_id = ?", [year_id])


def reorder_metrics(db: Database, ids: list[int]) -> None:
    set_order(db, "metric", ids)
