"""What every page shares: the session, the asker, translation, navigation, and redraw-on-change."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from jixiao.core.errors import ValidationError
from jixiao.core.model import FiscalYear
from jixiao.gui.ask import Asker, show_error
from jixiao.gui.session import Session


def moved(keys: list, key: object, step: int) -> list | None:
    """*keys* with *key* moved *step* places (-1 up, 1 down); None when it would leave the list."""
    index = keys.index(key)
    if not 0 <= index + step < len(keys):
        return None
    order = list(keys)
    order.insert(index + step, order.pop(index))
    return order


@dataclass
class PageContext:
    """Handed to every page: the open session, how to ask, how to translate, how to go elsewhere."""

    session: Session
    asker: Asker
    gettext: Callable[[str], str]
    navigate: Callable[..., None]  # navigate(page_key, **target)
    settings: object = None


class Page(QWidget):
    """A page redraws (``refresh``) when data of one of the areas it reads (``kinds``) changed,
    lazily when hidden."""

    key = ""
    kinds: tuple[str, ...] = ()

    def __init__(self, context: PageContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.session = context.session
        self.asker = context.asker
        self._ = context.gettext
        self._dirty = True
        self.session.changed.connect(self._on_changed)
        self.session.yearChanged.connect(lambda: self._on_changed(frozenset({"year"})))
        self.session.yearRead.connect(self._on_year_read)

    def _on_changed(self, areas: frozenset[str]) -> None:
        if "year" in areas or not areas.isdisjoint(self.kinds):
            self._dirty = True
            if self.isVisible():
                self.refresh_now()

    def _on_year_read(self) -> None:
        """A large year was read in the background: what was drawn without it is drawn again."""
        self._on_changed(frozenset({"year"}))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._dirty:
            self.refresh_now()

    def refresh_now(self) -> None:
        self._dirty = False
        if self.session.book is None or self.session.book.closed:
            return  # a deferred refresh that arrives after its file was closed
        try:
            self.refresh()
        except Exception as error:  # noqa: BLE001 - a page that cannot draw must not take the window down
            show_error(self.asker, error, self._)

    def refresh(self) -> None:
        """Redraw from the session (subclasses)."""

    def open_year(self) -> FiscalYear | None:
        """The session's current year, or None once its file is closed (for timers and tooltips
        that may come after that), and None while a large year is still being read (live figures
        then show no value until ``session.yearRead``)."""
        if self.session.book is None or self.session.book.closed:
            return None
        if self.session.is_large():
            return self.session.cached_year()
        return self.session.fiscal_year()

    def navigate_to(self, **target) -> None:
        """Show the record(s) *target* names (subclasses)."""

    def flush(self) -> None:
        """Commit what is still being typed."""
        from jixiao.gui.widgets.fields import flush_edits  # the field classes: not needed to start

        flush_edits(self)

    def run(self, function, *args, errors: Callable[[ValidationError], bool] | None = None, **kwargs):
        """Call a service through the session; show any error. Returns ``(ok, result)``.

        *errors* may place a ValidationError's problems next to fields; when it returns True the
        error counts as shown.
        """
        try:
            return True, self.session.call(function, *args, **kwargs)
        except ValidationError as error:
            if errors is None or not errors(error):
                show_error(self.asker, error, self._)
            return False, None
        except Exception as error:  # noqa: BLE001 - shown translated, never a crash
            show_error(self.asker, error, self._)
            return False, None

    def add_and_select(self, listing, function, *args, errors=None) -> None:
        """Add a record through the service *function* (it returns the new key), then select it in
        *listing* (an ``OrderedList``) with its "new item" field cleared."""
        ok, key = self.run(function, *args, errors=errors)
        if ok:
            listing.added()
            listing.select_key(key)
