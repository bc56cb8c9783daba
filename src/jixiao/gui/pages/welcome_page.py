"""First run: create my unit (a short form), or open the sample year to look around."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.errors import Message, ValidationError
from jixiao.core.model import MAX_YEAR, MIN_YEAR, Unit
from jixiao.core.unit_kinds import get_kind
from jixiao.gui.ask import show_error
from jixiao.gui.widgets.fields import ErrorLabel, with_error
from jixiao.gui.widgets.kind_combo import KindCombo
from jixiao.gui.widgets.terms import term_tip


class WelcomePage(QWidget):
    """Shown when there is no data file yet (or it holds no unit)."""

    def __init__(self, controller, gettext: Callable[[str], str], today: dt.date | None = None) -> None:
        super().__init__()
        self.controller = controller
        self._ = _ = gettext
        self.setObjectName("welcomePage")
        today = today or dt.date.today()

        title = QLabel(_("Welcome to jixiao"))
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(
            _(
                "Record your department's year as it happens — activities, budget, projects, indicators — "
                "and jixiao writes the performance self-evaluation report and score table at year end."
            )
        )
        intro.setWordWrap(True)

        create_box = QGroupBox(_("Create my unit"))
        form = QFormLayout(create_box)
        self.kind = KindCombo(_)
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.short_name = QLineEdit()
        self.short_name.setObjectName("shortName")
        self.self_name = QLineEdit()
        self.self_name.setObjectName("selfName")
        self.self_name.setToolTip(term_tip("self_name", _))
        self._suggested_self_name = ""
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.year = QSpinBox()
        self.year.setObjectName("firstYear")
        self.year.setRange(MIN_YEAR, MAX_YEAR)
        self.year.setValue(today.year)
        self.errors = {name: ErrorLabel() for name in ("kind", "full_name", "self_name", "year")}
        form.addRow(_("Kind of unit"), with_error(self.kind, self.errors["kind"]))
        form.addRow(_("Full name of the unit"), with_error(self.full_name, self.errors["full_name"]))
        form.addRow(_("Short name"), self.short_name)
        self_label = QLabel(_("How it names itself"))
        self_label.setToolTip(term_tip("self_name", _))
        form.addRow(self_label, with_error(self.self_name, self.errors["self_name"]))
        form.addRow(_("First fiscal year"), with_error(self.year, self.errors["year"]))
        self.create_button = QPushButton(_("Create"))
        self.create_button.setObjectName("createUnit")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_unit)
        form.addRow("", self.create_button)

        look_box = QGroupBox(_("Look around first"))
        look = QVBoxLayout(look_box)
        sample_note = QLabel(
            _(
                "The sample year is FY2022 of a district federation of industry and commerce; "
                "it shows what a finished year looks like, whatever your kind of unit."
            )
        )
        sample_note.setWordWrap(True)
        look.addWidget(sample_note)
        self.sample_button = QPushButton(_("Open the sample year"))
        self.sample_button.setObjectName("openSample")
        self.sample_button.clicked.connect(controller.open_sample)
        self.open_button = QPushButton(_("Open a data file…"))
        self.open_button.clicked.connect(controller.open_file_dialog)
        look.addWidget(self.sample_button)
        look.addWidget(self.open_button)
        look.addStretch(1)

        row = QHBoxLayout()
        row.addWidget(create_box, 3)
        row.addWidget(look_box, 2)
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 36, 48, 36)
        column.addWidget(title)
        column.addWidget(intro)
        column.addSpacing(16)
        column.addLayout(row)
        column.addStretch(1)
        column.setAlignment(Qt.AlignmentFlag.AlignTop)

    def pending_input(self) -> list[str]:
        """What was typed here and not yet created (for a second start that would replace it)."""
        typed = [edit.text().strip() for edit in (self.full_name, self.short_name)]
        name = " ".join(text for text in typed if text)
        if not name:
            return []
        return [self._("the unit being created ({name})").format(name=name)]

    def _kind_changed(self) -> None:
        """Examples and the suggested 自称 follow the kind (a 自称 the clerk typed is kept)."""
        kind = get_kind(self.kind.kind())
        self.full_name.setPlaceholderText(self._("e.g. {example}").format(example=kind.full_name_example))
        self.short_name.setPlaceholderText(self._("e.g. {example}").format(example=kind.short_name_example))
        if self.self_name.text().strip() in ("", self._suggested_self_name):
            self.self_name.setText(kind.self_name)
        self._suggested_self_name = kind.self_name

    def create_unit(self) -> None:
        for label in self.errors.values():
            label.show_message("")
        unit = Unit(
            full_name=self.full_name.text().strip(),
            short_name=self.short_name.text().strip(),
            self_name=self.self_name.text().strip(),
            kind=self.kind.kind(),
        )
        try:
            self.controller.create_unit(unit, self.year.value())
        except ValidationError as error:
            for field, message, params in error.problems:
                label = self.errors.get(field)
                if label is not None:
                    label.show_message(Message(message, **params).translated(self._))
        except Exception as error:  # noqa: BLE001
            show_error(self.controller.asker, error, self._)
