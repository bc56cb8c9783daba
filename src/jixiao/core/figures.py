"""Figures computed from a year's records: "走访企业 213 家" counted from the activities, not typed.

A *figure spec* is a plain JSON-able dict (stored as an indicator's ``actual_source``; later also as
a live figure inside narrative text). ``compute_figure(spec, fy)`` returns an unrounded ``Decimal``;
a spec that points at nothing (an unknown type name, task position, metric, project …) or is
malformed raises ``FigureError`` carrying a msgid and its parameters. The format is documented in
``docs/figures.md``; keep the two in step.

Units of the result: counts and sums of counts are whole numbers; ``*_fen`` fields are fen;
``*_wan`` fields are 万元, unrounded (fen / 1,000,000); ``rate`` is a percentage, unrounded
(98.0221… for 616.04 / 628.47). ``figure_quantity(spec)`` says which, for formatting.

Speed: one list comprehension per filter given (narrowing as it goes), no index to keep in step
with edits; a figure over 100,000 activities takes a few milliseconds (tested under 20 ms). Code that
computes every figure of a year (``jixiao check``) does it inside ``with batch(fy):``, which groups
the activities once and lets each figure read its groups' sums.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from decimal import Decimal

from jixiao.core.errors import N_, JixiaoError, Message
from jixiao.core.model import BUDGET_LINE_LABELS, PREVIOUS_FIGURES, Activity, FiscalYear, Project

SOURCES = ("activities", "metric", "budget", "project", "projects", "yoy")
# Year-on-year figures (core.yoy): this year's value, the previous year's, the change (signed fen)
# or the change rate (signed percent of the previous year).
YOY_OF = ("current", "previous", "change", "change_rate")
ACTIVITY_AGGREGATES = (
    "count",
    "sessions",
    "participants",
    "enterprises",
    "items",
    "amount_fen",
    "amount_wan",
)
MONEY_FIELDS = (
    "initial_fen",
    "adjusted_fen",
    "executed_fen",
    "initial_wan",
    "adjusted_wan",
    "executed_wan",
    "rate",
)
PROJECT_AGGREGATES = ("count", "sum")

_KEYS: dict[str, dict[str, tuple[type, ...]]] = {
    "activities": {
        "source": (str,),
        "aggregate": (str,),
        "types": (list,),
        "task": (int,),
        "measure": (int,),
        "date_from": (str,),
        "date_to": (str,),
        "title_contains": (str,),
    },
    "metric": {"source": (str,), "name": (str,)},
    "budget": {"source": (str,), "line": (str,), "field": (str,)},
    "project": {"source": (str,), "name": (str,), "field": (str,)},
    "projects": {
        "source": (str,),
        "aggregate": (str,),
        "level": (int,),
        "field": (str,),
        "key_only": (bool,),
        "funding_source": (str,),
    },
    "yoy": {"source": (str,), "figure": (str,), "of": (str,)},
}
_REQUIRED: dict[str, tuple[str, ...]] = {
    "activities": (),
    "metric": ("name",),
    "budget": ("line", "field"),
    "project": ("name", "field"),
    "projects": (),
    "yoy": ("figure", "of"),
}
_WAN = Decimal(1_000_000)


class FigureError(JixiaoError):
    """A figure spec that is malformed or points at nothing in the year."""

    message = N_("The figure is not valid.")


def _error(message: str, **params: object) -> FigureError:
    return FigureError(message, **params)


# -- validation (structure only; no year needed) ----------------------------------------------------


def validate_figure_spec(spec: object) -> None:
    """Check the structure of *spec* (keys, value types, names of fields); raise ``FigureError``.

    What the spec points at (type names, positions, metric and project names) is checked by
    ``compute_figure`` against a year.
    """
    if not isinstance(spec, dict):
        raise _error(N_("A figure must be an object with a source."))
    source = spec.get("source")
    if source not in SOURCES:
        raise _error(N_("Unknown figure source {source}."), source=str(source))
    allowed = _KEYS[source]
    for key, value in spec.items():
        if key not in allowed:
            raise _error(N_("Unknown key {key} in a {source} figure."), key=key, source=source)
        types = allowed[key]
        # bool is an int subclass: refuse True where a position is expected.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise _error(N_("The key {key} of a {source} figure has a wrong value."), key=key, source=source)
    for key in _REQUIRED[source]:
        if key not in spec:
            raise _error(N_("A {source} figure needs the key {key}."), key=key, source=source)
    if source == "activities":
        _validate_activities(spec)
    elif source in ("budget", "project"):
        if spec["field"] not in MONEY_FIELDS:
            raise _error(
                N_("Unknown field {field} in a {source} figure."), field=spec["field"], source=source
            )
        if source == "budget" and spec["line"] not in BUDGET_LINE_LABELS:
            raise _error(N_("Unknown budget line {line}."), line=spec["line"])
    elif source == "projects":
        _validate_projects(spec)
    elif source == "yoy":
        if spec["figure"] not in PREVIOUS_FIGURES:
            raise _error(
                N_("Unknown field {field} in a {source} figure."), field=spec["figure"], source=source
            )
        if spec["of"] not in YOY_OF:
            raise _error(N_("Unknown field {field} in a {source} figure."), field=spec["of"], source=source)


def _validate_activities(spec: dict) -> None:
    aggregate = spec.get("aggregate", "count")
    if aggregate not in ACTIVITY_AGGREGATES:
        raise _error(
            N_("Unknown aggregate {aggregate} in a {source} figure."),
            aggregate=aggregate,
            source="activities",
        )
    if "types" in spec and (not spec["types"] or not all(isinstance(t, str) for t in spec["types"])):
        raise _error(
            N_("The key {key} of a {source} figure has a wrong value."), key="types", source="activities"
        )
    if "measure" in spec and "task" not in spec:
        raise _error(N_("A {source} figure needs the key {key}."), key="task", source="activities")
    for key in ("date_from", "date_to"):
        if key in spec:
            _parse_date(spec[key])
    if (
        "date_from" in spec
        and "date_to" in spec
        and _parse_date(spec["date_from"]) > _parse_date(spec["date_to"])
    ):
        raise _error(N_("The figure's date range ends before it starts."))


def _validate_projects(spec: dict) -> None:
    aggregate = spec.get("aggregate", "count")
    if aggregate not in PROJECT_AGGREGATES:
        raise _error(
            N_("Unknown aggregate {aggregate} in a {source} figure."), aggregate=aggregate, source="projects"
        )
    if spec.get("level", 1) not in (1, 2):
        raise _error(
            N_("The key {key} of a {source} figure has a wrong value."), key="level", source="projects"
        )
    if aggregate == "sum":
        if spec.get("field") not in MONEY_FIELDS or spec.get("field") == "rate":
            raise _error(
                N_("Unknown field {field} in a {source} figure."),
                field=str(spec.get("field")),
                source="projects",
            )
        if "level" in spec:
            raise _error(N_("Unknown key {key} in a {source} figure."), key="level", source="projects")
    elif "field" in spec:
        raise _error(N_("Unknown key {key} in a {source} figure."), key="field", source="projects")


def _parse_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _error(N_("{value} is not a date (expected YYYY-MM-DD)."), value=text) from None


def figure_quantity(spec: dict) -> str:
    """What a figure's value measures: ``count``, ``fen``, ``wan``, ``percent`` or ``number``."""
    validate_figure_spec(spec)
    source = spec["source"]
    if source == "metric":
        return "number"
    if source == "yoy":
        return "percent" if spec["of"] == "change_rate" else "fen"
    field = spec.get("field") if source != "activities" else spec.get("aggregate", "count")
    if source == "projects" and spec.get("aggregate", "count") == "count":
        return "count"
    if field == "rate":
        return "percent"
    if field and field.endswith("_fen"):
        return "fen"
    if field and field.endswith("_wan"):
        return "wan"
    return "count"


# What a figure counts, in words (tooltips, pickers): each part a translatable Message.
AGGREGATE_NAMES = {
    "count": N_("number of activities"),
    "sessions": N_("sessions"),
    "participants": N_("participants (person-times)"),
    "enterprises": N_("enterprises"),
    "items": N_("items"),
    "amount_fen": N_("amount (10k yuan)"),
    "amount_wan": N_("amount (10k yuan)"),
}
MONEY_FIELD_NAMES = {
    "initial": N_("Initial budget"),
    "adjusted": N_("Full-year budget"),
    "executed": N_("Executed"),
    "rate": N_("Execution rate"),
}


YOY_FIGURE_NAMES = {
    "income_fen": N_("Final revenue"),
    "expenditure_fen": N_("Expenditure"),
    "personnel_fen": N_("Personnel expenses"),
    "public_fen": N_("Public expenses"),
    "fiscal_income_fen": N_("Fiscal appropriation revenue"),
}
YOY_OF_NAMES = {
    "current": N_("this year"),
    "previous": N_("previous year"),
    "change": N_("change on the previous year"),
    "change_rate": N_("change on the previous year (percent)"),
}


def describe_figure(spec: dict, fy: FiscalYear | None = None) -> list[Message]:
    """What *spec* counts, in words: "sessions of 宣讲会、培训", "measure 1.2 “…”", "2022-01-01 to …".

    With *fy* the task and measure a spec names are given their titles too. The spec must be
    structurally valid (``validate_figure_spec``); what it points at need not exist.
    """
    validate_figure_spec(spec)
    source = spec["source"]
    if source == "metric":
        return [Message(N_("Figure: {name}"), name=spec["name"])]
    if source in ("budget", "project"):
        field = Message(MONEY_FIELD_NAMES[spec["field"].split("_")[0]])
        if source == "budget":
            return [
                Message(N_("{line}: {field}"), line=Message(BUDGET_LINE_LABELS[spec["line"]]), field=field)
            ]
        return [Message(N_("project “{name}”: {field}"), name=spec["name"], field=field)]
    if source == "projects":
        return _describe_projects(spec)
    if source == "yoy":
        return [
            Message(
                N_("{figure}: {of}"),
                figure=Message(YOY_FIGURE_NAMES[spec["figure"]]),
                of=Message(YOY_OF_NAMES[spec["of"]]),
            )
        ]
    what = Message(AGGREGATE_NAMES[spec.get("aggregate", "count")])
    parts = [
        Message(N_("{what} of {types}"), what=what, types="、".join(spec["types"]))
        if "types" in spec
        else what
    ]
    parts.append(_describe_scope(spec, fy))
    if spec.get("title_contains"):
        parts.append(Message(N_("title contains “{text}”"), text=spec["title_contains"]))
    start, end = spec.get("date_from"), spec.get("date_to")
    if start and end:
        parts.append(Message(N_("{start} to {end}"), start=start, end=end))
    elif start:
        parts.append(Message(N_("from {date}"), date=start))
    elif end:
        parts.append(Message(N_("up to {date}"), date=end))
    return parts


def _describe_scope(spec: dict, fy: FiscalYear | None) -> Message:
    if "task" not in spec:
        return Message(N_("the whole year"))
    task_pos, measure_pos = spec["task"], spec.get("measure")
    task = fy.tasks[task_pos - 1] if fy is not None and 1 <= task_pos <= len(fy.tasks) else None
    if measure_pos is None:
        if task is None:
            return Message(N_("key task {task}"), task=task_pos)
        return Message(N_("key task {task} “{title}”"), task=task_pos, title=task.title)
    measure = (
        task.measures[measure_pos - 1]
        if task is not None and 1 <= measure_pos <= len(task.measures)
        else None
    )
    if measure is None:
        return Message(N_("measure {task}.{measure}"), task=task_pos, measure=measure_pos)
    return Message(
        N_("measure {task}.{measure} “{title}”"), task=task_pos, measure=measure_pos, title=measure.title
    )


def _describe_projects(spec: dict) -> list[Message]:
    if spec.get("aggregate", "count") == "count":
        level2 = spec.get("level", 1) == 2
        parts = [
            Message(N_("number of second-level projects") if level2 else N_("number of first-level projects"))
        ]
    else:
        parts = [
            Message(
                N_("all projects: {field}"), field=Message(MONEY_FIELD_NAMES[spec["field"].split("_")[0]])
            )
        ]
    if spec.get("key_only"):
        parts.append(Message(N_("key projects only")))
    if "funding_source" in spec:
        source = spec["funding_source"]
        parts.append(Message(BUDGET_LINE_LABELS.get(source, source)))
    return parts


def figure_problem(spec: object, fy: FiscalYear) -> Message | None:
    """The reason *spec* cannot be computed for *fy* (a ``Message``), or None when it can."""
    try:
        compute_figure(spec, fy)  # type: ignore[arg-type]
    except FigureError as exc:
        return Message(exc.message, **exc.params)
    return None


# -- computation ------------------------------------------------------------------------------------


def compute_figure(spec: dict, fy: FiscalYear) -> Decimal:
    """The value of *spec* in *fy*, unrounded (see the module docstring for units)."""
    validate_figure_spec(spec)
    source = spec["source"]
    if source == "activities":
        return _activities_figure(spec, fy)
    if source == "metric":
        for metric in fy.metrics:
            if metric.name == spec["name"]:
                return Decimal(metric.value)
        raise _error(N_("No metric named {name}."), name=spec["name"])
    if source == "budget":
        line = fy.budget_line(spec["line"])
        what = Message(BUDGET_LINE_LABELS[spec["line"]])
        return _money_field(spec["field"], line.initial_fen, line.adjusted_fen, line.executed_fen, what)
    if source == "yoy":
        return _yoy_figure(spec, fy)
    if source == "project":
        project = _find_project(fy, spec["name"])
        return _money_field(
            spec["field"],
            project.total_initial_fen,
            project.total_adjusted_fen,
            project.executed_fen,
            project.name,
        )
    return _projects_figure(spec, fy)


def _yoy_figure(spec: dict, fy: FiscalYear) -> Decimal:
    from jixiao.core.yoy import current_figures, previous_figures

    key, of = spec["figure"], spec["of"]
    current, previous = current_figures(fy).get(key), previous_figures(fy)[0].get(key)
    what = Message(YOY_FIGURE_NAMES[key])
    if of in ("current", "change", "change_rate") and current is None:
        raise _error(N_("{what} of this year is not given."), what=what)
    if of in ("previous", "change", "change_rate") and previous is None:
        raise _error(N_("{what} of the previous year is not given."), what=what)
    if of == "current" and current is not None:
        return Decimal(current)
    if of == "previous" and previous is not None:
        return Decimal(previous)
    assert current is not None and previous is not None  # both checked above for change and rate
    if of == "change":
        return Decimal(current - previous)
    if not previous:
        raise _error(N_("{what} of the previous year is 0, so there is no change rate."), what=what)
    return Decimal(current - previous) / Decimal(previous) * 100


def _money_field(field: str, initial: int, adjusted: int, executed: int, what: object) -> Decimal:
    if field == "rate":
        if not adjusted:
            raise _error(N_("{what} has no full-year budget, so it has no execution rate."), what=what)
        return Decimal(executed) * 100 / Decimal(adjusted)
    base, unit = field.rsplit("_", 1)
    fen = {"initial": initial, "adjusted": adjusted, "executed": executed}[base]
    return Decimal(fen) if unit == "fen" else Decimal(fen) / _WAN


def _find_project(fy: FiscalYear, name: str) -> Project:
    for project in fy.all_projects():
        if project.name == name:
            return project
    raise _error(N_("No project named {name}."), name=name)


def _projects_figure(spec: dict, fy: FiscalYear) -> Decimal:
    def keep(project: Project) -> bool:
        if spec.get("key_only") and not project.is_key:
            return False
        return "funding_source" not in spec or project.funding_source == spec["funding_source"]

    if spec.get("aggregate", "count") == "count":
        if spec.get("level", 1) == 1:
            chosen: Iterable[Project] = fy.projects
        else:
            chosen = (child for project in fy.projects for child in project.children)
        return Decimal(sum(1 for project in chosen if keep(project)))
    # Sum of 一级 projects' money (each already includes its 二级 children).
    total = Decimal(0)
    for project in fy.projects:
        if keep(project):
            total += _money_field(
                spec["field"], project.total_initial_fen, project.total_adjusted_fen, project.executed_fen, ""
            )
    return total


def _activities_figure(spec: dict, fy: FiscalYear) -> Decimal:
    type_ids = _type_ids(fy, spec["types"]) if "types" in spec else None
    task_id = measure_id = None
    if "task" in spec:
        task_id, measure_id = _task_and_measure(fy, spec["task"], spec.get("measure"))
    date_from = _parse_date(spec["date_from"]) if "date_from" in spec else None
    date_to = _parse_date(spec["date_to"]) if "date_to" in spec else None
    text = spec.get("title_contains") or None
    aggregate = spec.get("aggregate", "count")
    field = "amount_fen" if aggregate == "amount_wan" else aggregate
    index = _BATCH.get()
    if index is not None and index.fy is fy:
        total = index.total(field, type_ids, task_id, measure_id, date_from, date_to, text)
    else:
        total = 0
        for activity in _matching(fy.activities, type_ids, task_id, measure_id, date_from, date_to, text):
            total += 1 if field == "count" else (getattr(activity, field) or 0)  # blank adds nothing
    return Decimal(total) / _WAN if aggregate == "amount_wan" else Decimal(total)


_SUMMED = ("count", "sessions", "participants", "enterprises", "items", "amount_fen")


class _ActivityIndex:
    """A year's activities (not deleted) grouped by (type, task, measure) in one pass, with each
    group's sums: a figure then reads the sums of the groups it selects, and walks only those groups'
    activities when it also filters by date or title. Valid while the year is not changed."""

    def __init__(self, fy: FiscalYear) -> None:
        self.fy = fy
        self.groups: dict[tuple, list[Activity]] = {}
        self.sums: dict[tuple, list[int]] = {}
        groups, sums = self.groups, self.sums
        for a in fy.activities:
            if a.deleted:
                continue
            key = (a.type_id, a.task_id, a.measure_id)
            group = groups.get(key)
            if group is None:
                group = groups[key] = []
                sums[key] = [0] * len(_SUMMED)
            group.append(a)
            row = sums[key]
            row[0] += 1
            row[1] += a.sessions or 0
            row[2] += a.participants or 0
            row[3] += a.enterprises or 0
            row[4] += a.items or 0
            row[5] += a.amount_fen or 0

    def total(
        self,
        field: str,
        type_ids: set[int] | None,
        task_id: int | None,
        measure_id: int | None,
        date_from: dt.date | None,
        date_to: dt.date | None,
        text: str | None,
    ) -> int:
        keys = [
            key
            for key in self.groups
            if (type_ids is None or key[0] in type_ids)
            and (task_id is None or key[1] == task_id)
            and (measure_id is None or key[2] == measure_id)
        ]
        if date_from is None and date_to is None and text is None:
            column = _SUMMED.index(field)
            return sum(self.sums[key][column] for key in keys)
        total = 0
        for key in keys:
            for activity in _matching(self.groups[key], None, None, None, date_from, date_to, text):
                total += 1 if field == "count" else (getattr(activity, field) or 0)
        return total


_BATCH: ContextVar[_ActivityIndex | None] = ContextVar("jixiao_figures_batch", default=None)


@contextmanager
def batch(fy: FiscalYear) -> Iterator[None]:
    """Within this block, figures over *fy*'s activities share one pass over them (grouped once, see
    ``_ActivityIndex``) instead of one pass each: for a check or a report that computes every figure
    of a large year. *fy* must not change inside the block. Blocks nest: an inner block over the
    same *fy* reuses the outer one's grouping."""
    current = _BATCH.get()
    if current is not None and current.fy is fy:
        yield
        return
    token = _BATCH.set(_ActivityIndex(fy))
    try:
        yield
    finally:
        _BATCH.reset(token)


def _matching(
    activities: list[Activity],
    type_ids: set[int] | None,
    task_id: int | None,
    measure_id: int | None,
    date_from: dt.date | None,
    date_to: dt.date | None,
    text: str | None,
) -> list[Activity]:
    """The activities not deleted that pass every given filter (the first narrows the whole list, each
    further one what is left)."""
    if type_ids is not None:
        found = [a for a in activities if a.type_id in type_ids and not a.deleted]
    elif task_id is not None:
        found = [a for a in activities if a.task_id == task_id and not a.deleted]
    else:
        found = [a for a in activities if not a.deleted]
    if task_id is not None and type_ids is not None:
        found = [a for a in found if a.task_id == task_id]
    if measure_id is not None:
        found = [a for a in found if a.measure_id == measure_id]
    if date_from is not None:
        found = [a for a in found if a.date >= date_from]
    if date_to is not None:
        found = [a for a in found if a.date <= date_to]
    if text is not None:
        found = [a for a in found if text in a.title]
    return found


def _type_ids(fy: FiscalYear, names: list[str]) -> set[int]:
    by_name = {t.name: t for t in fy.activity_types}
    ids: set[int] = set()
    for name in names:
        activity_type = by_name.get(name)
        if activity_type is None:
            raise _error(N_("No activity type named {name}."), name=name)
        if activity_type.id is None:
            raise _error(N_("The activity type {name} is not saved yet."), name=name)
        ids.add(activity_type.id)
    return ids


def _task_and_measure(fy: FiscalYear, task_pos: int, measure_pos: int | None) -> tuple[int, int | None]:
    if not 1 <= task_pos <= len(fy.tasks):
        raise _error(N_("There is no key task number {position}."), position=task_pos)
    task = fy.tasks[task_pos - 1]
    if task.id is None:
        raise _error(N_("Key task {position} is not saved yet."), position=task_pos)
    if measure_pos is None:
        return task.id, None
    if not 1 <= measure_pos <= len(task.measures):
        raise _error(
            N_("Key task {task} has no measure number {position}."), task=task_pos, position=measure_pos
        )
    measure = task.measures[measure_pos - 1]
    if measure.id is None:
        raise _error(
            N_("Measure {position} of key task {task} is not saved yet."), task=task_pos, position=measure_pos
        )
    return task.id, measure.id
