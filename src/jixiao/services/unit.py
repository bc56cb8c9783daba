"""The write path for the unit (单位概况): create it with its first year, edit it, its ordered lists.

Each function is one transaction (``book.atomic()``) and returns once it is committed.
"""

from __future__ import annotations

from jixiao.core.errors import N_
from jixiao.core.model import ActivityType, Unit
from jixiao.core.unit import validate_unit
from jixiao.core.unit_kinds import get_kind
from jixiao.services._checks import Problems, check_year, clean_items, found, raise_if
from jixiao.store import activity_types as types_store
from jixiao.store import indicators as indicators_store
from jixiao.store import unit as store
from jixiao.store import years as years_store
from jixiao.store.database import Book


def default_activity_types(kind: str | None = None) -> list[ActivityType]:
    """Types a new year of a unit of *kind* starts with (names are report data, hence Chinese)."""
    return get_kind(kind).new_activity_types()


def _validate(unit: Unit) -> None:
    raise_if(validate_unit(unit))


def get_unit(book: Book) -> Unit | None:
    """The file's unit, or None in a new file."""
    return store.get_unit(book.db)


def create_unit(
    book: Book,
    unit: Unit,
    year: int,
    activity_types: list[ActivityType] | tuple[tuple[str, str], ...] | None = None,
    indicators: bool = True,
) -> tuple[int, int]:
    """Save a new unit and its first fiscal year *year*, ready to record in, pre-filled from the
    unit's kind (``unit.kind``; "" = the neutral default kind): its activity types (unless
    *activity_types* is given: types or ``(name, measure word)`` pairs) and, when *indicators*, its
    department indicator table.

    Returns ``(unit_id, year_id)``.
    """
    kind = get_kind(unit.kind)
    if activity_types is None:
        types = kind.new_activity_types()
    else:
        types = [t if isinstance(t, ActivityType) else ActivityType(*t) for t in activity_types]
    table = kind.new_indicators() if indicators else []
    _validate(unit)
    problems: Problems = []
    check_year(problems, "year", year)
    raise_if(problems)
    unit.kind = kind.key
    with book.atomic():
        unit.id = store.insert_unit(book.db, unit)
        year_id = years_store.create_year(book.db, unit.id, year)
        prefill_year(book, year_id, types, table)
    return unit.id, year_id


def prefill_year(book: Book, year_id: int, types: list[ActivityType], indicators: list) -> None:
    """Add *types* and the department *indicators* to a new year (inside the caller's transaction)."""
    for activity_type in types:
        types_store.insert_type(book.db, year_id, activity_type)
    for indicator in indicators:
        indicators_store.insert_indicator(book.db, year_id, None, indicator)


def update_unit(book: Book, unit: Unit) -> None:
    """Save the plain fields of an existing unit (its lists are saved by their own calls).

    Changing ``unit.kind`` changes what new years start with; years already made keep their types
    and indicators."""
    _validate(unit)
    with book.atomic():
        found(store.update_unit_fields(book.db, unit), N_("The unit"))


def _clean(items: list[str]) -> list[str]:
    problems: Problems = []
    cleaned = clean_items(problems, "items", items)
    raise_if(problems)
    return cleaned


def set_duties(book: Book, unit_id: int, duties: list[str]) -> None:
    """Replace the unit's 主要职责 (in order)."""
    duties = _clean(duties)
    with book.atomic():
        found(store.unit_exists(book.db, unit_id), N_("The unit"))
        store.set_duties(book.db, unit_id, duties)


def set_departments(book: Book, unit_id: int, departments: list[str]) -> None:
    """Replace the unit's 内设机构 (in order)."""
    departments = _clean(departments)
    with book.atomic():
        found(store.unit_exists(book.db, unit_id), N_("The unit"))
        store.set_departments(book.db, unit_id, departments)
