"""The main window: navigation, the year switcher, menus and the status bar. Nothing else.

Pages do the work; the window only switches between them and forwards menu commands to the
application controller (file handling, language) or to a page.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QPaintEvent
from PySide6.QtWidgets import (
    QComboBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from jixiao import __version__ as VERSION
from jixiao.core.model import MAX_YEAR, MIN_YEAR
from jixiao.gui.ask import Asker, show_error
from jixiao.gui.branding import DISPLAY_NAME, ORGANISATION, app_icon
from jixiao.gui.pages.base import Page, PageContext
from jixiao.gui.session import Session

log = logging.getLogger(__name__)

# The activity list is read this long after the window's first paint: the first frame reaches the
# screen (and the window answers its first clicks) before the GUI thread spends ~0.1–0.3 s on it.
PRELOAD_DELAY_MS = 300
# the report page's typesetting process is started this long after a file's first page painted
# (report_worker.prestart); None: not ahead of time (the tests, where most windows live a second)
TYPESETTER_DELAY_MS: int | None = 3000


class MainWindow(QMainWindow):
    """Sidebar + pages; toolbar with the fiscal-year switcher; menus; "saved" in the status bar."""

    closing = Signal()

    def __init__(self, controller, gettext: Callable[[str], str], asker: Asker | None = None) -> None:
        super().__init__()
        self.controller = controller
        self._ = _ = gettext
        self.asker = asker or Asker(self)
        self.session: Session | None = None
        self.pages: dict[str, Page] = {}
        self._preload_on_paint = False  # set when a file opens: read the activity list after the first paint
        self._preload_waits = False  # the preload waits for a large year read in a thread
        self.setWindowTitle(_("{app} {version}").format(app=_(DISPLAY_NAME), version=VERSION))
        self.setMinimumSize(QSize(900, 600))

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setStyleSheet("QListWidget#navigation::item { padding: 7px 10px; }")
        self.nav.currentRowChanged.connect(self._show_row)
        self.stack = QStackedWidget()
        self.splitter = QSplitter()
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.year_box = QComboBox()
        self.year_box.setObjectName("yearSwitcher")
        self.year_box.setMinimumContentsLength(8)
        self.year_box.activated.connect(self._year_chosen)
        self.toolbar = QToolBar(_("Fiscal year"))
        self.toolbar.setObjectName("yearToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.addWidget(QLabel(_("Fiscal year") + " "))
        self.toolbar.addWidget(self.year_box)
        self.addToolBar(self.toolbar)

        self.saved_label = QLabel()
        self.saved_label.setObjectName("savedLabel")
        self.file_label = QLabel()
        self.statusBar().addWidget(self.saved_label, 1)
        self.statusBar().addPermanentWidget(self.file_label)
        self._build_menus()
        self._welcome: QWidget | None = None

    # -- menus --------------------------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        if name:
            action.setObjectName(name)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        _ = self._
        c = self.controller
        bar = self.menuBar()
        file_menu = bar.addMenu(_("&File"))
        self._action(file_menu, _("&New data file…"), c.new_file, "Ctrl+Shift+N", "actionNewFile")
        self._action(file_menu, _("&Open…"), c.open_file_dialog, QKeySequence.StandardKey.Open, "actionOpen")
        self._action(file_menu, _("Open the &sample year"), c.open_sample, None, "actionSample")
        file_menu.addSeparator()
        self.import_action = self._action(
            file_menu, _("&Import a year package…"), self.import_package, None, "actionImport"
        )
        self.export_action = self._action(
            file_menu, _("&Export this year…"), self.export_package, None, "actionExport"
        )
        self.import_activities_action = self._action(
            file_menu, _("Import a&ctivities…"), self.import_activities, None, "actionImportActivities"
        )
        self.backup_action = self._action(file_menu, _("&Back up now"), c.backup_now, None, "actionBackup")
        self.backups_action = self._action(
            file_menu, _("Backups and &restore…"), c.show_backups, None, "actionBackups"
        )
        file_menu.addSeparator()
        self._action(file_menu, _("&Quit"), self.close, QKeySequence.StandardKey.Quit, "actionQuit")

        edit_menu = bar.addMenu(_("&Edit"))
        self.new_activity_action = self._action(
            edit_menu,
            _("New &activity…"),
            lambda: self.go_to("work", new_activity=True),
            QKeySequence.StandardKey.New,
            "actionNewActivity",
        )
        self.find_action = self._action(
            edit_menu,
            _("&Find activities"),
            lambda: self.go_to("work", find=True),
            QKeySequence.StandardKey.Find,
            "actionFind",
        )
        from jixiao.gui.history_actions import HistoryActions

        self.history_actions = HistoryActions(self, edit_menu, _)  # Undo/Redo, first in the menu
        self.year_menu = bar.addMenu(_("&Year"))
        self.new_year_action = self._action(
            self.year_menu,
            _("&New year from last year…"),
            self.new_year_from_last,
            "Ctrl+Shift+Y",
            "actionNewYear",
        )
        self.view_menu = bar.addMenu(_("&View"))
        settings_menu = bar.addMenu(_("&Settings"))
        self._action(
            settings_menu,
            _("&Preferences…"),
            c.preferences,
            QKeySequence.StandardKey.Preferences,
            "actionPreferences",
        )
        help_menu = bar.addMenu(_("&Help"))
        self._action(
            help_menu, _("&User guide"), self.show_guide, QKeySequence.StandardKey.HelpContents, "actionGuide"
        )
        self._action(help_menu, _("&About jixiao"), self.about, None, "actionAbout")
        self._action(help_menu, _("About &Qt"), self.about_qt, None, "actionAboutQt")
        self._session_actions = [
            self.import_action,
            self.export_action,
            self.import_activities_action,
            self.backup_action,
            self.backups_action,
            self.new_activity_action,
            self.find_action,
            self.new_year_action,
        ]

    # -- session -----------------------------------------------------------------------------------
    def show_welcome(self, welcome: QWidget, file_text: str = "") -> None:
        """Show the first-run page instead of the record pages."""
        self._clear_pages()
        self.session = None
        self._welcome = welcome
        self.stack.addWidget(welcome)
        self.stack.setCurrentWidget(welcome)
        self.nav.hide()
        self.toolbar.hide()
        for action in self._session_actions:
            action.setEnabled(False)
        self.history_actions.set_session(None)
        self.file_label.setText(file_text)
        self.saved_label.setText("")

    def set_session(self, session: Session, page: str = "overview") -> None:
        """Show the record pages of *session* (a newly opened file or a language change)."""
        from jixiao.gui.pages import PageSet

        self._clear_pages()
        self.session = session
        context = PageContext(
            session, self.asker, self._, self.go_to, getattr(self.controller, "settings", None)
        )
        self.pages = PageSet(context, self._page_built)  # a page is built on its first visit
        for key in self.pages:
            item = QListWidgetItem(self.pages.title(key))
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
            placeholder = QWidget()
            placeholder.setObjectName(f"slot_{key}")
            self.stack.addWidget(placeholder)
        self.view_menu.clear()
        for index, key in enumerate(self.pages):
            title = self.nav.item(index).text()
            self._action(
                self.view_menu,
                title,
                lambda _=False, k=key: self.go_to(k),
                f"Ctrl+{index + 1}",
                f"actionPage_{key}",
            )
        session.saved.connect(self._saved)
        session.changed.connect(self._data_changed)
        session.yearChanged.connect(self._fill_years)
        width = max(self.nav.sizeHintForColumn(0), 120) + 2 * self.nav.frameWidth() + 24
        self.nav.setFixedWidth(min(width, 320))
        # the splitter keeps the slot it gave the list before its width was fixed (a blank gap
        # beside the sidebar): hand it the fixed width, the rest goes to the pages
        self.splitter.setSizes([self.nav.width(), max(self.splitter.width() - self.nav.width(), 1)])
        self.nav.show()
        self.toolbar.show()
        for action in self._session_actions:
            action.setEnabled(True)
        self.history_actions.set_session(session)
        self.file_label.setText(str(session.book.path))
        self.saved_label.setText(self._("All changes are saved."))
        self._fill_years()
        self.go_to(page if page in self.pages else "overview")
        # the activity list loads while the clerk looks at the first page, once that has painted
        self._preload_on_paint = True
        self._preload_waits = False
        session.yearChanged.connect(lambda: QTimer.singleShot(0, self._preload_activities))

    def paintEvent(self, event: QPaintEvent) -> None:
        # paintEvent, not event(): PySide hands every event of an overridden event() to Python as
        # its own class, and makes some forty event classes for that before the first frame (~10 ms)
        if self._preload_on_paint:
            self._preload_on_paint = False
            QTimer.singleShot(PRELOAD_DELAY_MS, self._preload_activities)
            if TYPESETTER_DELAY_MS is not None:
                QTimer.singleShot(TYPESETTER_DELAY_MS, self._prestart_typesetter)
        super().paintEvent(event)

    def _preload_activities(self) -> None:
        if self.session is None or "work" not in self.pages:
            return
        overview = self.built_page("overview")
        if overview is not None and overview.is_reading():
            # The overview reads this (large) year in a thread: the list's ids read now would compete
            # with it for the interpreter (at 1,000,000 activities 1.3 s on the GUI thread instead
            # of 0.4 s). They are read once the year has been read; the page reads them itself if it
            # is opened before.
            if not self._preload_waits:
                self._preload_waits = True
                self.session.yearRead.connect(
                    self._preload_after_read, Qt.ConnectionType.SingleShotConnection
                )
            return
        self.pages["work"].activities.preload()

    def _prestart_typesetter(self) -> None:
        """Start the report page's typesetting process ahead of its first preview (it waits idle)."""
        if self.session is None or self.session.book.closed or self.built_page("report") is not None:
            return  # the report page started its own
        from jixiao.gui import report_worker

        try:
            report_worker.prestart()
        except OSError as error:  # the first preview starts it again and reports a failure
            log.warning("could not start the typesetting process ahead of time: %s", error)

    def _preload_after_read(self) -> None:
        self._preload_waits = False
        self._preload_activities()

    def _page_built(self, key: str, page: Page) -> None:
        """Put a page built on its first visit in the place its placeholder held."""
        placeholder = self.stack.findChild(QWidget, f"slot_{key}")
        if placeholder is None:
            self.stack.addWidget(page)
            return
        current = self.stack.currentWidget() is placeholder
        self.stack.insertWidget(self.stack.indexOf(placeholder), page)
        if current:
            self.stack.setCurrentWidget(page)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()

    def built_page(self, key: str) -> Page | None:
        """Page *key* if it has been built (visited), else None; builds nothing."""
        built = getattr(self.pages, "built", None)
        return built().get(key) if built is not None else self.pages.get(key)

    def _clear_pages(self) -> None:
        self.flush()
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        visible = self.stack.isVisibleTo(self)
        self.stack.hide()  # removing the page on show would show the next one: it would redraw from
        while self.stack.count():  # a data file that may be closed already
            widget = self.stack.widget(0)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.stack.setVisible(visible)
        self.pages = {}
        self._welcome = None

    def current_page_key(self) -> str | None:
        item = self.nav.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def go_to(self, key: str, **target) -> None:
        """Show page *key* and, when given, the records *target* names there; ``focus=`` names a
        field (its object name) on that page to put the cursor in."""
        focus = target.pop("focus", None)
        if key not in self.pages:
            return
        index = list(self.pages).index(key)
        if self.nav.currentRow() != index:
            self.nav.setCurrentRow(index)
        if target:
            self.pages[key].navigate_to(**target)
        if focus:
            from jixiao.gui.focus import focus_field

            focus_field(self.pages[key], focus)

    def _show_row(self, row: int) -> None:
        if 0 <= row < len(self.pages):
            current = self.stack.currentWidget()
            if isinstance(current, Page):
                current.flush()
            self.stack.setCurrentWidget(self.pages[list(self.pages)[row]])

    def flush(self) -> None:
        for key in self.pages:
            page = self.built_page(key)
            if page is not None:
                page.flush()

    # -- years ------------------------------------------------------------------------------------
    def _fill_years(self) -> None:
        if self.session is None:
            return
        self.year_box.blockSignals(True)
        self.year_box.clear()
        for year_id, _unit, year in self.session.years():
            self.year_box.addItem(self._("FY {year}").format(year=year), year_id)
        index = self.year_box.findData(self.session.year_id)
        self.year_box.setCurrentIndex(index)
        self.year_box.blockSignals(False)
        year = self.session.year
        _ = self._
        title = _("{app} {version} — FY {year}") if year else _("{app} {version}")
        self.setWindowTitle(title.format(app=_(DISPLAY_NAME), version=VERSION, year=year))

    def _year_chosen(self, index: int) -> None:
        year_id = self.year_box.itemData(index)
        if self.session is not None and year_id is not None:
            self.flush()
            self.session.set_year(year_id)

    def new_year_from_last(self) -> None:
        """Start next year from the current one (tasks, types, projects, indicators kept)."""
        session = self.session
        if session is None or session.year is None:
            return
        _ = self._
        latest = max(year for _id, _u, year in session.years())
        to_year = self.asker.get_int(
            _("New year from last year"),
            _("Start which fiscal year from FY {year}?").format(year=session.year),
            latest + 1,
            MIN_YEAR,
            MAX_YEAR,
        )
        if to_year is None:
            return
        from jixiao.services import yearpackages  # not imported before it is needed: start-up time

        try:
            year_id = session.call(
                yearpackages.new_year_from, session.year, to_year, unit_id=session.unit().id
            )
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, _)
            return
        session.set_year(year_id)

    def import_package(self) -> None:
        _ = self._
        if self.session is None:
            return
        path = self.asker.open_file(_("Import a year package"), _("Year packages (*.json)"))
        if not path:
            return
        from jixiao.services import yearpackages

        try:
            year_id = self.session.call(yearpackages.import_year, path)
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, _)
            return
        self.session.set_year(year_id)
        self._fill_years()

    def import_activities(self) -> None:
        """File › Import activities…: the spreadsheet import dialog for the current year."""
        from jixiao.gui.dialogs.import_dialog import open_import_dialog

        open_import_dialog(self)

    def export_package(self) -> None:
        _ = self._
        session = self.session
        if session is None or session.year is None:
            return
        path = self.asker.save_file(
            _("Export this year"), _("Year packages (*.json)"), f"fy{session.year}.json"
        )
        if not path:
            return
        from jixiao.services import yearpackages

        try:
            # streamed from the book into an atomically replaced file: small memory for any size
            yearpackages.export_year_to_file(session.book, session.year, path, session.unit().id)
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, _)
            return
        self.statusBar().showMessage(_("Exported to {path}.").format(path=path), 8000)

    # -- status ------------------------------------------------------------------------------------
    def _saved(self, when: dt.datetime) -> None:
        self.saved_label.setText(
            self._("Saved at {time}. Every change is saved at once.").format(time=when.strftime("%H:%M:%S"))
        )

    def _data_changed(self, areas: frozenset[str]) -> None:
        if areas & {"year", "unit"}:
            self._fill_years()

    def show_guide(self) -> None:
        """帮助 → 使用说明 (a window that may stay open beside this one)."""
        from jixiao.gui.dialogs.guide import GuideDialog

        self.guide = GuideDialog(self._, self)
        self.guide.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.guide.show()

    def about_qt(self) -> None:
        from PySide6.QtWidgets import QMessageBox  # made when first shown: start-up time

        QMessageBox.aboutQt(self)

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        _ = self._
        text = _(
            "<h3>{app} {version}</h3><p>Records a department's year and writes its performance "
            "self-evaluation report (部门整体支出绩效自评报告) and score table.</p>"
            "<p>Everything stays on this computer, in one data file, backed up automatically.</p>"
            "<p>© {organisation}. Licence: MIT. Fonts: WenQuanYi Micro Hei, Fandol, AR PL, LXGW WenKai, "
            "Noto (see their licences).</p>"
        ).format(app=_(DISPLAY_NAME), version=VERSION, organisation=_(ORGANISATION))
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("About {app}").format(app=_(DISPLAY_NAME)),
            text,
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setIconPixmap(app_icon().pixmap(64, 64))
        box.setObjectName("aboutBox")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        self.about_box = box

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush()
        self.closing.emit()
        super().closeEvent(event)
