"""File › Backups and restore: the backups of the open data file, back up now, restore, export;
and the damaged-file message with its Restore button.

Restoring goes through the application controller: it closes the file, puts the backup in its
place (the file as it was is backed up first, ``store.backups.restore``) and opens it again.
A backup dated in the future (the clock was wrong) is listed last and marked.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from jixiao.core.errors import N_
from jixiao.services.files import RISKY_STORAGE_WARNING, list_backups

PATH_ROLE = Qt.ItemDataRole.UserRole
REASONS = {
    "manual": N_("made by hand"),
    "open": N_("daily, when the file was opened"),
    "close": N_("when the file was closed"),
    "periodic": N_("every 30 minutes of work"),
    "before-migration": N_("before an upgrade of the file"),
    "before-restore": N_("the file as it was before a restore"),
    "before-move": N_("before the file was moved"),
}


def size_text(size: int, gettext) -> str:
    """A file size for people: KB below 1 MB, else MB with one decimal."""
    if size < 1024 * 1024:
        return gettext("{size} KB").format(size=max(1, round(size / 1024)))
    megabytes = format(size / 1024 / 1024, ".1f")
    return gettext("{size} MB").format(size=megabytes)


class DamagedFileBox(QMessageBox):
    """The data file cannot be read: the message (it names the newest good backup) and a button
    that restores that backup. Shown without blocking, so the window behind it is usable."""

    restore_requested = Signal()

    def __init__(self, gettext, text: str, can_restore: bool, parent=None) -> None:
        super().__init__(parent)
        _ = gettext
        self.setObjectName("damagedFileBox")
        self.setIcon(QMessageBox.Icon.Warning)
        self.setWindowTitle(_("The data file is damaged"))
        self.setText(text)
        self.restore_button = None
        if can_restore:
            self.setInformativeText(
                _("Restore puts the newest good backup in its place; the damaged file is kept as a copy.")
            )
            self.restore_button = self.addButton(_("Restore"), QMessageBox.ButtonRole.AcceptRole)
            self.restore_button.setObjectName("restoreNewest")
            self.restore_button.clicked.connect(self.restore_requested.emit)
        close = self.addButton(QMessageBox.StandardButton.Close)
        close.setObjectName("closeDamaged")
        self.setDefaultButton(self.restore_button or close)


class BackupsDialog(QDialog):
    def __init__(self, controller, parent=None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._ = _ = controller.gettext
        self.setObjectName("backupsDialog")
        self.setWindowTitle(_("Backups and restore"))
        self.resize(760, 480)
        self.warning = QLabel()
        self.warning.setObjectName("backupsWarning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("background: #fff4ce; border: 1px solid #e0c060; padding: 6px;")
        self.info = QLabel()
        self.info.setWordWrap(True)
        self.info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list = QTreeWidget()
        self.list.setObjectName("backupList")
        self.list.setRootIsDecorated(False)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.setHeaderLabels([_("Made at"), _("Why"), _("Size")])
        self.list.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.list.itemSelectionChanged.connect(self._selection)
        self.list.itemDoubleClicked.connect(lambda _item, _column: self.restore())
        self.backup_button = self._button(_("Back up now"), "backupNow", self.backup_now)
        self.restore_button = self._button(_("Restore…"), "restoreBackup", self.restore)
        self.restore_button.setToolTip(
            _("Put this backup in place of the data file; the file as it is now is backed up first.")
        )
        self.copy_button = self._button(_("Restore to a copy…"), "restoreCopy", self.restore_copy)
        self.copy_button.setToolTip(
            _("Write this backup as a new data file and leave the current one alone.")
        )
        self.export_button = self._button(_("Export this year…"), "exportPackage", self.export_package)
        self.folder_button = self._button(_("Open the backup folder"), "openBackupFolder", self.open_folder)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.restore_button, self.copy_button, self.export_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.folder_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.warning)
        layout.addWidget(self.info)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(close)
        self.refresh()

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    @property
    def book(self):
        return self.controller.book

    def refresh(self) -> None:
        _ = self._
        book = self.book
        self.list.clear()
        if book is None:
            self.info.setText(_("No data file is open."))
            self.warning.hide()
            self._selection()
            return
        risky = [w for w in book.warnings if w.message == RISKY_STORAGE_WARNING]
        self.warning.setText("⚠ " + risky[0].translated(_) if risky else "")
        self.warning.setVisible(bool(risky))
        self.info.setText(
            _(
                "Backups of {path} are kept in {folder}. One is made when the file is opened (once a day), "
                "every 30 minutes of work and when it is closed; old ones are thinned out."
            ).format(path=book.path, folder=book.backup_dir)
        )
        for backup in list_backups(book.path, book.backup_dir):
            when = backup.taken_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
            reason = _(REASONS[backup.reason]) if backup.reason in REASONS else backup.reason
            if backup.future:
                reason += " " + _("(dated in the future: the clock was wrong)")
            item = QTreeWidgetItem([when, reason, size_text(backup.size, _)])
            item.setData(0, PATH_ROLE, str(backup.path))
            item.setToolTip(0, str(backup.path))
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.list.addTopLevelItem(item)
        if self.list.topLevelItemCount() == 0:
            item = QTreeWidgetItem([_("There are no backups yet."), "", ""])
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addTopLevelItem(item)
        self._selection()

    def selected(self) -> Path | None:
        item = self.list.currentItem()
        if item is None or not item.isSelected() or not item.data(0, PATH_ROLE):
            return None
        return Path(item.data(0, PATH_ROLE))

    def select(self, path: Path) -> None:
        for index in range(self.list.topLevelItemCount()):
            item = self.list.topLevelItem(index)
            if item.data(0, PATH_ROLE) == str(path):
                self.list.setCurrentItem(item)
                item.setSelected(True)

    def _selection(self) -> None:
        chosen = self.selected() is not None
        self.restore_button.setEnabled(chosen)
        self.copy_button.setEnabled(chosen)
        for button in (self.backup_button, self.export_button, self.folder_button):
            button.setEnabled(self.book is not None)

    def backup_now(self) -> Path | None:
        path = self.controller.backup_now()
        self.refresh()
        if path is not None:
            self.select(path)
        return path

    def restore(self) -> Path | None:
        _ = self._
        backup = self.selected()
        if backup is None:
            return None
        when = self.list.currentItem().text(0)
        if not self.controller.asker.confirm(
            _("Restore a backup"),
            _(
                "Put the backup of {when} in place of the data file? Everything entered since then is replaced; "
                "the file as it is now is backed up first, so this can be undone by restoring that backup."
            ).format(when=when),
        ):
            return None
        saved = self.controller.restore_backup(backup)
        self.refresh()
        return saved

    def restore_copy(self) -> bool:
        _ = self._
        backup = self.selected()
        if backup is None or self.book is None:
            return False
        suggestion = self.book.path.with_name(
            self.book.path.stem + "-" + backup.stem.split("-", 1)[-1] + ".sqlite3"
        )
        target = self.controller.asker.save_file(
            _("Restore to a copy"), _("jixiao data files (*.sqlite3);;All files (*)"), str(suggestion)
        )
        if not target:
            return False
        target = Path(target)
        if target.suffix != ".sqlite3":
            target = target.with_name(target.name + ".sqlite3")
        done = self.controller.restore_to_copy(backup, target)
        self.refresh()
        return done

    def export_package(self) -> None:
        self.controller.window.export_package()

    def open_folder(self) -> None:
        if self.book is not None:
            self.book.backup_dir.mkdir(parents=True, exist_ok=True)
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.book.backup_dir)))
