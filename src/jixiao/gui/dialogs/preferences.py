"""Preferences: the interface language (中文 by default, English available)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout

LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


class PreferencesDialog(QDialog):
    def __init__(self, gettext: Callable[[str], str], current: str, languages, parent=None) -> None:
        super().__init__(parent)
        _ = gettext
        self.setWindowTitle(_("Preferences"))
        self.language_box = QComboBox()
        self.language_box.setObjectName("languageBox")
        for code in languages:
            self.language_box.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language_box.setCurrentIndex(max(self.language_box.findData(current), 0))
        form = QFormLayout()
        form.addRow(_("Language"), self.language_box)
        note = QLabel(_("Reports are always written in Chinese; this changes the menus and forms."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)

    def language(self) -> str:
        return self.language_box.currentData()
