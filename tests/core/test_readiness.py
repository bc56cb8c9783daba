"""Readiness rules: every problem the check lists, with its code, message and where to fix it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jixiao.core.model import BudgetLine, FiscalYear, Indicator, Payment, Project, Unit
from jixiao.core.money import wan_to_fen
from jixiao.core.readiness import ERROR, WARNING, check_budget, check_year

D = Decimal


def ind(level3="走访企业数", points="10", target="100", actual="100", kind=">=", id=None, **kw) -> Indicator:
    return Indicator(
        "产出指标", "数量指标", level3, kind, D(points), target=target, actual=actual, id=id, **kw
    )


def good_year() -> FiscalYear:
    """A year with nothing to fix: budget adds up, nine met indicators of 10 points, a documented key project."""
    line = BudgetLine
    budget = {
        "total": line("total", wan_to_fen("600"), wan_to_fen("628.47"), wan_to_fen("616.04")),
        "fiscal": line("fiscal", wan_to_fen("600"), wan_to_fen("628.47"), wan_to_fen("616.04")),
        "other": line("other"),
        "fiscal_general": line(
            "fiscal_general", wan_to_fen("600"), wan_to_fen("628.47"), wan_to_fen("616.04")
        ),
        "basic": line("basic", wan_to_fen("481.27"), wan_to_fen("509.74"), wan_to_fen("497.31")),
        "project": line("project", wan_to_fen("118.73"), wan_to_fen("118.73"), wan_to_fen("118.73")),
    }
    project = Project(
        "党务宣传、党员素质教育培训费",
        is_key=True,
        adjusted_fen=wan_to_fen("0.80"),
        performance_text="举办一期非公有制企业党组织新任党支部书记履职培训班。",
        expected_goal="提升党务工作者履职能力。",
        actual_result="举办培训班一期。",
        payments=[Payment(dt.date(2022, 8, 12), wan_to_fen("0.80"))],
        indicators=[ind(f"项目指标{i}", id=200 + i) for i in range(9)],
        id=7,
    )
    return FiscalYear(
        year=2022,
        unit=Unit("广州市花都区工商业联合会", duties=["参政议政。"]),
        budget=budget,
        budget_income_fen=wan_to_fen("628.47"),
        final_income_fen=wan_to_fen("616.04"),
        texts={
            "work_overview": "全年工作平稳推进。",
            "performance_management": "落实绩效管理要求。",
            "goals_completion": "目标基本完成。",
        },
        goals=["加强思想政治引导"],
        problems=["项目预算不够精准"],
        improvements=["加强项目前期调研"],
        score_rule="rate_as_score",
        indicators=[ind(f"指标{i}", id=100 + i) for i in range(9)],
        projects=[project],
    )


def codes(problems) -> list[tuple[str, tuple]]:
    return [(p.code, p.where) for p in problems]


def test_a_good_year_has_no_problems():
    assert check_year(good_year()) == []


def test_weights_must_make_90():
    fy = good_year()
    fy.indicators[0].points = D("5")
    problems = check_year(fy)
    assert codes(problems) == [("weights_sum", ("indicators", "department"))]
    assert problems[0].severity == ERROR
    assert problems[0].message.params == {"sum": "85"}
    assert "add up to 85" in problems[0].translated(lambda m: m)


def test_not_applicable_weights_still_count_in_the_declared_total():
    fy = good_year()
    fy.indicators[0].applicable = False
    fy.indicators[0].actual = None  # an N/A row needs no actual
    assert check_year(fy) == []


def test_project_indicator_weights():
    fy = good_year()
    fy.projects[0].indicators = [ind("培训期数", points="80", id=300)]
    problems = check_year(fy)
    assert codes(problems) == [("weights_sum", ("project", 7))]
    assert problems[0].message.params == {"sum": "80", "project": "党务宣传、党员素质教育培训费"}


@pytest.mark.parametrize(
    ("change", "code", "severity"),
    [
        ({"actual": None}, "actual_missing", ERROR),
        ({"actual": "两百"}, "actual_not_number", ERROR),
        ({"target": ""}, "target_missing", ERROR),
        ({"target": "约100"}, "target_not_number", ERROR),
        ({"actual_source": {"source": "metric", "name": "新增会员数"}}, "figure", ERROR),
        ({"actual_source": {"source": "activities", "typo": 1}}, "figure", ERROR),
        ({"kind": "qual", "qual_band": None}, "band_missing", ERROR),
        ({"kind": "qual", "qual_band": "great"}, "band_unknown", ERROR),
        ({"actual": "80"}, "deviation_reason_missed", WARNING),
        ({"actual": "130"}, "deviation_reason_beaten", WARNING),
        ({"kind": "<=", "actual": "70"}, "deviation_reason_beaten", WARNING),
        ({"kind": "qual", "qual_band": "partial"}, "deviation_reason_missed", WARNING),
        ({"score_override": D("9")}, "override_note_missing", WARNING),
        ({"score_override": D("11"), "override_note": "复核"}, "override_out_of_range", ERROR),
        ({"score_override": D("-1"), "override_note": "复核"}, "override_out_of_range", ERROR),
        (
            {"kind": "qual", "qual_band": "achieved", "score_override": D("7"), "override_note": "x"},
            "override_outside_band",
            WARNING,
        ),
        ({"points": D("-10")}, "points_negative", ERROR),
    ],
)
def test_indicator_problems(change, code, severity):
    fy = good_year()
    indicator = fy.indicators[3]
    for key, value in change.items():
        setattr(indicator, key, value)
    problems = [p for p in check_year(fy) if p.code != "weights_sum"]
    assert codes(problems) == [(code, ("indicator", 103))]
    assert problems[0].severity == severity
    assert problems[0].message.params["name"] == "指标3"
    assert problems[0].translated(lambda m: m)  # formats without a missing field


def test_problems_fixed_by_the_clerk_disappear():
    fy = good_year()
    fy.indicators[0].actual = "80"
    fy.indicators[0].deviation_reason = "受疫情影响，部分走访改为线上。"
    fy.indicators[1].score_override = D("9")
    fy.indicators[1].override_note = "佐证材料不全，酌情扣分。"
    fy.indicators[2].kind = "qual"
    fy.indicators[2].qual_band = "partial"
    fy.indicators[2].score_override = D("6")  # within 50–80% of 10
    fy.indicators[2].override_note = "部分达成"
    fy.indicators[2].deviation_reason = "部分任务延期。"
    assert check_year(fy) == []


def test_not_applicable_rows_are_not_checked():
    fy = good_year()
    fy.indicators[0].applicable = False
    fy.indicators[0].actual = "x"
    fy.indicators[0].score_override = D("99")
    assert check_year(fy) == []


def test_key_project_needs_its_text():
    fy = good_year()
    fy.projects[0].performance_text = "  "
    problems = check_year(fy)
    assert codes(problems) == [("key_project_text_missing", ("project", 7))]
    assert problems[0].severity == WARNING
    fy.projects[0].is_key = False
    assert check_year(fy) == []


def test_bad_rules_are_reported_and_checking_goes_on():
    fy = good_year()
    fy.score_rule = "strict"
    fy.indicators[0].actual = None
    assert codes(check_year(fy)) == [("rules", ("year", "rules")), ("actual_missing", ("indicator", 100))]


def test_budget_missing():
    fy = good_year()
    fy.budget = {}
    assert codes(check_budget(fy)) == [("budget_missing", ("budget", "total"))]


@pytest.mark.parametrize(
    ("line", "field", "where", "total", "parts"),
    [
        ("other", "adjusted_fen", "total", "628.47", "629.47"),  # total ≠ fiscal + other
        ("fiscal_general", "executed_fen", "fiscal", "616.04", "617.04"),  # fiscal ≠ its three parts
        ("basic", "initial_fen", "total", "600.00", "601.00"),  # total ≠ basic + project
    ],
)
def test_money_block_must_add_up(line, field, where, total, parts):
    fy = good_year()
    budget_line = fy.budget[line]
    setattr(budget_line, field, getattr(budget_line, field) + wan_to_fen("1"))
    problems = check_year(fy)
    assert codes(problems) == [("budget_sum", ("budget", where))]
    assert problems[0].message.params["total"] == total
    assert problems[0].message.params["parts"] == parts
    text = problems[0].translated(lambda m: m)
    assert total in text and parts in text


def test_sub_lines_not_recorded_are_not_checked():
    fy = good_year()
    fy.budget = {"total": fy.budget["total"]}
    assert check_year(fy) == []
    fy.budget["fund"] = BudgetLine("fiscal_fund")  # a stray unknown key changes nothing
    fy.budget["fiscal_fund"] = BudgetLine(
        "fiscal_fund", 0, 1, 1
    )  # one part recorded: fiscal (absent) ≠ 1 fen
    assert codes(check_year(fy)) == [("budget_sum", ("budget", "fiscal"))] * 2


def test_projects_above_the_project_expenditure_line_are_a_problem():
    from jixiao.core.model import BudgetLine, FiscalYear, Payment, Project, Unit
    from jixiao.core.readiness import check_projects_against_budget

    fy = FiscalYear(year=2022, unit=Unit("某局"))
    fy.budget["project"] = BudgetLine("project", 0, 1_000_000, 900_000)
    fy.projects = [
        Project(
            "甲", adjusted_fen=1_000_000, payments=[Payment(__import__("datetime").date(2022, 5, 1), 900_000)]
        )
    ]
    assert check_projects_against_budget(fy) == []
    fy.projects[0].adjusted_fen = 1_200_000
    fy.projects[0].payments.append(Payment(__import__("datetime").date(2022, 6, 1), 1))
    codes = [(p.code, p.where) for p in check_projects_against_budget(fy)]
    assert codes == [("projects_exceed_budget_line", ("budget", "project"))] * 2


def test_a_key_project_without_indicators_is_flagged():
    from jixiao.core.model import FiscalYear, Project, Unit
    from jixiao.core.readiness import check_year

    fy = FiscalYear(year=2022, unit=Unit("某局"))
    fy.projects = [Project("重点", is_key=True, performance_text="已完成。", id=7)]
    assert ("key_project_without_indicators", ("project", 7)) in [(p.code, p.where) for p in check_year(fy)]


# -- what the report would print (core.readiness_content) ------------------------------------------


def _content(fy, uncovered=None):
    return [(p.code, p.where, p.severity) for p in check_year(fy, uncovered)]


def test_planted_content_problems_are_each_listed_with_their_locator():
    from jixiao.core.model import Activity

    fy = good_year()
    fy.texts["goals_completion"] = ""  # an empty printed cell
    fy.budget["basic"].initial_fen = -100  # negative money
    fy.budget_income_fen = 0  # no revenue budget
    fy.activities = [Activity(dt.date(2022, 5, 1), 1, "捐赠", amount_fen=wan_to_fen("8000"), id=41)]
    found = _content(fy)
    assert ("section_empty", ("text", "goals_completion"), WARNING) in found
    assert ("money_negative", ("budget", "basic"), ERROR) in found
    assert ("income_budget_missing", ("budget", "income"), ERROR) in found
    assert ("activity_amount_implausible", ("activity", 41), WARNING) in found
    negative = next(p for p in check_year(fy) if p.code == "money_negative")
    text = negative.translated(lambda m: m)
    assert "Basic expenditure" in text and "Initial budget" in text and "-0.0001" in text


def test_execution_above_budget_and_projects_without_budget_are_errors():
    fy = good_year()
    fy.budget["total"].executed_fen = wan_to_fen("700")
    fy.projects[0].payments.append(Payment(dt.date(2022, 9, 1), wan_to_fen("1")))
    found = _content(fy)
    assert ("execution_above_budget", ("budget", "total"), ERROR) in found
    assert ("project_execution_above_budget", ("project", 7), ERROR) in found
    fy.projects[0].adjusted_fen = 0
    assert ("project_budget_missing", ("project", 7), ERROR) in _content(fy)


def test_all_indicators_not_applicable_is_an_error():
    fy = good_year()
    for indicator in fy.indicators:
        indicator.applicable = False
    assert ("all_not_applicable", ("indicators", "department"), ERROR) in _content(fy)


def test_live_figures_that_print_0_are_warned_about_with_the_phrase():
    from jixiao.core.model import ActivityType

    fy = good_year()
    fy.activity_types = [ActivityType("宣讲会", "场", id=1)]
    token = '{{{"source": "activities", "types": ["宣讲会"]} | exact}}'
    fy.texts["work_overview"] = f"全年举办宣讲会{token}场。"
    fy.goals = [f"举办宣讲会{token}场"]
    problems = [p for p in check_year(fy) if p.code == "live_figure_zero"]
    assert [p.where for p in problems] == [("text", "work_overview"), ("goals", 0)]
    assert problems[0].message.params["phrase"] == "全年举办宣讲会0场。"


def test_characters_no_font_has_are_errors_naming_the_field():
    fy = good_year()
    fy.problems = ["\U00020000字未能显示"]
    fy.indicators[2].deviation_reason = "\U00020001"
    found = check_year(fy, lambda text: "".join(c for c in dict.fromkeys(text) if ord(c) > 0xFFFF))
    uncovered = [p for p in found if p.code == "characters_uncovered"]
    assert [p.where for p in uncovered] == [("indicator", 102), ("problem", 0)]
    assert uncovered[0].message.params["chars"] == "\U00020001"
    assert "指标2" in uncovered[0].translated(lambda m: m)


def test_empty_year_lists_the_empty_sections():
    fy = FiscalYear(year=2023, unit=Unit(""))
    found = {(code, where) for code, where, _s in _content(fy)}
    for expected in [
        ("unit_name_missing", ("unit", "full_name")),
        ("duties_missing", ("unit", "duties")),
        ("section_empty", ("text", "performance_management")),
        ("section_empty", ("text", "work_overview")),
        ("goals_missing", ("goals", None)),
        ("problems_missing", ("problem", 0)),
        ("improvements_missing", ("improvement", 0)),
        ("income_budget_missing", ("budget", "income")),
    ]:
        assert expected in found
