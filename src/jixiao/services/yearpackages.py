"""Year packages (``core.yearpackage``, JSON) in and out of the book (the data file): export, import,
and starting a new year from the last one.

Every call is exactly one ``book.atomic()`` transaction: an import or a new year is written
completely or not at all.
"""

from __future__ import annotations

import copy
import io
import os
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from jixiao.core.errors import N_, Message, NotFoundError, ValidationError
from jixiao.core.model import (
    Activity,
    ActivityType,
    BudgetLine,
    FiscalYear,
    Indicator,
    Measure,
    Metric,
    Project,
    Task,
    YearReport,
)
from jixiao.core.yearpackage import (
    PackageStream,
    StreamedPackage,
    from_package,
    load_package_file,
    package_json,
    parse_package_text,
    write_package,
)
from jixiao.services._checks import Problems, check_year, raise_if
from jixiao.services.files import in_existing_folder, write_stream_atomically
from jixiao.store import repos
from jixiao.store.activities import iter_many
from jixiao.store.database import Book

MSG_YEAR_EXISTS = N_("The data file already holds the year {year} of {unit}.")
MSG_YEAR_EXISTS_REPLACE = N_(
    "The data file already holds the year {year} of {unit}. Import again with “replace” to overwrite it."
)
MSG_YEAR_LABEL = N_("The year {year}")


class YearExistsError(ValidationError):
    """The unit already has that year in the book (import without replace, or new year onto one)."""

    def __init__(self, year: int, unit: str, message: str = MSG_YEAR_EXISTS) -> None:
        super().__init__(
            [("year", MSG_YEAR_EXISTS, {"year": year, "unit": unit})], message, year=year, unit=unit
        )


def _require_year(book: Book, year: int, unit_id: int | None) -> int:
    year_id = repos.find_year_id(book.db, year, unit_id)
    if year_id is None:
        raise NotFoundError(what=Message(MSG_YEAR_LABEL, year=year))
    return year_id


def export_year(book: Book, year: int, unit_id: int | None = None) -> str:
    """The year package JSON text of *year* (of unit *unit_id*; any unit when None).

    :raises NotFoundError: the book has no such year.
    :raises JixiaoError: *unit_id* is None and several units have that year.
    """
    with book.atomic():
        fy = repos.load_year(book.db, _require_year(book, year, unit_id))
    return package_json(fy)


def export_year_to_file(book: Book, year: int, path: str | os.PathLike, unit_id: int | None = None) -> Path:
    """Write the year package of *year* to *path* (atomically: the old file or the new one), the
    activities streamed from the book one at a time, so memory stays small for any size of year.
    The text is exactly ``export_year``'s. Returns the absolute path.

    :raises NotFoundError: the book has no such year.
    :raises JixiaoError: *unit_id* is None and several units have that year.
    :raises JixiaoError: the folder of *path* does not exist.
    :raises OSError: the file cannot be written (nothing is left behind).
    """
    path = in_existing_folder(path)
    with book.atomic():  # one consistent snapshot while the file is written
        year_id = _require_year(book, year, unit_id)
        fy = repos.load_year(book.db, year_id, activities=False)

        def write(binary) -> None:
            text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n")
            write_package(fy, text, iter_many(book.db, year_id))
            text.flush()
            text.detach()  # leave *binary* open: the caller syncs and closes it

        return write_stream_atomically(path, write)


def _is_json_text(value: str | os.PathLike) -> bool:
    return isinstance(value, str) and value.lstrip().startswith(("{", "\ufeff"))


def _read(data_or_path: Mapping | str | os.PathLike) -> Any:
    """A package dict from a dict, a path, or JSON text (a ``str`` starting with ``{``)."""
    if isinstance(data_or_path, Mapping):
        return data_or_path
    if _is_json_text(data_or_path):
        return parse_package_text(str(data_or_path), source="")
    return load_package_file(Path(data_or_path))


def _write_year(
    book: Book, fy: FiscalYear, replace: bool, activities: Iterable[Activity] | None = None
) -> int:
    """Insert the checked year *fy* in one transaction (its *activities* streamed when given),
    first deleting the unit's year of the same number when *replace*; else that year refuses it."""
    db = book.db
    with book.atomic():
        unit_id = repos.find_unit_id(db, fy.unit.full_name)
        existing = None if unit_id is None else repos.find_year_id(db, fy.year, unit_id)
        if existing is not None:
            if not replace:
                raise YearExistsError(fy.year, fy.unit.full_name, MSG_YEAR_EXISTS_REPLACE)
            repos.delete_year(db, existing)
        return repos.insert_year(db, fy, activities)


def import_year(
    book: Book, data_or_path: Mapping | str | os.PathLike | PackageStream, replace: bool = False
) -> int:
    """Import a year package (a parsed dict, a file path or ``PackageStream``, or JSON text); returns
    the new year id.

    The package is validated completely first; nothing is written unless all of it is valid. A file
    is read one activity at a time (once to check it, once more to write it), so memory stays small
    for any size of year. The unit
    is matched by full name: its profile, duties and departments are updated from the package (they
    are shared by all its years). When the unit already has that year, *replace* deletes it and
    writes the package in the same transaction; without *replace* the import is refused.

    :raises PackageFileError: the file is not a readable year package.
    :raises ValidationError: the package has problems (``.problems`` lists each with its path).
    :raises YearExistsError: the year is already in the book and *replace* is False.
    """
    if isinstance(data_or_path, PackageStream) or (
        isinstance(data_or_path, os.PathLike | str) and not _is_json_text(data_or_path)
    ):
        stream = (
            data_or_path if isinstance(data_or_path, PackageStream) else PackageStream(Path(data_or_path))
        )
        package = StreamedPackage(stream)
        return _write_year(book, package.validate(), replace, package.activities())  # checked whole first
    return _write_year(book, from_package(_read(data_or_path)), replace)


def carry_over(fy: FiscalYear, to_year: int) -> FiscalYear:
    """The start of *to_year* made from *fy* (pure; no ids). What a clerk keeps from last year:

    - kept: the unit; score rule, rule options, layout; goals, problems and improvements lists (to be
      edited); task titles and goal wording, measure titles; activity types; projects (names, funding
      source, implementer, key flag, expected goal, 二级 structure); indicator definitions (levels,
      kind, target, unit, points, applicable, actual source);
    - reset: measure texts, the prose sections (``texts``), every amount (budget lines kept at zero,
      incomes, project budgets), payments, project results, indicator actuals, overrides, bands and
      deviation reasons, the report's facts (the outline is kept); metrics keep name and unit with value 0 and no note (a figure carried over
      silently would be reported as this year's);
    - not copied: activities.
    """
    return FiscalYear(
        year=to_year,
        unit=copy.deepcopy(fy.unit),
        budget={key: BudgetLine(key) for key in fy.budget},
        score_rule=fy.score_rule,
        rule_options=copy.deepcopy(fy.rule_options),
        layout_profile=fy.layout_profile,
        goals=list(fy.goals),
        problems=list(fy.problems),
        improvements=list(fy.improvements),
        tasks=[
            Task(title=t.title, goal_text=t.goal_text, measures=[Measure(title=m.title) for m in t.measures])
            for t in fy.tasks
        ],
        activity_types=[
            ActivityType(name=t.name, measure_word=t.measure_word, counts=t.counts) for t in fy.activity_types
        ],
        projects=[_project_structure(p) for p in fy.projects],
        indicators=[_indicator_definition(i) for i in fy.indicators],
        metrics=[Metric(name=m.name, value=Decimal(0), unit=m.unit) for m in fy.metrics],
        # the report outline is kept; the report's facts are this year's own (last year's are
        # read from the file as the previous year's figures)
        report=YearReport(outline_key=fy.report.outline_key, outline=copy.deepcopy(fy.report.outline)),
    )


def _project_structure(p: Project) -> Project:
    return Project(
        name=p.name,
        funding_source=p.funding_source,
        implementer=p.implementer,
        is_key=p.is_key,
        expected_goal=p.expected_goal,
        indicators=[_indicator_definition(i) for i in p.indicators],
        children=[_project_structure(c) for c in p.children],
    )


def _indicator_definition(i: Indicator) -> Indicator:
    return Indicator(
        level1=i.level1,
        level2=i.level2,
        level3=i.level3,
        kind=i.kind,
        points=i.points,
        target=i.target,
        unit=i.unit,
        actual_source=copy.deepcopy(i.actual_source),
        applicable=i.applicable,
    )


def new_year_from(book: Book, from_year: int, to_year: int, unit_id: int | None = None) -> int:
    """Start *to_year* from *from_year* of the same unit (see ``carry_over``); returns the new year id.

    :raises NotFoundError: no *from_year*.
    :raises ValidationError: *to_year* is out of range.
    :raises YearExistsError: the unit already has *to_year*.
    """
    problems: Problems = []
    check_year(problems, "year", to_year)
    raise_if(problems)
    db = book.db
    with book.atomic():
        fy = repos.load_year(db, _require_year(book, from_year, unit_id))
        if repos.find_year_id(db, to_year, fy.unit.id) is not None:
            raise YearExistsError(to_year, fy.unit.full_name)
        return repos.insert_year(db, carry_over(fy, to_year))


__all__ = [
    "YearExistsError",
    "carry_over",
    "export_year",
    "export_year_to_file",
    "import_year",
    "new_year_from",
]
