"""An ordered list the clerk reorders by dragging (or with Move up/down) — tasks, measures, problems …"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

KEY_ROLE = Qt.ItemDataRole.UserRole


class OrderedList(QWidget):
    """A list of ``(key, text)`` items with Add / Remove / Move buttons and drag-to-reorder.

    Signals carry keys: ``reordered(list_of_keys)``, ``removeRequested(key)``, ``addRequested(text)``
    (the text typed in the "new item" field), ``currentKeyChanged(key or None)``. The owner saves
    through a service and calls ``set_items``.
    """

    reordered = Signal(list)
    removeRequested = Signal(object)
    addRequested = Signal(str)
    currentKeyChanged = Signal(object)

    def __init__(
        self, gettext: Callable[[str], str], numbered: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        _ = gettext
        self.numbered = numbered
        self.list = QListWidget()
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.model().rowsMoved.connect(self._moved)
        self.list.currentItemChanged.connect(lambda *_: self.currentKeyChanged.emit(self.current_key()))
        self.new_text = QLineEdit()
        self.new_text.setObjectName("newItemText")
        self.new_text.setPlaceholderText(_("New item…"))
        self.new_text.returnPressed.connect(self._add)
        self.add_button = QPushButton(_("Add"))
        self.add_button.setObjectName("addItem")
        self.remove_button = QPushButton(_("Remove"))
        self.up_button = QPushButton(_("Move up"))
        self.down_button = QPushButton(_("Move down"))
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(self._remove)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        adding = QHBoxLayout()
        adding.addWidget(self.new_text, 1)
        adding.addWidget(self.add_button)
        buttons = QHBoxLayout()
        for button in (self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(adding)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)

    # -- content ----------------------------------------------------------------------------------

    def wire(
        self,
        name: str,
        placeholder: str,
        add: Callable[[str], object],
        remove: Callable[[object], object],
        reorder: Callable[[list], object],
        selected: Callable[[object], object],
    ) -> OrderedList:
        """Name the list, say what a new item is, and connect its four requests; returns the list."""
        self.setObjectName(name)
        self.new_text.setPlaceholderText(placeholder)
        self.addRequested.connect(add)
        self.removeRequested.connect(remove)
        self.reordered.connect(reorder)
        self.currentKeyChanged.connect(selected)
        return self

    def set_items(self, items: list[tuple[object, str]], current: object = None) -> None:
        """Show *items*; keep *current* (a key) selected when given, else the current key."""
        keep = current if current is not None else self.current_key()
        self.list.blockSignals(True)
        self.list.model().blockSignals(True)
        self.list.clear()
        for index, (key, text) in enumerate(items):
            item = QListWidgetItem(f"{index + 1}. {text}" if self.numbered else text)
            item.setData(KEY_ROLE, key)
            item.setToolTip(text)
            self.list.addItem(item)
        self.list.model().blockSignals(False)
        self.list.blockSignals(False)
        self.list.reset()
        row = self.keys().index(keep) if keep in self.keys() else (0 if items else -1)
        self.list.setCurrentRow(row)
        self.currentKeyChanged.emit(self.current_key())

    def keys(self) -> list:
        return [self.list.item(i).data(KEY_ROLE) for i in range(self.list.count())]

    def current_key(self):
        item = self.list.currentItem()
        return item.data(KEY_ROLE) if item is not None else None

    def select_key(self, key) -> None:
        if key in self.keys():
            self.list.setCurrentRow(self.keys().index(key))

    # -- reordering -------------------------------------------------------------------------------
    def move_current(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or step == 0 or not 0 <= target < self.list.count():
            return
        keys = self.keys()
        keys.insert(target, keys.pop(row))
        self.reordered.emit(keys)

    def move_row(self, row: int, target: int) -> None:
        """Move the item at *row* to position *target* as a drag does (used by drag and by tests)."""
        destination = target + 1 if target > row else target
        self.list.model().moveRow(QModelIndex(), row, QModelIndex(), destination)

    def _moved(self, *_args) -> None:
        # After the drop has finished: the owner saves and redraws the list.
        keys = self.keys()
        QTimer.singleShot(0, lambda: self.reordered.emit(keys))

    def _add(self) -> None:
        text = self.new_text.text().strip()
        if text:
            self.addRequested.emit(text)

    def added(self) -> None:
        """The owner saved the new item: empty the field for the next one."""
        self.new_text.clear()

    def _remove(self) -> None:
        key = self.current_key()
        if key is not None:
            self.removeRequested.emit(key)
