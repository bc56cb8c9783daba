"""The write path for the unit (单位概况): create it with its first year, edit it, its ordered lists.

Each function is one transaction (``book.atomic()``) and returns once it is committed.
"""

from __future__ import annotations

from jixiao.core.errors import N_, ValidationError
from jixiao.core.indicator_library import default_indicator_table, default_library
from jixiao.core.model import ActivityType, Unit
from jixiao.services._checks import found, raise_if, require_text
from jixiao.store import activity_types as types_store
from jixiao.store import indicators as indicators_store
from jixiao.store import unit as store
from jixiao.store import years as years_store
from jixiao.store.database import Book

MIN_YEAR, MAX_YEAR = 1990, 2200


def default_activity_types() -> tuple[tuple[str, str], ...]:
    """Types a new unit starts with: 会议 plus those the indicator library's figures count.

    (Names are report data, hence Chinese; the clerk edits them.)
    """
    return (("会议", "次"), *default_library().activity_types)


def _validate(unit: Unit) -> None:
    problems: list = []
    require_text(problems, "full_name", unit.full_name, N_("Enter the unit's full name."))
    if not unit.self_name.strip():
        problems.append(("self_name", N_("Enter how the unit names itself (本部门, 我会 …)."), {}))
    raise_if(problems)


def get_unit(book: Book) -> Unit | None:
    """The file's unit, or None in a new file."""
    return store.get_unit(book.db)


def create_unit(
    book: Book,
    unit: Unit,
    year: int,
    activity_types: tuple[tuple[str, str], ...] | None = None,
    indicator_template: str | None = "department",
) -> tuple[int, int]:
    """Save a new unit and its first fiscal year *year*, ready to record in: the activity types
    (name, measure word; default ``default_activity_types()``) and the department's indicator table
    from the library template *indicator_template* (None: no indicators).

    Returns ``(unit_id, year_id)``.
    """
    if activity_types is None:
        activity_types = default_activity_types()
    indicators = default_indicator_table(indicator_template) if indicator_template else []
    _validate(unit)
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise ValidationError(
            [("year", N_("Enter a year between {low} and {high}."), {"low": MIN_YEAR, "high": MAX_YEAR})]
        )
    with book.atomic():
        unit.id = store.insert_unit(book.db, unit)
        year_id = years_store.create_year(book.db, unit.id, year)
        for name, word in activity_types:
            types_store.insert_type(book.db, year_id, ActivityType(name, word))
        for indicator in indicators:
            indicators_store.insert_indicator(book.db, year_id, None, indicator)
    return unit.id, year_id


def update_unit(book: Book, unit: Unit) -> None:
    """Save the plain fields of an existing unit (its lists are saved by their own calls)."""
    _validate(unit)
    with book.atomic():
        found(store.update_unit_fields(book.db, unit), N_("The unit"))


def _clean(items: list[str]) -> list[str]:
    cleaned = [item.strip() for item in items]
    if any(not item for item in cleaned):
        raise ValidationError([("items", N_("An item of the list is empty."), {})])
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
