"""The other figures tab: figures of the year that are not activities, usable as live figures."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
)

from jixiao.core.errors import N_
from jixiao.core.model import Metric
from jixiao.gui.pages.base import Page
from jixiao.gui.widgets.form import Field, FormBinding, FormSpec
from jixiao.gui.widgets.ordered_list import OrderedList
from jixiao.services import metrics as metric_service

METRIC_FORM = FormSpec(
    Metric,
    [
        Field("name", N_("Name"), strip=False, object_name="metric_name"),
        Field("value", N_("Value"), "decimal", optional=True, object_name="metric_value"),
        Field("unit", N_("Unit"), object_name="metric_unit"),
        Field("note", N_("Note"), object_name="metric_note"),
    ],
)


class MetricsPanel(Page):
    """Figures of the year that are not activities (会员人数 3782 人 …), usable as live figures."""

    kinds = ("metrics",)

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        self.list = OrderedList(self._, numbered=False).wire(
            "metricList",
            _("New figure, e.g. 会员人数"),
            self.add,
            self.delete,
            lambda ids: self.run(metric_service.reorder_metrics, self.session.year_id, ids),
            self._selected,
        )
        self.form = FormBinding(METRIC_FORM, _)
        self.form.on_commit(self.save)
        self.fields, self.errors = self.form.widgets, self.form.errors
        box = QGroupBox(_("Figure"))
        self.form.add_rows(QFormLayout(box))
        layout = QHBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(box, 1)
        self.metrics: list[Metric] = []

    def refresh(self) -> None:
        fy = self.session.fiscal_year()
        if fy is None:
            return
        self.metrics = fy.metrics
        self.list.set_items([(m.id, f"{m.name}：{m.value}{m.unit}") for m in self.metrics])

    def current(self):
        return next((m for m in self.metrics if m.id == self.list.current_key()), None)

    def _selected(self, _key) -> None:
        self.form.load(self.current())

    def add(self, name: str) -> None:
        self.add_and_select(
            self.list, metric_service.add_metric, self.session.year_id, Metric(name, Decimal(0))
        )

    def save(self) -> None:
        metric = self.current()
        if metric is None:
            return
        values = self.form.read_or_show()
        if values is None:
            return
        values["value"] = values["value"] or Decimal(0)  # blank is 0
        self.run(metric_service.update_metric, Metric(**values, id=metric.id), errors=self.form.place)

    def delete(self, metric_id: int) -> None:
        if self.asker.confirm(
            self._("Delete"), self._("Delete this figure? Live figures that use it will show 【?】.")
        ):
            self.run(metric_service.delete_metric, metric_id)
