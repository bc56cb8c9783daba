"""Forms declared as field lists: each field names the model attribute it shows, its label and its kind;
``FormBinding`` builds the widgets, loads a model object into them and reads them back as the values of
one service call (numbers read by the core's rules, so "１２" and "1,234.5" are read alike everywhere).

A form is declared once, at import, with ``FormSpec(Model, fields)``: a field naming an attribute the
model lacks raises ``TypeError`` there, not when a clerk opens the form.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QFormLayout, QLabel, QWidget

from jixiao.core.activities import read_count
from jixiao.core.errors import N_, Message, ValidationError
from jixiao.core.fields import Problems, read_decimal
from jixiao.core.model import MAX_YEAR, MIN_YEAR
from jixiao.gui.widgets.fields import CommitLineEdit, CommitTextEdit, ErrorLabel, with_error
from jixiao.gui.widgets.money import MoneyEdit

KINDS = ("line", "text", "money", "money_yuan", "decimal", "count", "date", "combo", "choice", "check")
UNREADABLE = {
    "money": N_("Enter an amount of money."),
    "money_yuan": N_("Enter an amount of money."),
    "decimal": N_("Enter a number."),
    "count": N_("Enter a whole number."),
}


@dataclass(frozen=True)
class Field:
    """One field of a form: the model attribute *key*, its label (a msgid), how it is typed (*kind*).

    A ``combo`` holds one of its items' values; a ``choice`` is an editable combo whose text is the
    value (items offered, any text allowed). ``choices`` are a combo's ``(value, msgid)`` items (a combo filled from the data gets them by
    ``FormBinding.set_choices``); ``strip`` trims what is read from line and text fields; ``optional``
    numbers read blank as None (else money and counts as 0, a decimal as a problem); ``lines`` is a text field's height in lines.
    """

    key: str
    label: str
    kind: str = "line"
    tooltip: str = ""
    placeholder: str = ""
    choices: tuple[tuple[Any, str], ...] = ()
    strip: bool = True
    optional: bool = False
    lines: int = 3
    object_name: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"field {self.key!r}: unknown kind {self.kind!r}")


class FormSpec:
    """The fields of a form over the dataclass *model*, checked against it when declared."""

    def __init__(self, model: type, fields: Sequence[Field]) -> None:
        names = {f.name for f in dataclasses.fields(model)}
        missing = [field.key for field in fields if field.key not in names]
        if missing:
            raise TypeError(f"{model.__name__} has no field {', '.join(missing)} (declared in a form)")
        keys = [field.key for field in fields]
        if len(set(keys)) != len(keys):
            raise TypeError(f"a form over {model.__name__} declares a field twice")
        self.model = model
        self.fields = tuple(fields)

    def __getitem__(self, key: str) -> Field:
        return next(field for field in self.fields if field.key == key)


class FormBinding:
    """The widgets of a ``FormSpec``, with an error label each; ``load`` shows a model object,
    ``read`` gives the values typed (or the problems of what cannot be read), ``on_commit`` calls
    back when a field is committed (auto-saving panels).

    *widgets* replaces the widget of a field (e.g. a ``NarrativeEdit`` for a text field); it must
    offer what the kind's widget offers."""

    def __init__(
        self,
        spec: FormSpec,
        gettext: Callable[[str], str],
        widgets: dict[str, QWidget] | None = None,
    ) -> None:
        self.spec = spec
        self._ = gettext
        self.widgets: dict[str, Any] = {}
        self.errors: dict[str, ErrorLabel] = {}
        given = widgets or {}
        for field in spec.fields:
            widget = given.get(field.key) or self._make(field)
            widget.setObjectName(field.object_name or _camel(field.key))
            if field.tooltip:
                widget.setToolTip(gettext(field.tooltip))
            if field.placeholder and hasattr(widget, "setPlaceholderText"):
                widget.setPlaceholderText(gettext(field.placeholder))
            self.widgets[field.key] = widget
            error = ErrorLabel()
            error.setObjectName(f"error_{field.key}")
            self.errors[field.key] = error
            # a message under a field goes once the clerk types there
            if hasattr(widget, "textEdited"):
                widget.textEdited.connect(lambda _t, error=error: error.show_message(""))
            if field.kind in ("money", "money_yuan"):  # an amount that cannot be read says so at once
                message = gettext(UNREADABLE[field.kind])
                widget.invalid.connect(lambda key=field.key, message=message: self._show(key, message))

    def _make(self, field: Field) -> QWidget:
        _ = self._
        widget: QWidget
        if field.kind == "line":
            widget = CommitLineEdit()
        elif field.kind == "text":
            widget = CommitTextEdit()
            widget.setFixedHeight(widget.fontMetrics().height() * field.lines + 14)
        elif field.kind in ("money", "money_yuan"):
            widget = MoneyEdit(in_wan=field.kind == "money")
        elif field.kind in ("decimal", "count"):
            widget = CommitLineEdit()
            widget.setAlignment(Qt.AlignmentFlag.AlignRight)
            if field.kind == "count":
                widget.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        elif field.kind == "date":
            widget = QDateEdit()
            widget.setCalendarPopup(True)
            widget.setDisplayFormat("yyyy-MM-dd")
            widget.setDateRange(QDate(MIN_YEAR, 1, 1), QDate(MAX_YEAR, 12, 31))
        elif field.kind in ("combo", "choice"):
            widget = QComboBox()
            widget.setEditable(field.kind == "choice")
            for value, label in field.choices:
                widget.addItem(_(label), value)
        else:  # check
            widget = QCheckBox(_(field.label))
        return widget

    # -- building ---------------------------------------------------------------------------------
    def __getitem__(self, key: str) -> Any:
        return self.widgets[key]

    def cell(self, key: str) -> QWidget:
        """The field with its error label under it."""
        return with_error(self.widgets[key], self.errors[key])

    def label(self, key: str) -> QLabel:
        field = self.spec[key]
        label = QLabel(self._(field.label))
        label.setBuddy(self.widgets[key])
        if field.tooltip:
            label.setToolTip(self._(field.tooltip))
        return label

    def add_rows(self, form: QFormLayout, keys: Iterable[str] | None = None) -> None:
        """A row per field (in declared order unless *keys* says which): label, field, error."""
        for key in keys if keys is not None else [f.key for f in self.spec.fields]:
            if self.spec[key].kind == "check":
                form.addRow(self.cell(key))
            else:
                form.addRow(self.label(key), self.cell(key))

    def set_choices(self, key: str, items: Iterable[tuple[Any, str]]) -> None:
        """Fill a combo with ``(value, text)`` items from the data (texts shown as they are)."""
        combo: QComboBox = self.widgets[key]
        combo.blockSignals(True)
        combo.clear()
        for value, text in items:
            combo.addItem(text, value)
        combo.blockSignals(False)

    def on_commit(self, callback: Callable[[], None], keys: Iterable[str] | None = None) -> None:
        """Call *callback* when a field is committed: a line or text field when editing ends, a
        money field with a readable amount, a combo chosen, a box clicked."""
        for key in keys if keys is not None else self.widgets:
            widget, kind = self.widgets[key], self.spec[key].kind
            if kind in ("money", "money_yuan"):
                widget.amountCommitted.connect(lambda _f: callback())
            elif kind in ("line", "text", "decimal", "count"):
                widget.committed.connect(lambda _t: callback())
            elif kind in ("combo", "choice"):
                widget.activated.connect(lambda _i: callback())
                if kind == "choice":
                    widget.lineEdit().editingFinished.connect(callback)
            elif kind == "check":
                widget.clicked.connect(lambda _c: callback())
            else:  # date
                widget.editingFinished.connect(callback)

    # -- values -----------------------------------------------------------------------------------
    def load(self, model: object | None, keys: Iterable[str] | None = None) -> None:
        """Show the attributes of *model* (None: every field empty) without committing them."""
        for key in keys if keys is not None else self.widgets:
            value = getattr(model, key) if model is not None else None
            self.set(key, value)
            self.errors[key].show_message("")

    def set(self, key: str, value: Any) -> None:
        widget, kind = self.widgets[key], self.spec[key].kind
        if kind in ("line", "text"):
            widget.set_value("" if value is None else str(value))
        elif kind in ("money", "money_yuan"):
            if value is None:
                widget.set_value("")
            else:
                widget.set_fen(value)
        elif kind == "decimal":
            widget.set_value("" if value is None else f"{value:f}")
        elif kind == "count":
            widget.set_value("" if value is None else str(value))
        elif kind == "date":
            if value is not None:
                widget.setDate(QDate(value.year, value.month, value.day))
        elif kind == "combo":
            widget.setCurrentIndex(max(widget.findData(value), 0))
        elif kind == "choice":
            widget.setCurrentText("" if value is None else str(value))
        else:
            widget.setChecked(bool(value))

    def value(self, key: str) -> Any:
        """What the field holds, as the model keeps it.

        :raises ValueError: a number or amount cannot be read.
        """
        widget, field = self.widgets[key], self.spec[key]
        kind = field.kind
        if kind == "line":
            return widget.text().strip() if field.strip else widget.text()
        if kind == "text":
            text = widget.value()
            return text.strip() if field.strip else text
        if kind in ("money", "money_yuan"):
            if field.optional and not widget.text().strip():
                return None
            fen = widget.fen()
            if fen is None:
                raise ValueError(widget.text())
            return fen
        if kind == "decimal":
            number = read_decimal(widget.text())
            if number is None and not field.optional:
                raise ValueError(widget.text())
            return number
        if kind == "count":
            count = read_count(widget.text())
            return count if count is not None or field.optional else 0
        if kind == "date":
            day = widget.date()
            return dt.date(day.year(), day.month(), day.day())
        if kind == "combo":
            return widget.currentData()
        if kind == "choice":
            return widget.currentText().strip() if field.strip else widget.currentText()
        return widget.isChecked()

    def read(self, keys: Iterable[str] | None = None) -> tuple[dict[str, Any], Problems]:
        """The values of the fields (all, or *keys*) and the problems of those that cannot be read."""
        values: dict[str, Any] = {}
        problems: Problems = []
        for key in keys if keys is not None else self.widgets:
            try:
                values[key] = self.value(key)
            except ValueError:
                problems.append((key, UNREADABLE[self.spec[key].kind], {}))
        return values, problems

    def read_or_show(self, keys: Iterable[str] | None = None) -> dict[str, Any] | None:
        """The values typed after clearing old messages; None, with each problem shown under its
        field, when a value cannot be read."""
        self.clear_problems()
        values, problems = self.read(keys)
        if problems:
            self.show_problems(problems)
            return None
        return values

    # -- problems ---------------------------------------------------------------------------------
    def clear_problems(self) -> None:
        for label in self.errors.values():
            label.show_message("")

    def _show(self, key: str, text: str) -> bool:
        """Show *text* under the field *key*; False when the form does not show that field's
        messages (its error label was not laid out: shown alone it would be a window of its own)."""
        label = self.errors.get(key)
        if label is None or label.parentWidget() is None:
            return False
        label.show_message(text)
        return True

    def show_problems(self, problems: Problems) -> Problems:
        """Each problem under its field; returns those about no field this form shows."""
        return [
            (field, message, params)
            for field, message, params in problems
            if not self._show(field, Message(message, **params).translated(self._))
        ]

    def place(self, error: ValidationError) -> bool:
        """Show a service's ``ValidationError`` under the fields it names (``Page.run(errors=…)``);
        False when some problem is about no field here (the page then shows the error whole)."""
        return not self.show_problems(error.problems)


def _camel(key: str) -> str:
    head, *tail = key.split("_")
    return head + "".join(part.title() for part in tail)
