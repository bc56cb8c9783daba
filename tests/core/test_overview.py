import datetime as dt
from decimal import Decimal

from jixiao.core.model import Activity, FiscalYear, Payment, Project, Task, Unit
from jixiao.core.overview import (
    activities_by_month,
    add_checks,
    build_overview,
    project_progress,
    year_elapsed,
)
from jixiao.core.readiness import ERROR, check_year


def _year() -> FiscalYear:
    fy = FiscalYear(2022, Unit("某局"), tasks=[Task("甲", id=1), Task("乙", id=2)])
    fy.activities = [
        Activity(dt.date(2022, 1, 5), 1, "a", task_id=1),
        Activity(dt.date(2022, 1, 9), 1, "b", task_id=2),
        Activity(dt.date(2022, 3, 1), 1, "c", task_id=1),
        Activity(dt.date(2022, 3, 2), 1, "d"),
        Activity(dt.date(2022, 3, 3), 1, "e", task_id=1, deleted=True),
    ]
    child = Project("二级", adjusted_fen=1_000_000, payments=[Payment(dt.date(2022, 5, 1), 250_000)], id=11)
    fy.projects = [Project("一级", children=[child], id=10)]
    return fy


def test_year_elapsed():
    assert year_elapsed(2022, dt.date(2021, 12, 31)) == 0
    assert year_elapsed(2022, dt.date(2022, 12, 31)) == 1
    assert year_elapsed(2022, dt.date(2022, 1, 1)) == Decimal(1) / Decimal(365)


def test_activities_by_month_per_task_and_without_task():
    series = activities_by_month(_year())
    assert [(s.task_id, s.counts[0], s.counts[2]) for s in series] == [(1, 1, 1), (2, 1, 0), (None, 0, 1)]
    assert sum(s.total for s in series) == 4  # the deleted one is not counted


def test_project_progress_and_overview():
    fy = _year()
    progress = project_progress(fy)
    assert [(p.name, p.level, p.rate) for p in progress] == [
        ("一级", 1, Decimal("0.25")),
        ("二级", 2, Decimal("0.25")),
    ]
    overview = build_overview(fy, dt.date(2022, 7, 2))
    assert overview.activity_count == 4 and overview.problem_count >= 1
    assert overview.score is not None and overview.execution_rate is None  # no money block yet


def test_the_checks_can_follow_the_figures():
    """The window draws the figures first and counts the readiness problems after the first paint."""
    fy = _year()
    whole = build_overview(fy, dt.date(2022, 7, 2))
    first = build_overview(fy, dt.date(2022, 7, 2), checks=False)
    assert first.problem_count is None and first.error_count is None
    assert first.activity_count == whole.activity_count and first.score == whole.score
    problems = check_year(fy)
    assert add_checks(first, fy) is first
    assert (
        (first.problem_count, first.error_count)
        == (
            whole.problem_count,
            whole.error_count,
        )
        == (len(problems), sum(1 for p in problems if p.severity == ERROR))
    )
