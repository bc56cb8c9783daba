"""Preferences: language, the year's layout profile, report fonts, backups, where the data file is.

Font choices and moving the data file take effect at once (each is checked as it is made); the
other settings when the dialog is closed with OK (the application controller applies them).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
)

from jixiao.gui.ask import show_error
from jixiao.gui.widgets.layout import layout_widget
from jixiao.services.files import DEFAULT_RETENTION, Retention

LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}


class PreferencesDialog(QDialog):
    move_requested = Signal()

    def __init__(
        self,
        gettext: Callable[[str], str],
        current: str,
        languages,
        parent=None,
        *,
        asker=None,
        settings=None,
        layout: str | None = None,
        backup_folder: Path | None = None,
        default_backup_folder: Path | None = None,
        retention: Retention = DEFAULT_RETENTION,
        data_path: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self._ = _ = gettext
        self.asker = asker
        self.settings = settings
        self.fonts_changed = False
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(_("Preferences"))

        # -- language and layout ----------------------------------------------------------------
        self.language_box = QComboBox()
        self.language_box.setObjectName("languageBox")
        for code in languages:
            self.language_box.addItem(LANGUAGE_NAMES.get(code, code), code)
        self.language_box.setCurrentIndex(max(self.language_box.findData(current), 0))
        self.layout_box = QComboBox()
        self.layout_box.setObjectName("preferencesLayout")
        self.layout_box.addItem(_("GB/T 9704 official layout"), "gbt9704")
        self.layout_box.addItem(_("Word default layout"), "word")
        self.layout_box.setCurrentIndex(max(self.layout_box.findData(layout), 0))
        self.layout_box.setEnabled(layout is not None)
        general = QFormLayout()
        general.addRow(_("Language"), self.language_box)
        note = QLabel(_("Reports are always written in Chinese; this changes the menus and forms."))
        note.setWordWrap(True)
        general.addRow("", note)
        general.addRow(_("Layout of this year's report"), self.layout_box)

        # -- fonts ------------------------------------------------------------------------------
        self.fonts = None
        fonts_box = QGroupBox(_("Report fonts"))
        fonts_layout = QVBoxLayout(fonts_box)
        if settings is not None and asker is not None:
            from jixiao.gui.widgets.font_roles import FontRolesEditor

            self.fonts = FontRolesEditor(_, asker, settings)
            self.fonts.changed.connect(self._fonts_changed)
            fonts_layout.addWidget(self.fonts)
            self._show_fonts()
        else:
            fonts_box.hide()

        # -- backups ----------------------------------------------------------------------------
        self.default_backup_folder = default_backup_folder
        self.backup_edit = QLineEdit(str(backup_folder) if backup_folder else "")
        self.backup_edit.setObjectName("backupFolder")
        self.backup_edit.setPlaceholderText(
            str(default_backup_folder) if default_backup_folder else _("beside the data file")
        )
        choose = QPushButton(_("Choose…"))
        choose.setObjectName("chooseBackupFolder")
        choose.clicked.connect(self._choose_backup_folder)
        beside = QPushButton(_("Beside the data file"))
        beside.setObjectName("defaultBackupFolder")
        beside.clicked.connect(lambda: self.backup_edit.setText(""))
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.backup_edit, 1)
        folder_row.addWidget(choose)
        folder_row.addWidget(beside)
        self.keep_all = self._spin("keepAllDays", 1, 365, retention.keep_all_days, _(" days"))
        self.daily = self._spin("keepDaily", 0, 366, retention.daily, _(" days"))
        self.weekly = self._spin("keepWeekly", 0, 520, retention.weekly, _(" weeks"))
        self.monthly = self._spin("keepMonthly", 0, 240, retention.monthly, _(" months"))
        backups_box = QGroupBox(_("Backups"))
        backups = QFormLayout(backups_box)
        backups.addRow(_("Folder"), layout_widget(folder_row))
        backups.addRow(_("Keep every backup for"), self.keep_all)
        backups.addRow(_("then one a day for"), self.daily)
        backups.addRow(_("then one a week for"), self.weekly)
        backups.addRow(_("then one a month for"), self.monthly)

        # -- the data file ----------------------------------------------------------------------
        self.data_label = QLabel(str(data_path) if data_path else _("No data file is open."))
        self.data_label.setObjectName("dataFilePath")
        self.data_label.setWordWrap(True)
        self.move_button = QPushButton(_("Move the data file…"))
        self.move_button.setObjectName("moveDataFile")
        self.move_button.setToolTip(
            _("Copies the file to the new place, checks the copy, opens it, then deletes the old file.")
        )
        self.move_button.setEnabled(data_path is not None)
        self.move_button.clicked.connect(self.move_requested.emit)
        data_box = QGroupBox(_("Data file"))
        data_layout = QHBoxLayout(data_box)
        data_layout.addWidget(self.data_label, 1)
        data_layout.addWidget(self.move_button)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(general)
        layout.addWidget(fonts_box, 1)
        layout.addWidget(backups_box)
        layout.addWidget(data_box)
        layout.addWidget(buttons)
        self.resize(720, 640)

    def _spin(self, name: str, low: int, high: int, value: int, suffix: str) -> QSpinBox:
        box = QSpinBox()
        box.setObjectName(name)
        box.setRange(low, high)
        box.setValue(value)
        box.setSuffix(suffix)
        return box

    def _show_fonts(self) -> None:
        from jixiao.gui.widgets.font_roles import font_choices
        from jixiao.services.report_job import describe_fonts

        try:
            self.fonts.set_fonts(describe_fonts(font_choices(self.settings)))
        except Exception as error:  # noqa: BLE001 - e.g. a chosen font file was deleted since
            show_error(self.asker, error, self._)

    def _fonts_changed(self) -> None:
        self.fonts_changed = True
        self._show_fonts()

    def _choose_backup_folder(self) -> None:
        start = self.backup_edit.text() or str(self.default_backup_folder or Path.home())
        folder = QFileDialog.getExistingDirectory(self, self._("Folder for backups"), start)
        if folder:
            self.backup_edit.setText(folder)

    # -- what was chosen ------------------------------------------------------------------------------
    def language(self) -> str:
        return self.language_box.currentData()

    def layout_profile(self) -> str | None:
        return self.layout_box.currentData() if self.layout_box.isEnabled() else None

    def backup_folder(self) -> Path | None:
        text = self.backup_edit.text().strip()
        return Path(text) if text else None

    def retention(self) -> Retention:
        return Retention(self.keep_all.value(), self.daily.value(), self.weekly.value(), self.monthly.value())

    def set_data_path(self, path: Path, default_backup_folder: Path | None = None) -> None:
        self.data_label.setText(str(path))
        self.default_backup_folder = default_backup_folder
        if default_backup_folder:
            self.backup_edit.setPlaceholderText(str(default_backup_folder))
