"""What the 概览 (overview) page shows, cooked from a year: plain data, no Qt, no formatting.

- activities per month, one series per key task (plus one for activities without a task);
- each project's execution (executed ÷ full-year budget) against how much of the year has passed;
- each indicator's completion (actual against target);
- the score, grade and the number of readiness problems.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from jixiao.core.figures import batch
from jixiao.core.model import FiscalYear
from jixiao.core.money import ratio
from jixiao.core.readiness import ERROR, check_year
from jixiao.core.scoring import ScoreRuleError, ScoreTable, parse_number, score_year


@dataclass(frozen=True)
class MonthSeries:
    """Activities of one task (``task_id`` None: without a task) per month, January first."""

    task_id: int | None
    title: str
    counts: tuple[int, ...]  # 12 numbers

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class ProjectProgress:
    """A project's money so far: ``rate`` = executed ÷ full-year budget (None without a budget)."""

    project_id: int | None
    name: str
    level: int  # 1 or 2
    adjusted_fen: int
    executed_fen: int
    rate: Decimal | None
    is_key: bool


@dataclass(frozen=True)
class IndicatorProgress:
    """An indicator's completion: actual against target as a ratio (1 = met), None when unknown.

    For ``<=`` indicators the ratio is target ÷ actual (lower is better); for 定性 ones it is the
    top of the chosen band. ``owner`` is None for the department, else the project's name.
    """

    indicator_id: int | None
    owner: str | None
    name: str
    completion: Decimal | None
    met: bool | None


@dataclass
class Overview:
    year: int
    year_elapsed: Decimal  # share of the calendar year passed (0 … 1)
    months: list[MonthSeries] = field(default_factory=list)
    activity_count: int = 0
    projects: list[ProjectProgress] = field(default_factory=list)
    execution_rate: Decimal | None = None  # the year's money block: executed ÷ full-year budget
    indicators: list[IndicatorProgress] = field(default_factory=list)
    score: ScoreTable | None = None
    score_problem: str | None = None  # a msgid when the year cannot be scored
    problem_count: int | None = None  # readiness problems; None until checked (``add_checks``)
    error_count: int | None = None


def year_elapsed(year: int, today: dt.date) -> Decimal:
    """How much of *year* has passed on *today*: 0 before it, 1 after it, days/length inside."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if today < start:
        return Decimal(0)
    if today >= end:
        return Decimal(1)
    return Decimal((today - start).days + 1) / Decimal((end - start).days + 1)


def activities_by_month(fy: FiscalYear) -> list[MonthSeries]:
    """Per task (in task order), then activities without a task, the count of activities per month."""
    counts: dict[int | None, list[int]] = {task.id: [0] * 12 for task in fy.tasks}
    for activity in fy.activities:
        if activity.deleted or activity.date.year != fy.year:
            continue
        key = activity.task_id if activity.task_id in counts else None
        counts.setdefault(key, [0] * 12)[activity.date.month - 1] += 1
    series = [MonthSeries(task.id, task.title, tuple(counts[task.id])) for task in fy.tasks]
    if None in counts:
        series.append(MonthSeries(None, "", tuple(counts[None])))
    return series


def project_progress(fy: FiscalYear) -> list[ProjectProgress]:
    """Every project (一级, then its 二级) with its execution rate."""
    found = []
    for project in fy.projects:
        for level, item in [(1, project)] + [(2, child) for child in project.children]:
            adjusted = item.total_adjusted_fen
            found.append(
                ProjectProgress(
                    item.id,
                    item.name,
                    level,
                    adjusted,
                    item.executed_fen,
                    ratio(item.executed_fen, adjusted),
                    item.is_key,
                )
            )
    return found


def _completion(kind: str, target: Decimal | None, actual: Decimal | None) -> Decimal | None:
    if target is None or actual is None:
        return None
    if kind in (">=", "="):
        return ratio(actual, target) if target else (Decimal(1) if actual >= 0 else None)
    if kind == "<=":
        if actual <= target:
            return Decimal(1) if not actual else max(Decimal(1), target / actual)
        return target / actual if actual else None
    return None


def indicator_progress(table: ScoreTable, owner: str | None = None) -> list[IndicatorProgress]:
    """Completion of every applicable indicator row of *table*."""
    from jixiao.core.scoring import QUAL_BAND_RANGES

    found = []
    for row in table.indicator_rows:
        if not row.applicable:
            continue
        if row.kind == "qual":
            completion = QUAL_BAND_RANGES[row.qual_band][1] if row.qual_band in QUAL_BAND_RANGES else None
            met = None if completion is None else row.qual_band == "achieved"
        else:
            completion = _completion(row.kind, parse_number(row.target, row.unit), row.actual)
            met = None if completion is None else row.deviation != "missed"
        found.append(IndicatorProgress(row.indicator_id, owner, row.level3, completion, met))
    return found


def build_overview(fy: FiscalYear, today: dt.date, *, checks: bool = True) -> Overview:
    """Everything the overview page draws for *fy* as of *today*.

    ``checks=False`` leaves out the readiness check, the slowest part (``problem_count`` stays None):
    the window draws the figures first and adds the checks (``add_checks``) once they are on screen.
    """
    with batch(fy):  # the score and the checks share one pass over the activities
        overview = _build_overview(fy, today)
        if checks:
            add_checks(overview, fy)
        return overview


def add_checks(overview: Overview, fy: FiscalYear) -> Overview:
    """Count the readiness problems of *fy* (the year *overview* was built from) into *overview*."""
    problems = check_year(fy)
    overview.problem_count = len(problems)
    overview.error_count = sum(1 for p in problems if p.severity == ERROR)
    return overview


def _build_overview(fy: FiscalYear, today: dt.date) -> Overview:
    overview = Overview(fy.year, year_elapsed(fy.year, today))
    overview.months = activities_by_month(fy)
    overview.activity_count = sum(series.total for series in overview.months)
    overview.projects = project_progress(fy)
    try:
        overview.score = score_year(fy)
    except ScoreRuleError as error:
        overview.score_problem = error.message
    if overview.score is not None:
        overview.execution_rate = overview.score.execution_rate
        overview.indicators = indicator_progress(overview.score)
    else:
        total = fy.budget_line("total")
        overview.execution_rate = ratio(total.executed_fen, total.adjusted_fen)
    return overview
