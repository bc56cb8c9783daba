"""The report's font roles: which file each role was resolved to, and the clerk's own choice per role.

Choices are kept in the settings (``report/fonts``: JSON ``{role: [file, face index]}``) and passed
to the typesetter; a chosen file is validated (TrueType outlines, Chinese glyphs) before it is kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.errors import N_
from jixiao.gui.ask import Asker, show_error

FONTS_KEY = "report/fonts"
FONT_FILTER_MSGID = N_("TrueType fonts (*.ttf *.ttc *.TTF *.TTC);;All files (*)")
ORIGIN_LABELS = {
    "user": N_("your choice"),
    "system": N_("installed on this computer"),
    "bundled": N_("shipped with jixiao"),
}
ROLE_DATA = Qt.ItemDataRole.UserRole


def font_choices(settings) -> dict[str, tuple[str, int]]:
    """The clerk's font file per role, from *settings* (``{}`` when none or unreadable)."""
    if settings is None:
        return {}
    raw = settings.value(FONTS_KEY, "")
    try:
        data = json.loads(raw) if raw else {}
        return {str(role): (str(value[0]), int(value[1])) for role, value in data.items()}
    except (TypeError, ValueError, IndexError, KeyError, AttributeError):
        return {}


def set_font_choice(settings, role: str, path: str | None, face: int = 0) -> None:
    """Keep (or with *path* None, forget) the clerk's font file for *role*."""
    choices = font_choices(settings)
    if path is None:
        choices.pop(role, None)
    else:
        choices[role] = (str(path), int(face))
    settings.setValue(FONTS_KEY, json.dumps({r: list(v) for r, v in choices.items()}, ensure_ascii=False))
    settings.sync()


class FontRolesEditor(QWidget):
    """A table of the roles and their faces, with "choose a file" and "automatic" per role."""

    changed = Signal()  # a choice was made or cleared (settings already updated)

    def __init__(self, gettext: Callable[[str], str], asker: Asker, settings, parent=None) -> None:
        super().__init__(parent)
        self._ = _ = gettext
        self.asker = asker
        self.settings = settings
        self.table = QTreeWidget()
        self.table.setObjectName("fontRoles")
        self.table.setRootIsDecorated(False)
        self.table.setWordWrap(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setHeaderLabels([_("Role"), _("Font"), _("Source"), _("File")])
        self.table.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.header().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._selection)
        self.choose = QPushButton(_("Choose a font file…"))
        self.choose.setObjectName("chooseFont")
        self.choose.clicked.connect(self.choose_file)
        self.automatic = QPushButton(_("Automatic"))
        self.automatic.setObjectName("automaticFont")
        self.automatic.setToolTip(_("Use the installed official face, else the one shipped with jixiao."))
        self.automatic.clicked.connect(self.clear_choice)
        buttons = QHBoxLayout()
        buttons.addWidget(self.choose)
        buttons.addWidget(self.automatic)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.set_fonts([])

    def set_fonts(self, used: list) -> None:
        """Show the faces the last report used (``services.report_job.FontUsed`` items)."""
        _ = self._
        role = self.current_role()
        self.table.clear()
        if not used:
            placeholder = _("The fonts are shown once the preview has been made.")
            item = QTreeWidgetItem([placeholder, "", "", ""])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setToolTip(0, placeholder)
            self.table.addTopLevelItem(item)
            item.setFirstColumnSpanned(True)  # the whole width: in English it is wider than "Role"
        for font in used:
            origin = (
                _("fallback") if font.role == "fallback" else _(ORIGIN_LABELS.get(font.origin, font.origin))
            )
            path = font.path + (f" #{font.subfont}" if font.subfont else "")
            item = QTreeWidgetItem([_(font.label), font.family, origin, path])
            item.setToolTip(3, path)
            if font.role == "fallback":
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setData(0, ROLE_DATA, font.role)
            self.table.addTopLevelItem(item)
            if font.role == role:
                item.setSelected(True)
                self.table.setCurrentItem(item)
        self._selection()

    def current_role(self) -> str | None:
        item = self.table.currentItem()
        return item.data(0, ROLE_DATA) if item is not None and item.isSelected() else None

    def select_role(self, role: str) -> None:
        for index in range(self.table.topLevelItemCount()):
            item = self.table.topLevelItem(index)
            if item.data(0, ROLE_DATA) == role:
                self.table.setCurrentItem(item)
                item.setSelected(True)

    def _selection(self) -> None:
        role = self.current_role()
        self.choose.setEnabled(role is not None)
        self.automatic.setEnabled(role is not None and role in font_choices(self.settings))

    def choose_file(self) -> bool:
        """Ask for a font file for the selected role, check it, keep it. True when one was kept."""
        from jixiao.services.report_job import validate_font

        _ = self._
        role = self.current_role()
        if role is None:
            return False
        path = self.asker.open_file(_("Choose a font file"), _(FONT_FILTER_MSGID))
        if not path:
            return False
        face = 0
        if Path(path).suffix.lower() == ".ttc":
            face = self.asker.get_int(
                _("Font collection"), _("Which face of the collection (0 is the first)?"), 0, 0, 63
            )
            if face is None:
                return False
        try:
            validate_font(path, face)
        except Exception as error:  # noqa: BLE001 - FontError and OS errors, shown translated
            show_error(self.asker, error, _)
            return False
        set_font_choice(self.settings, role, path, face)
        self._selection()
        self.changed.emit()
        return True

    def clear_choice(self) -> None:
        role = self.current_role()
        if role is None:
            return
        set_font_choice(self.settings, role, None)
        self._selection()
        self.changed.emit()
