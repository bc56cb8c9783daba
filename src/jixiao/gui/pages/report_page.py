"""生成报告: what still needs fixing (each item leads to its field), the layout and fonts, a preview of
the real PDF, export, print, open, and "mark as final".

The PDF is made off the GUI thread by ``ReportWorker`` (a child process): the page loads the year
(``Session.fiscal_year``), sends it, and shows progress; a change to the records makes a new preview
after a short pause. What is exported, printed or marked final is always the PDF on screen, and
only once it shows the records as they are now.
"""

from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer, QUrl
from PySide6.QtGui import QColor, QDesktopServices, QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.errors import N_, Message, Problem
from jixiao.core.model import FiscalYear
from jixiao.core.outline import year_outline
from jixiao.core.readiness import ERROR
from jixiao.gui.ask import show_error
from jixiao.gui.dialogs.outline_dialog import OutlineDialog
from jixiao.gui.dialogs.outline_dialog import choose as choose_outline
from jixiao.gui.dialogs.outline_dialog import fill_choices as fill_outline_choices
from jixiao.gui.pages.base import Page
from jixiao.gui.pdf_loader import PdfLoader
from jixiao.gui.report_worker import RenderRequest, ReportWorker, YearSource
from jixiao.gui.widgets.font_roles import FontRolesEditor, font_choices
from jixiao.gui.widgets.form import Field, FormBinding, FormSpec
from jixiao.gui.widgets.layout import button_row, proportional_splitter
from jixiao.services import exports as export_service
from jixiao.services import finals as finals_service
from jixiao.services import years as year_service
from jixiao.services.checks import year_findings
from jixiao.services.reports import report_project, save_pdf

FINDING_ROLE = Qt.ItemDataRole.UserRole
DEBOUNCE_MS = 700
PRINT_DPI = 300
EXPORT_DIR_KEY = "report/export_dir"
PROJECT_TABLES_KEY = "report/project_tables"
# + "/<file>/<year>": the project a project outline writes about, as last chosen for that year
PROJECT_KEY = "report/project"
PDF_FILTER_MSGID = N_("PDF files (*.pdf)")
WORD_FILTER_MSGID = N_("Word documents (*.docx)")
EXCEL_FILTER_MSGID = N_("Excel workbooks (*.xlsx)")
REPORT_FILE_MSGID = N_("FY{year} performance self-evaluation report.pdf")
SCORES_FILE_MSGID = N_("FY{year} performance self-evaluation tables.xlsx")
FINAL_FILE_MSGID = N_("FY{year} performance self-evaluation report (final).pdf")

# Which field of the indicator form fixes a readiness problem (by its code).
INDICATOR_FIELDS = {
    "actual_missing": "actual",
    "actual_not_number": "actual",
    "figure": "actual",
    "target_missing": "target",
    "target_not_number": "target",
    "band_missing": "qualBand",
    "band_unknown": "qualBand",
    "kind_unknown": "kind",
    "points_negative": "points",
    "deviation_reason_missed": "deviationReason",
    "deviation_reason_beaten": "deviationReason",
    "override_note_missing": "overrideNote",
    "override_out_of_range": "override",
    "override_outside_band": "override",
}
# The budget column a money-block problem names (by the msgid of its ``field`` parameter).
BUDGET_COLUMNS = {
    "Initial budget": "initial_fen",
    "Full-year budget": "adjusted_fen",
    "Executed": "executed_fen",
}


def fix_target(finding: Problem) -> tuple[str, dict, str] | None:
    """Where a finding is fixed: ``(page key, navigation target, object name of the field)``."""
    if not finding.where:
        return None
    kind, target = finding.where
    if kind == "budget":
        column = "adjusted_fen"
        label = finding.message.params.get("field")
        if isinstance(label, Message):
            column = BUDGET_COLUMNS.get(label.message, column)
        return "budget", {"line": target}, f"budget_{target}_{column}"
    if kind == "indicator":
        return "indicators", {"indicator_id": target}, INDICATOR_FIELDS.get(finding.code, "indicatorTable")
    if kind == "indicators":
        return "indicators", {}, "indicatorTable"
    if kind == "year":
        return "indicators", {}, "scoreRule"
    if kind == "project":
        if finding.code in ("weights_sum", "key_project_without_indicators"):  # where indicators are set
            return "indicators", {"project_id": target}, "indicatorTable"
        return "budget", {"project_id": target}, "projectPerformance"
    if kind == "text":
        return "unit", {}, f"text_{target}"
    if kind == "task":
        return "work", {"tab": "tasks", "task_id": target}, "taskIntroText"
    if kind == "measure":
        return "work", {"tab": "tasks", "measure_id": target}, "measureText"
    if kind == "problem":
        return "problems", {}, "problems"
    if kind == "improvement":
        return "problems", {}, "improvements"
    if kind == "report":  # the outline editor of this page (report settings and figures)
        name = {"outline": "outlineSections", "previous": "report_previous_income_fen"}.get(
            target, f"report_{target}"
        )
        return "report", {"outline_field": target}, name
    return None


REPORT_FORM = FormSpec(
    FiscalYear,
    [
        Field(
            "layout_profile",
            N_("Layout"),
            "combo",
            choices=(("gbt9704", N_("GB/T 9704 official layout")), ("word", N_("Word default layout"))),
            object_name="layoutProfile",
        )
    ],
)


class ReportPage(Page):
    kinds = ("budget", "projects", "indicators", "activities", "texts", "tasks", "metrics", "types", "unit")

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.settings = context.settings
        self.worker = ReportWorker()
        self.worker.progress.connect(self._progress)
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)
        worker = self.worker  # not self: the page is being destroyed when this runs
        self.destroyed.connect(lambda *_args: worker.shutdown())
        self.result = None  # the RenderResult on screen
        self.final = None  # the newest FinalReport of the year
        self.exported: Path | None = None
        self.error_count = 0  # errors the check found in the year at the last redraw
        self._job = 0
        self._stale = True
        self._scroll_to = 0
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.render_now)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self._readiness_box(), 2)
        left_layout.addWidget(self._settings_box(), 3)
        left_layout.addWidget(self._final_box())
        self.splitter = proportional_splitter(left, self._preview_box(), (2, 3))
        QVBoxLayout(self).addWidget(self.splitter)
        self._update_actions()

    def _readiness_box(self) -> QGroupBox:
        """What still needs fixing; each item leads to its field."""
        _ = self._
        self.summary = QLabel()
        self.summary.setObjectName("readinessSummary")
        self.summary.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setObjectName("readinessList")
        self.problems.setWordWrap(True)
        self.problems.setIconSize(QSize(16, 16))
        self.problems.itemActivated.connect(self._go)
        self.problems.itemDoubleClicked.connect(self._go)
        self.problems.setToolTip(_("Double-click an item to go to the field that fixes it."))
        checks = QGroupBox(_("Things to fix before the report"))
        checks_layout = QVBoxLayout(checks)
        checks_layout.addWidget(self.summary)
        checks_layout.addWidget(self.problems, 1)
        return checks

    def _settings_box(self) -> QGroupBox:
        """The outline, the year's layout (bound from ``REPORT_FORM``), project tables and fonts."""
        _ = self._
        self.form = FormBinding(REPORT_FORM, _)
        self.layout_box = self.form["layout_profile"]
        self.form.on_commit(self._layout_chosen)
        self.project_tables = QCheckBox(_("Append each project's score table"))
        self.project_tables.setObjectName("projectTables")
        self.project_tables.setChecked(self._setting_bool(PROJECT_TABLES_KEY))
        self.project_tables.toggled.connect(self._project_tables_toggled)
        self.fonts = FontRolesEditor(_, self.asker, self.settings)
        self.fonts.changed.connect(self.schedule_preview)
        self.outline_box = QComboBox()
        self.outline_box.setObjectName("reportOutline")
        self.outline_box.activated.connect(lambda _index: choose_outline(self, self.outline_box))
        self.outline_button = self._button(_("Edit the outline…"), "editOutline", self.edit_outline)
        outline_row = QHBoxLayout()
        outline_row.addWidget(self.outline_box, 1)
        outline_row.addWidget(self.outline_button)
        self.project_box = QComboBox()  # shown with a project outline: the project it writes about
        self.project_box.setObjectName("reportProject")
        self.project_box.activated.connect(lambda _index: self._project_chosen())
        self.project_label = QLabel(_("Project"))
        settings_box = QGroupBox(_("Layout and fonts"))
        form = QFormLayout(settings_box)
        form.addRow(_("Outline"), outline_row)
        form.addRow(self.project_label, self.project_box)
        form.addRow(self.form.label("layout_profile"), self.layout_box)
        form.addRow("", self.project_tables)
        form.addRow(self.fonts)
        return settings_box

    def _final_box(self) -> QGroupBox:
        """Mark the PDF on screen as final; save the final PDF again."""
        _ = self._
        self.final_label = QLabel()
        self.final_label.setObjectName("finalStatus")
        self.final_label.setWordWrap(True)
        self.mark_final_button = self._button(
            _("Mark as final…"),
            "markFinal",
            self.mark_final,
            _("Keep this PDF and the records it was made from, as submitted, with today's date."),
        )
        self.save_final_button = self._button(_("Save the final PDF…"), "saveFinal", self.save_final)
        final_box = QGroupBox(_("Final report"))
        final_layout = QVBoxLayout(final_box)
        final_layout.addWidget(self.final_label)
        final_layout.addLayout(button_row(self.mark_final_button, self.save_final_button))
        return final_box

    def _preview_box(self) -> QGroupBox:
        """The PDF as it will be exported, its progress, and what can be done with it."""
        _ = self._
        self.status = QLabel()
        self.status.setObjectName("previewStatus")
        self.status.setWordWrap(True)
        self.progress_bar = QProgressBar()
        self.progress_bar.setObjectName("previewProgress")
        self.progress_bar.setRange(0, 0)  # busy: the page count is not known beforehand
        self.progress_bar.setMaximumWidth(160)
        self.progress_bar.setTextVisible(False)
        self.progress_bar.hide()
        self.export_button = self._button(
            _("Export…"),
            "exportPdf",
            self.export_pdf,
            _("Save the report as PDF, or as an editable Word file (.docx)."),
        )
        self.export_excel_button = self._button(
            _("Excel…"),
            "exportXlsx",
            self.export_excel,
            _("Save the score tables as an Excel workbook (.xlsx)."),
        )
        self.print_button = self._button(_("Print…"), "printPdf", self.print_dialog)
        self.open_button = self._button(_("Open in PDF viewer"), "openPdf", self.open_in_viewer)
        self.folder_button = self._button(
            _("Open folder"), "openFolder", self.open_folder, _("Open the folder the PDF was exported to.")
        )
        self.document = QPdfDocument(self)
        self.document.statusChanged.connect(self._document_status)
        self.pdf_loader = PdfLoader(self)
        self.pdf_loader.loaded.connect(self._pdf_loaded)
        self.view = QPdfView()
        self.view.setObjectName("pdfPreview")
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setPageSpacing(12)
        top = QHBoxLayout()
        top.addWidget(self.status, 1)
        top.addWidget(self.progress_bar)
        preview = QGroupBox(_("Preview of the PDF"))
        preview_layout = QVBoxLayout(preview)
        preview_layout.addLayout(top)
        # two rows: the five buttons side by side are wider than the preview on a 1024-pixel screen
        preview_layout.addLayout(button_row(self.export_button, self.export_excel_button, self.print_button))
        preview_layout.addLayout(button_row(self.open_button, self.folder_button))
        preview_layout.addWidget(self.view, 1)
        return preview

    def _button(self, text: str, name: str, slot, tooltip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setToolTip(tooltip)
        button.clicked.connect(slot)
        return button

    def _setting_bool(self, key: str) -> bool:
        if self.settings is None:
            return False
        return str(self.settings.value(key, "false")).lower() in ("true", "1")

    # -- redraw ----------------------------------------------------------------------------------------
    def refresh(self) -> None:
        if self.session.book.closed:
            return
        fy = self.session.fiscal_year()
        if fy is None:
            return
        self.form.load(fy)
        fill_outline_choices(self.outline_box, fy)
        self._fill_projects(fy)
        findings = year_findings(fy)
        self.problems.clear()
        style = self.style()
        icons = {
            True: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
            False: style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
        }
        for finding in findings:
            item = QListWidgetItem(icons[finding.severity == ERROR], finding.message.translated(self._))
            item.setData(FINDING_ROLE, finding)
            self.problems.addItem(item)
        errors = self.error_count = sum(1 for f in findings if f.severity == ERROR)
        self.summary.setText(
            self._("{count} things to fix, {errors} of them errors.").format(
                count=len(findings), errors=errors
            )
            if findings
            else self._("Nothing to fix: the year is ready for its report.")
        )
        self._load_final()
        self.schedule_preview()

    def edit_outline(self) -> OutlineDialog:
        """Open the outline editor (choose, copy, change headings, order and own sections)."""
        dialog = getattr(self, "outline_dialog", None)
        if dialog is None or not dialog.isVisible():
            dialog = OutlineDialog(self)
            dialog.open()
            self.outline_dialog = dialog
        return dialog

    def navigate_to(self, outline_field: str | None = None, **_target) -> None:
        """A readiness jump to a report setting opens the outline editor on it."""
        if outline_field:
            self.edit_outline().show_field(outline_field)

    def _project_key(self) -> str:
        """The settings key of the project chosen for this file's current year."""
        where = hashlib.sha1(str(self.session.book.path).encode("utf-8")).hexdigest()[:16]
        return f"{PROJECT_KEY}/{where}/{self.session.year_id}"

    def _fill_projects(self, fy: FiscalYear) -> None:
        """With a project outline, offer the year's projects (the one last chosen for this year,
        also in an earlier session, else the one shown, else the first key project, what the
        report writes about by default); else hide the choice."""
        names = [project.name for project in fy.all_projects()]
        shown = year_outline(fy.report).kind == "project" and bool(names)
        stored = str(self.settings.value(self._project_key(), "")) if self.settings is not None else ""
        kept = self.project_box.currentText()
        self.project_box.blockSignals(True)
        self.project_box.clear()
        self.project_box.addItems(names if shown else [])
        if shown:
            chosen = next((name for name in (stored, kept) if name in names), report_project(fy).name)
            self.project_box.setCurrentIndex(names.index(chosen))
            self.project_box.setToolTip(self.project_box.currentText())
        self.project_box.blockSignals(False)
        self.project_box.setVisible(shown)
        self.project_label.setVisible(shown)

    def chosen_project(self) -> str | None:
        """The project the report writes about (a project outline), None otherwise."""
        if not self.project_box.count():
            return None
        return self.project_box.currentText() or None

    def _project_chosen(self) -> None:
        self.project_box.setToolTip(self.project_box.currentText())
        if self.settings is not None:
            self.settings.setValue(self._project_key(), self.project_box.currentText())
        self.schedule_preview()

    def schedule_preview(self) -> None:
        """A new preview after a short pause (edits come in bursts)."""
        self._stale = True
        self.debounce.start()
        self._update_actions()

    def render_now(self) -> int | None:
        """Send the current year to the typesetter now; returns the job number (None: nothing to do)."""
        self.debounce.stop()
        if self.session.book.closed:
            return None
        if not self.isVisible():
            self._dirty = True  # made when the page is shown again
            return None
        if self.session.year_id is None:
            return None
        # the child reads the year from the file itself (read-only): loading and pickling a large
        # year here stalled the window for half a second
        source = YearSource(str(self.session.book.path), self.session.year_id)
        request = RenderRequest(
            source=source,
            fonts=font_choices(self.settings),
            project_tables=self.project_tables.isChecked(),
            project=self.chosen_project(),
        )
        self._job = self.worker.request(request)
        self._stale = False
        self.status.setText(self._("Making the preview …"))
        self.progress_bar.show()
        self._update_actions()
        return self._job

    def _progress(self, job: int, message: Message) -> None:
        if job == self._job:
            self.status.setText(message.translated(self._))

    def _finished(self, job: int, result) -> None:
        if job != self._job:
            return
        self.result = result
        self.progress_bar.hide()
        seconds = format(result.seconds, ".1f")
        self.status.setText(
            self._("{pages} pages, made in {seconds} s.").format(pages=result.pages, seconds=seconds)
        )
        self.status.setToolTip("")
        self.fonts.set_fonts(result.fonts)
        self._show_pdf(result.pdf)
        self._show_final_status()
        self._update_actions()

    def _failed(self, job: int, message: Message | None, details: str) -> None:
        if job != self._job:
            return
        self.progress_bar.hide()
        text = (
            message.translated(self._)
            if message is not None
            else self._("The report could not be made; the details were written to the log.")
        )
        self.status.setText("✖ " + text)
        self.status.setToolTip(details)
        self._update_actions()

    def _show_pdf(self, pdf: bytes) -> None:
        """Open *pdf* off the GUI thread (gui/pdf_loader.py); it replaces the shown one when ready."""
        self._scroll_to = self.view.verticalScrollBar().value()
        self.pdf_loader.load(pdf)

    def _pdf_loaded(self, _ticket: int, document: QPdfDocument) -> None:
        old, self.document = self.document, document
        document.setParent(self)
        document.statusChanged.connect(self._document_status)
        self.view.setDocument(document)
        old.statusChanged.disconnect(self._document_status)
        old.deleteLater()
        self._document_status(document.status())
        self._update_actions()

    def _document_status(self, status) -> None:
        if status == QPdfDocument.Status.Ready:
            value = self._scroll_to
            QTimer.singleShot(0, lambda: self.view.verticalScrollBar().setValue(value))

    @property
    def current(self) -> bool:
        """True when the PDF on screen shows the records as they are now."""
        return (
            self.result is not None
            and not self._stale
            and not self.worker.busy
            and not self.pdf_loader.pending
        )

    def _update_actions(self) -> None:
        ready = self.current
        for button in (
            self.export_button,
            self.export_excel_button,
            self.print_button,
            self.open_button,
            self.mark_final_button,
        ):
            button.setEnabled(ready)
        self.folder_button.setEnabled(self.exported is not None)
        self.save_final_button.setEnabled(self.final is not None)

    # -- readiness -------------------------------------------------------------------------------------
    def _go(self, item: QListWidgetItem) -> None:
        finding = item.data(FINDING_ROLE)
        target = fix_target(finding) if finding is not None else None
        if target is None:
            return
        page, where, field = target
        self.context.navigate(page, focus=field, **where)

    def _layout_chosen(self) -> None:
        self.run(year_service.set_layout_profile, self.session.year_id, self.form.value("layout_profile"))

    def _project_tables_toggled(self, checked: bool) -> None:
        if self.settings is not None:
            self.settings.setValue(PROJECT_TABLES_KEY, bool(checked))
        self.schedule_preview()

    # -- the PDF -------------------------------------------------------------------------------------
    def _despite_errors(self, title: str) -> bool:
        """True when the year has no errors, or the clerk chooses to go on anyway (the same rule as
        ``jixiao report``/``score --out``, which refuse unless ``--force``)."""
        if not self.error_count:
            return True
        return self.asker.confirm(
            title,
            self._(
                "The check finds {count} error(s) in this year's records (listed on the left). "
                "A report or table made now prints them as they are. Go on anyway?"
            ).format(count=self.error_count),
        )

    def _default_name(self, msgid: str) -> str:
        return self._(msgid).format(year=self.session.year)

    def _export_dir(self) -> str:
        folder = self.settings.value(EXPORT_DIR_KEY, "") if self.settings is not None else ""
        return str(folder or Path.home())

    def _ask_pdf_path(self, title: str, name: str) -> Path | None:
        chosen = self.asker.save_file(title, self._(PDF_FILTER_MSGID), str(Path(self._export_dir()) / name))
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return path

    def export_pdf(self) -> Path | None:
        """Save the report on screen where the clerk says: the PDF itself, or the same report as Word
        when the name ends in .docx (the folder is remembered)."""
        if not self.current:
            return None
        if not self._despite_errors(self._("Export the report")):
            return None
        filters = ";;".join((self._(PDF_FILTER_MSGID), self._(WORD_FILTER_MSGID)))
        # no extension: the dialog adds the one of the chosen filter (.pdf or .docx)
        name = str(Path(self._export_dir()) / Path(self._default_name(REPORT_FILE_MSGID)).with_suffix(""))
        chosen = self.asker.save_file(self._("Export the report"), filters, name)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() not in (".pdf", ".docx"):
            path = path.with_name(path.name + ".pdf")
        return self._export(
            lambda: export_service.save_report(
                path,
                pdf=self.result.pdf,
                fy=self.session.fiscal_year(),
                layout=self.layout_box.currentData(),
                project_tables=self.project_tables.isChecked(),
                project=self.chosen_project(),
            ),
            path,
        )

    def export_excel(self) -> Path | None:
        """Save the score tables (the department's and each project's) as an Excel workbook."""
        if not self.current:
            return None
        if not self._despite_errors(self._("Export the score tables")):
            return None
        name = str(Path(self._export_dir()) / self._default_name(SCORES_FILE_MSGID))
        chosen = self.asker.save_file(self._("Export the score tables"), self._(EXCEL_FILTER_MSGID), name)
        if not chosen:
            return None
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        fy = self.session.fiscal_year()
        return self._export(
            lambda: export_service.write_atomically(path, export_service.render_workbook(fy)), path
        )

    def _export(self, write, path: Path) -> Path | None:
        """Run *write* (it writes *path*) with a busy cursor; remember the folder and say where it went."""
        from PySide6.QtWidgets import QApplication

        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            write()
        except Exception as error:  # noqa: BLE001
            QApplication.restoreOverrideCursor()
            show_error(self.asker, error, self._)
            return None
        QApplication.restoreOverrideCursor()
        if self.settings is not None:
            self.settings.setValue(EXPORT_DIR_KEY, str(path.parent))
        self.exported = path
        self.status.setText(self._("Exported to {path}.").format(path=path))
        self._update_actions()
        return path

    def open_in_viewer(self) -> Path | None:
        """Open the PDF on screen in the system's PDF viewer (the exported file, else a temporary copy)."""
        if not self.current:
            return None
        path = self.exported
        if path is None or not path.is_file() or path.read_bytes() != self.result.pdf:
            path = Path(tempfile.gettempdir()) / self._default_name(REPORT_FILE_MSGID)
            try:
                save_pdf(path, self.result.pdf)
            except Exception as error:  # noqa: BLE001
                show_error(self.asker, error, self._)
                return None
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        return path

    def open_folder(self) -> None:
        if self.exported is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.exported.parent)))

    def print_dialog(self) -> None:
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        if not self.current or self.document.pageCount() == 0:
            return
        if not self._despite_errors(self._("Print")):
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self._default_name(REPORT_FILE_MSGID))
        printer.setFromTo(1, self.document.pageCount())
        dialog = QPrintDialog(printer, self)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer) -> int:
        """Draw the pages of the PDF on screen (the printer's page range) onto *printer*; returns how many.

        Each page is rendered at the printer's resolution, scaled to its printable area; a landscape
        page (the score tables) is turned to fit portrait paper.
        """
        from PySide6.QtWidgets import QApplication

        count = self.document.pageCount()
        first, last = printer.fromPage(), printer.toPage()
        if first <= 0 or last <= 0:
            first, last = 1, count
        first, last = max(first, 1), min(last, count)
        painter = QPainter()
        if not painter.begin(printer):
            show_error(self.asker, OSError(self._("The printer could not be started.")), self._)
            return 0
        printed = 0
        try:
            dpi = printer.resolution()
            area = printer.pageLayout().paintRectPixels(dpi)
            paper = QRectF(0, 0, area.width(), area.height())
            for index in range(first - 1, last):
                if printed:
                    printer.newPage()
                size = self.document.pagePointSize(index)
                turn = size.width() > size.height() and paper.height() > paper.width()
                page_w, page_h = (size.height(), size.width()) if turn else (size.width(), size.height())
                scale = min(paper.width() / page_w, paper.height() / page_h)
                width, height = int(size.width() * scale), int(size.height() * scale)
                # rendered at most at PRINT_DPI (a page image at 1200 dpi would take 550 MB), then scaled
                sharp = min(1.0, PRINT_DPI / max(dpi, 1))
                image = self.document.render(index, QSize(int(width * sharp), int(height * sharp)))
                sheet = QImage(image.size(), QImage.Format.Format_RGB32)
                sheet.fill(QColor("white"))  # QtPdf renders onto a transparent background
                with_white = QPainter(sheet)
                with_white.drawImage(0, 0, image)
                with_white.end()
                painter.save()
                if turn:
                    painter.translate(QPointF(height, 0))
                    painter.rotate(90)
                painter.drawImage(QRectF(0, 0, width, height), sheet)
                painter.restore()
                printed += 1
                QApplication.processEvents()
        finally:
            painter.end()
        return printed

    # -- final -----------------------------------------------------------------------------------------
    def _load_final(self) -> None:
        year_id = self.session.year_id
        self.final = finals_service.latest_final(self.session.book, year_id) if year_id is not None else None
        self._show_final_status()
        self._update_actions()

    def _show_final_status(self) -> None:
        _ = self._
        if self.final is None:
            self.final_label.setText(_("Not marked final yet."))
            self.final_label.setStyleSheet("")
            return
        when = self.final.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
        if self.result is not None and self.final.changed(self.result.inputs_sha256):
            self.final_label.setText(
                "⚠ "
                + _("The records have changed since the report was marked final on {date}.").format(date=when)
            )
            self.final_label.setStyleSheet("color: #a15c00;")
        else:
            self.final_label.setText(_("Marked final on {date}.").format(date=when))
            self.final_label.setStyleSheet("")

    def mark_final(self) -> bool:
        """Keep the PDF on screen and the records it shows as the year's final report."""
        _ = self._
        if not self.current:
            return False
        if not self._despite_errors(_("Mark as final")):
            return False
        if not self.asker.confirm(
            _("Mark as final"),
            _(
                "Keep this PDF ({pages} pages) as the report submitted for FY {year}? It can be saved again "
                "at any time, even after later changes to the records."
            ).format(pages=self.result.pages, year=self.session.year),
        ):
            return False
        try:
            finals_service.mark_final(
                self.session.book, self.session.year_id, self.result.pdf, self.result.package_text
            )
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, _)
            return False
        self._load_final()
        return True

    def save_final(self) -> Path | None:
        """Save the PDF that was marked final, exactly as it was kept."""
        if self.final is None:
            return None
        path = self._ask_pdf_path(self._("Save the final report"), self._default_name(FINAL_FILE_MSGID))
        if path is None:
            return None
        try:
            save_pdf(path, finals_service.final_pdf(self.session.book, self.final.id))
        except Exception as error:  # noqa: BLE001
            show_error(self.asker, error, self._)
            return None
        if self.settings is not None:
            self.settings.setValue(EXPORT_DIR_KEY, str(path.parent))
        self.status.setText(self._("Saved the final report to {path}.").format(path=path))
        return path
