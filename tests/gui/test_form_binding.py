"""Forms declared as field lists (gui/widgets/form.py): load → read gives back what was loaded for every
kind of field, typed numbers are read by the core's rules (full-width digits, grouped amounts), and a
form declaring a field its model lacks fails when it is declared."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QFormLayout, QWidget

from jixiao.core.errors import N_
from jixiao.gui.widgets.form import Field, FormBinding, FormSpec


@dataclass
class Sample:
    name: str = ""
    notes: str = ""
    budget_fen: int = 0
    paid_fen: int | None = None
    share: Decimal | None = None
    people: int | None = None
    day: dt.date = dt.date(2024, 1, 1)
    colour: str = "red"
    level: str = ""
    weight: Decimal = Decimal(0)
    done: bool = False


SPEC = FormSpec(
    Sample,
    [
        Field("name", N_("Name")),
        Field("notes", N_("Notes"), "text"),
        Field("budget_fen", N_("Amount"), "money"),
        Field("paid_fen", N_("Amount"), "money_yuan", optional=True),
        Field("share", N_("Value"), "decimal", optional=True),
        Field("people", N_("Participants"), "count", optional=True),
        Field("day", N_("Date"), "date"),
        Field("colour", N_("Type"), "combo", choices=(("red", N_("Red")), ("blue", N_("Blue")))),
        Field("level", N_("Level 1"), "choice", choices=(("产出指标", "产出指标"),)),
        Field("weight", N_("Points"), "decimal"),
        Field("done", N_("Applicable this year"), "check"),
    ],
)


@pytest.fixture
def form(qtbot):
    binding = FormBinding(SPEC, lambda text: text)
    box = QWidget()
    binding.add_rows(QFormLayout(box))
    qtbot.addWidget(box)
    yield binding  # the box (holding the widgets) lives as long as the test
    del box


def test_every_kind_reads_back_what_was_loaded(form):
    record = Sample(
        name="宣讲会",
        notes="第一行\n第二行",
        budget_fen=123_456_700,
        paid_fen=-5_050,
        share=Decimal("12.5"),
        people=1200,
        day=dt.date(2024, 12, 31),
        colour="blue",
        level="自定义指标",  # a choice takes any text, not only its items
        weight=Decimal("2.50"),
        done=True,
    )
    form.load(record)
    values, problems = form.read()
    assert problems == []
    assert Sample(**values) == record
    form.load(None)
    values, problems = form.read()
    assert problems == [("weight", "Enter a number.", {})]  # a required number left blank
    assert values["name"] == "" and values["budget_fen"] == 0 and values["paid_fen"] is None
    assert values["share"] is None and values["people"] is None and values["done"] is False
    assert values["level"] == "" and values["colour"] == "red"


def test_typed_numbers_are_read_by_the_core_rules(form, retype):
    retype(form["people"], "１２")  # full-width digits, as a Chinese IME may type them
    retype(form["share"], "１，２３４．５")
    retype(form["budget_fen"], "1,234.56")  # 万元
    retype(form["paid_fen"], "１２")  # 元
    retype(form["weight"], "２．５")
    values, problems = form.read()
    assert problems == []
    assert values["people"] == 12 and values["share"] == Decimal("1234.5")
    assert values["budget_fen"] == 1_234_560_000 and values["paid_fen"] == 1200
    assert values["weight"] == Decimal("2.5")


def test_unreadable_numbers_are_problems_of_their_fields(form, retype):
    retype(form["people"], "十二")
    retype(form["budget_fen"], "abc")
    retype(form["share"], "1.2.3")
    values, problems = form.read()
    assert {field for field, _m, _p in problems} == {"people", "budget_fen", "share", "weight"}
    assert "people" not in values and values["name"] == ""
    assert form.show_problems([*problems, ("elsewhere", "x", {})]) == [("elsewhere", "x", {})]
    assert form.errors["people"].text() == "Enter a whole number."
    assert form.errors["budget_fen"].text() == "Enter an amount of money."


def test_committing_a_field_calls_back(form, retype):
    calls = []
    form.on_commit(lambda: calls.append(1), ["name", "done"])
    retype(form["name"], "新名")
    form["name"].commit()
    form["done"].click()
    assert len(calls) == 2


def test_a_field_the_model_lacks_fails_when_declared():
    with pytest.raises(TypeError, match="titel"):
        FormSpec(Sample, [Field("name", N_("Name")), Field("titel", N_("Title"))])
    with pytest.raises(ValueError, match="kind"):
        Field("name", N_("Name"), "slider")


def test_the_declared_forms_match_their_models():
    """Importing the forms' modules checks their declarations (FormSpec raises on a wrong name)."""
    from jixiao.gui.dialogs.activity_dialog import ACTIVITY_FORM
    from jixiao.gui.pages.projects_panel import PROJECT_FORM

    assert "title" in {f.key for f in ACTIVITY_FORM.fields}
    assert "performance_text" in {f.key for f in PROJECT_FORM.fields}


def test_the_figures_panel_reads_full_width_numbers_and_places_problems(sample_controller, retype):
    window = sample_controller.window
    window.go_to("work")
    page = window.pages["work"]
    page.tabs.setCurrentWidget(page.metrics)
    panel, session = page.metrics, sample_controller.session
    metric = session.fiscal_year().metrics[0]
    panel.list.select_key(metric.id)
    assert panel.fields["name"].text() == metric.name
    retype(panel.fields["value"], "３，７９０")
    panel.fields["value"].commit()
    assert session.fiscal_year().metrics[0].value == Decimal("3790")
    retype(panel.fields["value"], "三千")
    panel.fields["value"].commit()
    assert panel.errors["value"].text() == "请输入数字。"
    assert session.fiscal_year().metrics[0].value == Decimal("3790")


def test_the_activity_types_panel_saves_and_places_the_services_problems(sample_controller, retype):
    window = sample_controller.window
    window.go_to("work")
    page = window.pages["work"]
    page.tabs.setCurrentWidget(page.types)
    panel, session = page.types, sample_controller.session
    first = session.outline().activity_types[0]
    panel.list.select_key(first.id)
    retype(panel.word, "期")
    panel.word.commit()
    assert session.outline().activity_types[0].measure_word == "期"
    retype(panel.name, " ")
    panel.name.commit()
    assert panel.errors["name"].text()  # the service's rule, shown under the field
    assert session.outline().activity_types[0].name == first.name


def test_a_message_for_a_field_not_laid_out_is_handed_back_not_shown_alone(qtbot):
    binding = FormBinding(SPEC, lambda text: text)  # no rows: no error label has a place
    assert binding.show_problems([("name", "Enter a title.", {})]) == [("name", "Enter a title.", {})]
    assert not binding.errors["name"].isVisible()  # never a window of its own
    binding["budget_fen"].setText("abc")
    binding["budget_fen"].commit()  # an unreadable amount says so only where it has a place
    assert not binding.errors["budget_fen"].isVisible()
