import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.livefigures import (
    UNRESOLVED,
    LiveFigure,
    TextProblem,
    explain,
    make_token,
    narrative_problems,
    parse,
    render,
    spans,
    write_value,
)
from jixiao.core.model import Activity, ActivityType, FiscalYear, Measure, Metric, Task, Unit


def _year(visits: int = 213) -> FiscalYear:
    fy = FiscalYear(year=2022, unit=Unit("测试单位"))
    fy.activity_types = [ActivityType("走访调研", "家", id=1), ActivityType("宣讲会", "场", id=2)]
    fy.tasks = [Task("任务一", measures=[Measure("走访企业", id=11)], id=10)]
    fy.activities = [
        Activity(dt.date(2022, 3, 1), 1, "走访", task_id=10, measure_id=11, enterprises=visits, id=1),
        Activity(dt.date(2022, 4, 1), 2, "宣讲", task_id=10, participants=120, id=2),
        Activity(
            dt.date(2022, 5, 1), 2, "宣讲", task_id=10, participants=80, amount_fen=11_803_000_000, id=3
        ),
    ]
    fy.metrics = [Metric("会员人数", Decimal(3782), "人")]
    return fy


def test_parse_splits_text_and_tokens():
    token = make_token({"source": "activities", "types": ["宣讲会"]}, "exact")
    parts = parse("举办宣讲会" + token + "场。")
    assert parts[0] == "举办宣讲会"
    assert isinstance(parts[1], LiveFigure) and parts[1].spec["types"] == ["宣讲会"]
    assert parts[2] == "场。"


def test_plain_braces_are_text():
    assert parse("a {{ b }} c {x}") == ["a {{ b }} c {x}"]


def test_render_exact_and_approximate_and_money():
    fy = _year()
    text = (
        "宣讲"
        + make_token({"source": "activities", "types": ["宣讲会"]}, "exact")
        + "场，"
        + "走访"
        + make_token(
            {"source": "activities", "aggregate": "enterprises", "types": ["走访调研"]}, "approx:100"
        )
        + "家，"
        + "会员"
        + make_token({"source": "metric", "name": "会员人数"}, "exact")
        + "人，"
        + "募集"
        + make_token({"source": "activities", "aggregate": "amount_fen"}, "wan-approx:10")
        + "万元。"
    )
    rendered, problems = render(text, fy)
    assert problems == []
    assert rendered == "宣讲2场，走访200多家，会员3782人，募集11800多万元。"


def test_approximate_follows_the_data():
    token = make_token({"source": "activities", "aggregate": "enterprises"}, "approx:100")
    assert render(token, _year(213))[0] == "200多"
    assert render(token, _year(200))[0] == "200"
    assert render(token, _year(199))[0] == "100多"


def test_unresolved_figure_is_visible_and_reported():
    fy = _year()
    text = "开展" + make_token({"source": "activities", "types": ["不存在的类型"]}, "exact") + "场"
    rendered, problems = render(text, fy)
    assert rendered == "开展" + UNRESOLVED + "场"
    assert len(problems) == 1 and isinstance(problems[0], TextProblem)


def test_malformed_token_is_visible_and_reported():
    rendered, problems = render('共{{{"source": "activities"} | nonsense}}场', _year())
    assert UNRESOLVED in rendered and len(problems) == 1


def test_narrative_problems_locate_the_measure():
    fy = _year()
    fy.tasks[0].measures[0].text = make_token({"source": "metric", "name": "无此指标"}, "exact")
    found = narrative_problems(fy)
    assert [(problem.code, problem.where) for problem in found] == [("live_figure", ("measure", 11))]
    assert found[0].raw in fy.tasks[0].measures[0].text and "无此指标" in str(found[0].reason)


@pytest.mark.parametrize(
    ("value", "quantity", "style", "text"),
    [
        (Decimal("98.0221"), "percent", "percent", "98.02%"),
        (Decimal(118_730_000), "fen", "wan", "118.73"),
        (Decimal(12), "count", "approx:10:余", "10余"),
        (Decimal(3), "count", "exact", "3"),
    ],
)
def test_write_value(value, quantity, style, text):
    assert write_value(value, quantity, style) == text


def test_spans_locate_every_token_and_nothing_else():
    good = make_token({"source": "metric", "name": "会员人数"}, "exact")
    bad = '{{{"source": "activities" | exact}}'
    text = "会员𠀾" + good + "人，{{ 不是 }}，" + bad + "。"
    found = spans(text)
    assert [(text[s:e], type(part)) for s, e, part in found] == [(good, LiveFigure), (bad, TextProblem)]
    assert found[0][0] == 3  # code points: the extension-B hanzi counts once
    assert spans("没有数字的文字 {x}") == []


_pieces = st.lists(
    st.one_of(
        st.text(alphabet='宣讲会{}| \n"x:a𠀾', max_size=8),
        st.sampled_from(
            [
                make_token({"source": "metric", "name": "会员人数"}, "approx:10:余"),
                make_token({"source": "activities", "types": ["宣讲会"]}, "exact"),
                '{{{"source": "activities"} | nonsense}}',
                '{{{"source": "activities" | exact}}',
                '{{{"source": ',
            ]
        ),
    ),
    max_size=6,
)


@given(_pieces)
def test_spans_agree_with_parse(pieces):
    text = "".join(pieces)
    found = spans(text)
    assert [part for _s, _e, part in found] == [p for p in parse(text) if not isinstance(p, str)]
    assert all(text[s:e] == part.raw for s, e, part in found)
    assert all(e1 <= s2 for (_s1, e1, _p1), (s2, _e2, _p2) in zip(found, found[1:], strict=False))


def test_explain_says_what_is_written_and_what_is_counted():
    fy = _year()
    token = {
        "source": "activities",
        "aggregate": "enterprises",
        "types": ["走访调研"],
        "task": 1,
        "measure": 1,
    }
    (_s, _e, part), *_ = spans("走访" + make_token(token, "approx:100") + "家")
    explained = explain(part, fy)
    assert explained.written == "200多" and explained.problem is None
    assert [str(m) for m in explained.counts] == ["enterprises of 走访调研", "measure 1.1 “走访企业”"]

    missing = explain(parse(make_token({"source": "metric", "name": "无此指标"}, "exact"))[0], fy)
    assert missing.written == UNRESOLVED and str(missing.problem) == "No metric named 无此指标."
    assert [str(m) for m in missing.counts] == ["Figure: 无此指标"]

    malformed = explain(parse('{{{"source": "activities" | exact}}')[0], fy)
    assert (malformed.written, malformed.counts) == (UNRESOLVED, ())
    assert str(malformed.problem) == "The live figure is not written correctly."

    score = explain(parse(make_token({"source": "score"}, "decimal2"))[0], fy)
    assert [str(m) for m in score.counts] == ["The year's self-evaluation score"]

    bad_style = explain(parse('{{{"source": "activities"} | nonsense}}')[0], fy)
    assert bad_style.written == UNRESOLVED and "nonsense" in str(bad_style.problem)
