"""The indicator library dialog: choose indicators from ``core.indicator_library``."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from jixiao.core import indicator_library
from jixiao.core.model import Indicator


class LibraryDialog(QDialog):
    """Choose indicators from the library: search by name (or pinyin initials, ``pxrc`` for 培训人次),
    filter by 一级/二级指标, those suiting the unit's kind first (all kinds on request)."""

    def __init__(self, gettext, parent=None, kind: str | None = None) -> None:
        super().__init__(parent)
        _ = gettext
        self._ = gettext
        self.kind = kind
        self.library = indicator_library.default_library()
        self.setWindowTitle(_("Indicator library"))
        self.setObjectName("libraryDialog")
        self.search = QLineEdit()
        self.search.setObjectName("librarySearch")
        self.search.setPlaceholderText(_("Search by name or pinyin initials (e.g. pxrc)"))
        self.search.setClearButtonEnabled(True)
        self.level1 = QComboBox()
        self.level1.setObjectName("libraryLevel1")
        self.level1.addItem(_("All level-1 indicators"), None)
        for level in self.library.framework:
            self.level1.addItem(level.level1, level.level1)
        self.level2 = QComboBox()
        self.level2.setObjectName("libraryLevel2")
        self.all_kinds = QCheckBox(_("Show indicators of other kinds of unit"))
        self.all_kinds.setObjectName("libraryAllKinds")
        self.all_kinds.setVisible(kind is not None)
        self.list = QListWidget()
        self.list.setObjectName("libraryList")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        self.count = QLabel()
        self.count.setObjectName("libraryCount")
        self._chosen: set[str] = set()
        self.search.textChanged.connect(lambda _t: self.fill())
        self.level1.currentIndexChanged.connect(self._level1_changed)
        self.level2.currentIndexChanged.connect(lambda _i: self.fill())
        self.all_kinds.toggled.connect(lambda _on: self.fill())
        self.list.itemSelectionChanged.connect(self._remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.level1, 1)
        filters.addWidget(self.level2, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(_("Select the indicators to add; adjust targets and points afterwards.")))
        layout.addLayout(filters)
        layout.addWidget(self.all_kinds)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.count)
        layout.addWidget(buttons)
        self._level1_changed()
        self.resize(760, 560)

    def _level1_changed(self) -> None:
        level1 = self.level1.currentData()
        self.level2.blockSignals(True)
        self.level2.clear()
        self.level2.addItem(self._("All level-2 indicators"), None)
        for level in self.library.framework:
            if level1 is None or level.level1 == level1:
                for name in level.level2:
                    self.level2.addItem(name, name)
        self.level2.blockSignals(False)
        self.fill()

    def entries(self) -> list:
        """The entries the search and filters let through, grouped by 一级 and 二级 indicator."""
        kind = None if self.all_kinds.isChecked() else self.kind
        found = self.library.search(
            self.search.text(), kind, self.level1.currentData(), self.level2.currentData()
        )
        order = {
            (level.level1, name): (i, j)
            for i, level in enumerate(self.library.framework)
            for j, name in enumerate(level.level2)
        }
        return sorted(found, key=lambda e: order.get((e.level1, e.level2), (99, 99)))

    def fill(self) -> None:
        self._filling = True
        self.list.clear()
        for entry in self.entries():
            target = f"{entry.target}{entry.unit}" if entry.target else entry.unit
            item = QListWidgetItem(
                f"{entry.level1} › {entry.level2} › {entry.level3}  ({target}, {entry.points})"
            )
            item.setData(Qt.ItemDataRole.UserRole, entry.key)
            self.list.addItem(item)
            item.setSelected(entry.key in self._chosen)
        self._filling = False
        shown = self.list.count()
        self.count.setText(
            self._("{shown} indicators shown, {chosen} chosen").format(shown=shown, chosen=len(self._chosen))
            if shown
            else self._("No indicator matches. Try fewer characters, or show other kinds of unit.")
        )

    def _remember(self) -> None:
        """Choices survive a new search: what is selected in the list now, plus what was chosen
        among entries not shown."""
        if getattr(self, "_filling", False):
            return
        shown = {self.list.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.list.count())}
        selected = {item.data(Qt.ItemDataRole.UserRole) for item in self.list.selectedItems()}
        self._chosen = (self._chosen - shown) | selected
        self.count.setText(
            self._("{shown} indicators shown, {chosen} chosen").format(
                shown=self.list.count(), chosen=len(self._chosen)
            )
        )

    def chosen(self) -> list[Indicator]:
        keys = [e.key for e in self.library.indicators if e.key in self._chosen]  # library order
        return [self.library.get(key).to_indicator() for key in keys]
