"""The open data file as the window sees it: the book, the chosen year, and change notices.

Every write goes through ``Session.call(service_function, …)``: it runs the service (one committed
transaction), then announces the areas of data that save touched, as the undo log's triggers recorded
them (``services.history.take_changes``), so each page redraws when an area it reads changed. Errors from the
core come back as exceptions for the caller to show (see ``ask.show_error``). Reads go through
services and core functions; the whole year (``fiscal_year()``) is cached until something changes.

A year of more than ``core.activities.LARGE_YEAR`` activities (``is_large()``) takes seconds to read:
the window does not read it when the file opens; the overview reads it off the GUI thread and hands
it over with ``adopt_year`` (the activities list reads its rows as shown, not the whole year).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from jixiao.core.activities import LARGE_YEAR
from jixiao.core.i18n import Translator
from jixiao.core.model import FiscalYear, Unit
from jixiao.services import activities as activity_service
from jixiao.services import history as history_service
from jixiao.services import unit as unit_service
from jixiao.services import years as years_service
from jixiao.services.files import Book
from jixiao.services.years import YearOutline

# The areas a write may change (``services.history.AREAS``); pages declare the ones they read.
KINDS = history_service.KINDS


class Session(QObject):
    """One open book, the current year, and the ``changed`` notices pages redraw from."""

    changed = Signal(object)  # frozenset of areas from KINDS
    yearChanged = Signal()
    saved = Signal(object)  # datetime of the commit
    yearRead = Signal()  # a large year, read off the GUI thread, is now cached (``adopt_year``)

    def __init__(
        self, book: Book, translator: Translator, today: Callable[[], dt.date] = dt.date.today
    ) -> None:
        super().__init__()
        self.book = book
        self.translator = translator
        self.today = today
        self.year_id: int | None = None
        self._year_cache: FiscalYear | None = None
        self._outline_cache: YearOutline | None = None
        self._large: bool | None = None
        self.generation = 0  # counts the changes: a year read before one is stale
        self.changed.connect(self._forget)
        years = self.years()
        if years:
            self.year_id = years[-1][0]

    # -- reading ----------------------------------------------------------------------------------
    def unit(self) -> Unit | None:
        return unit_service.get_unit(self.book)

    def years(self) -> list[tuple[int, str, int]]:
        """``(year_id, unit name, year)`` of the file's unit, oldest first."""
        return sorted(years_service.list_years(self.book), key=lambda row: row[2])

    @property
    def year(self) -> int | None:
        outline = self.outline()
        return outline.year if outline else None

    def fiscal_year(self) -> FiscalYear | None:
        """The current year in full (cached until a change)."""
        if self.year_id is None:
            return None
        if self._year_cache is None:
            self._year_cache = years_service.load_year(self.book, self.year_id)
        return self._year_cache

    def cached_year(self) -> FiscalYear | None:
        """The current year if it is read already (None: not read since the last change)."""
        return self._year_cache

    def adopt_year(self, fy: FiscalYear, generation: int) -> bool:
        """Take *fy*, read elsewhere (a thread) when ``generation`` was *generation*, as the cached
        year; False (nothing taken) when something changed since."""
        if generation != self.generation or fy.id != self.year_id:
            return False
        self._year_cache = fy
        # announced on the next turn of the event loop, not from inside the slot that received the
        # thread's result: emitted there, PySide 6.12 ended the process on exit with a reference
        # count error ("deallocating None") in 3 of 3 runs with 1,000,000 activities, deferred in 0 of 3
        QTimer.singleShot(0, self.yearRead.emit)
        return True

    def is_large(self) -> bool:
        """Whether the current year has more than ``LARGE_YEAR`` activities (see the module)."""
        if self.year_id is None:
            return False
        if self._large is None:
            self._large = activity_service.count_activities(self.book, self.year_id) > LARGE_YEAR
        return self._large

    def outline(self) -> YearOutline | None:
        """Tasks, measures and activity types of the current year, without activities (cached)."""
        if self.year_id is None:
            return None
        if self._outline_cache is None:
            self._outline_cache = years_service.load_outline(self.book, self.year_id)
        return self._outline_cache

    def set_year(self, year_id: int) -> None:
        if year_id == self.year_id:
            return
        self.year_id = year_id
        self._forget(frozenset({"year"}))
        self.yearChanged.emit()

    # -- writing ----------------------------------------------------------------------------------
    def call(self, function: Callable, *args, **kwargs):
        """Run the service *function* with the book and *args* (one user action, one save), then
        announce the areas its committed save touched."""
        history_service.take_changes(self.book)  # drop what an earlier failed commit may have left
        result = function(self.book, *args, **kwargs)
        changes = history_service.take_changes(self.book)
        if changes:
            self.changed.emit(changes.areas)
        self.saved.emit(dt.datetime.now())
        return result

    def announce(self, areas) -> None:
        """Tell the pages that *areas* changed (after an undo or redo, which are not ``call``s)."""
        areas = frozenset(areas)
        if areas:
            self.changed.emit(areas)

    def _forget(self, areas: frozenset[str]) -> None:
        self.generation += 1
        self._year_cache = None
        if areas & {"year", "activities"}:
            self._large = None
        if areas & {"year", "tasks", "types"}:
            self._outline_cache = None
