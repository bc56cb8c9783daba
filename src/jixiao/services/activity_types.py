"""The write path for a year's activity types (宣讲会/场, 培训/期 …)."""

from __future__ import annotations

from jixiao.core.activities import canonical_counts, validate_activity_type
from jixiao.core.errors import N_, ValidationError
from jixiao.core.model import ActivityType
from jixiao.services._checks import check_order, found, raise_if
from jixiao.store import activity_types as store
from jixiao.store import years as years_store
from jixiao.store.database import Book


def _validate(book: Book, year_id: int, name: str, measure_word: str, except_id: int | None = None) -> None:
    taken = bool(name.strip()) and store.name_taken(book.db, year_id, name.strip(), except_id)
    raise_if(validate_activity_type(name, measure_word, taken))


def _check_counts(counts: tuple[str, ...] | list[str] | None) -> tuple[str, ...] | None:
    if counts is None:
        return None
    chosen = canonical_counts(counts)
    if chosen is None:
        raise ValidationError([("counts", N_("Unknown count field."), {})])
    return chosen


def list_types(book: Book, year_id: int) -> list[ActivityType]:
    """The year's activity types in order."""
    return store.list_types(book.db, year_id)


def add_type(
    book: Book, year_id: int, name: str, measure_word: str = "次", counts: tuple[str, ...] | None = None
) -> int:
    """Append an activity type with the optional count fields *counts* (default: all); returns its id."""
    chosen = _check_counts(counts)
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        _validate(book, year_id, name, measure_word)
        new = ActivityType(name.strip(), measure_word.strip())
        if chosen is not None:
            new.counts = chosen
        return store.insert_type(book.db, year_id, new)


def update_type(
    book: Book, type_id: int, name: str, measure_word: str, counts: tuple[str, ...] | None = None
) -> None:
    """Rename a type, change its measure word and (when given) which count fields it records.

    Dropping a count field keeps the values already recorded (they show again if it is added back).
    """
    chosen = _check_counts(counts)
    with book.atomic():
        year_id = found(store.year_of_type(book.db, type_id), N_("The activity type"))
        _validate(book, year_id, name, measure_word, except_id=type_id)
        store.update_type(book.db, type_id, name.strip(), measure_word.strip(), chosen)


def delete_type(book: Book, type_id: int) -> None:
    """Delete a type no activity uses (activities in the 回收站 count too)."""
    with book.atomic():
        found(store.year_of_type(book.db, type_id), N_("The activity type"))
        used = store.usage_count(book.db, type_id)
        if used:
            raise ValidationError(
                [("type_id", N_("{count} activities use this type; change them first."), {"count": used})]
            )
        store.delete_type(book.db, type_id)


def reorder_types(book: Book, year_id: int, type_ids: list[int]) -> None:
    with book.atomic():
        check_order(store.type_ids(book.db, year_id), type_ids)
        store.reorder_types(book.db, type_ids)
