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

from jixiao.core.model import OPTIONAL_COUNTS
from jixiao.gui.dialogs.activity_dialog import COUNT_LABELS
from jixiao.gui.pages.base import Page
from jixiao.gui.widgets.fields import CommitLineEdit, ErrorLabel, with_error
from jixiao.gui.widgets.ordered_list import OrderedList
from jixiao.gui.widgets.terms import term_tip
from jixiao.services import activity_types as type_service


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
