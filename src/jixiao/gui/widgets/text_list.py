"""An ordered list of plain texts (duties, goals, problems …) with an editor for the selected item.

The whole list is saved through one callback (``save(list_of_texts) -> bool``) on every change.
Given a *year* (lists whose items may hold live figures: problems, improvements), the editor shows
the figures as chips with their current value on hover (``widgets.narrative.NarrativeEdit``).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from jixiao.gui.widgets.fields import CommitTextEdit
from jixiao.gui.widgets.narrative import NarrativeEdit, YearSource
from jixiao.gui.widgets.ordered_list import OrderedList


class TextListEditor(QWidget):
    def __init__(
        self,
        gettext: Callable[[str], str],
        save: Callable[[list[str]], bool],
        confirm_remove=None,
        parent: QWidget | None = None,
        year: YearSource | None = None,
    ) -> None:
        super().__init__(parent)
        _ = gettext
        self._save = save
        self._confirm_remove = confirm_remove
        self.items: list[str] = []
        self.list = OrderedList(gettext)
        self.editor = NarrativeEdit(gettext, year) if year is not None else CommitTextEdit()
        self.editor.setObjectName("itemEditor")
        self.editor.setPlaceholderText(_("Select an item to edit its text here."))
        self.editor.setFixedHeight(self.fontMetrics().height() * 5 + 12)
        self.list.addRequested.connect(self._add)
        self.list.removeRequested.connect(self._remove)
        self.list.reordered.connect(self._reordered)
        self.list.currentKeyChanged.connect(self._selected)
        self.editor.committed.connect(self._edited)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list, 1)
        layout.addWidget(QLabel(_("Text of the selected item")))
        layout.addWidget(self.editor)

    def set_texts(self, texts: list[str]) -> None:
        self.items = list(texts)
        self.list.set_items(list(enumerate(self.items)))

    def _store(self, texts: list[str], current: int | None) -> bool:
        if not self._save(texts):
            self.list.set_items(list(enumerate(self.items)))
            return False
        self.items = list(texts)
        self.list.set_items(list(enumerate(self.items)), current=current)
        return True

    def _add(self, text: str) -> None:
        if self._store([*self.items, text], len(self.items)):
            self.list.added()

    def _remove(self, index: int) -> None:
        if self._confirm_remove is not None and not self._confirm_remove(self.items[index]):
            return
        texts = [t for i, t in enumerate(self.items) if i != index]
        self._store(texts, min(index, len(texts) - 1) if texts else None)

    def _reordered(self, keys: list[int]) -> None:
        current = self.list.current_key()
        texts = [self.items[i] for i in keys]
        self._store(texts, keys.index(current) if current in keys else None)

    def _selected(self, index) -> None:
        self.editor.commit()
        self.editor.setEnabled(index is not None)
        self.editor.set_value(self.items[index] if index is not None and index < len(self.items) else "")
        self._editing = index

    def _edited(self, text: str) -> None:
        index = getattr(self, "_editing", None)
        if index is None or index >= len(self.items) or not text.strip() or text == self.items[index]:
            return
        texts = list(self.items)
        texts[index] = text.strip()
        self._store(texts, index)
