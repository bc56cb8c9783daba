"""绩效指标与自评: the department's and each project's indicator grid with the library and framework,
target/actual/points, formula score next to the clerk's override, the deviation reason where the
rules require it, the total and grade live, and the year's score rule."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from jixiao.core import indicator_library
from jixiao.core.errors import N_
from jixiao.core.figures import FigureError, describe_figure
from jixiao.core.model import Indicator
from jixiao.core.numbers import format_decimal2, format_percent
from jixiao.core.scoring import QUAL_BAND_LABELS, ScoreRuleError, score_project, score_year
from jixiao.gui.dialogs.indicator_library import LibraryDialog
from jixiao.gui.models.indicator_table import IndicatorTableModel
from jixiao.gui.pages.base import Page, moved
from jixiao.gui.widgets.fields import (
    VerticalScrollArea,
    join_messages,
    with_error,
)
from jixiao.gui.widgets.form import Field, FormBinding, FormSpec
from jixiao.gui.widgets.layout import (
    button_row,
    heading_label,
    proportional_splitter,
    record_table,
    row_widget,
)
from jixiao.gui.widgets.terms import term_tip
from jixiao.services import indicators as indicator_service
from jixiao.services import years as year_service

KIND_LABELS = {
    ">=": N_("≥ (higher is better)"),
    "<=": N_("≤ (lower is better)"),
    "=": N_("= (equal to target)"),
    "qual": N_("qualitative"),
}
INDICATOR_FORM = FormSpec(
    Indicator,
    [  # texts are kept as typed (the service trims what it must)
        Field("level1", N_("Level 1"), "choice", strip=False),
        Field("level2", N_("Level 2"), "choice", strip=False),
        Field("level3", N_("Indicator"), strip=False),
        Field("kind", N_("Measured as"), "combo", choices=tuple(KIND_LABELS.items())),
        Field("target", N_("Target"), strip=False),
        Field("unit", N_("unit"), strip=False),
        Field("actual", N_("Actual"), strip=False),
        Field(
            "qual_band",
            N_("Achievement (qualitative)"),
            "combo",
            choices=((None, N_("(not yet judged)")), *QUAL_BAND_LABELS.items()),
        ),
        Field("points", N_("Points"), "decimal"),
        Field("applicable", N_("Applicable this year"), "check"),
        Field(
            "score_override",
            N_("Your score (override)"),
            "decimal",
            optional=True,
            placeholder=N_("(use the formula)"),
            object_name="override",
        ),
        Field("override_note", N_("Why overridden"), strip=False),
        Field("deviation_reason", N_("Deviation reason and improvement"), "text", strip=False),
    ],
)


class _WrappingForm(QFormLayout):
    """A form whose labels are never cut: when its longest label is wide (English), every label
    goes above its field (``fit_labels``)."""

    def addRow(self, label, field=None) -> None:  # noqa: N802 - Qt's name
        if field is None:
            super().addRow(label)
            return
        if isinstance(label, str):
            label = QLabel(label)
        super().addRow(label, field)

    def fit_labels(self, widest_em: int = 8) -> None:
        labels = [
            self.itemAt(row, QFormLayout.ItemRole.LabelRole).widget()
            for row in range(self.rowCount())
            if self.itemAt(row, QFormLayout.ItemRole.LabelRole) is not None
        ]
        labels = [label for label in labels if isinstance(label, QLabel)]
        if not labels:
            return
        em = labels[0].fontMetrics().horizontalAdvance("中")
        if max(label.sizeHint().width() for label in labels) > widest_em * em:
            self.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)


class IndicatorsPage(Page):
    kinds = ("indicators", "projects", "budget", "activities", "metrics", "types", "tasks")

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        self.table_data = None
        self.indicators: list[Indicator] = []
        self._loading = False
        layout = self._header()  # the parts in focus order
        table_side = self._table_side()
        layout.addWidget(proportional_splitter(table_side, self._form_side(), (2, 1)), 1)

    def _header(self) -> QVBoxLayout:
        """Whose table, the score rule and its options, the total and the execution row."""
        _ = self._
        self.owner = QComboBox()
        self.owner.setObjectName("indicatorOwner")
        self.owner.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.owner.setMinimumContentsLength(16)
        self.owner.activated.connect(lambda _i: self.refresh_now())
        self.rule = QComboBox()
        self.rule.setObjectName("scoreRule")
        self.rule.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.rule.setMinimumContentsLength(12)
        self.rule.addItem(_("Standard: execution 10 + indicators 90"), "standard")
        self.rule.addItem(_("Execution rate as the score"), "rate_as_score")
        self.cap = QCheckBox(_("Cap the total by the execution rate"))
        self.cap.setObjectName("capByExecution")
        self.penalty = QCheckBox(_("−2 for a target beaten by 30% or more"))
        self.penalty.setObjectName("beatenPenalty")
        self.rule.activated.connect(lambda _i: self.save_rule())
        self.cap.clicked.connect(lambda _c: self.save_rule())
        self.penalty.clicked.connect(lambda _c: self.save_rule())
        self.total = heading_label("scoreTotal", 1.5)
        self.total.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Preferred)
        self.execution = QLabel()
        self.execution.setObjectName("executionRow")
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(_("Score table of")))
        top.addWidget(self.owner, 1)
        top.addWidget(QLabel(_("Rule")))
        top.addWidget(self.rule, 1)
        self.execution.setWordWrap(True)
        layout.addLayout(top)
        layout.addLayout(button_row(self.cap, self.penalty))  # the rule's options
        layout.addWidget(self.total)
        layout.addWidget(self.execution)
        return layout

    def _table_side(self) -> QWidget:
        """The indicator table and its buttons."""
        _ = self._
        self.model = IndicatorTableModel(self._, self)
        self.table = record_table("indicatorTable", self.model, 50)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.selectionModel().currentRowChanged.connect(lambda *_a: self._selected())
        add = QPushButton(_("Add indicator"))
        add.setObjectName("addIndicator")
        add.clicked.connect(self.add_blank)
        library = QPushButton(_("Add from the library…"))
        library.setObjectName("addFromLibrary")
        library.clicked.connect(self.add_from_library)
        delete = QPushButton(_("Delete"))
        delete.clicked.connect(self.delete)
        up, down = QToolButton(), QToolButton()  # arrows keep the row narrow enough for 1024 px
        up.setArrowType(Qt.ArrowType.UpArrow)
        down.setArrowType(Qt.ArrowType.DownArrow)
        up.setToolTip(_("Move up"))
        down.setToolTip(_("Move down"))
        up.clicked.connect(lambda: self.move_current(-1))
        down.clicked.connect(lambda: self.move_current(1))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.table, 1)
        left_layout.addLayout(button_row(add, library, delete, up, down))
        return left

    def _form_side(self) -> VerticalScrollArea:
        """The selected indicator's form, bound from ``INDICATOR_FORM``."""
        _ = self._
        self.form = FormBinding(INDICATOR_FORM, _)
        self.errors = self.form.errors
        self.level1, self.level2, self.level3, self.kind = (
            self.form[k] for k in ("level1", "level2", "level3", "kind")
        )
        self.target, self.unit, self.actual, self.band = (
            self.form[k] for k in ("target", "unit", "actual", "qual_band")
        )
        self.points, self.applicable, self.override = (
            self.form[k] for k in ("points", "applicable", "score_override")
        )
        self.override_note, self.reason = self.form["override_note"], self.form["deviation_reason"]
        for level in indicator_library.framework():
            self.level1.addItem(level.level1)
        self.level1.currentTextChanged.connect(self._fill_level2)
        self.form.on_commit(self.save_indicator)
        self.actual_note = QLabel()  # under the field: it must not squeeze it
        self.actual_note.setObjectName("actualNote")
        self.actual_note.setWordWrap(True)
        self.actual_note.setStyleSheet("color: palette(placeholder-text);")
        self.formula = QLabel()
        self.formula.setObjectName("formulaScore")
        self.form_box = QGroupBox(_("Selected indicator"))
        self.form_box.setToolTip(term_tip("indicator", _))
        form = _WrappingForm(self.form_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.form.add_rows(form, ("level1", "level2", "level3", "kind"))
        target_row = row_widget((self.target, 2), self.form.label("unit"), (self.unit, 1))
        form.addRow(self.form.label("target"), with_error(target_row, self.errors["target"]))
        actual_box = self.form.cell("actual")
        actual_box.layout().addWidget(self.actual_note)
        form.addRow(self.form.label("actual"), actual_box)
        self.form.add_rows(form, ("qual_band", "points", "applicable"))
        form.addRow(_("Formula score"), self.formula)
        self.form.add_rows(form, ("score_override", "override_note", "deviation_reason"))
        form.fit_labels()
        return VerticalScrollArea(self.form_box)

    def _fill_level2(self, level1: str) -> None:
        current = self.level2.currentText()
        self.level2.blockSignals(True)
        self.level2.clear()
        for level in indicator_library.framework():
            if level.level1 == level1:
                self.level2.addItems(list(level.level2))
        self.level2.setCurrentText(current)
        self.level2.blockSignals(False)

    # -- data -------------------------------------------------------------------------------------
    def owner_project(self):
        fy = self.session.fiscal_year()
        project_id = self.owner.currentData()
        return (
            next((p for p in fy.all_projects() if p.id == project_id), None)
            if project_id is not None
            else None
        )

    def refresh(self) -> None:
        fy = self.session.fiscal_year()
        if fy is None:
            return
        _ = self._
        lang = self.session.translator.lang
        keep_owner = self.owner.currentData()
        self.owner.clear()
        self.owner.addItem(_("The department as a whole"), None)
        for project in fy.all_projects():
            self.owner.addItem(_("Project: {name}").format(name=project.name), project.id)
        self.owner.setCurrentIndex(max(self.owner.findData(keep_owner), 0))
        self.rule.setCurrentIndex(max(self.rule.findData(fy.score_rule), 0))
        self.cap.setChecked(bool(fy.rule_options.get("cap_by_execution")))
        self.penalty.setChecked(bool(fy.rule_options.get("beaten_penalty")))
        project = self.owner_project()
        self.indicators = project.indicators if project else fy.indicators
        try:
            table = score_project(project, fy) if project else score_year(fy)
        except ScoreRuleError as error:
            self.total.setText(error.translated(_))
            self.model.set_rows([], lang)
            return
        self.table_data = table
        keep = self.current_indicator_id()
        self.model.set_rows(table.indicator_rows, lang)
        self.table.resizeColumnsToContents()
        for column in (2, 9):
            self.table.setColumnWidth(
                column, min(self.table.columnWidth(column), self.fontMetrics().horizontalAdvance("中") * 12)
            )
        self.total.setText(
            _("Total {total} · {grade}").format(
                total=format_decimal2(table.total, lang), grade=_(table.grade.label)
            )
            + ("" if table.complete else " " + _("(incomplete)"))
        )
        row = table.execution_row
        self.execution.setText(
            _(
                "Execution rate {rate} → {score} of {points} points; indicators worth {indicators} points."
            ).format(
                rate=format_percent(row.rate, lang),
                score=format_decimal2(row.score, lang) if row.score is not None else "—",
                points=format_decimal2(row.points, lang) if row.points is not None else "—",
                indicators=format_decimal2(table.indicator_points, lang),
            )
            + (
                " " + _("Capped at {cap}.").format(cap=format_decimal2(table.cap, lang))
                if table.capped
                else ""
            )
        )
        self.select(keep)
        self._selected()

    def current_indicator_id(self) -> int | None:
        index = self.table.currentIndex()
        row = self.model.indicator_row(index.row()) if index.isValid() else None
        return row.indicator_id if row else None

    def current(self) -> Indicator | None:
        indicator_id = self.current_indicator_id()
        return next((i for i in self.indicators if i.id == indicator_id), None)

    def select(self, indicator_id) -> None:
        row = self.model.row_of(indicator_id) if indicator_id is not None else -1
        if row < 0 and self.model.rowCount():
            row = 0
        if row >= 0:
            flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
            self.table.selectionModel().setCurrentIndex(self.model.index(row, 0), flags)

    def navigate_to(self, indicator_id=None, project_id=None, **_):
        if self._dirty:
            self.refresh_now()
        fy = self.session.fiscal_year()
        if (
            indicator_id is not None
            and fy is not None
            and not any(i.id == indicator_id for i in fy.indicators)
        ):
            owner = next(
                (p for p in fy.all_projects() if any(i.id == indicator_id for i in p.indicators)), None
            )
            project_id = owner.id if owner else None
        if project_id is not None or indicator_id is not None:
            self.owner.setCurrentIndex(max(self.owner.findData(project_id), 0))
            self.refresh_now()
        self.select(indicator_id)

    def _selected(self) -> None:
        indicator = self.current()
        index = self.table.currentIndex()
        row = self.model.indicator_row(index.row()) if index.isValid() else None
        self.form_box.setEnabled(indicator is not None)
        self.form.clear_problems()
        if indicator is None or row is None:
            self._clear_form()  # a disabled panel must not show the indicator selected before
            return
        lang = self.session.translator.lang
        self._loading = True
        self.form.load(indicator)
        if indicator.actual_source is not None:
            self.actual.set_value(row.actual_text)
        self.show_computed(indicator)
        qualitative = indicator.kind == "qual"
        self.band.setEnabled(qualitative)
        self.actual.setEnabled(not qualitative)
        formula = format_decimal2(row.computed_score, lang) if row.computed_score is not None else "—"
        issues = join_messages(message.translated(self._) for _code, message in row.issues)
        self.formula.setText(formula + (f"  ⚠ {issues}" if issues else ""))
        if row.deviation_reason_required and not indicator.deviation_reason.strip():
            why = (
                self._("target missed")
                if row.deviation == "missed"
                else self._("target beaten by 30% or more")
            )
            self.errors["deviation_reason"].show_message(
                self._("A reason is required: {why}.").format(why=why)
            )
        self._loading = False

    def show_computed(self, indicator: Indicator) -> None:
        """A 实际完成值 counted from the records looks computed (read-only, shaded, no frame) and
        says what it counts; a typed one is an ordinary field."""
        from_records = indicator.actual_source is not None
        self.actual.setReadOnly(from_records)
        self.actual.setFrame(not from_records)
        self.actual.setStyleSheet("background: palette(window); font-style: italic;" if from_records else "")
        self.actual.setToolTip(term_tip("computed_actual", self._) if from_records else "")
        counts = ""
        if from_records:
            try:
                counts = " · ".join(
                    m.translated(self._)
                    for m in describe_figure(indicator.actual_source, self.session.fiscal_year())
                )
            except FigureError as error:
                counts = error.translated(self._)
        self.actual_note.setText(
            self._("Computed from the records: {counts}").format(counts=counts) if from_records else ""
        )
        self.actual_note.setVisible(from_records)

    def _clear_form(self) -> None:
        self._loading = True
        self.form.load(None)
        self.formula.setText("")
        self.actual_note.setText("")
        self.actual_note.setVisible(False)
        self.actual.setReadOnly(False)
        self.actual.setFrame(True)
        self.actual.setStyleSheet("")
        self._loading = False

    # -- commands ---------------------------------------------------------------------------------
    def save_rule(self) -> None:
        options = {"cap_by_execution": self.cap.isChecked(), "beaten_penalty": self.penalty.isChecked()}
        options = {k: v for k, v in options.items() if v}
        self.run(
            year_service.set_score_rule,
            self.session.year_id,
            self.rule.currentData(),
            options,
        )

    def save_indicator(self) -> None:
        if self._loading:
            return
        indicator = self.current()
        if indicator is None:
            return
        values = self.form.read_or_show()
        if values is None:
            return
        if indicator.actual_source is not None:  # computed: the field shows the count, not a value
            values["actual"] = indicator.actual
        else:
            values["actual"] = values["actual"] or None
        if values["kind"] != "qual":
            values["qual_band"] = None
        changed = Indicator(**values, actual_source=indicator.actual_source, id=indicator.id)
        self.run(indicator_service.update_indicator, changed, errors=self.form.place)

    def _add(self, indicators: list[Indicator]) -> None:
        if not indicators:
            return
        ok, ids = self.run(
            indicator_service.add_indicators, self.session.year_id, indicators, self.owner.currentData()
        )
        if ok:
            self.select(ids[-1])

    def add_blank(self) -> None:
        level = indicator_library.framework()[0]
        self._add([Indicator(level.level1, level.level2[0], self._("New indicator"), ">=", Decimal(10))])

    def add_from_library(self) -> None:
        unit = self.session.unit()
        dialog = LibraryDialog(self._, self, kind=unit.kind if unit is not None else None)
        dialog.accepted.connect(lambda: self._add(dialog.chosen()))
        dialog.open()
        self.library_dialog = dialog

    def delete(self) -> None:
        indicator = self.current()
        if indicator and self.asker.confirm(
            self._("Delete"), self._("Delete the indicator “{name}”?").format(name=indicator.level3)
        ):
            self.run(indicator_service.delete_indicator, indicator.id)

    def move_current(self, step: int) -> None:
        indicator = self.current()
        if indicator is None:
            return
        ids = moved([i.id for i in self.indicators], indicator.id, step)
        if ids is not None:
            self.run(
                indicator_service.reorder_indicators, self.session.year_id, self.owner.currentData(), ids
            )
