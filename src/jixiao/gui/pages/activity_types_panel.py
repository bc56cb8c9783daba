"""The activity types tab: each type's name, measure word and which counts its activities record."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
)

from jixiao.core.errors import N_
from jixiao.core.model import OPTIONAL_COUNTS, ActivityType
from jixiao.gui.dialogs.activity_dialog import COUNT_LABELS
from jixiao.gui.pages.base import Page
from jixiao.gui.widgets.form import Field, FormBinding, FormSpec
from jixiao.gui.widgets.ordered_list import OrderedList
from jixiao.gui.widgets.terms import term_tip
from jixiao.services import activity_types as type_service

TYPE_FORM = FormSpec(
    ActivityType,
    [
        Field("name", N_("Name"), strip=False, object_name="typeName"),
        Field("measure_word", N_("Measure word (场, 期, 次 …)"), strip=False, object_name="typeWord"),
    ],
)


class TypesPanel(Page):
    kinds = ("types",)

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        self.list = OrderedList(self._, numbered=False).wire(
            "typeList",
            _("New activity type, e.g. 宣讲会"),
            self.add,
            self.delete,
            lambda ids: self.run(type_service.reorder_types, self.session.year_id, ids),
            self._selected,
        )
        self.form = FormBinding(TYPE_FORM, _)
        self.form.on_commit(self.save)
        self.name, self.word, self.errors = self.form["name"], self.form["measure_word"], self.form.errors
        self.word.setToolTip(term_tip("measure_word", _))
        box = QGroupBox(_("Activity type"))
        form = QFormLayout(box)
        form.addRow(self.form.label("name"), self.form.cell("name"))
        word_label = self.form.label("measure_word")
        word_label.setToolTip(term_tip("measure_word", _))
        form.addRow(word_label, self.form.cell("measure_word"))
        self.count_boxes: dict[str, QCheckBox] = {}
        counts = QVBoxLayout()
        for name in OPTIONAL_COUNTS:
            check = QCheckBox(_(COUNT_LABELS[name]))
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
        self.types: list[ActivityType] = []

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
        self.form.load(current)
        self._filling = True
        for name, check in self.count_boxes.items():
            check.setChecked(bool(current) and name in current.counts)
            check.setEnabled(current is not None)
        self._filling = False

    def add(self, name: str) -> None:
        self.add_and_select(
            self.list, type_service.add_type, self.session.year_id, name, "次", errors=self.form.place
        )

    def save(self) -> None:
        current = self.current()
        if current is None or getattr(self, "_filling", False):
            return
        values = self.form.read_or_show()
        if values is None:
            return
        counts = tuple(name for name, check in self.count_boxes.items() if check.isChecked())
        self.run(
            type_service.update_type,
            current.id,
            values["name"],
            values["measure_word"],
            counts,
            errors=self.form.place,
        )

    def delete(self, type_id: int) -> None:
        if self.asker.confirm(self._("Delete"), self._("Delete this activity type?")):
            self.run(type_service.delete_type, type_id)
