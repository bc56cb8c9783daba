"""The activities table: search (Chinese substring), filters by task, type and dates, sort, and the
commands around it (new, edit, duplicate, delete with confirmation, 回收站)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QItemSelectionModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from jixiao.gui.models.activity_table import COLUMNS, WINDOWED_ABOVE, ActivityFilter, ActivityTableModel
from jixiao.gui.pages.base import Page
from jixiao.gui.widgets.layout import record_table
from jixiao.services import activities as activity_service
from jixiao.services import years as year_service
from jixiao.services.activities import ActivityQuery

if TYPE_CHECKING:  # the dialog module is imported on the first dialog, not with the page
    from jixiao.gui.dialogs.activity_dialog import ActivityDialog

SEARCH_DELAY_MS = 150
NO_TASK = "no-task"  # the task filter's choice "(no key task)"
# widest a column gets when fitted to its contents, in widths of "中" (the clerk can widen it)
FIT_CAPS = {"task": 12, "type": 6, "title": 26, "place": 9}
# when the columns are wider than the view: which give width back, down to how many "中"
SHRINK_ORDER = (("title", 12), ("task", 6), ("place", 5))


class ActivitiesPanel(Page):
    kinds = ("activities", "tasks", "types")

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        self.search = QLineEdit()
        self.search.setObjectName("activitySearch")
        self.search.setPlaceholderText(_("Search title, notes, place…"))
        self.search.setClearButtonEnabled(True)
        self.search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self.search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self.search_timer.start)
        self.task_filter = QComboBox()
        self.task_filter.setObjectName("taskFilter")
        self.type_filter = QComboBox()
        self.type_filter.setObjectName("typeFilter")
        self.date_from = QDateEdit()
        self.date_to = QDateEdit()
        for edit, name in ((self.date_from, "dateFrom"), (self.date_to, "dateTo")):
            edit.setObjectName(name)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.apply_filter)
        for combo in (self.task_filter, self.type_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        self.task_filter.activated.connect(self.apply_filter)
        self.type_filter.activated.connect(self.apply_filter)
        self.recycle = QCheckBox(_("Recycle bin"))
        self.recycle.setObjectName("recycleBin")
        self.recycle.toggled.connect(self.reload)
        clear = QPushButton(_("Clear filters"))
        clear.clicked.connect(self.clear_filters)
        filters = QHBoxLayout()
        filters.addWidget(self.search, 2)
        filters.addWidget(self.task_filter, 1)
        filters.addWidget(self.type_filter, 1)
        filters.addWidget(QLabel(_("from")))
        filters.addWidget(self.date_from)
        filters.addWidget(QLabel(_("to")))
        filters.addWidget(self.date_to)
        filters.addWidget(clear)

        self.model = ActivityTableModel(self._, self)
        self.table = record_table("activityTable", self.model, 200)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        horizontal = self.table.horizontalHeader()
        horizontal.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        horizontal.setStretchLastSection(False)
        self._columns_fitted = False
        self.table.doubleClicked.connect(lambda index: self.edit_row(index.row()))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.new_button = QPushButton(_("New activity"))
        self.new_button.setObjectName("newActivity")
        self.new_button.setToolTip("Ctrl+N")
        self.edit_button = QPushButton(_("Edit"))
        self.edit_button.setObjectName("editActivity")
        self.duplicate_button = QPushButton(_("Duplicate"))
        self.duplicate_button.setObjectName("duplicateActivity")
        self.duplicate_button.setToolTip("Ctrl+D")
        self.delete_button = QPushButton(_("Delete"))
        self.delete_button.setObjectName("deleteActivity")
        self.restore_button = QPushButton(_("Restore"))
        self.restore_button.setObjectName("restoreActivity")
        self.new_button.clicked.connect(self.new_activity)
        self.edit_button.clicked.connect(lambda: self.edit_row(self.current_row()))
        self.duplicate_button.clicked.connect(self.duplicate)
        self.delete_button.clicked.connect(self.delete_selected)
        self.restore_button.clicked.connect(self.restore_selected)
        QShortcut(QKeySequence("Ctrl+D"), self, activated=self.duplicate)
        QShortcut(QKeySequence(QKeySequence.StandardKey.Delete), self.table, activated=self.delete_selected)
        QShortcut(
            QKeySequence(Qt.Key.Key_Return), self.table, activated=lambda: self.edit_row(self.current_row())
        )
        self.count_label = QLabel()
        self.count_label.setObjectName("activityCount")
        buttons = QHBoxLayout()
        for button in (
            self.new_button,
            self.edit_button,
            self.duplicate_button,
            self.delete_button,
            self.restore_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.recycle)
        buttons.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.dialog: ActivityDialog | None = None
        self._filling = False
        self._update_buttons()

    # -- data -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        outline = self.session.outline()
        if outline is None:
            return
        self._filling = True
        year = outline.year
        _ = self._
        keep_task, keep_type = self.task_filter.currentData(), self.type_filter.currentData()
        self.task_filter.clear()
        self.task_filter.addItem(_("All key tasks"), None)
        self.task_filter.addItem(_("(no key task)"), NO_TASK)
        for task in outline.tasks:
            self.task_filter.addItem(task.title, task.id)
        self.task_filter.setCurrentIndex(max(self.task_filter.findData(keep_task), 0))
        self.type_filter.clear()
        self.type_filter.addItem(_("All types"), None)
        for activity_type in outline.activity_types:
            self.type_filter.addItem(activity_type.name, activity_type.id)
        self.type_filter.setCurrentIndex(max(self.type_filter.findData(keep_type), 0))
        if self.date_from.minimumDate().year() != year or self.date_from.date().year() != year:
            for edit in (self.date_from, self.date_to):
                edit.setDateRange(QDate(year, 1, 1), QDate(year, 12, 31))
            self.date_from.setDate(QDate(year, 1, 1))
            self.date_to.setDate(QDate(year, 12, 31))
        self.model.set_names(outline.tasks, outline.activity_types)
        unused = set(self.model.unused_columns(outline.activity_types))
        for column in range(len(COLUMNS)):
            self.table.setColumnHidden(column, column in unused)
        self._filling = False
        self.reload()

    def _on_year_read(self) -> None:
        """Nothing to redraw: the list is read from the file, not from the year held in memory (a
        needless reload of a 1,000,000-activity list costs ~0.4 s)."""

    def preload(self) -> None:
        """Load the year's rows ahead of time (after the window shows), so the page opens at once."""
        if self._dirty and self.session.year_id is not None:
            self.refresh_now()

    def reload(self) -> None:
        """Read the year's activities (or the recycle bin) from the data file, then filter."""
        if self._filling or self.session.year_id is None:
            return
        selected = self.selected_ids()
        book, year_id, deleted = self.session.book, self.session.year_id, self.recycle.isChecked()
        total = activity_service.count_activities(book, year_id, deleted)
        if total > WINDOWED_ABOVE:  # too many to hold: the file filters and sorts, rows read as shown
            self.model.set_windowed(
                lambda query, sort, descending: activity_service.list_activity_ids(
                    book, year_id, replace(query, deleted=deleted), sort, descending
                ),
                lambda ids: activity_service.list_rows(book, ids),
                total,
                self.current_filter(),
            )
        else:
            rows = activity_service.list_activities(book, year_id, ActivityQuery(deleted=deleted))
            self.model.set_rows(rows, year_service.activity_notes(book, year_id), self.current_filter())
        if not self._columns_fitted and total and self.isVisible():
            self.fit_columns()
        self._after_filter(selected)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._columns_fitted and self.model.rowCount():
            self.fit_columns()

    def fit_columns(self) -> None:
        """Size the columns to their contents (header and the first rows), long texts capped;
        the title takes up what the view has spare, or gives some back (down to a minimum) so
        the columns fit. Done once, when first shown: then the clerk's widths stay."""
        self._columns_fitted = True
        self.table.resizeColumnsToContents()
        em = self.fontMetrics().horizontalAdvance("中")
        for column, (name, _field) in enumerate(COLUMNS):
            if name in FIT_CAPS:
                self.table.setColumnWidth(column, min(self.table.columnWidth(column), FIT_CAPS[name] * em))
        column_of = {name: i for i, (name, _f) in enumerate(COLUMNS)}
        title = column_of["title"]
        spare = self.table.viewport().width() - self.table.horizontalHeader().length()
        if spare > 0:
            self.table.setColumnWidth(title, self.table.columnWidth(title) + spare)
            return
        for name, narrowest in SHRINK_ORDER:  # too wide: give back width, the title first
            column = column_of[name]
            width = self.table.columnWidth(column)
            floor = max(narrowest * em, self.table.horizontalHeader().sectionSizeHint(column))
            narrower = max(width + spare, min(width, floor))
            self.table.setColumnWidth(column, narrower)
            spare += width - narrower
            if spare >= 0:
                break

    def current_filter(self) -> ActivityFilter:
        def day(edit: QDateEdit) -> dt.date:
            d = edit.date()
            return dt.date(d.year(), d.month(), d.day())

        task = self.task_filter.currentData()
        return ActivityFilter(
            text=self.search.text(),
            type_ids=() if self.type_filter.currentData() is None else (self.type_filter.currentData(),),
            task_id=None if task == NO_TASK else task,
            without_task=task == NO_TASK,
            date_from=day(self.date_from),
            date_to=day(self.date_to),
        )

    def apply_filter(self) -> None:
        """Show the rows matching the search text and filters (keeps the selection)."""
        if self._filling or self.session.year_id is None:
            return
        self.search_timer.stop()
        selected = self.selected_ids()
        self.model.set_filter(self.current_filter())
        self._after_filter(selected)

    def _after_filter(self, selected: list[int]) -> None:
        self.count_label.setText(self._("{count} activities").format(count=self.model.rowCount()))
        if selected:
            self.select_ids(selected)
        self._update_buttons()

    def clear_filters(self) -> None:
        outline = self.session.outline()
        self._filling = True
        self.search.clear()
        self.task_filter.setCurrentIndex(0)
        self.type_filter.setCurrentIndex(0)
        if outline:
            self.date_from.setDate(QDate(outline.year, 1, 1))
            self.date_to.setDate(QDate(outline.year, 12, 31))
        self._filling = False
        self.apply_filter()

    def navigate_to(
        self,
        task_id=None,
        date_from=None,
        date_to=None,
        find=False,
        new_activity=False,
        without_task=False,
        **_,
    ):
        """Show the activities behind a chart bar (a task, or no task, and a month), focus the
        search, or add one."""
        if self._dirty:
            self.refresh_now()
        if task_id is not None or without_task or date_from is not None:
            self._filling = True
            self.search.clear()
            self.type_filter.setCurrentIndex(0)
            task = NO_TASK if without_task else task_id
            self.task_filter.setCurrentIndex(max(self.task_filter.findData(task), 0))
            if date_from is not None:
                self.date_from.setDate(QDate(date_from.year, date_from.month, date_from.day))
            if date_to is not None:
                self.date_to.setDate(QDate(date_to.year, date_to.month, date_to.day))
            self._filling = False
            self.apply_filter()
        if find:
            self.search.setFocus()
            self.search.selectAll()
        if new_activity:
            self.new_activity()

    # -- selection --------------------------------------------------------------------------------
    def current_row(self) -> int:
        index = self.table.currentIndex()
        rows = self.table.selectionModel().selectedRows()
        if rows:
            return rows[0].row()
        return index.row() if index.isValid() else -1

    def selected_ids(self) -> list[int]:
        ids = (self.model.activity_id(index.row()) for index in self.table.selectionModel().selectedRows())
        return [activity_id for activity_id in ids if activity_id is not None]

    def select_ids(self, ids: list[int]) -> None:
        selection = self.table.selectionModel()
        selection.clearSelection()
        first = None
        for activity_id in ids:
            row = self.model.row_of(activity_id)
            if row >= 0:
                flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
                selection.select(self.model.index(row, 0), flags)
                first = row if first is None else first
        if first is not None:  # current without touching the selection made above
            selection.setCurrentIndex(self.model.index(first, 0), QItemSelectionModel.SelectionFlag.NoUpdate)
            self.table.scrollTo(self.model.index(first, 0))

    def _update_buttons(self, *_args) -> None:
        has = bool(self.table.selectionModel().selectedRows())
        deleted = self.recycle.isChecked()
        self.edit_button.setEnabled(has and not deleted)
        self.duplicate_button.setEnabled(has and not deleted)
        self.delete_button.setEnabled(has)
        self.delete_button.setText(self._("Delete for good") if deleted else self._("Delete"))
        self.restore_button.setVisible(deleted)
        self.restore_button.setEnabled(has)
        self.new_button.setEnabled(not deleted)

    # -- commands ---------------------------------------------------------------------------------
    def _open_dialog(self, activity=None, defaults=None) -> ActivityDialog:
        from jixiao.gui.dialogs.activity_dialog import ActivityDialog

        dialog = ActivityDialog(self.session, self.asker, self._, activity, self, defaults=defaults)
        dialog.saved.connect(lambda activity_id: self.select_ids([activity_id]))
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def new_activity(self) -> ActivityDialog | None:
        if self.session.outline() is None:
            return None
        if not self.session.outline().activity_types:
            self.asker.inform(
                self._("New activity"), self._("Add an activity type first (tab “Activity types”).")
            )
            return None
        return self._open_dialog()

    def edit_row(self, row: int) -> ActivityDialog | None:
        activity_id = self.model.activity_id(row)
        if activity_id is None or self.recycle.isChecked():
            return None
        try:
            activity = activity_service.get_activity(self.session.book, activity_id)
        except Exception as error:  # noqa: BLE001
            from jixiao.gui.ask import show_error

            show_error(self.asker, error, self._)
            return None
        return self._open_dialog(activity)

    def duplicate(self) -> ActivityDialog | None:
        """Copy the selected activity (without files) and open the copy to change its date and title."""
        ids = self.selected_ids()
        if not ids or self.recycle.isChecked():
            return None
        ok, new_id = self.run(activity_service.duplicate_activity, ids[0])
        if not ok:
            return None
        self.select_ids([new_id])
        return self.edit_row(self.model.row_of(new_id))

    def delete_selected(self) -> None:
        ids = self.selected_ids()
        if not ids:
            return
        _ = self._
        if self.recycle.isChecked():
            question = _("Delete {count} activities for good, with their files? This cannot be undone.")
            function = activity_service.purge_activities
        else:
            question = _("Move {count} activities to the recycle bin?")
            function = activity_service.delete_activities
        if self.asker.confirm(_("Delete"), question.format(count=len(ids))):
            self.run(function, ids)  # one transaction for the whole selection

    def restore_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.run(activity_service.restore_activities, ids)
