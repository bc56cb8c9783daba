"""Decimals are stored as canonical text in every decimal column, whichever writer stores them.

The decimal columns are not listed by hand: they are the ``Decimal`` fields of the model classes that
``store/rows.py`` maps to tables, checked against the schema; and every TEXT cell of every table is
scanned afterwards, so a decimal column the codecs do not know would show up too.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

import pytest
import yeardata

from jixiao.core.model import Indicator, Metric, decimal_text
from jixiao.core.yearpackage import DECIMAL_PATTERN
from jixiao.store import indicators as indicator_store
from jixiao.store import metrics as metric_store
from jixiao.store import repos, rows

ODD = [
    Decimal("1E+1"),
    Decimal("10.00"),
    Decimal("0.000"),
    Decimal("-0"),
    Decimal("1.5E-3"),
    Decimal("-2.50E+2"),
]
EXPONENT = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$")


def _decimal_columns() -> set[tuple[str, str]]:
    return {(codec.table, name) for codec in rows.CODECS for name in codec.decimal_fields}


def _indicator(points: Decimal, override: Decimal | None) -> Indicator:
    return Indicator("产出指标", "数量指标", "场次", ">=", points, target="3", score_override=override)


# table → writes every value of ODD into each of its decimal columns through the per-entity writers
def _write_indicators(db, year_id: int) -> None:
    for value in ODD:
        new_id = indicator_store.insert_indicator(db, year_id, None, _indicator(value, value))
        indicator_store.update_indicator(db, replace(_indicator(value, value), id=new_id))


def _write_metrics(db, year_id: int) -> None:
    for index, value in enumerate(ODD):
        new_id = metric_store.insert_metric(db, year_id, Metric(f"m{index}", value))
        metric_store.update_metric(db, Metric(f"m{index}", value, id=new_id))


WRITERS = {"indicator": _write_indicators, "metric": _write_metrics}


def test_decimal_columns_are_known_text_columns_of_the_schema(book):
    found = _decimal_columns()
    assert found, "the model has no Decimal field stored in a table"
    for table, column in found:
        types = {name: kind for _, name, kind, *_ in book.db.conn.execute(f"PRAGMA table_info({table})")}
        assert types.get(column) == "TEXT", (table, column)
    assert {table for table, _ in found} == set(WRITERS), "add a writer for each table with decimal columns"


def _stored(book) -> dict[tuple[str, str], list[str]]:
    """Every TEXT cell of every table, by (table, column)."""
    conn = book.db.conn
    cells: dict[tuple[str, str], list[str]] = {}
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for _, column, kind, *_ in conn.execute(f"PRAGMA table_info({table})"):
            if kind == "TEXT":
                values = [v for (v,) in conn.execute(f"SELECT {column} FROM {table}") if v is not None]
                cells[(table, column)] = values
    return cells


def _assert_canonical(book) -> None:
    cells = _stored(book)
    for (table, column), values in cells.items():
        for value in values:
            assert not EXPONENT.match(value), f"{table}.{column} holds {value!r}"
    wanted = {decimal_text(v) for v in ODD}
    for key in _decimal_columns():
        assert cells[key], f"nothing was written to {key}"
        for value in cells[key]:
            assert re.match(DECIMAL_PATTERN, value), (key, value)
            assert value in wanted, (key, value)
            assert decimal_text(Decimal(value)) == value


def test_per_entity_writers_store_canonical_decimals(book, year):
    with book.atomic():
        for write in WRITERS.values():
            write(book.db, year.year_id)
    _assert_canonical(book)


def test_whole_year_writer_stores_canonical_decimals(book):
    fy = yeardata.sample_year()
    fy.metrics = [Metric(f"m{index}", value) for index, value in enumerate(ODD)]
    fy.indicators = [_indicator(value, value) for value in ODD]
    for project in fy.all_projects():
        project.indicators = [_indicator(value, None) for value in ODD]
    with book.atomic():
        year_id = repos.insert_year(book.db, fy)
    _assert_canonical(book)
    loaded = repos.load_year(book.db, year_id)
    assert [m.value for m in loaded.metrics] == ODD
    assert [str(i.points) for i in loaded.indicators] == [decimal_text(v) for v in ODD]


@pytest.mark.parametrize("text", ["1E+1", "1.0E+1", "10"])
def test_non_canonical_text_already_stored_still_reads(book, year, text):
    with book.atomic():
        metric_id = metric_store.insert_metric(book.db, year.year_id, Metric("会员人数", Decimal(1)))
        indicator_id = indicator_store.insert_indicator(
            book.db, year.year_id, None, _indicator(Decimal(1), None)
        )
        book.db.execute("UPDATE metric SET value = ? WHERE id = ?", [text, metric_id])
        book.db.execute(
            "UPDATE indicator SET points = ?, score_override = ? WHERE id = ?", [text, text, indicator_id]
        )
    fy = repos.load_year(book.db, year.year_id)
    assert fy.metrics[0].value == 10
    assert fy.indicators[0].points == 10 and fy.indicators[0].score_override == 10
