"""The desktop application: ``run(db_path, lang)`` starts it and returns the exit code.

``AppController`` owns what outlives a window: the open data file, the language, settings,
periodic backups, restoring a backup and moving the data file. It opens files through
``services.files.open_book`` and shows every refusal (locked, damaged, too new …) as a translated
message, never a traceback. The window is always reached: a file that cannot be read — refused when
opened, or failing while its pages load — shows the damaged-file message with a Restore button for
the newest good backup, and the file is remembered as the last one only once it has loaded. A file
that cannot be written opens read-only under a banner (view, print and export work). A second start of jixiao by the same user brings this window to the
front instead (``gui.single_instance``).
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QSizePolicy, QToolBar

from jixiao.core.errors import N_, DamagedFileError, Message
from jixiao.core.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, Translator, normalize_language
from jixiao.gui.ask import Asker, show_error
from jixiao.gui.fonts import ensure_cjk_font
from jixiao.gui.main_window import MainWindow
from jixiao.gui.pyside_fixes import pin_immortals
from jixiao.gui.session import Session
from jixiao.services import files
from jixiao.services.files import (
    BACKUP_EVERY,
    DAMAGE_ERRORS,
    DEFAULT_RETENTION,
    READ_ERRORS,
    RISKY_STORAGE_WARNING,
    Book,
    Retention,
    default_backup_dir,
    open_book,
)

log = logging.getLogger(__name__)
DATA_FILE_NAME = "jixiao.sqlite3"
SAMPLE_FILE_NAME = "jixiao-sample-2022.sqlite3"
FILE_FILTER_MSGID = "jixiao data files (*.sqlite3);;All files (*)"
BACKUP_FOLDER_KEY = "backup/folder"
RETENTION_KEY = "backup/retention"


def default_data_dir() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("jixiao", appauthor=False))


def make_settings() -> QSettings:
    return QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope, "jixiao", "jixiao")


class AppController:
    """Opens and closes data files, builds the window in the chosen language, backs up."""

    def __init__(
        self,
        app: QApplication,
        settings: QSettings,
        lang: str | None = None,
        data_dir: Path | None = None,
        asker: Asker | None = None,
    ) -> None:
        pin_immortals()
        self.app = app
        self.settings = settings
        self.data_dir = data_dir or default_data_dir()
        self.lang = normalize_language(lang or settings.value("language") or DEFAULT_LANGUAGE)
        self.translator = Translator(self.lang)
        self._qt_translators: list[QTranslator] = []
        self._install_qt_translations()
        self._asker = asker
        self.book: Book | None = None
        self.session: Session | None = None
        self.pending_path: Path | None = None
        self.damaged_box = None  # the damaged-file message while it is shown
        self.window = self._make_window()
        self.backup_timer = QTimer(interval=int(BACKUP_EVERY.total_seconds() * 1000))
        self.backup_timer.timeout.connect(self.periodic_backup)
        self.backup_timer.start()

    # -- language -----------------------------------------------------------------------------------
    @property
    def gettext(self):
        return self.translator.gettext

    def _install_qt_translations(self) -> None:
        for translator in self._qt_translators:
            self.app.removeTranslator(translator)
        self._qt_translators = []
        QLocale.setDefault(QLocale(self.lang))
        if self.lang == "en":
            return
        directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        for name in ("qtbase", "qt"):
            translator = QTranslator(self.app)
            if translator.load(f"{name}_{self.lang}", directory):
                self.app.installTranslator(translator)
                self._qt_translators.append(translator)
                break

    def set_language(self, lang: str) -> None:
        """Switch the interface language now (the window is rebuilt; the data stay as they are)."""
        lang = normalize_language(lang)
        self.settings.setValue("language", lang)
        if lang == self.lang:
            return
        self.lang = lang
        self.translator = Translator(lang)
        self._install_qt_translations()
        page = self.window.current_page_key()
        self.window.flush()
        old = self.window
        self.window = self._make_window()
        if self.session is not None:
            self.session.translator = self.translator
            self.window.set_session(self.session, page or "overview")
        else:
            self._show_welcome()
        self.window.restoreGeometry(old.saveGeometry())
        self._update_banner()
        if old.isVisible():
            self.window.show()
        old.controller = None
        old.hide()
        old.deleteLater()

    def preferences(self) -> None:
        from jixiao.gui.dialogs.preferences import PreferencesDialog

        fy = self.session.fiscal_year() if self.session is not None else None
        dialog = PreferencesDialog(
            self.gettext,
            self.lang,
            SUPPORTED_LANGUAGES,
            self.window,
            asker=self.asker,
            settings=self.settings,
            layout=fy.layout_profile if fy is not None else None,
            backup_folder=self.backup_folder(),
            default_backup_folder=default_backup_dir(self.book.path) if self.book else None,
            retention=self.retention(),
            data_path=self.book.path if self.book else None,
        )
        dialog.move_requested.connect(lambda: self._move_from(dialog))
        dialog.accepted.connect(lambda: self._apply_preferences(dialog))
        dialog.open()
        self.preferences_dialog = dialog

    def _move_from(self, dialog) -> None:
        if self.move_data_file_dialog() and self.book is not None:
            dialog.set_data_path(self.book.path, default_backup_dir(self.book.path))

    def _apply_preferences(self, dialog) -> None:
        """OK in the preferences: the year's layout, the backups, the report fonts, then the language."""
        from jixiao.services import years as years_service

        layout = dialog.layout_profile()
        fy = self.session.fiscal_year() if self.session is not None else None
        if layout and fy is not None and layout != fy.layout_profile:
            try:
                self.session.call(years_service.set_layout_profile, self.session.year_id, layout)
            except Exception as error:  # noqa: BLE001
                show_error(self.asker, error, self.gettext)
        self.set_backup_preferences(dialog.backup_folder(), dialog.retention())
        report = self.window.built_page("report") if self.window is not None else None
        if report is not None and dialog.fonts_changed:
            report.schedule_preview()
        self.set_language(dialog.language())

    # -- window -------------------------------------------------------------------------------------
    @property
    def asker(self) -> Asker:
        return self._asker or self.window.asker

    def _make_window(self) -> MainWindow:
        window = MainWindow(self, self.gettext, self._asker)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            window.restoreGeometry(geometry)
        else:
            window.resize(1200, 800)
        window.closing.connect(self._window_closing)
        return window

    def _window_closing(self) -> None:
        self.settings.setValue("window/geometry", self.window.saveGeometry())

    def _show_welcome(self) -> None:
        from jixiao.gui.pages.welcome_page import WelcomePage

        welcome = WelcomePage(self, self.gettext)
        target = self.book.path if self.book else self.pending_path
        self.window.show_welcome(welcome, str(target or ""))

    # -- files --------------------------------------------------------------------------------------
    def start(self, db_path: Path | None) -> None:
        """Open *db_path*, else the last file, else the default one; the welcome page when none exists."""
        last = self.settings.value("last_file")
        path = Path(db_path) if db_path else Path(last) if last else self.data_dir / DATA_FILE_NAME
        if path.exists() and (path.stat().st_size > 0 or self._has_backups(path)):
            if self.open_path(path):
                return
            self.pending_path = None
        else:
            self.pending_path = path
        self._show_welcome()

    def _has_backups(self, path: Path) -> bool:
        return files.has_backups(path, self.backup_folder())

    def open_path(self, path: Path, create: bool = False, page: str | None = None) -> bool:
        """Close the current file and open *path*; False (and a message) when it cannot be opened.

        *page* is shown first (default: the overview). A file that cannot be written opens
        read-only (a banner says so); a damaged one gives the damaged-file message with Restore.
        """
        self.close_book()
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            folder = self.backup_folder()
            book = open_book(
                path,
                create=create,
                readonly=False if create else None,
                backup_dir=folder,
                retention=self.retention(),
                routine_backup=False,  # made below, once the year has been read without a failure
            )
        except DamagedFileError as error:
            self.show_damaged(path, error)
            return False
        except Exception as error:  # noqa: BLE001 - locked/too new/OS errors, all shown
            show_error(self.asker, error, self.gettext)
            return False
        self.book = book
        self.pending_path = None
        try:
            self.session = Session(book, self.translator)
            if self.session.unit() is None or self.session.year_id is None:
                self._show_welcome()
            else:
                if not self.session.is_large():  # a large year is read by the overview, off this thread
                    self.session.fiscal_year()  # read the whole year now: damage shows here, not in a page
                self.window.set_session(self.session, page or "overview")
        except READ_ERRORS as error:
            failure = files.damage_of(book, error)
            if failure is None:  # the data read fine: a defect of jixiao, not damage
                self.close_book()
                show_error(self.asker, error, self.gettext)
                self._show_welcome()
                return False
            self.damaged_while_open(failure)
            return False
        book.backup_if_due()
        self.settings.setValue("last_file", str(path))  # only a file that loaded is reopened next time
        for warning in book.warnings:
            if warning.message != RISKY_STORAGE_WARNING:  # that one stays in a banner (see below)
                self.asker.inform(self.gettext("jixiao"), warning.translated(self.gettext))
        self._update_banner()
        return True

    # -- damaged files --------------------------------------------------------------------------------
    def damaged_while_open(self, error: BaseException) -> None:
        """A read of the open file failed (damage the open checks cannot see): close it unwritten,
        show the welcome page and the damaged-file message."""
        book = self.book
        if book is None:
            raise error
        log.error("reading %s failed", book.path, exc_info=error)
        refusal = book.damaged(error)
        self.session = None
        self.book = None
        book.discard()  # no closing backup of a damaged file, no checkpoint
        self.pending_path = None
        self._show_welcome()
        self._update_banner()
        if isinstance(refusal, DamagedFileError):
            self.show_damaged(book.path, refusal)
        else:
            show_error(self.asker, refusal, self.gettext)

    def show_damaged(self, path: Path, error: DamagedFileError) -> None:
        """The damaged-file message, with a button that restores the newest good backup (if any)."""
        from jixiao.gui.dialogs.backups import DamagedFileBox

        log.warning("damaged data file %s: %s", path, error)
        if self.damaged_box is not None:
            self.damaged_box.close()
        backup = error.params.get("backup") or ""
        if backup:  # the command-line advice ("jixiao restore") becomes the Restore button
            error = DamagedFileError(
                path=error.params.get("path", str(path)),
                detail=error.params.get("detail", ""),
                advice=Message(N_("The newest good backup is {backup}."), backup=backup),
                backup=backup,
            )
        box = DamagedFileBox(self.gettext, error.translated(self.gettext), bool(backup), self.window)
        box.restore_requested.connect(lambda: self.restore_damaged(Path(path), Path(backup)))
        box.finished.connect(lambda _result: setattr(self, "damaged_box", None))
        self.damaged_box = box
        box.open()

    def restore_damaged(self, path: Path, backup: Path) -> bool:
        """Restore *backup* in place of the damaged file *path* (kept as a copy first), then open it."""
        self.close_book()
        try:
            saved = files.restore_backup(backup, path, self.backup_folder(), damaged=True)
        except Exception as error:  # noqa: BLE001 - nothing was changed
            show_error(self.asker, error, self.gettext)
            return False
        if not self.open_path(path):
            return False
        self.window.statusBar().showMessage(
            self.gettext("Restored {backup}. The file as it was is kept as {saved}.").format(
                backup=backup.name, saved=saved
            ),
            15000,
        )
        return True

    def close_book(self) -> None:
        if self.window is not None:
            self.window.flush()
        self.session = None
        if self.book is not None:
            try:
                self.book.close()
            except Exception as error:  # noqa: BLE001
                show_error(self.asker, error, self.gettext)
            self.book = None
        self._update_banner()

    # -- the storage banner -------------------------------------------------------------------------
    def _update_banner(self) -> None:
        """Warning strips under the toolbar: the open file is read-only, or lies on a network or
        synced folder."""
        window = self.window
        if window is None:
            return
        for name in ("storageBanner", "readonlyBanner"):
            old = window.findChild(QToolBar, name)
            if old is not None:
                window.removeToolBarBreak(old)
                window.removeToolBar(old)
                old.setParent(None)
                old.deleteLater()
        _ = self.gettext
        if self.book is not None and self.book.readonly:
            text = _(
                "{path} is open read-only ({reason}): you can view, print and export, "
                "but changes cannot be saved."
            ).format(path=self.book.path, reason=_(self.book.readonly_reason))
            self._add_banner("readonlyBanner", "readonlyWarning", text)
        risky = [w for w in (self.book.warnings if self.book else []) if w.message == RISKY_STORAGE_WARNING]
        if risky:
            move = QPushButton(_("Move the data file…"))
            move.setObjectName("bannerMove")
            move.clicked.connect(self.move_data_file_dialog)
            self._add_banner("storageBanner", "storageWarning", risky[0].translated(_), move)

    def _add_banner(self, name: str, label_name: str, text: str, button: QPushButton | None = None) -> None:
        window = self.window
        bar = QToolBar(self.gettext("Warning"))
        bar.setObjectName(name)
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.toggleViewAction().setVisible(False)
        bar.setStyleSheet(f"QToolBar#{name} {{ background: #fff4ce; border: 1px solid #e0c060; }}")
        label = QLabel("⚠ " + text)
        label.setObjectName(label_name)
        label.setWordWrap(True)
        label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        label.setMinimumWidth(480)
        bar.addWidget(label)
        if button is not None:
            bar.addWidget(button)
        window.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)
        window.insertToolBarBreak(bar)

    def create_unit(self, unit, year: int) -> bool:
        """First run: make the data file (if needed), the unit and its first year; show the pages."""
        from jixiao.services import unit as unit_service

        if self.book is None:
            path = self.pending_path or self.data_dir / DATA_FILE_NAME
            if not self.open_path(path, create=True):
                return False
        unit_service.create_unit(self.book, unit, year)  # ValidationError goes to the welcome form
        self.session = Session(self.book, self.translator)
        self.window.set_session(self.session)
        return True

    def open_sample(self) -> None:
        """Open the sample year (FY2022) in its own file, importing it the first time."""
        from jixiao.services.sample import import_sample_year

        path = self.data_dir / SAMPLE_FILE_NAME
        if path.exists() and path.stat().st_size > 0:
            self.open_path(path)
            return
        self.close_book()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            book = open_book(path, create=True)
            try:
                import_sample_year(book)
            except BaseException:
                book.discard()  # deletes the file only when this call created it
                raise
            book.close()
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, self.gettext)
            self._show_welcome()
            return
        self.open_path(path)

    def open_file_dialog(self) -> None:
        _ = self.gettext
        path = self.asker.open_file(_("Open a data file"), _(FILE_FILTER_MSGID), str(self.data_dir))
        if path:
            self.open_path(Path(path))

    def new_file(self) -> None:
        """File › New: choose where the new data file goes; the welcome page then creates the unit."""
        _ = self.gettext
        path = self.asker.save_file(
            _("New data file"), _(FILE_FILTER_MSGID), str(self.data_dir / DATA_FILE_NAME)
        )
        if not path:
            return
        path = Path(path)
        if path.suffix != ".sqlite3":
            path = path.with_name(path.name + ".sqlite3")
        if path.exists() and path.stat().st_size > 0:
            self.asker.inform(
                _("jixiao"), _("{path} already exists; it is opened instead.").format(path=path)
            )
            self.open_path(path)
            return
        self.close_book()
        self.pending_path = path
        self._show_welcome()

    # -- backups ------------------------------------------------------------------------------------
    def periodic_backup(self) -> Path | None:
        """Every 30 minutes: a backup when anything changed (errors go to the status bar)."""
        if self.book is None:
            return None
        try:
            return self.book.backup_if_changed()
        except Exception as error:  # noqa: BLE001
            self.window.statusBar().showMessage(
                error.translated(self.gettext) if hasattr(error, "translated") else str(error)
            )
            return None

    def backup_now(self) -> Path | None:
        if self.book is None:
            return None
        self.window.flush()
        try:
            path = self.book.backup("manual")
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, self.gettext)
            return None
        self.window.statusBar().showMessage(self.gettext("Backed up to {path}.").format(path=path), 8000)
        return path

    def backup_folder(self) -> Path | None:
        """The backup folder the clerk chose (None: ``<file>-backups`` beside the data file)."""
        value = self.settings.value(BACKUP_FOLDER_KEY, "")
        return Path(value) if value else None

    def retention(self) -> Retention:
        """How many old backups are kept (the clerk's choice, else the standard rotation)."""
        raw = self.settings.value(RETENTION_KEY, "")
        try:
            days, daily, weekly, monthly = (int(v) for v in json.loads(raw))
            return Retention(max(days, 1), max(daily, 0), max(weekly, 0), max(monthly, 0))
        except (TypeError, ValueError):
            return DEFAULT_RETENTION

    def set_backup_preferences(self, folder: Path | None, retention: Retention) -> None:
        """Keep the backup folder and rotation; they apply to the open file at once."""
        self.settings.setValue(BACKUP_FOLDER_KEY, str(folder) if folder else "")
        values = [retention.keep_all_days, retention.daily, retention.weekly, retention.monthly]
        self.settings.setValue(RETENTION_KEY, json.dumps(values))
        if self.book is not None:
            self.book.backup_dir = Path(folder).absolute() if folder else default_backup_dir(self.book.path)
            self.book.retention = retention

    def show_backups(self) -> None:
        """File › Backups and restore: the list of backups, back up now, restore, export."""
        from jixiao.gui.dialogs.backups import BackupsDialog

        if self.book is None:
            return
        dialog = BackupsDialog(self, self.window)
        dialog.open()
        self.backups_dialog = dialog

    def restore_backup(self, backup: Path) -> Path | None:
        """Put *backup* in place of the open data file (the current file is backed up first), reopen.

        Returns where the file as it was is kept, or None when nothing was restored.
        """
        if self.book is None:
            return None
        path, backup_dir = self.book.path, self.book.backup_dir
        page = self.window.current_page_key()
        self.close_book()
        try:
            saved = files.restore_backup(Path(backup), path, backup_dir)
        except Exception as error:  # noqa: BLE001 - the file was not changed: reopen it as it was
            show_error(self.asker, error, self.gettext)
            self.open_path(path, page=page)
            return None
        if self.open_path(path, page=page):
            self.window.statusBar().showMessage(
                self.gettext("Restored {backup}. The file as it was is kept as {saved}.").format(
                    backup=Path(backup).name, saved=saved
                ),
                15000,
            )
        return saved

    def restore_to_copy(self, backup: Path, target: Path) -> bool:
        """Write *backup* as a new data file *target* (the open file is left alone); offer to open it."""
        _ = self.gettext
        target = Path(target).absolute()
        if target.exists():  # the open data file included: restoring in place is the other button
            self.asker.error(
                _("jixiao"), _("{path} already exists; choose a new file name.").format(path=target)
            )
            return False
        try:
            files.restore_backup(Path(backup), target)
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, _)
            return False
        if self.asker.confirm(
            _("Restore to a copy"), _("The backup was written to {path}. Open it now?").format(path=target)
        ):
            self.open_path(target)
        return True

    # -- moving the data file -----------------------------------------------------------------------
    def move_data_file_dialog(self) -> bool:
        """Ask where the data file should go, then move it (see ``move_data_file``)."""
        _ = self.gettext
        if self.book is None:
            return False
        path = self.asker.save_file(_("Move the data file to"), _(FILE_FILTER_MSGID), str(self.book.path))
        if not path:
            return False
        path = Path(path)
        if path.suffix != ".sqlite3":
            path = path.with_name(path.name + ".sqlite3")
        return self.move_data_file(path)

    def move_data_file(self, target: Path) -> bool:
        """Move the open data file to *target* safely.

        A backup first; then a verified copy at *target* made with the SQLite backup API while the
        file is still locked; then the file is closed and the copy opened; only when that worked is
        the old file deleted (its backups are copied beside the new one). Any failure before that
        leaves the old file in use, unchanged.
        """
        _ = self.gettext
        if self.book is None:
            return False
        target = Path(target).absolute()
        if target == self.book.path:
            return False
        self.window.flush()
        old, old_backups = self.book.path, self.book.backup_dir
        page = self.window.current_page_key()
        try:
            files.copy_for_move(self.book, target)
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, _)
            return False
        self.close_book()
        if not self.open_path(target, page=page):
            self.open_path(old, page=page)  # the copy stays where it is; work goes on in the old file
            return False
        try:
            files.finish_move(old, old_backups, self.book)
        except Exception as error:  # noqa: BLE001 - the new file is in use; only the old one stayed
            show_error(self.asker, error, _)
        self.window.statusBar().showMessage(_("The data file is now {path}.").format(path=target), 15000)
        return True

    # -- a second start -----------------------------------------------------------------------------
    def second_start(self, message: dict) -> None:
        """jixiao was started again: bring this window to the front, and open the file it named.

        Never silently: edits being typed on the pages are saved first; with a dialog open or
        unsaved input (the welcome form) the clerk is asked, and may stay; a switch is announced.
        """
        from jixiao.gui.single_instance import bring_to_front, unsaved_work

        bring_to_front(self.window)
        db = message.get("db")
        if not db:
            return
        path = Path(db).absolute()
        current = self.book.path if self.book is not None else None
        if path == current:
            return
        _ = self.gettext
        self.window.flush()  # pending edits are saved before anything else happens
        unsaved = unsaved_work(self.window)
        if unsaved and not self.asker.confirm(
            _("Open another data file?"),
            _(
                "jixiao was started again to open {path}. Switching now closes what is open here "
                "without saving it: {what}. Switch to the other file?"
            ).format(path=path, what=_("; ").join(unsaved)),
        ):
            self.window.statusBar().showMessage(
                _("Stayed with the current file; {path} was not opened.").format(path=path), 15000
            )
            return
        from PySide6.QtWidgets import QDialog

        for dialog in self.window.findChildren(QDialog):
            if dialog.isVisible():
                dialog.reject()
        if self.open_path(path):
            self.window.statusBar().showMessage(
                _("Opened {path}, as asked by another start of jixiao.").format(path=path), 15000
            )

    def shutdown(self) -> None:
        self.backup_timer.stop()
        report = self.window.built_page("report") if self.window is not None else None
        if report is not None:
            report.worker.shutdown()
        typesetting = sys.modules.get("jixiao.gui.report_worker")
        if typesetting is not None:
            typesetting.discard_spare()  # a process started ahead of a preview that never came
        if self.window is not None:
            self.window.flush()
            self.settings.setValue("window/geometry", self.window.saveGeometry())
        self.close_book()
        self.settings.sync()


def _install_excepthook(controller: AppController) -> None:
    """An exception escaping a slot becomes a translated message; the window stays up."""

    def hook(kind, value, traceback):
        log.error("uncaught", exc_info=(kind, value, traceback))
        try:
            if isinstance(value, DAMAGE_ERRORS) and controller.book is not None:
                controller.damaged_while_open(value)  # a page read a damaged value
                return
            show_error(controller.asker, value, controller.gettext)
        except Exception:  # noqa: BLE001
            sys.__excepthook__(kind, value, traceback)

    sys.excepthook = hook


def run(db_path: Path | None = None, lang: str | None = None) -> int:
    """Start the desktop application on *db_path* (default: the last or the standard file).

    When this user's jixiao is already running, its window comes to the front (and opens
    *db_path* when given) and this start returns 0 at once.
    """
    from jixiao.gui.branding import apply_metadata
    from jixiao.gui.input_method import choose_input_method
    from jixiao.gui.single_instance import InstanceServer, send_to_running, server_name

    logging.basicConfig(level=logging.WARNING)
    pin_immortals()
    choose_input_method()  # before the QApplication exists: Chinese input on fcitx5 / ibus desktops
    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_metadata(app)
    name = server_name(default_data_dir())
    message = {"db": str(Path(db_path).absolute()) if db_path else None, "lang": lang}
    if send_to_running(name, message):
        return 0
    instance = InstanceServer(name)
    instance.listen()
    ensure_cjk_font(app)
    controller = AppController(app, make_settings(), lang)
    instance.activated.connect(controller.second_start)
    _install_excepthook(controller)
    controller.start(db_path)
    controller.window.show()
    try:
        code = app.exec()
    finally:
        instance.close()
        controller.shutdown()
    return code


__all__ = ["AppController", "run", "default_data_dir"]
