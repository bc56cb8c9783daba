"""File › Import activities…: a spreadsheet (CSV or .xlsx) into the current year, all rows or none.

Choose the file; check which column holds which field (pre-filled by the guess from the headers);
look at the first rows; "Check" lists every problem by row and column; "Import" writes all rows in
one transaction, or nothing when any row has a problem. The reading, guessing, converting and
checking are done by ``services.activity_import``; this dialog only shows them.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.activity_import import FIELD_LABELS, FIELDS, REQUIRED, ImportFileError, ImportProblem, Sheet
from jixiao.core.activity_import import cell_text as _cell_text
from jixiao.core.errors import N_
from jixiao.gui.ask import Asker, show_error
from jixiao.gui.session import Session
from jixiao.services import activity_import as import_service

PREVIEW_ROWS = 20
PROBLEM_BRUSH = QBrush(QColor(255, 228, 225))
FILE_FILTER = N_("Spreadsheets (*.xlsx *.csv *.txt);;All files (*)")


class ImportDialog(QDialog):
    """The import dialog over *session*'s current year."""

    def __init__(self, session: Session, asker: Asker, gettext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.asker = asker
        self._ = _ = gettext
        self.sheet: Sheet | None = None
        self.imported = 0
        self.setObjectName("importDialog")
        self.setWindowTitle(_("Import activities"))
        self.resize(1000, 700)

        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText(_("No file chosen"))
        self.choose_button = QPushButton(_("Choose file…"))
        self.choose_button.setObjectName("chooseImportFile")
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QHBoxLayout()
        file_row.addWidget(QLabel(_("File:")))
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.choose_button)
        self.info = QLabel()
        self.info.setObjectName("importInfo")
        self.info.setWordWrap(True)

        self.combos: dict[str, QComboBox] = {}
        mapping_box = QGroupBox(_("Which column holds what"))
        form = QFormLayout(mapping_box)
        for field in FIELDS:
            combo = QComboBox()
            combo.setObjectName(f"importColumn_{field}")
            combo.setMinimumContentsLength(10)
            combo.currentIndexChanged.connect(self._mapping_changed)
            self.combos[field] = combo
            label = _(FIELD_LABELS[field]) + (" *" if field in REQUIRED else "")
            form.addRow(label, combo)

        self.preview = QTableWidget()
        self.preview.setObjectName("importPreview")
        self.preview.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.preview.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.preview.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.preview_label = QLabel()
        self.problems = QTableWidget(0, 3)
        self.problems.setObjectName("importProblems")
        self.problems.setHorizontalHeaderLabels([_("Row"), _("Column"), _("Problem")])
        self.problems.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.problems.verticalHeader().hide()
        self.problems.horizontalHeader().setStretchLastSection(True)
        self.problems.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.problems.itemSelectionChanged.connect(self._show_problem_row)
        self.result_label = QLabel()
        self.result_label.setObjectName("importResult")
        self.result_label.setWordWrap(True)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.preview_label)
        right_layout.addWidget(self.preview, 3)
        right_layout.addWidget(self.result_label)
        right_layout.addWidget(self.problems, 2)
        splitter = QSplitter()
        splitter.addWidget(mapping_box)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        em = self.fontMetrics().horizontalAdvance("中")
        splitter.setSizes([em * 20, em * 50])

        buttons = QDialogButtonBox()
        self.check_button = buttons.addButton(_("Check"), QDialogButtonBox.ButtonRole.ActionRole)
        self.check_button.setObjectName("checkImport")
        self.import_button = buttons.addButton(_("Import"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.setObjectName("runImport")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.check_button.clicked.connect(self.check)
        self.import_button.clicked.connect(self.run_import)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(file_row)
        layout.addWidget(self.info)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self._show_problems([])
        self._update_buttons()

    # -- file -------------------------------------------------------------------------------------
    def choose_file(self) -> None:
        path = self.asker.open_file(self._("Import activities"), self._(FILE_FILTER))
        if path:
            self.load(Path(path))

    def load(self, path: Path) -> bool:
        """Read *path*, guess the columns, show the first rows; False (and a message) if unreadable."""
        _ = self._
        try:
            sheet = import_service.read_file(path)
        except ImportFileError as error:
            show_error(self.asker, error, _)
            return False
        self.sheet = sheet
        self.path_edit.setText(str(path))
        where = sheet.encoding.upper() if sheet.encoding else sheet.sheet_name
        self.info.setText(
            _("{rows} rows read from {name} ({where}).").format(
                rows=len(sheet.rows), name=path.name, where=where
            )
        )
        guess = import_service.guess_mapping(sheet)
        for field, combo in self.combos.items():
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(_("(not imported)"), None)
            for index, header in enumerate(sheet.headers):
                combo.addItem(header, index)
            combo.setCurrentIndex(combo.findData(guess[field]) if field in guess else 0)
            combo.blockSignals(False)
        self._fill_preview()
        self._show_problems([])
        self.result_label.clear()
        self._update_buttons()
        return True

    def _fill_preview(self) -> None:
        sheet = self.sheet
        shown = sheet.rows[:PREVIEW_ROWS]
        self.preview.clear()
        self.preview.setColumnCount(len(sheet.headers))
        self.preview.setRowCount(len(shown))
        self.preview.setHorizontalHeaderLabels(sheet.headers)
        self.preview.setVerticalHeaderLabels([str(n) for n in sheet.row_numbers[: len(shown)]])
        for r, row in enumerate(shown):
            for c, value in enumerate(row):
                self.preview.setItem(r, c, QTableWidgetItem(_cell_text(value)))
        self.preview.resizeColumnsToContents()
        self.preview_label.setText(
            self._("The first {count} rows of the file:").format(count=len(shown))
            if len(sheet.rows) > len(shown)
            else self._("The rows of the file:")
        )

    # -- mapping ----------------------------------------------------------------------------------
    def mapping(self) -> dict[str, int]:
        """The column chosen for each field (fields left "not imported" are absent)."""
        return {
            field: combo.currentData()
            for field, combo in self.combos.items()
            if combo.currentData() is not None
        }

    def set_column(self, field: str, header: str | None) -> None:
        """Choose the column *header* (None: not imported) for *field*."""
        combo = self.combos[field]
        combo.setCurrentIndex(0 if header is None else combo.findText(header))

    def _mapping_changed(self, *_args) -> None:
        self.result_label.clear()
        self._show_problems([])

    def _update_buttons(self) -> None:
        loaded = self.sheet is not None
        self.check_button.setEnabled(loaded)
        self.import_button.setEnabled(loaded)
        for combo in self.combos.values():
            combo.setEnabled(loaded)

    # -- checking and importing -------------------------------------------------------------------
    def check(self) -> bool:
        """Check every row without writing; show the problems. True when every row is fine."""
        if self.sheet is None:
            return False
        try:
            result = import_service.check(self.session.book, self.session.year_id, self.sheet, self.mapping())
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, self._)
            return False
        self._show_problems(result.problems)
        if result.ok:
            self.result_label.setText(
                self._("All {count} rows can be imported.").format(count=len(result.activities))
            )
        else:
            self._say_rejected(result.problems)
        return result.ok

    def run_import(self) -> None:
        """Import every row, or nothing and the list of problems."""
        if self.sheet is None:
            return
        try:
            count = self.session.call(
                import_service.import_activities,
                self.session.year_id,
                self.sheet,
                self.mapping(),
            )
        except import_service.ImportRejectedError as error:
            self._show_problems(error.import_problems)
            self._say_rejected(error.import_problems)
            return
        except Exception as error:  # noqa: BLE001 - shown translated, nothing was written
            show_error(self.asker, error, self._)
            return
        self.imported = count
        text = self._("Imported {count} activities.").format(count=count)
        self.result_label.setText(text)
        self._show_problems([])
        self.asker.inform(self._("Import activities"), text)
        self.accept()

    def _say_rejected(self, problems: list[ImportProblem]) -> None:
        rows = sorted({p.row for p in problems if p.row is not None})
        if rows:
            text = self._("Nothing was imported: {rows} row(s) of the file have problems.").format(
                rows=len(rows)
            )
        else:
            text = self._("Nothing was imported: check the column choice.")
        self.result_label.setText(text)

    def _show_problems(self, problems: list[ImportProblem]) -> None:
        _ = self._
        self.problems.setRowCount(len(problems))
        for r, problem in enumerate(problems):
            row_text = str(problem.row) if problem.row is not None else _("whole file")
            column = problem.column or (
                _(FIELD_LABELS[problem.field]) if problem.field in FIELD_LABELS else ""
            )
            for c, text in enumerate((row_text, column, problem.translated(_))):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, problem.row)
                self.problems.setItem(r, c, item)
        self.problems.resizeColumnToContents(0)
        self.problems.resizeColumnToContents(1)
        self.problems.setVisible(bool(problems))
        bad = {p.row for p in problems}
        if self.sheet is not None:
            for r in range(self.preview.rowCount()):
                brush = PROBLEM_BRUSH if self.sheet.row_numbers[r] in bad else QBrush()
                for c in range(self.preview.columnCount()):
                    item = self.preview.item(r, c)
                    if item is not None:
                        item.setBackground(brush)

    def _show_problem_row(self) -> None:
        items = self.problems.selectedItems()
        if not items or self.sheet is None:
            return
        row = items[0].data(Qt.ItemDataRole.UserRole)
        if row in self.sheet.row_numbers[:PREVIEW_ROWS]:
            self.preview.selectRow(self.sheet.row_numbers.index(row))

    def problem_rows(self) -> list[tuple[str, str, str]]:
        """What the problem list shows: (row, column, message) per line."""
        cells = self.problems.item
        return [
            (cells(r, 0).text(), cells(r, 1).text(), cells(r, 2).text())
            for r in range(self.problems.rowCount())
        ]


def open_import_dialog(window) -> ImportDialog | None:
    """Open the import dialog for the window's current year (kept on ``window.import_dialog``)."""
    session = getattr(window, "session", None)
    if session is None or session.year_id is None:
        return None
    dialog = ImportDialog(session, window.asker, window._, window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    window.import_dialog = dialog
    return dialog


__all__ = ["ImportDialog", "open_import_dialog"]
