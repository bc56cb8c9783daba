"""The live-figure picker: choose what to count and how to write it; the current value is shown.

It writes a token of ``core.livefigures`` (``{{spec | style}}``) so nobody types the syntax. Opened
from a measure's text it offers the measure's and its task's activities; from a task's intro, the
task's; from other texts, the whole year's.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from jixiao.core import livefigures
from jixiao.core.errors import JixiaoError
from jixiao.core.figures import AGGREGATE_NAMES, YOY_FIGURE_NAMES, YOY_OF_NAMES
from jixiao.core.model import PREVIOUS_FIGURES, FiscalYear

AGGREGATES = ("count", "sessions", "participants", "enterprises", "items", "amount_fen")


class FigurePicker(QDialog):
    def __init__(
        self, fy: FiscalYear, gettext, positions: tuple[int, int | None] | None = None, parent=None
    ) -> None:
        """*positions*: 1-based (task, measure) the text belongs to; measure None for a task's
        own text, None for a text of the whole year."""
        super().__init__(parent)
        self.fy = fy
        self._ = _ = gettext
        self.task_position: int | None
        self.measure_position: int | None
        self.task_position, self.measure_position = positions or (None, None)
        self.setObjectName("figurePicker")
        self.setWindowTitle(_("Insert a live figure"))
        self.scope = QComboBox()
        self.scope.setObjectName("figureScope")
        if self.measure_position is not None:
            self.scope.addItem(_("Activities of this measure"), "measure")
        if self.task_position is not None:
            self.scope.addItem(_("Activities of this key task"), "task")
        self.scope.addItem(_("All activities of the year"), "year")
        for metric in fy.metrics:
            self.scope.addItem(_("Figure: {name}").format(name=metric.name), ("metric", metric.name))
        self.scope.addItem(_("The year's self-evaluation score"), "score")
        for figure in PREVIOUS_FIGURES:  # year on year (core.yoy): the change and the change rate
            for of in ("change", "change_rate"):
                what = _("{figure}: {of}").format(figure=_(YOY_FIGURE_NAMES[figure]), of=_(YOY_OF_NAMES[of]))
                self.scope.addItem(_("Year on year: {what}").format(what=what), ("yoy", figure, of))
        self.aggregate = QComboBox()
        self.aggregate.setObjectName("figureAggregate")
        for key in AGGREGATES:
            self.aggregate.addItem(_(AGGREGATE_NAMES[key]), key)
        self.type = QComboBox()
        self.type.setObjectName("figureType")
        self.type.addItem(_("all types"), None)
        for activity_type in fy.activity_types:
            self.type.addItem(activity_type.name, activity_type.name)
        self.contains = QLineEdit()
        self.contains.setObjectName("figureContains")
        self.contains.setPlaceholderText(_("(any title)"))
        self.style = QComboBox()
        self.style.setObjectName("figureStyle")
        styles = (
            ("exact", _("exact: 213")),
            ("approx", _("approximate: 210多")),
            ("approx:100", _("approximate to hundreds: 200多")),
            ("approx:10:余", _("approximate: 210余")),
            ("wan", _("10k yuan, 2 decimals: 118.73")),
            ("wan-approx", _("10k yuan, approximate: 1180多")),
            ("decimal2", _("2 decimals: 98.02")),
            ("percent", _("percentage: 98.02%")),
            ("change", _("change in words: 增加14.08 / 减少7.39%")),
        )
        for key, label in styles:
            self.style.addItem(label, key)
        self.value = QLabel()
        self.value.setObjectName("figureValue")
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b3261e;")
        for widget in (self.scope, self.aggregate, self.type, self.style):
            widget.currentIndexChanged.connect(self.update_value)
        self.contains.textChanged.connect(self.update_value)
        form = QFormLayout()
        form.addRow(_("Count from"), self.scope)
        form.addRow(_("What"), self.aggregate)
        form.addRow(_("Activity type"), self.type)
        form.addRow(_("Title contains"), self.contains)
        form.addRow(_("Written as"), self.style)
        form.addRow(_("Value now"), self.value)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        self.update_value()

    def spec(self) -> dict:
        scope = self.scope.currentData()
        if scope == "score":
            return {"source": "score"}
        if isinstance(scope, tuple) and scope[0] == "yoy":
            return {"source": "yoy", "figure": scope[1], "of": scope[2]}
        if isinstance(scope, tuple):
            return {"source": "metric", "name": scope[1]}
        spec: dict = {"source": "activities"}
        aggregate = self.aggregate.currentData()
        if aggregate != "count":
            spec["aggregate"] = aggregate
        if scope in ("task", "measure"):
            spec["task"] = self.task_position
        if scope == "measure":
            spec["measure"] = self.measure_position
        if self.type.currentData():
            spec["types"] = [self.type.currentData()]
        if self.contains.text().strip():
            spec["title_contains"] = self.contains.text().strip()
        return spec

    def token(self) -> str:
        try:
            return livefigures.make_token(self.spec(), self.style.currentData())
        except JixiaoError:
            return ""

    def update_value(self, *_args) -> None:
        activities = self.scope.currentData() in ("task", "measure", "year")
        self.aggregate.setEnabled(activities)
        self.type.setEnabled(activities)
        self.contains.setEnabled(activities)
        try:
            value, quantity = livefigures.figure_value(self.spec(), self.fy)
            text = livefigures.write_value(value, quantity, self.style.currentData())
            self.value.setText(text)
            self.problem.setText("")
            ok = True
        except JixiaoError as error:
            self.value.setText(livefigures.UNRESOLVED)
            self.problem.setText(error.translated(self._))
            ok = False
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ok)
