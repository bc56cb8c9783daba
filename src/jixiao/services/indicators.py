"""The write path for performance indicators (绩效指标) of the department or of a project.

What is checked here is what makes an indicator unusable (no name, bad kind, a non-numeric target
for a quantitative one). Whether a deviation reason is missing depends on the score and is a
readiness problem shown beside the row, not a refusal: the clerk fills a row in several steps.
"""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.errors import N_, ValidationError
from jixiao.core.model import INDICATOR_KINDS, QUAL_BANDS, Indicator
from jixiao.core.scoring import parse_number
from jixiao.services._checks import check_decimal, check_order, found, raise_if, require_text
from jixiao.store import indicators as store
from jixiao.store import projects as projects_store
from jixiao.store import years as years_store
from jixiao.store.database import Book


def _validate(indicator: Indicator) -> None:
    problems: list = []
    require_text(problems, "level1", indicator.level1, N_("Choose the first-level indicator."))
    require_text(problems, "level2", indicator.level2, N_("Choose the second-level indicator."))
    require_text(problems, "level3", indicator.level3, N_("Enter the indicator's name."))
    if indicator.kind not in INDICATOR_KINDS:
        problems.append(("kind", N_("Choose how the indicator is measured."), {}))
    check_decimal(problems, "points", indicator.points)
    if isinstance(indicator.points, Decimal) and indicator.points.is_finite() and indicator.points > 100:
        problems.append(("points", N_("An indicator is worth at most 100 points."), {}))
    if (
        indicator.kind in (">=", "<=", "=")
        and indicator.target.strip()
        and parse_number(indicator.target, indicator.unit) is None
    ):
        problems.append(("target", N_("A quantitative target must be a number."), {}))
    if (
        indicator.kind in (">=", "<=", "=")
        and indicator.actual not in (None, "")
        and parse_number(indicator.actual, indicator.unit) is None
    ):
        problems.append(("actual", N_("The actual value must be a number."), {}))
    if indicator.qual_band is not None and indicator.qual_band not in QUAL_BANDS:
        problems.append(("qual_band", N_("Choose a band."), {}))
    if indicator.score_override is not None:
        check_decimal(problems, "score_override", indicator.score_override)
        if (
            isinstance(indicator.score_override, Decimal)
            and isinstance(indicator.points, Decimal)
            and indicator.score_override.is_finite()
            and indicator.score_override > indicator.points
        ):
            problems.append(("score_override", N_("The score cannot exceed the indicator's points."), {}))
    raise_if(problems)


def _normalise(indicator: Indicator) -> None:
    for name in ("level1", "level2", "level3", "target", "unit", "override_note", "deviation_reason"):
        setattr(indicator, name, getattr(indicator, name).strip())
    if indicator.actual is not None:
        indicator.actual = indicator.actual.strip() or None


def add_indicator(book: Book, year_id: int, indicator: Indicator, project_id: int | None = None) -> int:
    """Append an indicator to the department's table (*project_id* None) or a project's; returns its id."""
    return add_indicators(book, year_id, [indicator], project_id)[0]


def add_indicators(
    book: Book, year_id: int, indicators: list[Indicator], project_id: int | None = None
) -> list[int]:
    """Append several indicators (a choice from the library) to one table in one transaction and
    one undo step; returns their ids. When one is refused, none is added."""
    for indicator in indicators:
        _normalise(indicator)
        _validate(indicator)
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        if project_id is not None:
            place = found(projects_store.project_place(book.db, project_id), N_("The project"))
            if place[0] != year_id:
                raise ValidationError([("project_id", N_("The project belongs to another year."), {})])
        ids = [store.insert_indicator(book.db, year_id, project_id, indicator) for indicator in indicators]
    for indicator, new_id in zip(indicators, ids, strict=True):
        indicator.id = new_id
    return ids


def update_indicator(book: Book, indicator: Indicator) -> None:
    """Save every field of an indicator (target, actual, points, override, band, reason …)."""
    _normalise(indicator)
    _validate(indicator)
    with book.atomic():
        found(store.update_indicator(book.db, indicator), N_("The indicator"))


def delete_indicator(book: Book, indicator_id: int) -> None:
    with book.atomic():
        found(store.delete_indicator(book.db, indicator_id), N_("The indicator"))


def reorder_indicators(book: Book, year_id: int, project_id: int | None, indicator_ids: list[int]) -> None:
    with book.atomic():
        check_order(store.owner_indicator_ids(book.db, year_id, project_id), indicator_ids)
        store.reorder_indicators(book.db, indicator_ids)
