"""Readiness rules about what the report would print: empty parts, figures printing as 0, characters
no font has, money that cannot be right. Used by ``core.readiness.check_year``.

Locators (``Problem.where``) extend those of ``core.readiness``:

- ``("text", key)`` — a prose section of the year (``YEAR_TEXT_KEYS``);
- ``("unit", field)`` — the unit's ``full_name``, ``duties``, ``departments``;
- ``("goals", index)`` — the year's overall goals (0-based index, or None for the list);
- ``("task", id)``, ``("measure", id)``, ``("problem", index)``, ``("improvement", index)`` — as in
  ``livefigures.narratives``;
- ``("activity", id)`` — an activity record;
- ``("budget", "income")`` — 预算收入 / 决算收入.

All messages are office Chinese in the zh_CN catalog; severities follow ``core.readiness``: "error"
blocks the report (a figure or the page would be wrong), "warning" asks the clerk to look.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from decimal import Decimal

from jixiao.core import livefigures
from jixiao.core.errors import N_, JixiaoError, Message, Problem
from jixiao.core.model import BUDGET_LINE_LABELS, FiscalYear, Indicator, Project
from jixiao.core.money import fen_to_wan
from jixiao.core.numbers import format_decimal2

ERROR = "error"
WARNING = "warning"
IMPLAUSIBLE_ACTIVITY_FACTOR = 10  # one activity's amount above 10 × the year's budget is surely a typo

TEXT_LABELS = {
    "work_overview": N_("the overall work of the year"),
    "performance_management": N_("the performance management section"),
    "evaluation_summary": N_("the summary of the self-evaluation"),
    "goals_completion": N_("the achievement of the overall goals"),
    "goals_shortfall": N_("the reasons for shortfalls"),
    "task_analysis_intro": N_("the analysis of the tasks' goals"),
}
Uncovered = Callable[[str], str]  # text → the characters no font has (``FontSet.uncovered``)

_MONEY_FIELDS = (
    ("initial_fen", N_("Initial budget")),
    ("adjusted_fen", N_("Full-year budget")),
    ("executed_fen", N_("Executed")),
)


_problem = Problem.of


def check_content(fy: FiscalYear, uncovered: Uncovered | None = None) -> list:
    """Every content problem of *fy*; with *uncovered* also the characters no font can print."""
    problems = []
    problems += check_empty(fy)
    problems += check_money(fy)
    problems += check_applicable(fy)
    problems += check_zero_figures(fy)
    if uncovered is not None:
        problems += check_characters(fy, uncovered)
    return problems


# -- what the report prints ---------------------------------------------------------------------


def printed_texts(fy: FiscalYear) -> Iterator[tuple[tuple[str, object], Message, str]]:
    """Every text the report or its tables print: (where, the field named for a message, text)."""
    unit = fy.unit
    yield ("unit", "full_name"), Message(N_("the unit's full name")), unit.full_name
    yield ("unit", "supervisor"), Message(N_("the supervising department")), unit.supervisor
    for index, duty in enumerate(unit.duties):
        yield ("unit", "duties"), Message(N_("main duty {number}"), number=index + 1), duty
    for name in unit.departments:
        yield ("unit", "departments"), Message(N_("the internal departments")), name
    for key, text in fy.texts.items():
        yield ("text", key), Message(TEXT_LABELS.get(key, key)), text
    for index, goal in enumerate(fy.goals):
        yield ("goals", index), Message(N_("overall goal {number}"), number=index + 1), goal
    for index, task in enumerate(fy.tasks):
        task_where = ("task", task.id if task.id is not None else index)
        yield task_where, Message(N_("the key task {name}"), name=task.title), task.title + task.goal_text
        yield task_where, Message(N_("the introduction of the key task {name}"), name=task.title), task.intro
        for m_index, measure in enumerate(task.measures):
            where: tuple[str, object] = (
                "measure",
                measure.id if measure.id is not None else (index, m_index),
            )
            yield where, Message(N_("the measure {name}"), name=measure.title), measure.title + measure.text
    for project in fy.all_projects():
        where = ("project", project.id)
        texts = project.name + project.implementer + project.performance_text
        texts += project.expected_goal + project.actual_result
        yield where, Message(N_("the project {name}"), name=project.name), texts
        for indicator in project.indicators:
            yield _indicator_text(indicator)
    for indicator in fy.indicators:
        yield _indicator_text(indicator)
    for index, text in enumerate(fy.problems):
        yield ("problem", index), Message(N_("problem {number}"), number=index + 1), text
    for index, text in enumerate(fy.improvements):
        yield ("improvement", index), Message(N_("improvement {number}"), number=index + 1), text


def _indicator_text(indicator: Indicator) -> tuple[tuple[str, object], Message, str]:
    text = "".join(
        (
            indicator.level1,
            indicator.level2,
            indicator.level3,
            indicator.target,
            indicator.unit,
            indicator.actual or "",
            indicator.deviation_reason,
            indicator.override_note,
        )
    )
    return ("indicator", indicator.id), Message(N_("the indicator {name}"), name=indicator.level3), text


# -- empty parts --------------------------------------------------------------------------------


def check_empty(fy: FiscalYear) -> list:
    """Parts of the report or the table that would print empty."""
    found = []
    if not fy.unit.full_name.strip():
        found.append(
            _problem(
                "unit_name_missing",
                ("unit", "full_name"),
                ERROR,
                N_("The unit's full name is empty: the report title and the table would have no unit."),
            )
        )
    if not any(d.strip() for d in fy.unit.duties):
        found.append(
            _problem(
                "duties_missing",
                ("unit", "duties"),
                WARNING,
                N_("No main duties are entered: the report would have nothing under “1. Main duties.”"),
            )
        )
    sections = (
        ("performance_management", N_("The section on performance management is empty.")),
        (
            "goals_completion",
            N_("“Achievement of the overall goals” is empty: that cell of the table would be blank."),
        ),
    )
    for key, msgid in sections:
        if not fy.texts.get(key, "").strip():
            found.append(_problem("section_empty", ("text", key), WARNING, msgid))
    if not fy.texts.get("work_overview", "").strip() and not fy.tasks:
        found.append(
            _problem(
                "section_empty",
                ("text", "work_overview"),
                WARNING,
                N_(
                    "The overall work of the year is empty and there are no key tasks: that section would be blank."
                ),
            )
        )
    if not any(g.strip() for g in fy.goals) and not fy.tasks:
        found.append(
            _problem(
                "goals_missing",
                ("goals", None),
                WARNING,
                N_(
                    "There are no overall annual goals (and no key tasks to take them from): that cell would be blank."
                ),
            )
        )
    if not any(p.strip() for p in fy.problems):
        found.append(
            _problem(
                "problems_missing",
                ("problem", 0),
                WARNING,
                N_("No main problems are entered: section III would be empty."),
            )
        )
    if not any(p.strip() for p in fy.improvements):
        found.append(
            _problem(
                "improvements_missing",
                ("improvement", 0),
                WARNING,
                N_("No improvement measures are entered: section IV would be empty."),
            )
        )
    for indicator in fy.indicators + [i for p in fy.all_projects() for i in p.indicators]:
        if not indicator.level3.strip():
            found.append(
                _problem(
                    "indicator_name_missing",
                    ("indicator", indicator.id),
                    ERROR,
                    N_("An indicator under {level1} / {level2} has no name (三级指标)."),
                    level1=indicator.level1,
                    level2=indicator.level2,
                )
            )
    for project in fy.all_projects():
        if not project.indicators:
            continue
        if not project.expected_goal.strip() or not project.actual_result.strip():
            found.append(
                _problem(
                    "project_goals_empty",
                    ("project", project.id),
                    WARNING,
                    N_(
                        "The project {name} has no expected goals or no actual results: its table would have a blank cell."
                    ),
                    name=project.name,
                )
            )
    return found


# -- money --------------------------------------------------------------------------------------


def _wan(fen: int) -> str:
    """*fen* in 万元: 2 decimals, or every decimal needed when less would hide it (−1 元 is −0.0001)."""
    value = Decimal(fen) / Decimal(1_000_000)
    if fen_to_wan(fen) * 1_000_000 == fen:
        return format_decimal2(value)
    return format(value.normalize(), "f")


def check_money(fy: FiscalYear) -> list:
    """Negative amounts, a missing revenue budget, execution above budget, implausible amounts."""
    found = []
    for line, budget in fy.budget.items():
        for attr, label in _MONEY_FIELDS:
            if getattr(budget, attr) < 0:
                found.append(
                    _problem(
                        "money_negative",
                        ("budget", line),
                        ERROR,
                        N_("{line} ({field}) is negative: {amount} (10k yuan)."),
                        line=Message(BUDGET_LINE_LABELS.get(line, line)),
                        field=Message(label),
                        amount=_wan(getattr(budget, attr)),
                    )
                )
    for attr, msgid in (
        ("budget_income_fen", N_("The budgeted revenue is negative: {amount} (10k yuan).")),
        ("final_income_fen", N_("The final revenue is negative: {amount} (10k yuan).")),
    ):
        if getattr(fy, attr) < 0:
            found.append(
                _problem("money_negative", ("budget", "income"), ERROR, msgid, amount=_wan(getattr(fy, attr)))
            )
    if fy.budget_income_fen == 0:
        found.append(
            _problem(
                "income_budget_missing",
                ("budget", "income"),
                ERROR,
                N_(
                    "The budgeted revenue is 0: the report cannot say what share of the budget was completed."
                ),
            )
        )
    total = fy.budget_line("total")
    if total.adjusted_fen > 0 and total.executed_fen > total.adjusted_fen:
        found.append(
            _problem(
                "execution_above_budget",
                ("budget", "total"),
                ERROR,
                N_(
                    "Total funds executed ({executed}) are more than the full-year budget ({budget}) (10k yuan): "
                    "an execution rate above 100% cannot be right. Check both figures."
                ),
                executed=_wan(total.executed_fen),
                budget=_wan(total.adjusted_fen),
            )
        )
    for project in fy.all_projects():
        found += _project_money(project)
    limit = IMPLAUSIBLE_ACTIVITY_FACTOR * max(total.adjusted_fen, 0)
    for activity in fy.activities:
        if activity.deleted:
            continue
        where = ("activity", activity.id)
        if activity.amount_fen is None:  # not counted for this activity
            continue
        if activity.amount_fen < 0:
            found.append(
                _problem(
                    "money_negative",
                    where,
                    ERROR,
                    N_("The amount of the activity {title} is negative: {amount} (10k yuan)."),
                    title=activity.title,
                    amount=_wan(activity.amount_fen),
                )
            )
        elif limit and activity.amount_fen > limit:
            found.append(
                _problem(
                    "activity_amount_implausible",
                    where,
                    WARNING,
                    N_(
                        "The activity {title} records {amount} (10k yuan), more than ten times the year's budget "
                        "({budget}): check the amount (it is entered in yuan)."
                    ),
                    title=activity.title,
                    amount=_wan(activity.amount_fen),
                    budget=_wan(total.adjusted_fen),
                )
            )
    return found


def _project_money(project: Project) -> list:
    found = []
    where = ("project", project.id)
    for value, msgid in (
        (
            project.initial_fen,
            N_("The initial budget of the project {name} is negative: {amount} (10k yuan)."),
        ),
        (
            project.adjusted_fen,
            N_("The full-year budget of the project {name} is negative: {amount} (10k yuan)."),
        ),
        (
            project.executed_fen,
            N_("The payments of the project {name} add up to a negative {amount} (10k yuan)."),
        ),
    ):
        if value < 0:
            found.append(
                _problem("money_negative", where, ERROR, msgid, name=project.name, amount=_wan(value))
            )
    adjusted, executed = project.total_adjusted_fen, project.executed_fen
    if adjusted == 0 and executed > 0:
        found.append(
            _problem(
                "project_budget_missing",
                where,
                ERROR,
                N_("The project {name} has payments of {executed} but no full-year budget (10k yuan)."),
                name=project.name,
                executed=_wan(executed),
            )
        )
    elif adjusted > 0 and executed > adjusted:
        found.append(
            _problem(
                "project_execution_above_budget",
                where,
                ERROR,
                N_(
                    "The project {name} spent {executed}, more than its full-year budget of {budget} (10k yuan): "
                    "check the budget and the payments."
                ),
                name=project.name,
                executed=_wan(executed),
                budget=_wan(adjusted),
            )
        )
    return found


# -- indicators ---------------------------------------------------------------------------------


def check_applicable(fy: FiscalYear) -> list:
    """An indicator grid with every row marked not applicable scores on nothing. (A project without
    indicators simply gets no table; ``readiness`` warns about key projects without them.)"""
    found = []
    if fy.indicators and not any(i.applicable for i in fy.indicators):
        found.append(
            _problem(
                "all_not_applicable",
                ("indicators", "department"),
                ERROR,
                N_("Every indicator of the department is marked not applicable: there is nothing to score."),
            )
        )
    for project in fy.all_projects():
        where = ("project", project.id)
        if project.indicators and not any(i.applicable for i in project.indicators):
            found.append(
                _problem(
                    "all_not_applicable",
                    where,
                    ERROR,
                    N_(
                        "Every indicator of the project {name} is marked not applicable: there is nothing to score."
                    ),
                    name=project.name,
                )
            )
    return found


# -- live figures that print 0 ------------------------------------------------------------------


def figure_texts(fy: FiscalYear) -> list[tuple[tuple[str, object], str]]:
    """Every text that may hold live figures, the score tables' included, with where it is edited."""
    found = list(livefigures.narratives(fy))
    found += [(("goals", i), g) for i, g in enumerate(fy.goals) if "{{" in g]
    for project in fy.all_projects():
        for text in (project.expected_goal, project.actual_result):
            if "{{" in text:
                found.append((("project", project.id), text))
    return found


def check_zero_figures(fy: FiscalYear) -> list:
    """Live figures whose value is 0: the report would print "举办…0场" or "近0家"."""
    found = []
    for where, text in figure_texts(fy):
        parts = livefigures.parse(text)
        for index, part in enumerate(parts):
            if not isinstance(part, livefigures.LiveFigure):
                continue
            try:
                value, _quantity = livefigures.figure_value(part.spec, fy)
            except JixiaoError:
                continue  # listed as a live-figure problem elsewhere
            if value != Decimal(0):
                continue
            previous = parts[index - 1] if index else None
            following = parts[index + 1] if index + 1 < len(parts) else None
            before = previous if isinstance(previous, str) else ""
            after = following if isinstance(following, str) else ""
            phrase = before[-12:].lstrip("，。；：、") + "0" + after[:4]
            found.append(
                _problem(
                    "live_figure_zero",
                    where,
                    WARNING,
                    N_(
                        "A figure in this text comes to 0, so the report would say “{phrase}”: record the "
                        "activities, or reword the sentence."
                    ),
                    phrase=phrase,
                )
            )
    return found


# -- characters ---------------------------------------------------------------------------------


def check_characters(fy: FiscalYear, uncovered: Uncovered) -> list:
    """Characters that no installed or bundled font has: they would print as empty boxes."""
    found = []
    seen: set[tuple[tuple[str, object], str]] = set()
    for where, field, text in printed_texts(fy):
        missing = uncovered(text) if text else ""
        if not missing or (where, missing) in seen:
            continue
        seen.add((where, missing))
        found.append(
            _problem(
                "characters_uncovered",
                where,
                ERROR,
                N_(
                    "No font can print the characters “{chars}” in {field}: they would come out as boxes. "
                    "Replace them, or install a font that has them."
                ),
                chars=missing,
                field=field,
            )
        )
    return found
