"""One row codec per table: the columns that are fields of a ``core.model`` dataclass, and how each
value is written to and read from SQLite.

A table's columns are the dataclass's fields of the same name, minus its nested lists and ``id``
(derived with ``dataclasses.fields``, so a new model field cannot be forgotten by one writer); the
encoding of a column follows the field's type: ``Decimal`` → canonical decimal text
(``core.model.decimal_text``), ``dt.date`` → ISO text, ``bool`` → 0/1, ``dict`` → JSON text, a tuple
of names → a JSON list. Both the per-entity modules (``store/activities.py`` …) and the whole-year
load and save (``store/repos.py``) go through these codecs; the SQL stays in those modules.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
import types
import typing
from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from jixiao.core.model import (
    Activity,
    ActivityType,
    BudgetLine,
    FiscalYear,
    Indicator,
    Measure,
    Metric,
    Payment,
    Project,
    Task,
    Unit,
    decimal_text,
)


def _date_text(value: dt.date) -> str:
    if isinstance(value, dt.datetime):  # a datetime is a date too; keep only the day
        value = value.date()
    return value.isoformat()


def _json_text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False)


def _names_text(value: Sequence[str]) -> str:
    return json.dumps(list(value))


def _names(text: str) -> tuple[str, ...]:
    return tuple(json.loads(text))


_DATES: dict[str, dt.date] = {}


def _date(text: str) -> dt.date:
    """The date of ISO *text* (cached: a year has at most 366 of them, read 100,000 times)."""
    day = _DATES.get(text)
    if day is None:
        day = dt.date.fromisoformat(text)
        if len(_DATES) < 100_000:
            _DATES[text] = day
    return day


# field type → (encode to SQLite, decode from SQLite); None = stored as it is.
_CODECS: dict[Any, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    Decimal: (decimal_text, Decimal),
    dt.date: (_date_text, _date),
    bool: (int, bool),
    dict: (_json_text, json.loads),
    tuple[str, ...]: (_names_text, _names),
}


def _base_type(hint: Any) -> tuple[Any, bool]:
    """``(type, optional)`` of a field type hint (``Decimal | None`` → ``(Decimal, True)``)."""
    args = typing.get_args(hint)
    if type(hint) is types.UnionType or typing.get_origin(hint) is typing.Union:
        others = [a for a in args if a is not type(None)]
        return (others[0] if len(others) == 1 else hint), type(None) in args
    return hint, False


def _optional(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else fn(value)


def new_row_id(cursor: sqlite3.Cursor) -> int:
    """The id of the row an INSERT through *cursor* has just added."""
    row_id = cursor.lastrowid
    if row_id is None:
        raise RuntimeError("the statement inserted no row")
    return row_id


class RowCodec:
    """Rows of one table ↔ one dataclass. ``fields`` are the columns named like the dataclass's fields."""

    def __init__(
        self, table: str, cls: type, skip: tuple[str, ...] = (), only: tuple[str, ...] | None = None
    ) -> None:
        self.table = table
        self.cls = cls
        hints = typing.get_type_hints(cls)
        names = [
            f.name
            for f in dataclasses.fields(cls)
            if f.name not in (*skip, "id") and (only is None or f.name in only)
        ]
        self.fields: tuple[str, ...] = tuple(names)
        self._encoders: dict[str, Callable[[Any], Any]] = {}
        self._decoders: dict[str, Callable[[Any], Any]] = {}
        self.decimal_fields: tuple[str, ...] = ()
        for name in names:
            base, optional = _base_type(hints[name])
            if base not in _CODECS:
                continue
            encode, decode = _CODECS[base]
            self._encoders[name] = _optional(encode) if optional else encode
            self._decoders[name] = _optional(decode) if optional else decode
            if base is Decimal:
                self.decimal_fields += (name,)
        # (position, decoder) of the decoded fields; the fields are given positionally when they are
        # the dataclass's first init fields in order (every table's are: checked here, not assumed)
        self._decoding = tuple((names.index(name), decode) for name, decode in self._decoders.items())
        init_names = [f.name for f in dataclasses.fields(cls) if f.init]
        self._positional = init_names[: len(names)] == names

    def encode(self, name: str, value: Any) -> Any:
        """The SQLite value of field *name* holding *value*."""
        encoder = self._encoders.get(name)
        return value if encoder is None else encoder(value)

    def values(self, obj: Any, fields: Sequence[str] | None = None) -> list:
        """The SQLite values of *obj*'s *fields* (all ``self.fields`` by default), in that order."""
        encoders = self._encoders
        out = []
        for name in self.fields if fields is None else fields:
            value = getattr(obj, name)
            encoder = encoders.get(name)
            out.append(value if encoder is None else encoder(value))
        return out

    def row(self, obj: Any) -> dict[str, Any]:
        """*obj* as a row dict (column → SQLite value)."""
        return dict(zip(self.fields, self.values(obj), strict=True))

    def columns(self, prefix: str = "") -> str:
        """``"a, b, c"`` of the fields, each with *prefix* (``"t."``) when given."""
        return ", ".join(prefix + name for name in self.fields)

    def insert_sql(self, *extra: str) -> str:
        """``INSERT INTO table (extra…, fields…) VALUES (?, …)``: give *extra* values first."""
        names = (*extra, *self.fields)
        return f"INSERT INTO {self.table} ({', '.join(names)}) VALUES ({', '.join('?' for _ in names)})"

    def update_sql(self, fields: Sequence[str] | None = None) -> str:
        """``UPDATE table SET f = ?, … WHERE id = ?`` for *fields* (all by default)."""
        names = self.fields if fields is None else fields
        return f"UPDATE {self.table} SET {', '.join(f'{n} = ?' for n in names)} WHERE id = ?"

    def insert(self, db: Any, obj: Any, **extra: Any) -> int:
        """Insert *obj* with the *extra* columns (``year_id=…``, ``position=…``); returns the new id."""
        return new_row_id(db.execute(self.insert_sql(*extra), [*extra.values(), *self.values(obj)]))

    def update(self, db: Any, obj: Any) -> bool:
        """Overwrite every field of row ``obj.id`` (a ``sqlite_utils.Database``); False: no such row."""
        return db.execute(self.update_sql(), [*self.values(obj), obj.id]).rowcount == 1

    def delete(self, db: Any, row_id: int) -> bool:
        """Delete row *row_id* (its children go by their foreign keys); False: no such row."""
        return db.execute(f"DELETE FROM {self.table} WHERE id = ?", [row_id]).rowcount == 1

    def build(self, values: Sequence[Any], **extra: Any) -> Any:
        """The dataclass from SQLite *values* of the fields (in ``fields`` order) and *extra* keywords."""
        if len(values) != len(self.fields):
            raise ValueError(f"{self.table}: {len(values)} values for {len(self.fields)} fields")
        if self._positional:  # the fast path (a year's activities are built here, a million at most)
            decoded = list(values)
            for position, decoder in self._decoding:
                value = decoded[position]
                if value is not None:
                    decoded[position] = decoder(value)
            return self.cls(*decoded, **extra)
        kwargs = dict(zip(self.fields, values, strict=True))
        for name, decoder in self._decoders.items():
            value = kwargs[name]
            if value is not None:
                kwargs[name] = decoder(value)
        kwargs.update(extra)
        return self.cls(**kwargs)  # by keyword: a new model field cannot shift the others


# A year's own row holds its scalar settings; the rest of FiscalYear lives in child tables.
FISCAL_YEAR = RowCodec(
    "fiscal_year",
    FiscalYear,
    only=("year", "budget_income_fen", "final_income_fen", "score_rule", "rule_options", "layout_profile"),
)
UNIT = RowCodec("unit", Unit, skip=("duties", "departments"))
BUDGET_LINE = RowCodec("budget_line", BudgetLine)
TASK = RowCodec("task", Task, skip=("measures",))
MEASURE = RowCodec("measure", Measure)
ACTIVITY_TYPE = RowCodec("activity_type", ActivityType)
ACTIVITY = RowCodec("activity", Activity, skip=("attachments", "deleted"))
PROJECT = RowCodec("project", Project, skip=("payments", "indicators", "children"))
PAYMENT = RowCodec("payment", Payment)
INDICATOR = RowCodec("indicator", Indicator)
METRIC = RowCodec("metric", Metric)

CODECS = (
    FISCAL_YEAR,
    UNIT,
    BUDGET_LINE,
    TASK,
    MEASURE,
    ACTIVITY_TYPE,
    ACTIVITY,
    PROJECT,
    PAYMENT,
    INDICATOR,
    METRIC,
)
