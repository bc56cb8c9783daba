"""Undo and redo of the last saves of this session (at least 100 steps), deletions included.

Every committed save (one ``book.db.atomic()`` / ``book.atomic(label=…)`` block) is one step; the
data file itself keeps each row's inverse in TEMP triggers (see ``store/history.py``), so undo is
exact for every table, attachments' bytes included, and independent of any widget. Activities moved
to the 回收站 stay recoverable across sessions as before; undo adds the session's own steps on top.

Labels are ``Message`` objects: the save's own label when it gave one, else a description of what
it changed ("add activity", "edit indicator" …), to be shown as "Undo {what}".
"""

from __future__ import annotations

from dataclasses import dataclass

from jixiao.core.errors import N_, Message, StorageError
from jixiao.store.database import Book
from jixiao.store.history import Step

__all__ = [
    "Replayed",
    "can_undo",
    "can_redo",
    "undo",
    "redo",
    "undo_label",
    "redo_label",
    "describe",
    "areas_of",
    "KINDS",
    "Changes",
    "take_changes",
    "clear",
]

# What each table is called in "Undo {what}".
TABLE_NOUNS: dict[str, str] = {
    "fiscal_year": N_("fiscal year"),
    "unit": N_("unit information"),
    "unit_duty": N_("duties"),
    "unit_department": N_("internal departments"),
    "project": N_("project"),
    "task": N_("key task"),
    "activity_type": N_("activity type"),
    "activity": N_("activity"),
    "indicator": N_("indicator"),
    "metric": N_("year figure"),
    "budget_line": N_("budget figures"),
    "year_text": N_("text"),
    "year_list_item": N_("list"),
    "measure": N_("measure"),
    "payment": N_("payment"),
    "attachment": N_("attachment"),
    "final_report": N_("final report"),
    "year_report": N_("report outline and figures"),
}
OTHER_NOUN = N_("data")
# The order in which a save's tables name it: deleting a task also clears its activities' task,
# but the save is "delete key task"; adding an activity also stores its files, but is "add activity".
_RANK = {table: rank for rank, table in enumerate(TABLE_NOUNS)}

VERBS: dict[str, str] = {
    "insert": N_("add {thing}"),
    "update": N_("edit {thing}"),
    "delete": N_("delete {thing}"),
    "trash": N_("move {thing} to the recycle bin"),
    "untrash": N_("restore {thing}"),
    "purge": N_("delete {thing} for good"),
}
SOFT_DELETE_TABLES = frozenset({"activity"})  # their rows go to the 回收站 before a real delete
_OP_RANK = {"delete": 0, "insert": 1, "trash": 2, "untrash": 3, "update": 4}

# Which pages a table's rows appear on (the GUI session's change kinds).
AREAS: dict[str, tuple[str, ...]] = {
    "unit": ("unit",),
    "unit_duty": ("unit",),
    "unit_department": ("unit",),
    "fiscal_year": ("budget", "indicators"),
    "budget_line": ("budget",),
    "year_text": ("texts",),
    "year_list_item": ("texts",),
    "task": ("tasks",),
    "measure": ("tasks",),
    "activity_type": ("types",),
    "activity": ("activities",),
    "attachment": ("activities",),
    "project": ("projects",),
    "payment": ("projects", "budget"),
    "indicator": ("indicators", "projects"),
    "metric": ("metrics",),
    "year_report": ("texts", "budget"),
}
_WHOLE_YEAR = ("year",)  # rows of a table not listed above, or a year added/removed: redraw everything
# Every area a change set may name; a page's ``kinds`` are taken from these.
KINDS: tuple[str, ...] = tuple(dict.fromkeys([*_WHOLE_YEAR, *(a for areas in AREAS.values() for a in areas)]))


@dataclass(frozen=True)
class Replayed:
    """What ``undo``/``redo`` did: ``label`` names the save; ``areas`` are the kinds of data changed."""

    label: Message
    areas: frozenset[str]
    tables: frozenset[str]


def describe(step: Step) -> Message:
    """The "what" of "Undo {what}" for *step*: its own label, else its main change."""
    if step.label:
        return Message(step.label, **step.params)
    if not step.changes:
        return Message(OTHER_NOUN)

    def weight(change: tuple[str, str, int]) -> tuple[int, int]:
        table, op, _count = change
        return _RANK.get(table, len(_RANK)), _OP_RANK.get(op, len(_OP_RANK))

    table, op, _count = min(step.changes, key=weight)
    if op == "delete" and table in SOFT_DELETE_TABLES:
        op = "purge"  # out of the 回收站 for good
    return Message(VERBS.get(op, VERBS["update"]), thing=Message(TABLE_NOUNS.get(table, OTHER_NOUN)))


def areas_of(step: Step) -> frozenset[str]:
    """The change kinds (``gui.session.KINDS``) touched by *step*."""
    return _areas(step.changes)


@dataclass(frozen=True)
class Changes:
    """What the saves since the last ``take_changes`` touched: tables, and the areas (change kinds)
    that show them. ``areas`` holds ``"year"`` (redraw everything) when it cannot be told."""

    tables: frozenset[str]
    areas: frozenset[str]

    def __bool__(self) -> bool:
        return bool(self.areas)


def _areas(changes) -> frozenset[str]:
    found: set[str] = set()
    for table, op, _count in changes:
        if table == "fiscal_year" and op in ("insert", "delete"):
            found.update(_WHOLE_YEAR)
        found.update(AREAS.get(table, _WHOLE_YEAR))
    return frozenset(found)


def take_changes(book: Book) -> Changes:
    """The change set of the saves committed since the previous call (derived from the undo log's
    triggers, so it never depends on what the caller says it changed), and start a new one.

    Without a history (a read-only book) nothing can be told apart: the whole year counts as changed.
    """
    if book.history is None:
        return Changes(frozenset(), frozenset(_WHOLE_YEAR))
    changes = book.history.take_committed()
    return Changes(frozenset(table for table, _op, _n in changes), _areas(changes))


def _history(book: Book):
    if book.history is None:
        raise StorageError(N_("Undo is not available for this data file."))
    return book.history


def can_undo(book: Book) -> bool:
    """True when there is a save of this session to undo."""
    return book.history is not None and book.history.peek("undo") is not None


def can_redo(book: Book) -> bool:
    """True when there is an undone save to redo (a new save clears them)."""
    return book.history is not None and book.history.peek("redo") is not None


def undo_label(book: Book) -> Message | None:
    """What ``undo`` would reverse ("add activity" …), or None."""
    step = book.history.peek("undo") if book.history is not None else None
    return describe(step) if step else None


def redo_label(book: Book) -> Message | None:
    """What ``redo`` would repeat, or None."""
    step = book.history.peek("redo") if book.history is not None else None
    return describe(step) if step else None


def _replayed(step: Step | None) -> Replayed | None:
    if step is None:
        return None
    return Replayed(describe(step), areas_of(step), step.tables)


def undo(book: Book) -> Replayed | None:
    """Reverse the newest save in one transaction; None when there is nothing to undo.

    :raises StorageError: the undo could not be written (nothing was changed).
    """
    return _replayed(_history(book).undo())


def redo(book: Book) -> Replayed | None:
    """Repeat the newest undone save in one transaction; None when there is nothing to redo."""
    return _replayed(_history(book).redo())


def clear(book: Book) -> None:
    """Forget this session's steps (the data stay as they are)."""
    _history(book).clear()
