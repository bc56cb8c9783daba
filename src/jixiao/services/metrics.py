"""The write path for a year's metrics: named figures that are not activities (会员人数 3782 人)."""

from __future__ import annotations

from jixiao.core.errors import N_
from jixiao.core.metrics import validate_metric
from jixiao.core.model import Metric
from jixiao.services._checks import check_order, found, raise_if, saved_id
from jixiao.store import metrics as store
from jixiao.store import years as years_store
from jixiao.store.database import Book


def _validate(book: Book, year_id: int, metric: Metric, except_id: int | None = None) -> None:
    taken = bool(metric.name.strip()) and store.name_taken(book.db, year_id, metric.name.strip(), except_id)
    raise_if(validate_metric(metric, taken))


def add_metric(book: Book, year_id: int, metric: Metric) -> int:
    """Append a metric to the year; returns its id."""
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        metric.name = metric.name.strip()
        _validate(book, year_id, metric)
        metric.id = store.insert_metric(book.db, year_id, metric)
        return metric.id


def update_metric(book: Book, metric: Metric) -> None:
    with book.atomic():
        year_id = found(store.year_of_metric(book.db, saved_id(metric, N_("The figure"))), N_("The figure"))
        metric.name = metric.name.strip()
        _validate(book, year_id, metric, except_id=metric.id)
        store.update_metric(book.db, metric)


def delete_metric(book: Book, metric_id: int) -> None:
    with book.atomic():
        found(store.delete_metric(book.db, metric_id), N_("The figure"))


def reorder_metrics(book: Book, year_id: int, metric_ids: list[int]) -> None:
    with book.atomic():
        check_order(store.metric_ids(book.db, year_id), metric_ids)
        store.reorder_metrics(book.db, metric_ids)
