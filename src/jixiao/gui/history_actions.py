"""Edit › Undo / Redo: two actions over ``services.history``, labelled with what they would reverse.

Undo is kept in the data layer (TEMP triggers, see ``store/history.py``); this module only shows it:
the actions' text and enabled state follow the open session, and after an undo or redo the pages
are told which kinds of data changed, so the page on screen redraws at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from jixiao.gui.ask import show_error
from jixiao.gui.session import Session
from jixiao.services import history


class HistoryActions(QObject):
    """The Undo (Ctrl+Z) and Redo (Ctrl+Shift+Z, Ctrl+Y) actions of *window*, added to *menu*."""

    def __init__(self, window: QMainWindow, menu: QMenu, gettext: Callable[[str], str]) -> None:
        super().__init__(window)
        self.window = window
        self._ = gettext
        self.session: Session | None = None
        self.undo_action = QAction(self._("&Undo"), window)
        self.undo_action.setObjectName("actionUndo")
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction(self._("&Redo"), window)
        self.redo_action.setObjectName("actionRedo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        first = menu.actions()[0] if menu.actions() else None
        menu.insertAction(first, self.undo_action)
        menu.insertAction(first, self.redo_action)
        if first is not None:
            menu.insertSeparator(first)
        menu.aboutToShow.connect(self.update)
        self.update()

    def set_session(self, session: Session | None) -> None:
        """Follow *session* (None: no file open, both actions off)."""
        if self.session is not None:
            for signal in (self.session.saved, self.session.changed, self.session.yearChanged):
                try:
                    signal.disconnect(self.update)
                except (RuntimeError, TypeError):
                    pass
        self.session = session
        if session is not None:
            session.saved.connect(self.update)
            session.changed.connect(self.update)
            session.yearChanged.connect(self.update)
        self.update()

    def update(self, *_args) -> None:
        """Refresh both actions' text and enabled state from the history."""
        _ = self._
        book = self.session.book if self.session is not None else None
        usable = book is not None and not book.closed
        for action, label_of, plain, labelled in (
            (self.undo_action, history.undo_label, _("&Undo"), _("&Undo {what}")),
            (self.redo_action, history.redo_label, _("&Redo"), _("&Redo {what}")),
        ):
            label = label_of(book) if usable else None
            action.setEnabled(label is not None)
            action.setText(labelled.format(what=label.translated(_)) if label is not None else plain)

    def undo(self) -> None:
        self._replay(history.undo, self._("Undone: {what}"))

    def redo(self) -> None:
        self._replay(history.redo, self._("Redone: {what}"))

    def _replay(self, function, done_text: str) -> None:
        session = self.session
        if session is None:
            return
        flush = getattr(self.window, "flush", None)
        if flush is not None:
            flush()  # what is still being typed is saved first (and becomes the step to undo)
        try:
            replayed = function(session.book)
        except Exception as error:  # noqa: BLE001 - shown translated; nothing was changed
            show_error(self.window.asker, error, self._)
            self.update()
            return
        if replayed is not None:
            years = [row[0] for row in session.years()]
            if session.year_id not in years and years:
                session.set_year(years[-1])  # the year on screen was itself undone
            session.announce(replayed.areas)
            session.saved.emit(dt.datetime.now())
            self.window.statusBar().showMessage(
                done_text.format(what=replayed.label.translated(self._)), 8000
            )
        self.update()
