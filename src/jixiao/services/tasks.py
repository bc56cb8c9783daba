"""The write path for key tasks (年度重点工作任务) and their measures (举措), ordered lists.

Each function is one transaction and returns once it is committed.
"""

from __future__ import annotations

from jixiao.core.errors import N_
from jixiao.core.model import Measure, Task
from jixiao.services._checks import check_order, found, raise_if, require_text
from jixiao.store import tasks as store
from jixiao.store import years as years_store
from jixiao.store.database import Book


def add_task(book: Book, year_id: int, title: str, goal_text: str = "", intro: str = "") -> int:
    """Append a task to the year's list; returns its id. *intro* is kept as typed (it may hold live
    figures), like a measure's text."""
    problems: list = []
    require_text(problems, "title", title, N_("Enter a title."))
    raise_if(problems)
    with book.atomic():
        found(years_store.year_number(book.db, year_id), N_("The fiscal year"))
        task = Task(title=title.strip(), goal_text=goal_text.strip(), intro=intro)
        return store.insert_task(book.db, year_id, task)


def update_task(book: Book, task_id: int, title: str, goal_text: str = "", intro: str | None = None) -> None:
    """Rename a task, set its goal wording for 一（三） (empty = the title) and, unless *intro* is
    None, its intro: the paragraph printed in 二（四） before its measures (may hold live figures;
    kept as typed, empty = none)."""
    problems: list = []
    require_text(problems, "title", title, N_("Enter a title."))
    raise_if(problems)
    with book.atomic():
        found(store.update_task(book.db, task_id, title.strip(), goal_text.strip(), intro), N_("The task"))


def delete_task(book: Book, task_id: int) -> None:
    """Delete a task and its measures; its activities stay, without a task."""
    with book.atomic():
        found(store.delete_task(book.db, task_id), N_("The task"))


def reorder_tasks(book: Book, year_id: int, task_ids: list[int]) -> None:
    """Put the year's tasks in the order *task_ids* (all of them, each once)."""
    with book.atomic():
        check_order(store.task_ids(book.db, year_id), task_ids)
        store.reorder_tasks(book.db, task_ids)


def add_measure(book: Book, task_id: int, title: str, text: str = "") -> int:
    """Append a measure to the task; returns its id."""
    problems: list = []
    require_text(problems, "title", title, N_("Enter a title."))
    raise_if(problems)
    with book.atomic():
        found(store.year_of_task(book.db, task_id), N_("The task"))
        return store.insert_measure(book.db, task_id, Measure(title=title.strip(), text=text))


def update_measure(book: Book, measure_id: int, title: str, text: str) -> None:
    """Save a measure's title and its narrative text (which may hold live figures)."""
    problems: list = []
    require_text(problems, "title", title, N_("Enter a title."))
    raise_if(problems)
    with book.atomic():
        found(store.update_measure(book.db, measure_id, title.strip(), text), N_("The measure"))


def delete_measure(book: Book, measure_id: int) -> None:
    """Delete a measure; its activities keep their task."""
    with book.atomic():
        found(store.delete_measure(book.db, measure_id), N_("The measure"))


def reorder_measures(book: Book, task_id: int, measure_ids: list[int]) -> None:
    """Put the task's measures in the order *measure_ids*."""
    with book.atomic():
        check_order(store.measure_ids(book.db, task_id), measure_ids)
        store.reorder_measures(book.db, measure_ids)
