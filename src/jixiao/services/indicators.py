"""The write path for performance indicators (绩效指标) of the department or of a project.

Each save checks the indicator by the core's rules (``core.indicators``) in one transaction.
"""

from __future__ import annotations

from jixiao.core.errors import N_
from jixiao.core.indicators import normalise_indicator, owner_problems, validate_indicator
from jixiao.core.model import Indicator
from jixiao.services._checks import check_order, found, raise_if
from jixiao.store import indicators as store
from jixiao.store import projects as projects_store
from jixiao.store import years as years_store
from jixiao.store.database import Book


def add_indicator(book: Book, year_id: int, indicator: Indicator, project_id: int | None = None) -> int:
    """Append an indicator to the department's table (*project_id* None) or a project's; returns its id."""
    return add_indicators(book, year_id, [indicator], project_id)[0]


def add_indicators(
    book: Book, year_id: int, indicators: list[Indicator], project_id: int | None = None
) -> list[int]:
    """Append several indicators (a choice from the library) to one table in one transaction and
    one undo step; returns their ids. When one is refused, none is added."""
    for indicator in indicators:
        normalise_indicator(indicator)
        raise_if(validate_indicator(indicator))
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        if project_id is not None:
            place = found(projects_store.project_place(book.db, project_id), N_("The project"))
            raise_if(owner_problems(year_id, place[0]))
        ids = [store.insert_indicator(book.db, year_id, project_id, indicator) for indicator in indicators]
    for indicator, new_id in zip(indicators, ids, strict=True):
        indicator.id = new_id
    return ids


def update_indicator(book: Book, indicator: Indicator) -> None:
    """Save every field of an indicator (target, actual, points, override, band, reason …)."""
    normalise_indicator(indicator)
    raise_if(validate_indicator(indicator))
    with book.atomic():
        found(store.update_indicator(book.db, indicator), N_("The indicator"))


def delete_indicator(book: Book, indicator_id: int) -> None:
    with book.atomic():
        found(store.delete_indicator(book.db, indicator_id), N_("The indicator"))


def reorder_indicators(book: Book, year_id: int, project_id: int | None, indicator_ids: list[int]) -> None:
    with book.atomic():
        check_order(store.owner_indicator_ids(book.db, year_id, project_id), indicator_ids)
        store.reorder_indicators(book.db, indicator_ids)
