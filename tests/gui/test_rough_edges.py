"""The rough edges a first-time clerk hit (issue 13), each fixed and checked here."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QLabel

from jixiao.core.errors import Message, Problem
from jixiao.core.figures import describe_figure
from jixiao.core.model import Activity, Project, Unit
from jixiao.gui.app import SAMPLE_FILE_NAME
from jixiao.gui.pages.report_page import fix_target
from jixiao.gui.widgets.charts import axis_ticks
from jixiao.gui.widgets.fields import join_messages
from jixiao.gui.widgets.money import MoneyEdit
from jixiao.services import activities as activity_service
from jixiao.services import indicators as indicator_service
from jixiao.services import projects as project_service


def test_a_computed_actual_value_looks_computed_and_names_what_it_counts(sample_controller):
    window = sample_controller.window
    window.go_to("indicators")
    page = window.pages["indicators"]
    page.refresh_now()
    computed = next(i for i in page.indicators if i.actual_source)
    page.select(computed.id)
    assert page.actual.isReadOnly() and not page.actual.hasFrame()
    assert "italic" in page.actual.styleSheet()
    note = page.actual_note.text()
    what = describe_figure(computed.actual_source, sample_controller.session.fiscal_year())
    assert note == "由记录自动计算：" + " · ".join(m.translated(sample_controller.gettext) for m in what)
    assert page.actual.toolTip()  # the term explained
    session = sample_controller.session
    session.call(
        indicator_service.update_indicator,
        dataclasses.replace(computed, actual_source=None, actual="5"),
    )
    page.refresh_now()
    page.select(computed.id)
    assert not page.actual.isReadOnly() and page.actual.hasFrame() and page.actual_note.isHidden()


def test_switching_to_a_project_without_indicators_clears_the_disabled_panel(sample_controller):
    session = sample_controller.session
    session.call(project_service.add_project, session.year_id, Project("无指标的项目"), None)
    window = sample_controller.window
    window.go_to("indicators")
    page = window.pages["indicators"]
    page.select(page.indicators[0].id)
    assert page.level3.text()
    project_id = next(p.id for p in session.fiscal_year().all_projects() if p.name == "无指标的项目")
    page.owner.setCurrentIndex(page.owner.findData(project_id))
    page.refresh_now()
    assert not page.form_box.isEnabled()
    assert page.level3.text() == page.target.text() == page.actual.text() == page.points.text() == ""
    assert page.formula.text() == "" and page.level1.currentText() == ""


def test_the_key_project_without_indicators_finding_opens_where_indicators_are_set():
    message = Message("x")
    assert fix_target(
        Problem("key_project_without_indicators", message, ("project", 7), "warning", 2022)
    ) == (
        "indicators",
        {"project_id": 7},
        "indicatorTable",
    )
    assert (
        fix_target(Problem("key_project_text_missing", message, ("project", 7), "warning", 2022))[0]
        == "budget"
    )


@pytest.mark.parametrize("highest", [0.5, 1, 2, 3, 4, 5, 7, 9, 13, 99, 213, 1024, 99_999])
def test_chart_ticks_are_distinct_whole_numbers_covering_the_data(highest):
    ticks = axis_ticks(highest)
    assert ticks[0] == 0 and ticks[-1] >= highest and 2 <= len(ticks) <= 6
    assert all(isinstance(t, int) for t in ticks) and len(set(ticks)) == len(ticks)
    steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1  # evenly spaced
    assert axis_ticks(2) == [0, 1, 2]  # not "1, 1, 0, 0, 0"


def test_messages_never_join_as_full_stop_then_semicolon():
    assert join_messages(["金额不能为负。", "请输入日期。"]) == "金额不能为负。请输入日期。"
    assert join_messages(["Enter a date.", "Too large."]) == "Enter a date. Too large."
    assert join_messages(["甲", "乙。", ""]) == "甲; 乙。"
    assert "。；" not in join_messages(["一。", "二。"]) and "。;" not in join_messages(["一。", "二。"])


def test_amounts_are_grouped_and_still_read_back(qtbot):
    edit = MoneyEdit(in_wan=False)
    qtbot.addWidget(edit)
    edit.set_fen(43_750_000)
    assert edit.text() == "437,500.00" and edit.fen() == 43_750_000
    wan = MoneyEdit()
    qtbot.addWidget(wan)
    wan.set_fen(123_456_700_000)
    assert wan.text() == "123,456.70" and wan.fen() == 123_456_700_000


@pytest.fixture
def projects(sample_controller):
    window = sample_controller.window
    window.go_to("budget")
    page = window.pages["budget"]
    page.tabs.setCurrentWidget(page.projects)
    return page.projects


def test_enter_adds_a_project_and_a_payment_from_any_field(projects, qtbot, ime):
    session = projects.session
    before = len(session.fiscal_year().projects)
    ime(projects.new_name, "新的项目")
    qtbot.keyClick(projects.new_name, Qt.Key.Key_Return)
    fy = session.fiscal_year()
    assert len(fy.projects) == before + 1 and projects.new_name.text() == ""
    project = next(p for p in fy.projects if p.name == "新的项目")
    projects.select(project.id)
    projects.pay_date.setDate(QDate(2022, 5, 6))
    projects.pay_amount.setText("437500")
    ime(projects.pay_note, "第一笔")
    qtbot.keyClick(projects.pay_note, Qt.Key.Key_Return)  # Enter in the note adds it
    projects.pay_amount.setText("100")
    qtbot.keyClick(projects.pay_date, Qt.Key.Key_Return)  # and in the date
    payments = next(p for p in session.fiscal_year().projects if p.id == project.id).payments
    assert sorted(p.amount_fen for p in payments) == [10_000, 43_750_000]
    texts = [projects.payments.index(r, 1).data() for r in range(projects.payments.rowCount())]
    assert "437,500.00" in texts


def test_an_invalid_amount_is_told_next_to_its_field(projects, sample_controller, qtbot):
    window = sample_controller.window
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    project = sample_controller.session.fiscal_year().all_projects()[1]
    projects.select(project.id)
    projects.pay_amount.setText("12元5角")
    projects.add_payment()
    error = projects.payment_error
    assert error.isVisible() and error.text() == "请输入金额。"
    layout = projects.payment_box.layout()
    fields = next(
        i
        for i in range(layout.count())
        if layout.itemAt(i).layout() and layout.itemAt(i).layout().indexOf(projects.pay_amount) >= 0
    )
    assert layout.indexOf(error) == fields + 1  # right under the amount, not at the bottom
    top_left = error.mapTo(projects.scroll.viewport(), error.rect().topLeft())
    assert 0 <= top_left.y() and top_left.y() + error.height() <= projects.scroll.viewport().height()


def test_the_payment_date_column_is_wide_enough_before_the_first_payment(projects, qtbot):
    session = projects.session
    session.call(project_service.add_project, session.year_id, Project("空项目"), None)
    project = next(p for p in session.fiscal_year().projects if p.name == "空项目")
    projects.select(project.id)
    assert projects.payments.rowCount() == 0
    width = projects.payment_view.fontMetrics().horizontalAdvance("2022-12-31")
    assert projects.payment_view.columnWidth(0) > width


def test_enter_a_title_goes_once_a_title_is_typed(sample_controller, ime):
    sample_controller.window.go_to("work")
    panel = sample_controller.window.pages["work"].activities
    dialog = panel.new_activity()
    dialog.save(close=False)
    assert dialog.errors["title"].text() == "请输入标题。"
    ime(dialog.title, "座谈会")
    assert dialog.errors["title"].text() == "" and dialog.errors["title"].isHidden()
    dialog.reject()


def test_wording_of_the_problems_page_and_the_overview_of_a_new_year(make_controller, tmp_path):
    from jixiao.services import unit as unit_service
    from jixiao.store.database import open_book

    path = tmp_path / "new.sqlite3"
    with open_book(path, create=True) as book:
        unit_service.create_unit(book, Unit("某区发展和改革局", kind="administration"), 2024)
    controller = make_controller()
    controller.start(path)
    window = controller.window
    problems_page = window.pages["problems"]
    from PySide6.QtWidgets import QGroupBox

    titles = [box.title() for box in problems_page.findChildren(QGroupBox)]
    assert titles == ["存在的主要问题（报告第三部分）", "下一步改进措施（报告第四部分）"]
    window.go_to("overview")
    overview = window.pages["overview"]
    overview.refresh_now()
    badge = overview.score
    assert badge.score_text == "—" and "差" not in badge.grade_text and "不完整" not in badge.caption
    assert badge.caption == "尚未评分" and badge.toolTip()
    bars = overview.indicators.bars
    assert bars and all("尚未得知" not in bar.text for bar in bars)


def test_english_labels_wrap_and_the_amount_column_is_not_cut(
    make_controller, sample_template, tmp_path, qtbot
):
    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    shutil.copy(sample_template, data / SAMPLE_FILE_NAME)
    controller = make_controller("en")
    controller.start(data / SAMPLE_FILE_NAME)
    window = controller.window
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    window.go_to("indicators")
    page = window.pages["indicators"]
    qtbot.wait(50)
    names = ("Deviation reason and improvement", "Your score (override)", "Achievement (qualitative)")
    labels = [w for w in page.form_box.findChildren(QLabel) if w.text() in names]
    assert len(labels) == 3
    for label in labels:
        assert label.isVisible() and label.width() >= label.sizeHint().width()  # not cut
    window.go_to("work")
    panel = window.pages["work"].activities
    panel.fit_columns()
    header = panel.table.horizontalHeader()
    amount = [
        name for name, _f in __import__("jixiao.gui.models.activity_table", fromlist=["COLUMNS"]).COLUMNS
    ].index("amount")
    assert panel.table.columnWidth(amount) >= header.sectionSizeHint(amount)


def test_blank_counts_show_blank_in_the_list(sample_controller):
    session = sample_controller.session
    fy = session.fiscal_year()
    type_id = fy.activity_types[0].id
    session.call(
        activity_service.add_activity,
        session.year_id,
        Activity(dt.date(2022, 7, 1), type_id, "空白计数的活动", participants=None),
    )
    sample_controller.window.go_to("work")
    panel = sample_controller.window.pages["work"].activities
    panel.refresh_now()
    row = next(r for r in range(panel.model.rowCount()) if panel.model.index(r, 3).data() == "空白计数的活动")
    from jixiao.gui.models.activity_table import COLUMNS

    names = [name for name, _f in COLUMNS]
    assert panel.model.index(row, names.index("participants")).data() == ""
    assert panel.model.index(row, names.index("sessions")).data().startswith("1")
