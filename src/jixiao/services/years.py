"""The write path for a fiscal year's own settings: add a year, score rule, layout, incomes, delete.

(A new year prefilled from the last one is ``services.yearpackages.new_year_from``.)
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.core.errors import N_, ValidationError
from jixiao.core.model import LAYOUT_PROFILES, ActivityType, FiscalYear, Task
from jixiao.core.scoring import ScoreRules
from jixiao.core.unit_kinds import get_kind
from jixiao.services import unit as unit_service
from jixiao.services._checks import Problems, check_fen, check_year, found, raise_if
from jixiao.store import activity_types as types_store
from jixiao.store import repos
from jixiao.store import tasks as tasks_store
from jixiao.store import unit as unit_store
from jixiao.store import years as store
from jixiao.store.database import Book


@dataclass
class YearOutline:
    """What lists and forms of a year need without loading its activities: tasks and types."""

    year_id: int
    year: int
    tasks: list[Task] = field(default_factory=list)
    activity_types: list[ActivityType] = field(default_factory=list)


def find_year_id(book: Book, year: int) -> int | None:
    """The id of fiscal *year* in *book* (None when it has none).

    :raises JixiaoError: several units of the file have that year.
    """
    return repos.find_year_id(book.db, year)


def list_years(book: Book) -> list[tuple[int, str, int]]:
    """Every year in the file as ``(year_id, unit full name, year)``."""
    return repos.list_years(book.db)


def load_year(book: Book, year_id: int) -> FiscalYear:
    """The whole year (activities included) as the core's dataclasses."""
    return repos.load_year(book.db, year_id)


def load_year_elsewhere(book: Book, year_id: int) -> FiscalYear:
    """The whole year *year_id* read through a read-only connection of its own: for a thread (or
    a process) other than the one that uses *book*. Sees the last committed state.

    :raises StorageError: the file cannot be read.
    """
    from jixiao.store.snapshot import load_year_read_only

    return load_year_read_only(book.path, year_id)


def load_outline(book: Book, year_id: int) -> YearOutline:
    """The year's number, tasks (with measures) and activity types, without its activities."""
    year = found(store.year_number(book.db, year_id), N_("The fiscal year"))
    return YearOutline(
        year_id, year, tasks_store.list_tasks(book.db, year_id), types_store.list_types(book.db, year_id)
    )


def add_year(book: Book, unit_id: int, year: int, prefill: bool = True) -> int:
    """Add fiscal year *year* to the unit, pre-filled (when *prefill*) from the unit's kind with its
    activity types and department indicators; returns its id."""
    problems: Problems = []
    check_year(problems, "year", year)
    raise_if(problems)
    with book.atomic():
        found(unit_store.unit_exists(book.db, unit_id), N_("The unit"))
        if store.year_exists(book.db, unit_id, year):
            raise ValidationError([("year", N_("The year {year} already exists."), {"year": year})])
        year_id = store.create_year(book.db, unit_id, year)
        if prefill:
            kind = get_kind(found(unit_store.get_unit(book.db, unit_id), N_("The unit")).kind)
            unit_service.prefill_year(book, year_id, kind.new_activity_types(), kind.new_indicators())
        return year_id


def set_score_rule(book: Book, year_id: int, score_rule: str, rule_options: dict | None = None) -> None:
    """Choose the year's score rule (``standard`` or ``rate_as_score``) and its options."""
    options = dict(rule_options or {})
    raise_if(ScoreRules.problems(score_rule, options))
    with book.atomic():
        found(store.set_rules(book.db, year_id, score_rule, options), N_("The fiscal year"))


def set_layout_profile(book: Book, year_id: int, profile: str) -> None:
    """Choose the report layout (``gbt9704`` or ``word``)."""
    if profile not in LAYOUT_PROFILES:
        raise ValidationError([("layout_profile", N_("Choose a layout."), {})])
    with book.atomic():
        found(store.set_layout_profile(book.db, year_id, profile), N_("The fiscal year"))


def set_incomes(book: Book, year_id: int, budget_income_fen: int, final_income_fen: int) -> None:
    """Save 预算收入 and 决算收入 (fen)."""
    problems: list = []
    check_fen(problems, "budget_income_fen", budget_income_fen)
    check_fen(problems, "final_income_fen", final_income_fen)
    raise_if(problems)
    with book.atomic():
        found(store.set_incomes(book.db, year_id, budget_income_fen, final_income_fen), N_("The fiscal year"))


def delete_year(book: Book, year_id: int) -> None:
    """Delete a fiscal year with all its records (the GUI asks first; a backup is made before)."""
    if book.changed_since_backup:
        book.backup("before-delete-year")
    with book.atomic():
        found(store.delete_year(book.db, year_id), N_("The fiscal year"))


def activity_notes(book: Book, year_id: int) -> dict[int, str]:
    """id → notes of the year's activities with notes (the list's search looks in them too)."""
    return store.activity_notes(book.db, year_id)
