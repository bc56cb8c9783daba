"""The scoring engine (domain.md §3) and its text/JSON renderings, on in-memory years."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.model import (
    Activity,
    ActivityType,
    BudgetLine,
    FiscalYear,
    Indicator,
    Payment,
    Project,
    Unit,
)
from jixiao.core.money import wan_to_fen
from jixiao.core.score_format import render_text_table, table_to_json, text_width
from jixiao.core.scoring import (
    DEVIATION_BEATEN,
    DEVIATION_MISSED,
    DEVIATION_NONE,
    ScoreRuleError,
    ScoreRules,
    apportion,
    execution_cap,
    execution_score,
    grade_for,
    parse_number,
    score_indicator,
    score_project,
    score_year,
)

D = Decimal
STANDARD = ScoreRules()
RATE = ScoreRules("rate_as_score")


def year(adjusted: str = "628.47", executed: str = "616.04", indicators=None, rule="standard", options=None):
    """A year whose 资金总额 is *adjusted* / *executed* 万元."""
    return FiscalYear(
        year=2022,
        unit=Unit("广州市花都区工商业联合会"),
        budget={"total": BudgetLine("total", 0, wan_to_fen(adjusted), wan_to_fen(executed))},
        score_rule=rule,
        rule_options=options or {},
        indicators=list(indicators or []),
    )


def ind(kind=">=", points="10", target="100", actual="100", **kw) -> Indicator:
    kw.setdefault("level1", "产出指标")
    kw.setdefault("level2", "数量指标")
    kw.setdefault("level3", "走访企业数")
    return Indicator(kind=kind, points=D(points), target=target, actual=actual, **kw)


def met_indicators() -> list[Indicator]:
    """Nine indicators of 10 points, all met (90 points)."""
    return [ind(level3=f"指标{i}") for i in range(9)]


def one_row(indicator: Indicator, rules: ScoreRules = STANDARD):
    return score_indicator(indicator, year(), rules)


# -- execution row and totals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("adjusted", "executed", "score"),
    [
        ("628.47", "616.04", "9.80"),  # the seed: 98.02%
        ("100.00", "120.00", "10.00"),  # above 100% capped at the row's points
        ("100.00", "100.00", "10.00"),
        ("100.00", "76.00", "7.60"),
        ("100.00", "49.88", "4.99"),
        ("861.46", "334.67", "3.88"),  # 38.8492…%: not 3.89 from the rounded 38.85%
        ("100.00", "0.00", "0.00"),
    ],
)
def test_execution_row(adjusted, executed, score):
    table = score_year(year(adjusted, executed, met_indicators()), STANDARD)
    assert table.execution_row.score == D(score)
    assert str(table.execution_row.score) == score


def test_rounding_trap_uses_unrounded_rate():
    rate = D(wan_to_fen("334.67")) / D(wan_to_fen("861.46"))
    assert execution_score(rate) == D("3.88")
    rounded_rate = (rate * 100).quantize(D("0.01")) / 100  # 38.85%
    assert execution_score(rounded_rate) == D("3.89")  # what rounding twice would have given


def test_seed_year_rate_as_score_and_standard():
    fy = year("628.47", "616.04", met_indicators(), rule="rate_as_score")
    table = score_year(fy)
    assert table.rules == RATE
    assert table.total == D("98.02") and table.grade.code == "excellent"
    standard = score_year(fy, STANDARD)
    assert standard.total == D("99.80")
    assert standard.uncapped_total == D("99.80") and standard.complete


def test_rate_as_score_above_100_percent_is_100():
    assert score_year(year("100", "130", met_indicators()), RATE).total == D("100.00")


def test_missing_budget_leaves_table_incomplete():
    table = score_year(year("0", "0", met_indicators()), STANDARD)
    assert table.execution_rate is None and table.execution_row.score is None
    assert not table.complete
    assert table.total == D("90.00")
    assert score_year(year("0", "0", met_indicators()), RATE).total == D("0.00")


def test_sub_rows_show_rate_but_no_score():
    fy = year()
    fy.budget["fiscal"] = BudgetLine("fiscal", 0, wan_to_fen("600"), wan_to_fen("588"))
    rows = {row.line: row for row in score_year(fy, STANDARD).money_rows}
    assert [r.line for r in score_year(fy, STANDARD).money_rows] == [
        "total",
        "fiscal",
        "other",
        "basic",
        "project",
    ]
    assert rows["fiscal"].rate == D("0.98") and rows["fiscal"].score is None and rows["fiscal"].points is None
    assert rows["other"].rate is None
    assert rows["total"].points == 10


# -- indicator formulas -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "target", "actual", "points", "score", "deviation"),
    [
        (">=", "200", "213", "10", "10.00", DEVIATION_NONE),
        (">=", "200", "200", "10", "10.00", DEVIATION_NONE),
        (">=", "200", "150", "10", "7.50", DEVIATION_MISSED),
        (">=", "3", "2", "10", "6.67", DEVIATION_MISSED),
        (">=", "200", "0", "10", "0.00", DEVIATION_MISSED),
        (">=", "0", "0", "5", "5.00", DEVIATION_NONE),
        (">=", "100", "130", "10", "10.00", DEVIATION_BEATEN),  # exactly +30%
        (">=", "100", "129.99", "10", "10.00", DEVIATION_NONE),
        ("=", "100", "100", "10", "10.00", DEVIATION_NONE),
        ("=", "100", "95", "10", "9.50", DEVIATION_MISSED),
        ("<=", "100", "90", "10", "10.00", DEVIATION_NONE),
        ("<=", "100", "100", "10", "10.00", DEVIATION_NONE),
        ("<=", "100", "125", "10", "8.00", DEVIATION_MISSED),  # target ÷ actual
        ("<=", "3", "4", "9", "6.75", DEVIATION_MISSED),
        ("<=", "0", "5", "10", "0.00", DEVIATION_MISSED),
        ("<=", "100", "70", "10", "10.00", DEVIATION_BEATEN),  # 30% under
        ("<=", "100", "70.01", "10", "10.00", DEVIATION_NONE),
    ],
)
def test_quantitative_formulas(kind, target, actual, points, score, deviation):
    row = one_row(ind(kind, points, target, actual))
    assert row.formula_score == D(score) and row.score == D(score)
    assert row.deviation == deviation
    assert row.deviation_reason_required == (deviation != DEVIATION_NONE)
    assert row.actual == D(actual) and not row.issues


@pytest.mark.parametrize(
    ("band", "score", "deviation"),
    [
        ("achieved", "10.00", DEVIATION_NONE),
        ("partial", "8.00", DEVIATION_MISSED),
        ("poor", "5.00", DEVIATION_MISSED),
    ],
)
def test_qualitative_bands_take_the_band_top(band, score, deviation):
    row = one_row(ind("qual", "10", "有效提升", None, qual_band=band))
    assert row.score == D(score) and row.deviation == deviation and row.actual is None


def test_qualitative_without_band_is_unscored():
    row = one_row(ind("qual", "10", "有效提升", None))
    assert row.score is None and row.issue == "band_missing"


@pytest.mark.parametrize(
    ("target", "actual", "unit", "code"),
    [
        ("200", None, "家", "actual_missing"),
        ("200", "  ", "家", "actual_missing"),
        ("200", "两百", "家", "actual_not_number"),
        ("", "200", "家", "target_missing"),
        ("约200", "200", "家", "target_not_number"),
    ],
)
def test_unscorable_rows(target, actual, unit, code):
    row = one_row(ind(">=", "10", target, actual, unit=unit))
    assert row.issue == code and row.formula_score is None and row.score is None
    table = score_year(year(indicators=[ind(target=target, actual=actual, unit=unit)]), STANDARD)
    assert not table.complete


def test_missing_target_and_actual_are_both_reported():
    row = one_row(ind(">=", "10", "", None))
    assert [code for code, _ in row.issues] == ["actual_missing", "target_missing"]


@pytest.mark.parametrize(
    ("text", "unit", "value"),
    [
        ("200", "", "200"),
        ("≥200", "", "200"),
        (">= 200", "", "200"),
        ("95%", "%", "95"),
        ("95％", "%", "95"),
        ("１，０２４", "", "1024"),
        ("200家", "家", "200"),
        ("3.5", "个工作日", "3.5"),
        ("-2", "", "-2"),
    ],
)
def test_parse_number(text, unit, value):
    assert parse_number(text, unit) == D(value)


@pytest.mark.parametrize("text", [None, "", "  ", "两百", "200家", "NaN", "inf", "1e", "%"])
def test_parse_number_refuses(text):
    assert parse_number(text) is None


def test_unknown_kind_is_an_issue():
    assert one_row(ind("~", "10", "1", "1")).issue == "kind_unknown"


# -- options: −2 rule and caps ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "target", "actual", "points", "penalty", "score"),
    [
        (">=", "100", "130", "10", "2", "8.00"),
        (">=", "100", "200", "10", "2", "8.00"),
        (">=", "100", "129.99", "10", "0", "10.00"),
        ("<=", "100", "70", "10", "2", "8.00"),
        ("<=", "100", "71", "10", "0", "10.00"),
        (">=", "100", "150", "1.5", "1.5", "0.00"),  # never below 0
        (">=", "100", "80", "10", "0", "8.00"),  # missed: no penalty
    ],
)
def test_beaten_penalty(kind, target, actual, points, penalty, score):
    rules = ScoreRules(beaten_penalty=True)
    row = one_row(ind(kind, points, target, actual), rules)
    assert row.penalty == D(penalty) and row.score == D(score)
    assert one_row(ind(kind, points, target, actual)).penalty == 0  # option off


def test_penalty_counts_in_the_total():
    indicators = met_indicators()
    indicators[0].actual = "150"
    fy = year("100", "100", indicators, options={"beaten_penalty": True})
    table = score_year(fy)
    assert table.total == D("98.00")
    assert score_year(fy, STANDARD).total == D("100.00")


@pytest.mark.parametrize(
    ("executed_fen", "cap"),
    [
        (8000, None),
        (7999, 89),
        (7000, 89),
        (6999, 79),
        (6000, 79),
        (5999, 69),
        (5000, 69),
        (4999, 59),
        (0, 59),
    ],
)
def test_cap_band_edges(executed_fen, cap):
    rate = D(executed_fen) / D(10000)
    assert execution_cap(rate) == (None if cap is None else D(cap))


@pytest.mark.parametrize(
    ("executed", "capped_total", "uncapped_total", "grade"),
    [
        ("80.00", "98.00", "98.00", "excellent"),
        ("79.99", "89.00", "98.00", "good"),
        ("75.00", "89.00", "97.50", "good"),
        ("65.00", "79.00", "96.50", "fair"),
        ("55.00", "69.00", "95.50", "fair"),
        ("45.00", "59.00", "94.50", "poor"),
    ],
)
def test_total_capped_by_execution_rate(executed, capped_total, uncapped_total, grade):
    fy = year("100", executed, met_indicators(), options={"cap_by_execution": True})
    table = score_year(fy)
    assert table.uncapped_total == D(uncapped_total)
    assert table.total == D(capped_total) and table.grade.code == grade
    assert table.capped == (capped_total != uncapped_total)
    assert score_year(fy, STANDARD).total == D(uncapped_total)


# -- not applicable ---------------------------------------------------------------------------------------------


def test_not_applicable_rescales_to_90():
    indicators = [
        ind(points="50", level3="a"),
        ind(points="30", level3="b"),
        ind(points="10", level3="c", applicable=False, actual=None),
    ]
    table = score_year(year("100", "100", indicators), STANDARD)
    rows = table.indicator_rows
    assert [r.effective_points for r in rows] == [D("56.25"), D("33.75"), D(0)]
    assert [r.score for r in rows] == [D("56.25"), D("33.75"), None]
    assert rows[2].issues == () and not rows[2].deviation_reason_required
    assert table.total == D("100.00") and table.complete


def test_rescaled_weights_add_up_exactly():
    indicators = [ind(level3=f"i{i}") for i in range(7)] + [ind(points="20", applicable=False)]
    table = score_year(year("100", "100", indicators), STANDARD)
    weights = [r.effective_points for r in table.indicator_rows]
    assert weights[:5] == [D("12.86")] * 5 and weights[5:7] == [D("12.85")] * 2
    assert sum(weights) == D(90)
    assert table.total == D("100.00")


def test_rescaled_missed_indicator():
    indicators = [ind(points="50", actual="50"), ind(points="30"), ind(points="10", applicable=False)]
    rows = score_year(year(indicators=indicators), STANDARD).indicator_rows
    assert rows[0].effective_points == D("56.25") and rows[0].score == D("28.13")  # 28.125 half-up


def test_apportion():
    assert apportion([D(1), D(1), D(1)], D(100)) == [D("33.34"), D("33.33"), D("33.33")]
    assert apportion([], D(90)) == []
    assert apportion([D(0)], D(90)) == [D(0)]


# -- grades and overrides ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "code", "label"),
    [
        ("100", "excellent", "Excellent"),
        ("90", "excellent", "Excellent"),
        ("89.99", "good", "Good"),
        ("80", "good", "Good"),
        ("79.99", "fair", "Fair"),
        ("60", "fair", "Fair"),
        ("59.99", "poor", "Poor"),
        ("0", "poor", "Poor"),
    ],
)
def test_grade_boundaries(total, code, label):
    grade = grade_for(D(total))
    assert (grade.code, grade.label) == (code, label)


def test_grade_from_a_table_at_the_boundary():
    indicators = met_indicators()
    indicators[0].actual = "0"  # 10 points lost
    table = score_year(year("100", "100", indicators), STANDARD)
    assert table.total == D("90.00") and table.grade.code == "excellent"


def test_override_replaces_formula_and_keeps_it_apart():
    row = one_row(ind(actual="50", score_override=D("7"), override_note="材料补报"))
    assert row.formula_score == D("5.00") and row.computed_score == D("5.00")
    assert row.override == D("7") and row.score == D("7") and row.overridden


def test_override_scores_an_unscorable_row_and_is_ignored_when_not_applicable():
    row = one_row(ind(actual=None, score_override=D("6")))
    assert row.formula_score is None and row.score == D("6") and row.issue == "actual_missing"
    row = one_row(ind(applicable=False, score_override=D("6")))
    assert row.override is None and row.score is None


# -- actuals from records ------------------------------------------------------------------------------------


def visit_year() -> FiscalYear:
    fy = year()
    fy.activity_types = [ActivityType("走访企业", "次", id=1), ActivityType("培训", "期", id=2)]
    fy.activities = [
        Activity(dt.date(2022, 3, 1), 1, "走访", enterprises=120, id=1),
        Activity(dt.date(2022, 6, 1), 1, "走访", enterprises=93, id=2),
        Activity(dt.date(2022, 6, 2), 2, "培训", participants=40, id=3),
        Activity(dt.date(2022, 7, 1), 1, "走访", enterprises=50, deleted=True, id=4),
    ]
    return fy


def test_actual_from_records():
    spec = {"source": "activities", "aggregate": "enterprises", "types": ["走访企业"]}
    fy = visit_year()
    row = score_indicator(ind(target="200", actual="1", actual_source=spec, unit="家"), fy, STANDARD)
    assert row.actual == D(213) and row.actual_text == "213" and row.actual_from_records
    assert row.score == D("10.00")


def test_actual_from_records_in_wan_and_percent():
    fy = visit_year()
    row = score_indicator(
        ind(
            target="90",
            actual=None,
            unit="%",
            actual_source={"source": "budget", "line": "total", "field": "rate"},
        ),
        fy,
        STANDARD,
    )
    assert row.actual_text == "98.02" and row.score == D("10.00")


def test_actual_from_a_broken_figure_is_an_issue():
    fy = visit_year()
    row = score_indicator(ind(actual_source={"source": "activities", "types": ["调解"]}), fy, STANDARD)
    assert row.issue == "figure" and row.score is None
    message = row.issues[0][1]
    assert "调解" in str(message)


# -- project table -------------------------------------------------------------------------------------------------


def test_project_table_aggregates_children():
    parent = Project(
        "“鲲鹏计划”",
        children=[
            Project(
                "培训",
                funding_source="fiscal_general",
                adjusted_fen=wan_to_fen("60.00"),
                payments=[Payment(dt.date(2022, 5, 1), wan_to_fen("50.00"))],
            ),
            Project(
                "参访",
                funding_source="other",
                adjusted_fen=wan_to_fen("19.88"),
                payments=[Payment(dt.date(2022, 6, 1), wan_to_fen("19.88"))],
            ),
        ],
        indicators=[ind(points="90")],
    )
    fy = year(rule="rate_as_score")
    fy.projects = [parent]
    table = score_project(parent, fy)
    total, fiscal, other = table.money_rows
    assert (total.adjusted_fen, total.executed_fen) == (wan_to_fen("79.88"), wan_to_fen("69.88"))
    assert (fiscal.adjusted_fen, fiscal.executed_fen) == (wan_to_fen("60.00"), wan_to_fen("50.00"))
    assert (other.adjusted_fen, other.executed_fen) == (wan_to_fen("19.88"), wan_to_fen("19.88"))
    assert table.subject == "project" and table.name == "“鲲鹏计划”"
    assert table.total == D("87.48")  # 69.88 / 79.88 = 87.4812…%
    assert score_project(parent, fy, STANDARD).total == D("98.75")  # 8.75 + 90


def test_seed_key_project_is_100_percent():
    project = Project(
        "党务宣传、党员素质教育培训费",
        adjusted_fen=wan_to_fen("0.80"),
        payments=[Payment(dt.date(2022, 8, 12), wan_to_fen("0.80"))],
        indicators=met_indicators(),
    )
    fy = year(rule="rate_as_score")
    fy.projects = [project]
    table = score_project(project, fy)
    assert table.execution_rate == 1 and table.total == D("100.00")


# -- rules -----------------------------------------------------------------------------------------------------


def test_rules_from_year_and_options():
    fy = year(rule="standard", options={"cap_by_execution": True, "beaten_penalty": False})
    rules = ScoreRules.of_year(fy)
    assert rules == ScoreRules("standard", True, False)
    assert rules.options() == {"cap_by_execution": True, "beaten_penalty": False}


@pytest.mark.parametrize(
    ("name", "options"),
    [("strict", {}), ("standard", {"cap": True}), ("standard", {"beaten_penalty": "yes"}), ("standard", [])],
)
def test_bad_rules_are_refused(name, options):
    with pytest.raises(ScoreRuleError):
        ScoreRules.parse(name, options)


# -- properties -------------------------------------------------------------------------------------------------

decimals = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=0, max_value=90, places=2, allow_nan=False, allow_infinity=False)
kinds = st.sampled_from([">=", "<=", "=", "qual"])
bands = st.sampled_from(["achieved", "partial", "poor"])


@settings(max_examples=300, deadline=None)
@given(kind=kinds, target=decimals, actual=decimals, points=weights, band=bands, penalty=st.booleans())
def test_row_score_lies_within_points(kind, target, actual, points, band, penalty):
    row = one_row(
        ind(kind, str(points), str(target), str(actual), qual_band=band), ScoreRules(beaten_penalty=penalty)
    )
    assert row.score is not None
    assert D(0) <= row.score <= points


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from([">=", "="]), target=decimals, low=decimals, high=decimals, points=weights)
def test_higher_actual_never_scores_lower(kind, target, low, high, points):
    low, high = sorted((low, high))
    score_low = one_row(ind(kind, str(points), str(target), str(low))).score
    score_high = one_row(ind(kind, str(points), str(target), str(high))).score
    assert score_high >= score_low


indicator_lists = st.lists(
    st.builds(
        lambda kind, target, actual, points, band, applicable: ind(
            kind, str(points), str(target), str(actual), qual_band=band, applicable=applicable
        ),
        kinds,
        decimals,
        decimals,
        weights,
        bands,
        st.booleans(),
    ),
    min_size=1,
    max_size=12,
)


@settings(max_examples=150, deadline=None)
@given(indicators=indicator_lists, executed=decimals, penalty=st.booleans())
def test_total_is_the_sum_of_the_rows_before_any_cap(indicators, executed, penalty):
    fy = year(
        "1000.00", str(executed), indicators, options={"beaten_penalty": penalty, "cap_by_execution": True}
    )
    table = score_year(fy)
    rows_sum = table.execution_row.score + sum(
        (r.score for r in table.indicator_rows if r.score is not None), D(0)
    )
    assert table.uncapped_total == rows_sum
    assert table.total == (min(rows_sum, table.cap) if table.cap is not None else rows_sum)
    assert table.total == table.total.quantize(D("0.01"))


@settings(max_examples=150, deadline=None)
@given(
    indicators=indicator_lists, overrides=st.lists(st.one_of(st.none(), weights), min_size=12, max_size=12)
)
def test_overrides_survive_a_recompute(indicators, overrides):
    for indicator, override in zip(indicators, overrides, strict=False):
        indicator.score_override = override
    fy = year(indicators=indicators)
    first = score_year(fy, STANDARD)
    for indicator in fy.indicators:  # the data change; the clerk's scores must not
        indicator.actual = str(parse_number(indicator.actual) + 1)
    second = score_year(fy, STANDARD)
    for indicator, a, b in zip(fy.indicators, first.indicator_rows, second.indicator_rows, strict=True):
        expected = indicator.score_override if indicator.applicable else None
        assert a.override == b.override == expected
        if expected is not None:
            assert a.score == b.score == expected
    assert [i.score_override for i in fy.indicators] == [
        o for o, _ in zip(overrides, indicators, strict=False)
    ]


def test_score_year_does_not_change_the_year():
    fy = year(indicators=[ind(actual="50", score_override=D("3"))])
    before = replace(fy.indicators[0])
    score_year(fy)
    assert fy.indicators[0] == before


# -- text and JSON -------------------------------------------------------------------------------------------


def seed_table():
    indicators = met_indicators()
    indicators[0].level3 = "走访企业数"
    indicators[0].unit = "家"
    indicators[1].kind = "qual"
    indicators[1].qual_band = "partial"
    indicators[1].actual = None
    indicators[2].actual = "120"
    indicators[2].score_override = D("9")
    fy = year("628.47", "616.04", indicators, rule="rate_as_score")
    return score_year(fy)


def test_text_width_counts_wide_characters_twice():
    assert text_width("abc") == 3
    assert text_width("走访企业数") == 10
    assert text_width("１２") == 4
    assert text_width("—") == 1


def test_render_text_table_aligns_cjk_columns():
    table = seed_table()
    text = render_text_table(table)
    lines = text.splitlines()
    assert "Total: 98.02  Grade: Excellent" in text
    assert "deviation reason required" in text
    assert "overridden (formula 10.00)" in text
    start = next(i for i, line in enumerate(lines) if line.startswith("Funds"))
    money = lines[start : start + 7]
    assert len({text_width(line) for line in money}) == 1  # right-aligned last column: equal widths
    header = next(i for i, line in enumerate(lines) if line.startswith("Level 1 indicator"))
    grid = lines[header + 2 : header + 2 + len(table.indicator_rows)]
    ends = set()
    for line, row in zip(grid, table.indicator_rows, strict=True):
        assert line.startswith(row.level1)
        cell = f"  {row.score.quantize(D('0.01'))}"  # the score cell, right-aligned after the points cell
        ends.add(text_width(line[: line.index(cell) + len(cell)]))
    head = lines[header]
    ends.add(text_width(head[: head.index("Score") + len("Score")]))
    assert len(ends) == 1  # the score column ends at the same display column on every row


def test_render_text_table_translates():
    zh = {"Total: {total}  Grade: {grade}": "总分：{total}  等级：{grade}", "Excellent": "优"}
    text = render_text_table(seed_table(), lambda m: zh.get(m, m))
    assert "总分：98.02  等级：优" in text


def test_table_to_json():
    data = table_to_json(seed_table())
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["total"] == "98.02" and data["rule"] == "rate_as_score"
    assert data["grade"] == {"code": "excellent", "label": "Excellent"}
    assert data["execution_rate_percent"] == "98.02"
    assert [m["line"] for m in data["money"]] == ["total", "fiscal", "other", "basic", "project"]
    assert data["money"][0]["score"] == "9.80" and data["money"][1]["score"] is None
    assert data["money"][0]["adjusted_wan"] == "628.47"
    assert len(data["indicators"]) == 9
    first, second, third = data["indicators"][:3]
    assert first["score"] == "10.00" and first["points"] == "10"
    assert second["deviation_reason_required"] and second["score"] == "8.00"
    assert third["override"] == "9.00" and third["computed_score"] == "10.00" and third["score"] == "9.00"
    assert data["complete"] is True


def test_table_to_json_translates_issue_messages():
    fy = year(indicators=[ind(actual=None)])
    data = table_to_json(score_year(fy), lambda m: m.replace("actual value", "实际完成值"))
    assert data["indicators"][0]["issues"] == [
        {"code": "actual_missing", "message": "The 实际完成值 of 走访企业数 is missing."}
    ]
    assert data["complete"] is False
