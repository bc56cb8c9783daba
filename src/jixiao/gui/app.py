"""The desktop application: ``run(db_path, lang)`` starts it and returns the exit code.

``AppController`` owns what outlives a window: the open data file, the language, settings,
periodic backups. It opens files through ``store.database.open_book`` and shows every refusal
(locked, damaged, too new …) as a translated message, never a traceback.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QSettings, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from jixiao.core.i18n import DEFAULT_LANGUAGE, SUPPORTED_LANGUAGES, Translator, normalize_language
from jixiao.gui.ask import Asker, show_error
from jixiao.gui.fonts import ensure_cjk_font
from jixiao.gui.main_window import MainWindow
from jixiao.gui.session import Session
from jixiao.store.backups import BACKUP_EVERY
from jixiao.store.database import Book, open_book

log = logging.getLogger(__name__)
DATA_FILE_NAME = "jixiao.sqlite3"
SAMPLE_FILE_NAME = "jixiao-sample-2022.sqlite3"
FILE_FILTER_MSGID = "jixiao data files (*.sqlite3);;All files (*)"


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
        if old.isVisible():
            self.window.show()
        old.controller = None
        old.hide()
        old.deleteLater()

    def preferences(self) -> None:
        from jixiao.gui.dialogs.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.gettext, self.lang, SUPPORTED_LANGUAGES, self.window)
        dialog.accepted.connect(lambda: self.set_language(dialog.language()))
        dialog.open()
        self.preferences_dialog = dialog

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
        if path.exists() and path.stat().st_size > 0:
            if self.open_path(path):
                return
            self.pending_path = None
        else:
            self.pending_path = path
        self._show_welcome()

    def open_path(self, path: Path, create: bool = False) -> bool:
        """Close the current file and open *path*; False (and a message) when it cannot be opened."""
        self.close_book()
        try:
            if create:
                path.parent.mkdir(parents=True, exist_ok=True)
            book = open_book(path, create=create)
        except Exception as error:  # noqa: BLE001 - locked/damaged/too new/OS errors, all shown
            show_error(self.asker, error, self.gettext)
            return False
        self.book = book
        self.pending_path = None
        self.settings.setValue("last_file", str(path))
        for warning in book.warnings:
            self.asker.inform(self.gettext("jixiao"), warning.translated(self.gettext))
        self.session = Session(book, self.translator)
        if self.session.unit() is None or self.session.year_id is None:
            self._show_welcome()
        else:
            self.window.set_session(self.session)
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
            with open_book(path, create=True) as book:
                import_sample_year(book)
        except Exception as error:  # noqa: BLE001
            path.unlink(missing_ok=True)
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

    def backup_now(self) -> None:
        if self.book is None:
            return
        try:
            path = self.book.backup("manual")
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, self.gettext)
            return
        self.window.statusBar().showMessage(self.gettext("Backed up to {path}.").format(path=path), 8000)

    def shutdown(self) -> None:
        self.backup_timer.stop()
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
            show_error(controller.asker, value, controller.gettext)
        except Exception:  # noqa: BLE001
            sys.__excepthook__(kind, value, traceback)

    sys.excepthook = hook


def run(db_path: Path | None = None, lang: str | None = None) -> int:
    """Start the desktop application on *db_path* (default: the last or the standard file)."""
    logging.basicConfig(level=logging.WARNING)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("jixiao")
    app.setOrganizationName("jixiao")
    ensure_cjk_font(app)
    controller = AppController(app, make_settings(), lang)
    _install_excepthook(controller)
    controller.start(db_path)
    controller.window.show()
    try:
        return app.exec()
    finally:
        controller.shutdown()


__all__ = ["AppController", "run", "default_data_dir"]
