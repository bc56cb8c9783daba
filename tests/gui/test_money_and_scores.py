"""Budget and projects (payments, rates), indicators and the live score, the overview's figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate

from jixiao.core.numbers import format_decimal2, format_percent
from jixiao.core.overview import build_overview
from jixiao.core.readiness import check_year
from jixiao.core.scoring import score_year
from jixiao.gui.models.indicator_table import IndicatorTableModel
from jixiao.gui.models.payment_table import PaymentTableModel


def test_add_project_and_payments_and_see_the_rate(sample_controller, qtbot, ime, retype):
    window = sample_controller.window
    window.go_to("budget")
    page = window.pages["budget"]
    page.tabs.setCurrentWidget(page.projects)
    panel = page.projects
    session = panel.session
    ime(panel.new_name, "民营企业家培训专项")
    panel.add_project(sub=False)
    project = session.fiscal_year().projects[-1]
    assert project.name == "民营企业家培训专项" and panel.current_id() == project.id
    retype(panel.adjusted, "20")
    panel.adjusted.commit()
    assert session.fiscal_year().projects[-1].adjusted_fen == 20_000_000  # 20 万元
    panel.is_key.click()
    assert session.fiscal_year().projects[-1].is_key

    panel.pay_date.setDate(QDate(2022, 4, 30))
    qtbot.keyClicks(panel.pay_amount, "50000")
    ime(panel.pay_note, "第一期培训")
    panel.add_payment()
    panel.pay_date.setDate(QDate(2022, 9, 30))
    qtbot.keyClicks(panel.pay_amount, "100000.50")
    panel.add_payment()
    project = session.fiscal_year().projects[-1]
    assert [p.amount_fen for p in project.payments] == [5_000_000, 10_000_050]
    assert panel.payments.rowCount() == 2
    assert format_percent(Decimal(15_000_050) / Decimal(20_000_000)) in panel.execution.text()  # 75.00%
    item = panel.tree.topLevelItem(panel.tree.topLevelItemCount() - 1)
    assert item.text(3) == "75.00%" and item.text(2) == "15.00"

    qtbot.keyClicks(panel.pay_amount, "abc")
    panel.add_payment()
    assert panel.payment_error.text() and panel.payments.rowCount() == 2

    panel.payment_view.selectRow(0)
    panel.delete_payment()
    assert [p.amount_fen for p in session.fiscal_year().projects[-1].payments] == [10_000_050]


def test_money_block_checks_sub_rows(sample_controller, retype):
    window = sample_controller.window
    window.go_to("budget")
    money = window.pages["budget"].money
    session = money.session
    edit = money.edits["other"]["adjusted_fen"]
    retype(edit, "1")
    edit.commit()
    assert session.fiscal_year().budget_line("other").adjusted_fen == 1_000_000
    assert "⚠" in money.checks.text()
    retype(edit, "x1")
    edit.commit()
    assert money.line_errors["other"].text()


def test_fill_indicators_and_see_the_score(sample_controller, qtbot, ime, retype):
    window = sample_controller.window
    window.go_to("indicators")
    page = window.pages["indicators"]
    session = page.session
    page.rule.setCurrentIndex(page.rule.findData("standard"))
    page.save_rule()
    fy = session.fiscal_year()
    assert fy.score_rule == "standard"
    table = score_year(fy)
    assert page.total.text().startswith(page._("Total {total} · {grade}").split("{")[0])
    assert format_decimal2(table.total) in page.total.text()

    page.add_blank()
    row = page.model.rowCount() - 1
    assert page.table.currentIndex().row() == row
    retype(page.level3, "举办创新沙龙场次")
    page.level3.commit()
    retype(page.target, "10")
    page.target.commit()
    retype(page.unit, "场")
    page.unit.commit()
    retype(page.points, "5")
    page.points.commit()
    retype(page.actual, "6")
    page.actual.commit()
    indicator = session.fiscal_year().indicators[-1]
    assert (indicator.level3, indicator.target, indicator.actual, indicator.points) == (
        "举办创新沙龙场次",
        "10",
        "6",
        Decimal(5),
    )
    table = score_year(session.fiscal_year())
    assert table.indicator_rows[-1].formula_score is not None
    assert format_decimal2(table.total) in page.total.text()
    assert page.model.index(row, 9).data() == page._("required")  # missed: a reason is due
    assert not page.errors["deviation_reason"].isHidden()
    ime(page.reason, "下半年活动场地受限，明年提前安排。")
    page.reason.commit()
    assert page.model.index(row, 9).data() == "下半年活动场地受限，明年提前安排。"

    retype(page.override, "4")
    page.override.commit()
    row_data = score_year(session.fiscal_year()).indicator_rows[-1]
    assert (
        row_data.override == Decimal(4)
        and row_data.score == Decimal(4)
        and row_data.computed_score == Decimal("3.00")
    )
    assert page.model.index(row, 6).data() == "3.00" and page.model.index(row, 7).data() == "4.00"
    retype(page.override, "9")  # more than its points: refused next to the field
    page.override.commit()
    assert page.errors["score_override"].text()
    assert format_decimal2(score_year(session.fiscal_year()).total) in page.total.text()


def test_overview_shows_the_core_figures_and_leads_to_records(sample_controller, qtbot):
    window = sample_controller.window
    window.go_to("overview")
    page = window.pages["overview"]
    fy = page.session.fiscal_year()
    expected = build_overview(fy, page.session.today())
    assert page.overview.activity_count == expected.activity_count == len(fy.activities)
    drawn = page.months.series
    assert [s.values for s in drawn] == [[float(c) for c in m.counts] for m in expected.months]
    assert page.score.score_text == format_decimal2(expected.score.total)
    assert page.score.grade_text == page._(expected.score.grade.label)
    assert [b.text for b in page.projects.bars] == [format_percent(p.rate) for p in expected.projects]
    assert len(page.indicators.bars) == len(expected.indicators)
    page.grab()  # paint so the bars know where they are
    rect, (task_id, month) = next((r, k) for r, k in page.months.hit_rects() if k[0] is not None)
    qtbot.mouseClick(
        page.months,
        __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton,
        pos=rect.center().toPoint(),
    )
    assert window.current_page_key() == "work"
    activities = window.pages["work"].activities
    wanted = [a for a in fy.activities if a.task_id == task_id and a.date.month == month]
    assert activities.model.rowCount() == len(wanted) > 0
    window.go_to("overview")
    project_rect, project_id = page.projects.hit_rects()[1]
    qtbot.mouseClick(
        page.projects,
        __import__("PySide6.QtCore").QtCore.Qt.MouseButton.LeftButton,
        pos=project_rect.center().toPoint(),
    )
    assert (
        window.current_page_key() == "budget" and window.pages["budget"].projects.current_id() == project_id
    )


def test_the_overview_counts_the_problems_once_its_figures_are_on_screen(sample_controller, qtbot):
    """The readiness check, the slowest part of the overview, runs after the figures are painted."""
    window = sample_controller.window
    window.go_to("overview")
    page = window.pages["overview"]
    page.refresh_now()  # as after any change
    assert page.overview.problem_count is None and page.overview.activity_count > 0
    assert page.problems.text() == page._("Checking the year for the report …")
    qtbot.waitUntil(lambda: page.overview.problem_count is not None, timeout=3000)
    problems = check_year(page.session.fiscal_year())
    assert page.overview.problem_count == len(problems)
    expected = (
        page._("{count} things to fix before the report ({errors} errors)").format(
            count=len(problems), errors=page.overview.error_count
        )
        if problems
        else page._("Ready for the report")
    )
    assert page.problems.text() == expected


def test_the_overview_counts_the_problems_even_when_no_paint_reaches_the_page(
    open_sample, qtbot, monkeypatch
):
    from jixiao.gui.pages.overview_page import OverviewPage

    # as if its children covered it: no paint of its own (patched before the page is made: PySide
    # looks an override up when it wraps the widget)
    monkeypatch.setattr(OverviewPage, "paintEvent", lambda self, event: None)
    controller = open_sample()
    controller.window.show()
    qtbot.waitExposed(controller.window)
    page = controller.window.pages["overview"]
    qtbot.waitUntil(lambda: page.overview.problem_count is not None, timeout=3000)


def test_table_models_pass_the_model_tester(sample_controller, qtmodeltester):
    fy = sample_controller.session.fiscal_year()
    indicators = IndicatorTableModel(lambda s: s)
    indicators.set_rows(score_year(fy).indicator_rows)
    qtmodeltester.check(indicators, force_py=True)
    payments = PaymentTableModel(lambda s: s)
    project = next(p for p in fy.all_projects() if p.payments)
    payments.set_payments(project.payments)
    qtmodeltester.check(payments, force_py=True)
    assert payments.rowCount() == len(project.payments) and payments.payment(0).date <= dt.date(2022, 12, 31)


def test_a_projects_budget_of_999_wan_warns_on_the_money_block_at_once(sample_controller, retype):
    window = sample_controller.window
    window.go_to("budget")
    page = window.pages["budget"]
    money, panel = page.money, page.projects
    assert not money.checks.text()
    page.tabs.setCurrentWidget(panel)

    def leaves(projects):
        for project in projects:
            yield from leaves(project.children) if project.children else (project,)

    project = next(leaves(panel.session.fiscal_year().projects))
    panel.navigate_to(project_id=project.id)
    retype(panel.adjusted, "999")
    panel.adjusted.commit()
    saved = next(p for p in leaves(panel.session.fiscal_year().projects) if p.id == project.id)
    assert saved.adjusted_fen == 999_000_000
    page.tabs.setCurrentWidget(money)
    assert "⚠" in money.checks.text()
