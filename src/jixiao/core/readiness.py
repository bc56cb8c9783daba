"""Readiness rules: what still needs fixing before a year's report and tables can be printed.

``check_year(fy)`` returns ``Problem``s in table order. Each has a stable ``code``, a translatable
``message`` (msgid + params), a ``severity`` ("error": a number is wrong or cannot be computed;
"warning": a text the tables need is missing) and ``where``, a locator the GUI can jump to:

- ``("year", "rules")`` — the score rule and its options;
- ``("budget", line)`` — a line of the money block (``"total"``, ``"fiscal"`` …);
- ``("indicators", "department")`` — the department's indicator grid as a whole;
- ``("indicator", indicator_id)`` — one indicator (department or project);
- ``("project", project_id)`` — a project (its texts, or its indicator grid as a whole).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from jixiao.core.errors import ERROR, N_, WARNING, Message, Problem
from jixiao.core.figures import batch
from jixiao.core.model import FiscalYear, Indicator
from jixiao.core.money import fen_to_wan, quantize2
from jixiao.core.scoring import (
    DEVIATION_MISSED,
    INDICATOR_POINTS,
    QUAL_BAND_RANGES,
    IndicatorRow,
    ScoreRuleError,
    ScoreRules,
    score_indicators,
    year_money_rows,
)

# Parent line = sum of its parts, each with its own message.
_SUM_RULES: tuple[tuple[str, tuple[str, ...], str], ...] = (
    (
        "total",
        ("fiscal", "other"),
        N_(
            "Total funds ({field}) is {total} but fiscal appropriation and other funds add up to {parts} (10k yuan)."
        ),
    ),
    (
        "fiscal",
        ("fiscal_general", "fiscal_fund", "fiscal_state_capital"),
        N_(
            "Fiscal appropriation ({field}) is {total} but the general public budget, government fund and "
            "state capital parts add up to {parts} (10k yuan)."
        ),
    ),
    (
        "total",
        ("basic", "project"),
        N_(
            "Total funds ({field}) is {total} but basic and project expenditure add up to {parts} (10k yuan)."
        ),
    ),
)
_FIELDS = (
    ("initial_fen", N_("Initial budget")),
    ("adjusted_fen", N_("Full-year budget")),
    ("executed_fen", N_("Executed")),
)


_problem = Problem.of


def check_year(fy: FiscalYear, uncovered: Callable[[str], str] | None = None) -> list[Problem]:
    """Every readiness problem of *fy*: rules, money block, department and project indicators, projects,
    then what the report would print (``readiness_content``; with *uncovered*, ``FontSet.uncovered``,
    also characters no font has)."""
    with batch(fy):  # the figures of indicators and narratives in one pass over the activities
        return _check_year(fy, uncovered)


def _check_year(fy: FiscalYear, uncovered: Callable[[str], str] | None) -> list[Problem]:
    from jixiao.core.readiness_content import check_content

    problems: list[Problem] = []
    try:
        rules = ScoreRules.of_year(fy)
    except ScoreRuleError as exc:
        problems.append(Problem("rules", Message(exc.message, **exc.params), ("year", "rules")))
        rules = ScoreRules()
    problems += check_budget(fy)
    problems += check_indicators(fy.indicators, fy, rules, owner=("indicators", "department"))
    for project in fy.all_projects():
        where = ("project", project.id)
        if project.is_key and not project.performance_text.strip():
            problems.append(
                _problem(
                    "key_project_text_missing",
                    where,
                    WARNING,
                    N_("The key project {name} has no text on its performance and results."),
                    name=project.name,
                )
            )
        if project.indicators:
            problems += check_indicators(project.indicators, fy, rules, owner=where, project=project.name)
        elif project.is_key:
            problems.append(
                _problem(
                    "key_project_without_indicators",
                    where,
                    WARNING,
                    N_("The key project {name} has no performance indicators for its own score table."),
                    name=project.name,
                )
            )
    problems += check_content(fy, uncovered)
    from jixiao.core.readiness_outline import check_outline

    problems += check_outline(fy)
    return problems


def check_budget(fy: FiscalYear) -> list[Problem]:
    """The money block: a full-year budget to rate against, and sub-lines adding up where recorded."""
    problems: list[Problem] = []
    if year_money_rows(fy)[0].rate is None:
        problems.append(
            _problem(
                "budget_missing",
                ("budget", "total"),
                ERROR,
                N_("The full-year budget of total funds is missing, so there is no execution rate."),
            )
        )
    for parent, parts, msgid in _SUM_RULES:
        if not any(part in fy.budget for part in parts):
            continue  # sub-lines not recorded: nothing to add up
        for attr, field_label in _FIELDS:
            total = getattr(fy.budget_line(parent), attr)
            summed = sum(getattr(fy.budget_line(part), attr) for part in parts)
            if total != summed:
                problems.append(
                    _problem(
                        "budget_sum",
                        ("budget", parent),
                        ERROR,
                        msgid,
                        field=Message(field_label),
                        total=str(fen_to_wan(total)),
                        parts=str(fen_to_wan(summed)),
                    )
                )
    problems += check_projects_against_budget(fy)
    return problems


def check_projects_against_budget(fy: FiscalYear) -> list[Problem]:
    """The projects' money must not exceed the 项目支出 line (when both are recorded): the report states
    the projects' share of it, and a share above 100% means one of the two is wrong."""
    if not fy.projects or "project" not in fy.budget:
        return []
    line = fy.budget_line("project")
    problems = []
    for attr, field_label, projects_fen in (
        ("adjusted_fen", N_("Full-year budget"), fy.projects_adjusted_fen()),
        ("executed_fen", N_("Executed"), fy.projects_executed_fen()),
    ):
        if projects_fen > getattr(line, attr):
            problems.append(
                _problem(
                    "projects_exceed_budget_line",
                    ("budget", "project"),
                    ERROR,
                    N_(
                        "The projects together ({field}) come to {projects} but project expenditure in the "
                        "money block is {line} (10k yuan)."
                    ),
                    field=Message(field_label),
                    projects=str(fen_to_wan(projects_fen)),
                    line=str(fen_to_wan(getattr(line, attr))),
                )
            )
    return problems


def check_indicators(
    indicators: list[Indicator],
    fy: FiscalYear,
    rules: ScoreRules,
    *,
    owner: tuple[str, object],
    project: str | None = None,
) -> list[Problem]:
    """An indicator grid: weights totalling 90, and each row computable, explained and noted.

    *owner* locates the grid as a whole; *project* names the project for the weights message.
    """
    problems: list[Problem] = []
    declared = sum((ind.points for ind in indicators), Decimal(0))
    if declared != INDICATOR_POINTS:
        if project is None:
            msgid = N_(
                "The indicator weights add up to {sum}; with the execution row's 10 they must make 100."
            )
        else:
            msgid = N_(
                "The indicator weights of the project {project} add up to {sum}; with the execution row's 10 "
                "they must make 100."
            )
        params: dict[str, object] = {"sum": str(declared)}
        if project is not None:
            params["project"] = project
        problems.append(_problem("weights_sum", owner, ERROR, msgid, **params))
    for indicator, row in zip(indicators, score_indicators(indicators, fy, rules), strict=True):
        problems += _row_problems(indicator, row)
    return problems


def _row_problems(indicator: Indicator, row: IndicatorRow) -> list[Problem]:
    where = ("indicator", indicator.id)
    name = indicator.level3
    found: list[Problem] = []
    if indicator.points < 0:
        found.append(
            _problem("points_negative", where, ERROR, N_("The weight of {name} is below 0."), name=name)
        )
    if not row.applicable:
        return found
    for code, message in row.issues:
        found.append(Problem(code, message, where, ERROR))
    if row.deviation_reason_required and not indicator.deviation_reason.strip():
        if row.deviation == DEVIATION_MISSED:
            msgid = N_("{name} missed its target: explain the deviation and how it will be improved.")
            code = "deviation_reason_missed"
        else:  # DEVIATION_BEATEN
            msgid = N_(
                "{name} beat its target by 30% or more: explain the deviation and how it will be improved."
            )
            code = "deviation_reason_beaten"
        found.append(_problem(code, where, WARNING, msgid, name=name))
    if row.override is not None:
        found += _override_problems(indicator, row, where)
    return found


def _override_problems(indicator: Indicator, row: IndicatorRow, where: tuple[str, object]) -> list[Problem]:
    found: list[Problem] = []
    name = indicator.level3
    score = row.override
    assert score is not None
    if not indicator.override_note.strip():
        found.append(
            _problem(
                "override_note_missing",
                where,
                WARNING,
                N_("The score of {name} was changed by hand: add a note saying why."),
                name=name,
            )
        )
    if score < 0 or score > row.effective_points:
        found.append(
            _problem(
                "override_out_of_range",
                where,
                ERROR,
                N_("The changed score {score} of {name} is outside 0 to {points}."),
                name=name,
                score=str(score),
                points=str(row.effective_points),
            )
        )
    elif indicator.kind == "qual" and row.qual_band in QUAL_BAND_RANGES:
        low, high = (quantize2(f * row.effective_points) for f in QUAL_BAND_RANGES[row.qual_band])
        if not low <= score <= high:
            found.append(
                _problem(
                    "override_outside_band",
                    where,
                    WARNING,
                    N_(
                        "The changed score {score} of {name} is outside its achievement band ({low} to {high})."
                    ),
                    name=name,
                    score=str(score),
                    low=str(low),
                    high=str(high),
                )
            )
    return found
