"""Figures from records: every source, filter and error of docs/figures.md, and the speed budget."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import pytest

from jixiao.core.figures import (
    FigureError,
    batch,
    compute_figure,
    describe_figure,
    figure_problem,
    figure_quantity,
    validate_figure_spec,
)
from jixiao.core.model import (
    Activity,
    ActivityType,
    BudgetLine,
    FiscalYear,
    Measure,
    Metric,
    Payment,
    Project,
    Task,
    Unit,
)
from jixiao.core.money import wan_to_fen

D = Decimal
DAY = dt.date


def make_year() -> FiscalYear:
    types = [
        ActivityType("宣讲会", "场", id=1),
        ActivityType("走访企业", "次", id=2),
        ActivityType("公益捐赠", "次", id=3),
    ]
    tasks = [
        Task(
            "加强思想政治引导",
            measures=[Measure("组织理论学习", id=11), Measure("搭建政企沟通平台", id=12)],
            id=1,
        ),
        Task("助力企业高质量发展", measures=[Measure("加强企业走访调研", id=21)], id=2),
    ]
    activities = [
        Activity(DAY(2022, 3, 15), 1, "党史学习教育宣讲会", task_id=1, measure_id=11, participants=120),
        Activity(
            DAY(2022, 6, 1), 1, "二十大精神宣讲会", task_id=1, measure_id=11, sessions=2, participants=200
        ),
        Activity(DAY(2022, 4, 2), 2, "走访汽车城企业", task_id=2, measure_id=21, enterprises=120, items=3),
        Activity(DAY(2022, 9, 20), 2, "走访狮岭皮具企业", task_id=2, measure_id=21, enterprises=93),
        Activity(DAY(2022, 10, 12), 3, "“1012”疫情募捐", task_id=None, amount_fen=wan_to_fen("1180.50")),
        Activity(DAY(2022, 11, 1), 2, "已删除的走访", task_id=2, enterprises=500, deleted=True),
    ]
    projects = [
        Project(
            "“鲲鹏计划”",
            is_key=True,
            children=[
                Project(
                    "开班仪式",
                    adjusted_fen=wan_to_fen("30"),
                    payments=[Payment(DAY(2022, 1, 5), wan_to_fen("30"))],
                ),
                Project(
                    "企业参访",
                    funding_source="other",
                    initial_fen=wan_to_fen("40"),
                    adjusted_fen=wan_to_fen("49.88"),
                    payments=[Payment(DAY(2022, 7, 1), wan_to_fen("49.88"))],
                ),
            ],
        ),
        Project(
            "党务宣传、党员素质教育培训费",
            is_key=True,
            initial_fen=wan_to_fen("1"),
            adjusted_fen=wan_to_fen("0.80"),
            payments=[
                Payment(DAY(2022, 8, 12), wan_to_fen("0.50")),
                Payment(DAY(2022, 8, 30), wan_to_fen("0.30")),
            ],
        ),
        Project(
            "会务工作经费",
            adjusted_fen=wan_to_fen("38.05"),
            payments=[Payment(DAY(2022, 12, 1), wan_to_fen("38"))],
        ),
    ]
    return FiscalYear(
        year=2022,
        unit=Unit("广州市花都区工商业联合会"),
        budget={"total": BudgetLine("total", wan_to_fen("600"), wan_to_fen("628.47"), wan_to_fen("616.04"))},
        tasks=tasks,
        activity_types=types,
        activities=activities,
        projects=projects,
        metrics=[Metric("会员人数", D("3782"), "人")],
    )


FY = make_year()


@pytest.mark.parametrize(
    ("spec", "value"),
    [
        ({"source": "activities"}, "5"),  # deleted records never count
        ({"source": "activities", "aggregate": "count", "types": ["宣讲会"]}, "2"),
        ({"source": "activities", "aggregate": "sessions", "types": ["宣讲会"]}, "3"),
        ({"source": "activities", "aggregate": "participants", "types": ["宣讲会"]}, "320"),
        ({"source": "activities", "aggregate": "enterprises", "types": ["走访企业"]}, "213"),
        ({"source": "activities", "aggregate": "items", "types": ["走访企业"]}, "3"),
        ({"source": "activities", "aggregate": "enterprises", "types": ["走访企业", "宣讲会"]}, "213"),
        ({"source": "activities", "aggregate": "amount_fen"}, "1180500000"),
        ({"source": "activities", "aggregate": "amount_wan", "types": ["公益捐赠"]}, "1180.5"),
        ({"source": "activities", "task": 1}, "2"),
        ({"source": "activities", "task": 2, "aggregate": "enterprises"}, "213"),
        ({"source": "activities", "task": 1, "measure": 2}, "0"),
        ({"source": "activities", "task": 2, "measure": 1, "aggregate": "enterprises"}, "213"),
        ({"source": "activities", "date_from": "2022-06-01"}, "3"),
        ({"source": "activities", "date_to": "2022-06-01"}, "3"),
        ({"source": "activities", "date_from": "2022-04-02", "date_to": "2022-09-20"}, "3"),
        ({"source": "activities", "title_contains": "宣讲"}, "2"),
        ({"source": "activities", "title_contains": "狮岭", "aggregate": "enterprises"}, "93"),
        ({"source": "metric", "name": "会员人数"}, "3782"),
        ({"source": "budget", "line": "total", "field": "initial_fen"}, "600000000"),
        ({"source": "budget", "line": "total", "field": "adjusted_wan"}, "628.47"),
        ({"source": "budget", "line": "total", "field": "executed_fen"}, "616040000"),
        ({"source": "budget", "line": "other", "field": "executed_fen"}, "0"),  # not recorded: zeros
        ({"source": "project", "name": "党务宣传、党员素质教育培训费", "field": "executed_wan"}, "0.8"),
        ({"source": "project", "name": "党务宣传、党员素质教育培训费", "field": "rate"}, "100"),
        ({"source": "project", "name": "“鲲鹏计划”", "field": "adjusted_wan"}, "79.88"),
        ({"source": "project", "name": "“鲲鹏计划”", "field": "initial_fen"}, "40000000"),
        ({"source": "project", "name": "企业参访", "field": "executed_wan"}, "49.88"),
        ({"source": "projects"}, "3"),
        ({"source": "projects", "aggregate": "count", "level": 2}, "2"),
        ({"source": "projects", "key_only": True}, "2"),
        ({"source": "projects", "level": 2, "funding_source": "other"}, "1"),
        ({"source": "projects", "aggregate": "sum", "field": "adjusted_wan"}, "118.73"),
        ({"source": "projects", "aggregate": "sum", "field": "executed_fen", "key_only": True}, "80680000"),
    ],
)
def test_compute_figure(spec, value):
    assert compute_figure(spec, FY) == D(value)


def test_budget_rate_is_an_unrounded_percentage():
    rate = compute_figure({"source": "budget", "line": "total", "field": "rate"}, FY)
    assert rate.quantize(D("0.01")) == D("98.02")
    assert rate != D("98.02")


@pytest.mark.parametrize(
    ("spec", "msgid", "params"),
    [
        ({"source": "activities", "types": ["调解"]}, "No activity type named {name}.", {"name": "调解"}),
        ({"source": "activities", "task": 3}, "There is no key task number {position}.", {"position": 3}),
        ({"source": "activities", "task": 0}, "There is no key task number {position}.", {"position": 0}),
        (
            {"source": "activities", "task": 2, "measure": 2},
            "Key task {task} has no measure number {position}.",
            {"task": 2, "position": 2},
        ),
        ({"source": "metric", "name": "新增会员数"}, "No metric named {name}.", {"name": "新增会员数"}),
        (
            {"source": "project", "name": "无此项目", "field": "rate"},
            "No project named {name}.",
            {"name": "无此项目"},
        ),
    ],
)
def test_spec_pointing_at_nothing(spec, msgid, params):
    with pytest.raises(FigureError) as info:
        compute_figure(spec, FY)
    assert info.value.message == msgid and info.value.params == params
    problem = figure_problem(spec, FY)
    assert problem is not None and problem.message == msgid


def test_rate_without_budget_is_an_error():
    with pytest.raises(FigureError) as info:
        compute_figure({"source": "budget", "line": "fiscal", "field": "rate"}, FY)
    assert "no full-year budget" in str(info.value)
    assert "Fiscal appropriation" in str(info.value)


def test_unsaved_type_or_task_is_an_error_not_a_silent_zero():
    fy = make_year()
    fy.activity_types[0].id = None
    fy.tasks[1].id = None
    with pytest.raises(FigureError):
        compute_figure({"source": "activities", "types": ["宣讲会"]}, fy)
    with pytest.raises(FigureError):
        compute_figure({"source": "activities", "task": 2}, fy)


@pytest.mark.parametrize(
    "spec",
    [
        None,
        [],
        {},
        {"source": "files"},
        {"source": "activities", "type": ["宣讲会"]},  # typo: "types"
        {"source": "activities", "aggregate": "people"},
        {"source": "activities", "types": []},
        {"source": "activities", "types": "宣讲会"},
        {"source": "activities", "types": [1]},
        {"source": "activities", "task": True},
        {"source": "activities", "task": "1"},
        {"source": "activities", "measure": 1},
        {"source": "activities", "date_from": "2022-13-01"},
        {"source": "activities", "date_from": "2022-06-01", "date_to": "2022-05-01"},
        {"source": "metric"},
        {"source": "budget", "line": "total"},
        {"source": "budget", "line": "grand", "field": "rate"},
        {"source": "budget", "line": "total", "field": "executed"},
        {"source": "project", "name": "x", "field": "count"},
        {"source": "projects", "aggregate": "sum"},
        {"source": "projects", "aggregate": "sum", "field": "rate"},
        {"source": "projects", "aggregate": "sum", "field": "executed_fen", "level": 2},
        {"source": "projects", "field": "executed_fen"},
        {"source": "projects", "level": 3},
        {"source": "projects", "aggregate": "avg"},
        {"source": "projects", "key_only": 1},
    ],
)
def test_malformed_specs_are_refused(spec):
    with pytest.raises(FigureError):
        validate_figure_spec(spec)
    assert figure_problem(spec, FY) is not None


@pytest.mark.parametrize(
    ("spec", "quantity"),
    [
        ({"source": "activities"}, "count"),
        ({"source": "activities", "aggregate": "participants"}, "count"),
        ({"source": "activities", "aggregate": "amount_fen"}, "fen"),
        ({"source": "activities", "aggregate": "amount_wan"}, "wan"),
        ({"source": "metric", "name": "会员人数"}, "number"),
        ({"source": "budget", "line": "total", "field": "rate"}, "percent"),
        ({"source": "project", "name": "x", "field": "adjusted_wan"}, "wan"),
        ({"source": "projects"}, "count"),
        ({"source": "projects", "aggregate": "sum", "field": "executed_fen"}, "fen"),
    ],
)
def test_figure_quantity(spec, quantity):
    assert figure_quantity(spec) == quantity


def test_figure_problem_is_none_for_a_good_spec():
    assert figure_problem({"source": "metric", "name": "会员人数"}, FY) is None


def test_figures_over_100000_activities_agree_with_a_brute_force_count():
    rng = random.Random(7)
    fy = make_year()
    start = DAY(2022, 1, 1)
    fy.activities = [
        Activity(
            start + dt.timedelta(days=rng.randrange(365)),
            rng.choice((1, 2, 3)),
            f"活动{i}{rng.choice(('走访', '宣讲', '培训'))}",
            task_id=rng.choice((1, 2, None)),
            measure_id=rng.choice((11, 12, 21, None)),
            participants=rng.randrange(100),
            enterprises=rng.randrange(5),
            deleted=rng.random() < 0.01,
        )
        for i in range(100_000)
    ]
    specs = [
        {"source": "activities"},
        {"source": "activities", "aggregate": "enterprises", "types": ["走访企业"]},
        {
            "source": "activities",
            "aggregate": "participants",
            "types": ["宣讲会", "走访企业"],
            "task": 1,
            "measure": 1,
            "date_from": "2022-03-01",
            "date_to": "2022-10-31",
            "title_contains": "宣讲",
        },
        {"source": "activities", "aggregate": "participants", "title_contains": "走访"},
    ]
    # the filters really filter: a brute-force count agrees (speed: bench/bench_core.py)
    expected = sum(
        a.participants
        for a in fy.activities
        if not a.deleted
        and a.type_id in (1, 2)
        and a.task_id == 1
        and a.measure_id == 11
        and DAY(2022, 3, 1) <= a.date <= DAY(2022, 10, 31)
        and "宣讲" in a.title
    )
    assert compute_figure(specs[2], fy) == expected


def test_a_batch_computes_every_figure_as_one_at_a_time_does():
    rng = random.Random(11)
    fy = make_year()
    start = DAY(2022, 1, 1)
    fy.activities = [
        Activity(
            start + dt.timedelta(days=rng.randrange(365)),
            rng.choice((1, 2, 3)),
            f"活动{i}{rng.choice(('走访', '宣讲', '培训'))}",
            task_id=rng.choice((1, 2, None)),
            measure_id=rng.choice((11, 12, 21, None)),
            sessions=rng.randrange(3),
            participants=rng.choice((None, rng.randrange(100))),
            enterprises=rng.choice((None, rng.randrange(5))),
            items=rng.choice((None, 1)),
            amount_fen=rng.choice((None, rng.randrange(10**7))),
            deleted=rng.random() < 0.05,
        )
        for i in range(5_000)
    ]
    specs = []
    for aggregate in (
        "count",
        "sessions",
        "participants",
        "enterprises",
        "items",
        "amount_fen",
        "amount_wan",
    ):
        for scope in ({}, {"task": 1}, {"task": 2, "measure": 1}, {"types": ["宣讲会", "走访企业"]}):
            for extra in (
                {},
                {"date_from": "2022-04-01", "date_to": "2022-08-31"},
                {"title_contains": "宣讲"},
            ):
                specs.append({"source": "activities", "aggregate": aggregate, **scope, **extra})
    alone = [compute_figure(spec, fy) for spec in specs]
    other = make_year()
    other_count = compute_figure({"source": "activities"}, other)
    with batch(fy):
        together = [compute_figure(spec, fy) for spec in specs]
        assert compute_figure({"source": "activities"}, other) == other_count  # a batch serves its year only
    assert together == alone
    assert len(set(alone)) > len(specs) // 2  # the specs really differ
    brute = sum(
        a.participants or 0
        for a in fy.activities
        if not a.deleted and a.type_id in (1, 2) and DAY(2022, 4, 1) <= a.date <= DAY(2022, 8, 31)
    )
    index = specs.index(
        {
            "source": "activities",
            "aggregate": "participants",
            "types": ["宣讲会", "走访企业"],
            "date_from": "2022-04-01",
            "date_to": "2022-08-31",
        }
    )
    assert together[index] == brute


@pytest.mark.parametrize(
    ("spec", "words"),
    [
        (
            {"source": "activities", "aggregate": "sessions", "types": ["宣讲会", "党史学习教育"]},
            ["sessions of 宣讲会、党史学习教育", "the whole year"],
        ),
        ({"source": "activities", "task": 2}, ["number of activities", "key task 2 “助力企业高质量发展”"]),
        (
            {
                "source": "activities",
                "aggregate": "enterprises",
                "task": 1,
                "measure": 2,
                "title_contains": "走访",
            },
            ["enterprises", "measure 1.2 “搭建政企沟通平台”", "title contains “走访”"],
        ),
        ({"source": "activities", "task": 9, "measure": 1}, ["number of activities", "measure 9.1"]),
        ({"source": "activities", "task": 9}, ["number of activities", "key task 9"]),
        (
            {"source": "activities", "date_from": "2022-01-01", "date_to": "2022-06-30"},
            ["number of activities", "the whole year", "2022-01-01 to 2022-06-30"],
        ),
        (
            {"source": "activities", "date_to": "2022-06-30"},
            ["number of activities", "the whole year", "up to 2022-06-30"],
        ),
        ({"source": "metric", "name": "会员人数"}, ["Figure: 会员人数"]),
        ({"source": "budget", "line": "total", "field": "executed_wan"}, ["Total funds: Executed"]),
        (
            {"source": "project", "name": "会务工作经费", "field": "rate"},
            ["project “会务工作经费”: Execution rate"],
        ),
        (
            {"source": "projects", "level": 2, "funding_source": "other"},
            ["number of second-level projects", "Other funds"],
        ),
        (
            {"source": "projects", "aggregate": "sum", "field": "adjusted_fen", "key_only": True},
            ["all projects: Full-year budget", "key projects only"],
        ),
    ],
)
def test_describe_figure_in_words(spec, words):
    assert [str(message) for message in describe_figure(spec, FY)] == words


def test_describe_figure_translates_and_refuses_a_malformed_spec():
    zh = {"sessions": "场次", "{what} of {types}": "{types}的{what}"}
    spec = {"source": "activities", "aggregate": "sessions", "types": ["宣讲会"]}
    assert describe_figure(spec)[0].translated(lambda m: zh.get(m, m)) == "宣讲会的场次"
    with pytest.raises(FigureError):
        describe_figure({"source": "activities", "aggregate": "nonsense"})


def test_batches_nest_and_the_scoring_and_checks_group_the_activities_once(monkeypatch):
    from jixiao.core import figures
    from jixiao.core.readiness import check_year
    from jixiao.core.scoring import score_year

    fy = make_year()
    made = []
    real = figures._ActivityIndex

    def counting(year):
        made.append(year)
        return real(year)

    monkeypatch.setattr(figures, "_ActivityIndex", counting)
    with batch(fy):
        with batch(fy):  # the inner block reuses the outer grouping
            assert compute_figure({"source": "activities"}, fy) == len(
                [a for a in fy.activities if not a.deleted]
            )
        other = make_year()
        with batch(other):  # another year gets its own
            compute_figure({"source": "activities"}, other)
    assert made == [fy, other]
    made.clear()
    check_year(fy)  # scores every indicator and computes every live figure: one grouping
    assert made == [fy]
    made.clear()
    score_year(fy)
    assert made == [fy]
