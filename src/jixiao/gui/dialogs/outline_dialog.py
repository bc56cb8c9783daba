"""The report outline: choose a shipped one, or copy one and change its headings, order and custom
sections (with live figures), seeing the report text as it would print.

The outline is data (``core.outline``); every change is saved at once through
``services.report_settings`` (one transaction each) and the preview is rebuilt from the saved year.
"""

from __future__ import annotations

import copy

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.i18n import N_
from jixiao.core.money import fen_to_wan
from jixiao.core.outline import (
    BLOCK_NAMES,
    SHIPPED,
    get_outline,
    parse_outline,
    pick,
    shipped_outlines,
    year_outline,
)
from jixiao.gui.widgets.fields import CommitLineEdit
from jixiao.gui.widgets.narrative import NarrativeEditor
from jixiao.report.text import document_text
from jixiao.services import report_settings
from jixiao.services.reports import build_report

OWN = "__own__"  # the combo box entry of the year's own outline
# The report's own figures, in form order: (key, label msgid); amounts in 万元, counts in 人.
FIGURES = (
    ("expenditure_fen", N_("Expenditure of the year (10k yuan)")),
    ("personnel_fen", N_("of which personnel expenses (10k yuan)")),
    ("public_fen", N_("of which public expenses (10k yuan)")),
    ("fiscal_income_fen", N_("Fiscal appropriation revenue (10k yuan)")),
    ("staff_authorized", N_("Authorised staff")),
    ("staff_active", N_("Staff in post")),
    ("staff_retired", N_("Retired staff")),
    ("previous.income_fen", N_("Previous year: final revenue (10k yuan)")),
    ("previous.expenditure_fen", N_("Previous year: expenditure (10k yuan)")),
    ("previous.personnel_fen", N_("Previous year: personnel expenses (10k yuan)")),
    ("previous.public_fen", N_("Previous year: public expenses (10k yuan)")),
    ("previous.fiscal_income_fen", N_("Previous year: fiscal appropriation revenue (10k yuan)")),
)


def outline_choices(fy, lang: str) -> list[tuple[str, str]]:
    """(label, key) of every outline a year can use: the shipped ones, then the year's own copy."""
    choices = [(pick(outline.name, lang), key) for key, outline in shipped_outlines().items()]
    if fy is not None and fy.report.outline:
        choices.append((pick(fy.report.outline.get("name", ""), lang) or OWN, OWN))
    return choices


def current_choice(fy) -> str:
    """The combo box key of the outline *fy* uses."""
    if fy.report.outline:
        return OWN
    return fy.report.outline_key if fy.report.outline_key in SHIPPED else SHIPPED[0]


def _sections_at(data: dict, path: tuple[int, ...]) -> list[dict]:
    """The list of sections holding the section at *path* (its siblings)."""
    sections = data["sections"]
    for index in path[:-1]:
        sections = sections[index].setdefault("sections", [])
    return sections


def _section(data: dict, path: tuple[int, ...]) -> dict:
    return _sections_at(data, path)[path[-1]]


def fill_choices(box: QComboBox, fy) -> None:
    """Fill *box* with the outlines *fy* can use and select the one it uses."""
    box.blockSignals(True)
    box.clear()
    for label, key in outline_choices(fy, "zh_CN"):
        box.addItem(label, key)
        box.setItemData(box.count() - 1, label, Qt.ItemDataRole.ToolTipRole)  # long names are cut
    box.setCurrentIndex(max(box.findData(current_choice(fy)), 0))
    box.setToolTip(box.currentText())
    if not box.property("tooltipFollows"):  # the closed box's tooltip names the outline chosen
        box.currentTextChanged.connect(box.setToolTip)
        box.setProperty("tooltipFollows", True)
    box.blockSignals(False)


def choose(page, box: QComboBox) -> None:
    """Make the year use the shipped outline chosen in *box* (the page redraws on the change)."""
    key = box.currentData()
    if key and key != OWN:
        page.run(report_settings.choose_outline, page.session.year_id, key)


class OutlineDialog(QDialog):
    """Edit the year's outline. *page* is the report page (its ``run`` saves through the session)."""

    def __init__(self, page, parent: QWidget | None = None) -> None:
        super().__init__(parent or page)
        self.page = page
        self._ = _ = page._
        self.setWindowTitle(_("Report outline"))
        self.setObjectName("outlineDialog")
        self.data: dict | None = None  # the year's own outline (JSON), None while it uses a shipped one
        self.paths: list[tuple[int, ...]] = []

        self.choice = QComboBox()
        self.choice.setObjectName("outlineChoice")
        self.choice.activated.connect(self._chosen)
        self.copy_button = QPushButton(_("Copy to edit"))
        self.copy_button.setObjectName("copyOutline")
        self.copy_button.setToolTip(
            _("Make the year's own copy of this outline, to change its headings and sections.")
        )
        self.copy_button.clicked.connect(self.copy_outline)
        self.sections = QListWidget()
        self.sections.setObjectName("outlineSections")
        self.sections.currentRowChanged.connect(self._selected)
        self.heading = QLineEdit()
        self.heading.setObjectName("outlineHeading")
        self.heading.setPlaceholderText(_("Heading (without its number)"))
        self.heading.editingFinished.connect(self.rename)
        self.up_button = QPushButton(_("Move up"))
        self.up_button.setObjectName("outlineUp")
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(_("Move down"))
        self.down_button.setObjectName("outlineDown")
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.add_button = QPushButton(_("Add a section of my own"))
        self.add_button.setObjectName("outlineAddCustom")
        self.add_button.clicked.connect(self.add_custom)
        self.remove_button = QPushButton(_("Remove section"))
        self.remove_button.setObjectName("outlineRemove")
        self.remove_button.clicked.connect(self.remove)
        self.custom = NarrativeEditor(_, _("Text of the section"), name="outlineCustom", compact=True)
        self.custom.set_sources(page.open_year, lambda: None)
        self.custom.committed.connect(self.set_custom_text)
        self.preview = QPlainTextEdit()
        self.preview.setObjectName("outlinePreview")
        self.preview.setReadOnly(True)

        top = QHBoxLayout()
        top.addWidget(QLabel(_("Outline")))
        top.addWidget(self.choice, 1)
        top.addWidget(self.copy_button)
        moves = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.add_button, self.remove_button):
            moves.addWidget(button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.sections, 2)
        left_layout.addWidget(self.heading)
        left_layout.addLayout(moves)
        left_layout.addWidget(self.custom, 1)
        self.figures: dict[str, CommitLineEdit] = {}
        figures = QWidget()
        figures_form = QFormLayout(figures)
        self.previous_note = QLabel()
        self.previous_note.setObjectName("report_previous")
        self.previous_note.setWordWrap(True)
        for key, label in FIGURES:
            field = CommitLineEdit()
            field.setObjectName("report_" + key.replace(".", "_"))
            field.committed.connect(lambda text, key=key: self.set_figure(key, text))
            self.figures[key] = field
            if key == "previous.income_fen":
                figures_form.addRow(self.previous_note)
            figures_form.addRow(_(label), field)
        self.opening = NarrativeEditor(
            _, _("Opening paragraph (before 一、)"), name="report_opening", compact=True
        )
        self.closing = NarrativeEditor(_, _("Closing paragraph"), name="report_closing", compact=True)
        for editor, key in ((self.opening, "opening"), (self.closing, "closing")):
            editor.set_sources(page.open_year, lambda: None)
            editor.committed.connect(lambda text, key=key: self.set_paragraph(key, text))
            figures_form.addRow(editor)
        self.tabs = QTabWidget()
        self.tabs.addTab(left, _("Sections"))
        self.tabs.addTab(figures, _("Figures and paragraphs"))
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel(_("Preview of the report text")))
        right_layout.addWidget(self.preview, 1)
        splitter = QSplitter()
        splitter.addWidget(self.tabs)
        splitter.addWidget(right)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.resize(1000, 680)
        self.reload()

    # -- drawing ----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Redraw from the saved year: the choice, the section list, the preview."""
        fy = self.page.open_year()
        if fy is None:
            return
        fill_choices(self.choice, fy)
        self.data = copy.deepcopy(fy.report.outline) if fy.report.outline else None
        row = self.sections.currentRow()
        # rebuilt without selection signals: an empty list in between would show no section, clear
        # and disable the text being typed, and put its cursor at the start (``_selected`` once below)
        self.sections.blockSignals(True)
        self.sections.clear()
        self.paths = []
        outline = year_outline(fy.report)
        self._list(outline.to_json()["sections"], (), 0)
        if 0 <= row < self.sections.count():
            self.sections.setCurrentRow(row)
        self.sections.blockSignals(False)
        editable = self.data is not None
        for widget in (self.heading, self.up_button, self.down_button, self.add_button, self.remove_button):
            widget.setEnabled(editable)
        self._selected(self.sections.currentRow())
        report = fy.report
        for key, field in self.figures.items():
            if key.startswith("previous."):
                value = report.previous.get(key.split(".", 1)[1])
            else:
                value = getattr(report, key)
            text = "" if value is None else (str(fen_to_wan(value)) if key.endswith("_fen") else str(value))
            field.set_value(text)
        self.previous_note.setText(
            self._("The data file holds the previous year: its figures are used, and these are not needed.")
            if report.file_previous
            else self._("The data file has no previous year: type its figures for the year-on-year changes.")
        )
        self.opening.set_value(report.opening)
        self.closing.set_value(report.closing)
        self.preview.setPlainText(document_text(build_report(fy).document))

    def _list(self, sections: list[dict], prefix: tuple[int, ...], depth: int) -> None:
        for index, section in enumerate(sections):
            path = (*prefix, index)
            heading = section.get("heading")
            label = pick(heading, "zh_CN") if heading is not None else self._("(paragraph without heading)")
            block = section.get("block")
            if block:
                label += "  —  " + self._(BLOCK_NAMES.get(block, block))
            self.sections.addItem(QListWidgetItem("    " * depth + label))
            self.paths.append(path)
            self._list(section.get("sections", []), path, depth + 1)

    def _selected(self, row: int) -> None:
        section = self.selected()
        self.heading.setText(
            pick(section.get("heading"), "zh_CN") if section and section.get("heading") else ""
        )
        is_custom = bool(section) and self.data is not None and section.get("block") == "custom"
        self.custom.setEnabled(is_custom)
        self.custom.set_value(pick(section.get("text", ""), "zh_CN") if is_custom else "")

    def selected(self) -> dict | None:
        row = self.sections.currentRow()
        if self.data is None or not 0 <= row < len(self.paths):
            return None
        return _section(self.data, self.paths[row])

    # -- changes ----------------------------------------------------------------------------------
    def _save(self, select: tuple[int, ...] | None = None) -> None:
        year_id = self.page.session.year_id
        ok, _result = self.page.run(report_settings.save_own_outline, year_id, parse_outline(self.data))
        if ok and select is not None:
            self._select_path(select)
        self.reload()
        if ok and select is not None:
            self._select_path(select)

    def _select_path(self, path: tuple[int, ...]) -> None:
        fy = self.page.open_year()
        if fy is None:
            return
        self.paths = []
        self.sections.blockSignals(True)
        self.sections.clear()
        self._list(year_outline(fy.report).to_json()["sections"], (), 0)
        self.sections.blockSignals(False)
        if path in self.paths:
            self.sections.setCurrentRow(self.paths.index(path))

    def _chosen(self, _index: int) -> None:
        choose(self.page, self.choice)
        self.reload()

    def copy_outline(self) -> None:
        """Make the year's own copy of the outline shown, so that it can be changed."""
        fy = self.page.open_year()
        if fy is None:
            return
        source = year_outline(fy.report)
        key = self.choice.currentData()
        if key in SHIPPED:
            source = get_outline(key)
        name = self._("{name} (own copy)").format(name=pick(source.name, "zh_CN"))
        self.data = source.copy(f"{source.key}-own", name).to_json()
        self._save(select=(0,))

    def rename(self) -> None:
        section = self.selected()
        text = self.heading.text().strip()
        if section is None or not text or section.get("heading") is None:
            return
        if pick(section["heading"], "zh_CN") == text:
            return
        section["heading"] = text
        self._save(select=self.paths[self.sections.currentRow()])

    def move_current(self, step: int) -> None:
        row = self.sections.currentRow()
        if self.selected() is None:
            return
        path = self.paths[row]
        siblings = _sections_at(self.data, path)
        target = path[-1] + step
        if not 0 <= target < len(siblings):
            return
        siblings[path[-1]], siblings[target] = siblings[target], siblings[path[-1]]
        self._save(select=(*path[:-1], target))

    def add_custom(self) -> None:
        """Add a section of the clerk's own after the selected top-level section (at the end when none)."""
        if self.data is None:
            return
        row = self.sections.currentRow()
        top = self.paths[row][0] + 1 if 0 <= row < len(self.paths) else len(self.data["sections"])
        self.data["sections"].insert(
            top,
            {
                "key": f"custom-{len(self.paths) + 1}",
                "heading": self._("New section"),
                "block": "custom",
                "text": "",
            },
        )
        self._save(select=(top,))

    def remove(self) -> None:
        row = self.sections.currentRow()
        if self.selected() is None:
            return
        path = self.paths[row]
        del _sections_at(self.data, path)[path[-1]]
        self._save(select=path[:-1] or (0,))

    def set_figure(self, key: str, text: str) -> None:
        self.page.run(report_settings.save_figure_text, self.page.session.year_id, key, text)
        self.reload()

    def set_paragraph(self, key: str, text: str) -> None:
        self.page.run(report_settings.save_report_texts, self.page.session.year_id, **{key: text})
        self.reload()

    def show_field(self, field: str) -> None:
        """Show the tab holding report field *field* (a readiness locator's target)."""
        self.tabs.setCurrentIndex(0 if field == "outline" else 1)

    def set_custom_text(self, text: str) -> None:
        section = self.selected()
        if section is None or section.get("block") != "custom" or section.get("text", "") == text:
            return
        section["text"] = text
        self._save(select=self.paths[self.sections.currentRow()])
