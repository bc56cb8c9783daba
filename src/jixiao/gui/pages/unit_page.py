"""单位概况: the unit's profile (names, contacts, duties, departments), the year's goals and the
narrative sections of the report, as plain forms and ordered lists."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from jixiao.core.errors import Message
from jixiao.core.model import Unit
from jixiao.gui.pages.base import Page
from jixiao.gui.widgets.fields import CommitLineEdit, ErrorLabel, with_error
from jixiao.gui.widgets.kind_combo import KindCombo
from jixiao.gui.widgets.narrative import NarrativeEdit
from jixiao.gui.widgets.terms import term_tip
from jixiao.gui.widgets.text_list import TextListEditor
from jixiao.services import texts as text_service
from jixiao.services import unit as unit_service

UNIT_FIELDS = (
    "full_name",
    "short_name",
    "self_name",
    "supervisor",
    "staffing",
    "contact_person",
    "contact_phone",
)


def text_sections(gettext) -> list[tuple[str, str, str]]:
    """(key, title, where it goes) of the year's prose sections."""
    _ = gettext
    return [
        ("work_overview", _("Year's work overview"), _("Report 一（二）, before the list of key tasks")),
        ("performance_management", _("Performance management"), _("Report 一（四）")),
        ("evaluation_summary", _("Self-evaluation summary"), _("Report 二（一）, before the score sentence")),
        ("task_analysis_intro", _("Lead-in to the task analysis"), _("Report 二（二）, optional")),
        ("goals_completion", _("How the goals were met"), _("Score table: 整体绩效目标完成情况")),
        ("goals_shortfall", _("Why goals were not met"), _("Score table: 未能完成原因")),
    ]


class UnitPage(Page):
    kinds = ("unit", "texts")

    def __init__(self, context, parent=None) -> None:
        super().__init__(context, parent)
        _ = self._
        labels = {
            "full_name": _("Full name"),
            "short_name": _("Short name"),
            "self_name": _("How it names itself (我会, 本部门 …)"),
            "supervisor": _("Supervising department"),
            "staffing": _("Staffing"),
            "contact_person": _("Contact person"),
            "contact_phone": _("Contact phone"),
        }
        self.fields = {}
        self.errors = {name: ErrorLabel() for name in ("full_name", "self_name", "kind")}
        unit_box = QGroupBox(_("Unit"))
        form = QFormLayout(unit_box)
        for name in UNIT_FIELDS:
            edit = CommitLineEdit()
            edit.setObjectName(f"unit_{name}")
            edit.committed.connect(lambda _t: self.save_unit())
            self.fields[name] = edit
            label = QLabel(labels[name])
            if name == "self_name":
                label.setToolTip(term_tip("self_name", self._))
                edit.setToolTip(term_tip("self_name", self._))
            form.addRow(label, with_error(edit, self.errors[name]) if name in self.errors else edit)
        self.kind = KindCombo(self._)
        self.kind.activated.connect(lambda _i: self.save_unit())
        form.addRow(_("Kind of unit"), with_error(self.kind, self.errors["kind"]))
        self.duties = TextListEditor(self._, self.save_duties)
        self.duties.setObjectName("duties")
        self.departments = TextListEditor(self._, self.save_departments)
        self.departments.setObjectName("departments")
        duties_box = QGroupBox(_("Main duties (numbered in the report)"))
        QVBoxLayout(duties_box).addWidget(self.duties)
        departments_box = QGroupBox(_("Internal departments"))
        QVBoxLayout(departments_box).addWidget(self.departments)
        profile = QWidget()
        profile_layout = QHBoxLayout(profile)
        left = QVBoxLayout()
        left.addWidget(unit_box)
        left.addWidget(departments_box, 1)
        profile_layout.addLayout(left, 1)
        profile_layout.addWidget(duties_box, 1)

        self.goals = TextListEditor(self._, lambda texts: self.save_list("goals", texts))
        self.goals.setObjectName("goals")
        goals = QWidget()
        goals_layout = QVBoxLayout(goals)
        goals_hint = QLabel(
            _("The year's overall performance goals, as numbered in report 一（三） and the score table.")
        )
        goals_hint.setWordWrap(True)
        goals_layout.addWidget(goals_hint)
        goals_layout.addWidget(self.goals, 1)

        self.texts: dict[str, NarrativeEdit] = {}  # the prose sections may hold live figures
        texts = QWidget()
        texts_layout = QVBoxLayout(texts)
        for key, title, where in text_sections(self._):
            box = QGroupBox(title)
            box_layout = QVBoxLayout(box)
            hint = QLabel(where)
            hint.setStyleSheet("color: palette(placeholder-text);")
            edit = NarrativeEdit(self._, self.open_year)
            edit.setObjectName(f"text_{key}")
            edit.setMinimumHeight(self.fontMetrics().height() * 5)
            edit.committed.connect(
                lambda text, k=key: self.run(text_service.set_text, self.session.year_id, k, text)
            )
            self.texts[key] = edit
            box_layout.addWidget(hint)
            box_layout.addWidget(edit)
            texts_layout.addWidget(box)
        texts_scroll = QScrollArea()
        texts_scroll.setWidgetResizable(True)
        texts_scroll.setWidget(texts)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("unitTabs")
        self.tabs.addTab(profile, _("Unit"))
        self.tabs.addTab(goals, _("Goals of the year"))
        self.tabs.addTab(texts_scroll, _("Narrative sections"))
        QVBoxLayout(self).addWidget(self.tabs)
        self.unit: Unit | None = None

    def refresh(self) -> None:
        fy = self.session.fiscal_year()
        if fy is None:
            return
        self.unit = fy.unit
        for name, edit in self.fields.items():
            edit.set_value(getattr(fy.unit, name))
        self.kind.set_kind(fy.unit.kind)
        self.duties.set_texts(fy.unit.duties)
        self.departments.set_texts(fy.unit.departments)
        self.goals.set_texts(fy.goals)
        for key, edit in self.texts.items():
            edit.set_value(fy.texts.get(key, ""))

    def save_unit(self) -> None:
        if self.unit is None:
            return
        for label in self.errors.values():
            label.show_message("")
        values = {name: edit.text().strip() for name, edit in self.fields.items()}
        unit = Unit(**values, kind=self.kind.kind(), id=self.unit.id)

        def place(error) -> bool:
            for field, message, params in error.problems:
                if field in self.errors:
                    self.errors[field].show_message(Message(message, **params).translated(self._))
            return True

        self.run(unit_service.update_unit, unit, errors=place)

    def save_duties(self, texts: list[str]) -> bool:
        return self.run(unit_service.set_duties, self.unit.id, texts)[0]

    def save_departments(self, texts: list[str]) -> bool:
        return self.run(unit_service.set_departments, self.unit.id, texts)[0]

    def save_list(self, name: str, texts: list[str]) -> bool:
        return self.run(text_service.set_list, self.session.year_id, name, texts)[0]
