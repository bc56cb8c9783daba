"""Import a spreadsheet of activities into a year: all rows in one transaction, or none.

``read_file`` reads the file (CSV in any of Excel's encodings, or .xlsx), ``guess_mapping`` proposes
which column holds which field, ``check`` converts and checks every row without writing, and
``import_activities`` writes them: if any row has a problem nothing is written and
``ImportRejectedError`` names every bad row and column; otherwise every row is inserted in ONE
transaction, which is also one step for Edit › Undo.
"""

from __future__ import annotations

from pathlib import Path

from jixiao.core import activity_import as core
from jixiao.core.activity_import import ImportContext, ImportProblem, ImportResult, Sheet, TaskChoice
from jixiao.core.errors import N_, Message, ValidationError
from jixiao.services import years as year_service
from jixiao.services._checks import saved_id
from jixiao.store import activities as store
from jixiao.store.database import Book

__all__ = [
    "ImportRejectedError",
    "read_file",
    "guess_mapping",
    "import_context",
    "check",
    "import_activities",
]

IMPORT_LABEL = N_("import {count} activities")


class ImportRejectedError(ValidationError):
    """Nothing was imported; ``import_problems`` lists every problem with its row and column."""

    message = N_("Nothing was imported: {rows} row(s) of the file have problems.")

    def __init__(self, problems: list[ImportProblem]) -> None:
        self.import_problems = list(problems)
        rows = len({p.row for p in problems if p.row is not None}) or 1
        super().__init__(
            [(_where(problem), problem.message.message, problem.message.params) for problem in problems],
            rows=rows,
            count=len(problems),
        )

    def translated_problems(self, gettext) -> list[str]:
        """Each problem as "Row 5, 日期: …" in the language of *gettext*."""
        lines = []
        for problem in self.import_problems:
            text = problem.translated(gettext)
            if problem.row is None:
                lines.append(text)
            else:
                lines.append(
                    gettext("Row {row}, {column}: {problem}").format(
                        row=problem.row, column=problem.column, problem=text
                    )
                )
        return lines


def _where(problem: ImportProblem) -> str:
    return f"{problem.row}:{problem.column}" if problem.row is not None else problem.column


def read_file(path: str | Path) -> Sheet:
    """The header and rows of a CSV or .xlsx file (see ``core.activity_import.read_table``).

    :raises ImportFileError: the file cannot be read as a spreadsheet.
    """
    return core.read_table(path)


def guess_mapping(sheet: Sheet) -> dict[str, int]:
    """Which column (index) likely holds each field, from the headers."""
    return core.guess_mapping(sheet.headers)


def import_context(book: Book, year_id: int) -> ImportContext:
    """The year's number, activity types by name, tasks with their measures (in order)."""
    outline = year_service.load_outline(book, year_id)
    tasks = tuple(
        TaskChoice(
            saved_id(task, N_("The task")),
            task.title,
            tuple((saved_id(measure, N_("The measure")), measure.title) for measure in task.measures),
        )
        for task in outline.tasks
    )
    types = {t.name: saved_id(t, N_("The activity type")) for t in outline.activity_types}
    return ImportContext(outline.year, types, tasks)


def check(book: Book, year_id: int, sheet: Sheet, mapping: dict[str, int]) -> ImportResult:
    """Convert and check every row against the year, without writing anything."""
    return core.convert(sheet, mapping, import_context(book, year_id))


def import_activities(book: Book, year_id: int, sheet: Sheet, mapping: dict[str, int]) -> int:
    """Import every row of *sheet* into year *year_id* in one transaction; returns how many.

    The rows are checked inside the transaction, against the year as it is then; the save is
    one undo step, "import N activities".
    :raises ImportRejectedError: any row (or the column choice) has a problem; nothing was written.
    """
    label = Message(IMPORT_LABEL, count=len(sheet.rows))  # every row becomes one activity
    with book.atomic(label=label) as db:
        result = check(book, year_id, sheet, mapping)
        if not result.ok:
            raise ImportRejectedError(result.problems)
        for _row, activity in result.activities:
            activity.id = store.insert_activity(db, year_id, activity)
    return len(result.activities)
