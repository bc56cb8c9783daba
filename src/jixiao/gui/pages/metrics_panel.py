"""The other figures tab: figures of the year that are not activities, usable as live figures."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
)

from jixiao.core.fields import read_decimal
from jixiao.core.model import Metric
from jixiao.gui.pages.activity_types_panel import _first_problem
from jixiao.gui.pages.base import Page
from jixiao.gui.widgets.fields import CommitLineEdit, ErrorLabel, with_error
from jixiao.gui.widgets.ordered_list import OrderedList
from jixiao.services import metrics as metric_service


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
