"""重点工作与活动: the activities (the heart of the year), key tasks and measures, activity types,
and other figures of the year, as tabs."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QTabWidget,
    QVBoxLayout,
)

from jixiao.core.fields import read_decimal
from jixiao.core.model import OPTIONAL_COUNTS, Metric
from jixiao.gui.pages.activities_panel import ActivitiesPanel
from jixiao.gui.pages.base import Page
from jixiao.gui.pages.tasks_panel import TasksPanel
from jixiao.gui.widgets.fields import CommitLineEdit, ErrorLabel, with_error
from jixiao.gui.widgets.ordered_list import OrderedList
from jixiao.gui.widgets.terms import term_tip
from jixiao.services import activity_types as type_service
from jixiao.services import metrics as metric_service


def _first_problem(error, gettext) -> dict[str, str]:
    from jixiao.core.errors import Message

    return {
        field: Message(message, **params).translated(gettext) for field, message, params in error.problems
    }


class TypesPanel(Page):
    kinds = ("types",)

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        self.list = OrderedList(self._, numbered=False)
        self.list.setObjectName("typeList")
        self.list.new_text.setPlaceholderText(_("New activity type, e.g. 宣讲会"))
        self.list.addRequested.connect(self.add)
        self.list.removeRequested.connect(self.delete)
        self.list.reordered.connect(
            lambda ids: self.run(type_service.reorder_types, self.session.year_id, ids)
        )
        self.list.currentKeyChanged.connect(self._selected)
        self.name = CommitLineEdit()
        self.name.setObjectName("typeName")
        self.word = CommitLineEdit()
        self.word.setObjectName("typeWord")
        self.errors = {"name": ErrorLabel(), "measure_word": ErrorLabel()}
        self.name.committed.connect(lambda _t: self.save())
        self.word.committed.connect(lambda _t: self.save())
        box = QGroupBox(_("Activity type"))
        form = QFormLayout(box)
        form.addRow(_("Name"), with_error(self.name, self.errors["name"]))
        word_label = QLabel(_("Measure word (场, 期, 次 …)"))
        word_label.setToolTip(term_tip("measure_word", _))
        self.word.setToolTip(term_tip("measure_word", _))
        form.addRow(word_label, with_error(self.word, self.errors["measure_word"]))
        count_names = {
            "participants": _("Participants (person-times)"),
            "enterprises": _("Enterprises"),
            "items": _("Items (cases, articles …)"),
            "amount_fen": _("Amount"),
        }
        self.count_boxes: dict[str, QCheckBox] = {}
        counts = QVBoxLayout()
        for name in OPTIONAL_COUNTS:
            check = QCheckBox(count_names[name])
            check.setObjectName(f"count_{name}")
            check.toggled.connect(lambda _on: self.save())
            self.count_boxes[name] = check
            counts.addWidget(check)
        counts_label = QLabel(_("Also records"))
        counts_label.setToolTip(
            _("Which counts an activity of this type has besides its number; the form shows only these.")
        )
        form.addRow(counts_label, counts)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(box, 1)
        self.types = []

    def refresh(self) -> None:
        outline = self.session.outline()
        if outline is None:
            return
        self.types = outline.activity_types
        self.list.set_items([(t.id, f"{t.name}（{t.measure_word}）") for t in self.types])

    def current(self):
        return next((t for t in self.types if t.id == self.list.current_key()), None)

    def _selected(self, _key) -> None:
        current = self.current()
        self.name.set_value(current.name if current else "")
        self.word.set_value(current.measure_word if current else "")
        self._filling = True
        for name, check in self.count_boxes.items():
            check.setChecked(bool(current) and name in current.counts)
            check.setEnabled(current is not None)
        self._filling = False
        for label in self.errors.values():
            label.show_message("")

    def _place(self, error) -> bool:
        for field, text in _first_problem(error, self._).items():
            if field in self.errors:
                self.errors[field].show_message(text)
        return any(field in self.errors for field, _m, _p in error.problems)

    def add(self, name: str) -> None:
        ok, type_id = self.run(type_service.add_type, self.session.year_id, name, "次", errors=self._place)
        if ok:
            self.list.added()
            self.list.select_key(type_id)

    def save(self) -> None:
        current = self.current()
        if current is None or getattr(self, "_filling", False):
            return
        for label in self.errors.values():
            label.show_message("")
        counts = tuple(name for name, check in self.count_boxes.items() if check.isChecked())
        self.run(
            type_service.update_type,
            current.id,
            self.name.text(),
            self.word.text(),
            counts,
            errors=self._place,
        )

    def delete(self, type_id: int) -> None:
        if self.asker.confirm(self._("Delete"), self._("Delete this activity type?")):
            self.run(type_service.delete_type, type_id)


class MetricsPanel(Page):
    """Figures of the year that are not activities (会员人数 3782 人 …), usable as live figures."""

    kinds = ("metrics",)

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        self.list = OrderedList(self._, numbered=False)
        self.list.setObjectName("metricList")
        self.list.new_text.setPlaceholderText(_("New figure, e.g. 会员人数"))
        self.list.addRequested.connect(self.add)
        self.list.removeRequested.connect(self.delete)
        self.list.reordered.connect(
            lambda ids: self.run(metric_service.reorder_metrics, self.session.year_id, ids)
        )
        self.list.currentKeyChanged.connect(self._selected)
        self.fields = {name: CommitLineEdit() for name in ("name", "value", "unit", "note")}
        self.errors = {name: ErrorLabel() for name in ("name", "value")}
        box = QGroupBox(_("Figure"))
        form = QFormLayout(box)
        labels = {"name": _("Name"), "value": _("Value"), "unit": _("Unit"), "note": _("Note")}
        for name, edit in self.fields.items():
            edit.setObjectName(f"metric_{name}")
            edit.committed.connect(lambda _t: self.save())
            widget = with_error(edit, self.errors[name]) if name in self.errors else edit
            form.addRow(labels[name], widget)
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(box, 1)
        self.metrics = []

    def refresh(self) -> None:
        fy = self.session.fiscal_year()
        if fy is None:
            return
        self.metrics = fy.metrics
        self.list.set_items([(m.id, f"{m.name}：{m.value}{m.unit}") for m in self.metrics])

    def current(self):
        return next((m for m in self.metrics if m.id == self.list.current_key()), None)

    def _selected(self, _key) -> None:
        metric = self.current()
        for name, edit in self.fields.items():
            edit.set_value(str(getattr(metric, name)) if metric else "")
        for label in self.errors.values():
            label.show_message("")

    def add(self, name: str) -> None:
        ok, metric_id = self.run(metric_service.add_metric, self.session.year_id, Metric(name, Decimal(0)))
        if ok:
            self.list.added()
            self.list.select_key(metric_id)

    def save(self) -> None:
        metric = self.current()
        if metric is None:
            return
        for label in self.errors.values():
            label.show_message("")
        try:
            value = read_decimal(self.fields["value"].text()) or Decimal(0)
        except ValueError:
            self.errors["value"].show_message(self._("Enter a number."))
            return
        changed = Metric(
            self.fields["name"].text(),
            value,
            self.fields["unit"].text().strip(),
            self.fields["note"].text().strip(),
            id=metric.id,
        )

        def place(error) -> bool:
            for field, text in _first_problem(error, self._).items():
                if field in self.errors:
                    self.errors[field].show_message(text)
            return True

        self.run(metric_service.update_metric, changed, errors=place)

    def delete(self, metric_id: int) -> None:
        if self.asker.confirm(
            self._("Delete"), self._("Delete this figure? Live figures that use it will show 【?】.")
        ):
            self.run(metric_service.delete_metric, metric_id)


class WorkPage(Page):
    """Tabs: activities, key tasks and measures, activity types, other figures."""

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        self.activities = ActivitiesPanel(context)
        self.tasks = TasksPanel(context)
        self.types = TypesPanel(context)
        self.metrics = MetricsPanel(context)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("workTabs")
        self.tabs.addTab(self.activities, _("Activities"))
        self.tabs.addTab(self.tasks, _("Key tasks and measures"))
        self.tabs.addTab(self.types, _("Activity types"))
        self.tabs.addTab(self.metrics, _("Other figures"))
        QVBoxLayout(self).addWidget(self.tabs)

    def navigate_to(self, tab: str | None = None, **target) -> None:
        if tab == "tasks":
            self.tabs.setCurrentWidget(self.tasks)
            self.tasks.navigate_to(**target)
            return
        self.tabs.setCurrentWidget(self.activities)
        self.activities.navigate_to(**target)
