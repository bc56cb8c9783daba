"""The year package (年度数据包): one fiscal year as JSON, to move it between PCs (docs/year-package.md).

Pure: no database. ``to_package``/``package_json`` write a ``FiscalYear``; ``validate_package`` lists
every problem of a parsed file (JSON Schema ``resources/year-package.schema.json`` for structure, then
what a schema cannot check); ``from_package`` turns a valid package into a ``FiscalYear`` or raises
``ValidationError`` with all problems; ``load_package_file`` reads a file with clear errors.

Problems are ``core.errors.FieldProblem``s whose field is a JSON path like ``activities[12].date``; list
indices in paths count from 0 (as in jq), while references inside the file (``"task": 1``) are 1-based
positions.
"""

from __future__ import annotations

import base64
import binascii
import copy
import datetime as dt
import json
import math
import operator
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, TextIO, TypeGuard

from jixiao.core.errors import N_, FieldProblem, JixiaoError, ValidationError
from jixiao.core.model import (
    BUDGET_LINES,
    MAX_YEAR,
    MIN_YEAR,
    OPTIONAL_COUNTS,
    YEAR_TEXT_KEYS,
    Activity,
    ActivityType,
    Attachment,
    BudgetLine,
    FiscalYear,
    Indicator,
    Measure,
    Metric,
    Payment,
    Project,
    Task,
    Unit,
    decimal_text,
)
from jixiao.core.year_report import report_from_json, report_problems, report_to_json

FORMAT = "jixiao-year-package"
FORMAT_VERSION = 3  # 2: unit kind, count fields per activity type, blank (null) counts; 3: `report`
BASE_FORMAT_VERSION = 2
"""A package is written with the lowest version that reads it: ``FORMAT_VERSION`` only when it has a
``report`` part (an older jixiao then says it is too new instead of refusing an unknown key), else
this one. Version 2 packages with a ``report`` part (written before the bump) are read as well."""
DEFAULT_UNIT_KIND = "administration"  # core.unit_kinds.DEFAULT_KIND (no import: kinds read files)
SCHEMA_FILE = "year-package.schema.json"
MAX_INTEGER_DIGITS = 15  # digits before the point of a decimal (metric, points, score override)
MAX_DEPTH = 20  # objects and lists nest at most this deep (a package needs 9); see docs/year-package.md

DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
DECIMAL_PATTERN = "^-?(0|[1-9][0-9]*)(\\.[0-9]+)?$"
NAME_PATTERN = "\\S"
_DATE_RE = re.compile(DATE_PATTERN)
_BAD_CHAR_RE = re.compile("[\x00\ud800-\udfff]")

# Messages (msgids; translated where shown).
MSG_NOT_OBJECT = N_("A year package must be a JSON object.")
MSG_WRONG_FORMAT = N_("This is not a jixiao year package (format is {found}).")
MSG_BAD_VERSION = N_("Format version {found} is not a version this program knows.")
MSG_TOO_NEW = N_(
    "This year package has format version {found}; this version of jixiao reads up to version {known}. "
    "Please update jixiao."
)
MSG_MISSING = N_("This value is missing.")
MSG_UNKNOWN_KEY = N_("This key is not part of the year package format.")
MSG_GRANDCHILD = N_("Projects nest one level only: a second-level project cannot have children.")
MSG_NOT_DATE = N_("{value} is not a date (YYYY-MM-DD).")
MSG_NOT_DECIMAL = N_('{value} is not a decimal number written as text (like "98.5").')
MSG_BLANK = N_("This must not be empty.")
MSG_MINIMUM = N_("{value} is less than the smallest allowed value {limit}.")
MSG_MAXIMUM = N_("{value} is more than the largest allowed value {limit}.")
MSG_ENUM = N_("{value} is not one of: {allowed}.")
MSG_OTHER = N_("This does not fit the year package format ({detail}).")
MSG_TOO_LONG = N_("This is longer than the {limit} characters a year package allows here.")
MSG_DECIMAL_TOO_BIG = N_("{value} has more than {limit} digits before the decimal point.")
MSG_TOO_DEEP = N_("Values nest more than {limit} levels deep.")
MSG_TOO_MANY = N_("This list has more than the {limit} entries a year package allows here.")
MSG_TYPE_INTEGER = N_("This must be a whole number (no decimal point, not in quotes).")
MSG_TYPE_STRING = N_("This must be text in quotes.")
MSG_TYPE_STRING_OR_NULL = N_("This must be text in quotes, or null.")
MSG_TYPE_INTEGER_OR_NULL = N_("This must be a whole number, or null.")
MSG_TYPE_OBJECT = N_("This must be an object (named values in braces).")
MSG_TYPE_OBJECT_OR_NULL = N_("This must be an object (named values in braces), or null.")
MSG_TYPE_ARRAY = N_("This must be a list (values in square brackets).")
MSG_TYPE_BOOLEAN = N_("This must be true or false.")
MSG_BAD_CHAR = N_("This text holds a character that cannot be stored (U+{code}).")
MSG_NOT_FINITE = N_("This must be a finite number.")
MSG_DATE_OUTSIDE_YEAR = N_("{value} is not in the year {year}.")
MSG_NO_TYPE = N_("There is no activity type named “{name}”.")
MSG_NO_TASK = N_("There is no task {position}; the year has {count} task(s).")
MSG_MEASURE_WITHOUT_TASK = N_("A measure needs its task: set “task” too.")
MSG_NO_MEASURE = N_("Task {task} has no measure {position}; it has {count} measure(s).")
MSG_DUPLICATE_NAME = N_("The name “{name}” is used twice (also at {other}).")
MSG_BAD_BASE64 = N_("This is not valid base64 data.")
MSG_NEGATIVE_MONEY = N_("An amount of money cannot be negative here ({value} fen).")
MSG_TOO_MUCH_MONEY = N_("{value} fen is more than any department's budget (at most {limit} fen).")
# Money bounds (fen): no department's year comes near 1万亿元; amounts above are typing errors.
MAX_MONEY_FEN = 10**14
MSG_FILE_UNREADABLE = N_("The file {path} cannot be read: {detail}")
MSG_FILE_NOT_UTF8 = N_("The file {path} is not UTF-8 text, so it is not a year package.")
MSG_FILE_NOT_JSON = N_("The file {path} is not valid JSON: {detail} (line {line}, column {column}).")
MSG_FILE_DUPLICATE_KEY = N_("The file {path} has the key “{key}” twice in one object.")
MSG_FILE_NOT_PACKAGE = N_("The file {path} is not a jixiao year package.")
MSG_FILE_TOO_DEEP = N_(
    "The file {path} nests values more than {limit} levels deep; a year package never does, so it is not one."
)
MSG_FILE_TOO_NEW = N_(
    "The file {path} is a year package of format version {found}; this version of jixiao reads up to "
    "version {known}. Please update jixiao."
)

_TYPE_MESSAGES = {
    "integer": MSG_TYPE_INTEGER,
    "string": MSG_TYPE_STRING,
    "object": MSG_TYPE_OBJECT,
    "array": MSG_TYPE_ARRAY,
    "boolean": MSG_TYPE_BOOLEAN,
    ("string", "null"): MSG_TYPE_STRING_OR_NULL,
    ("integer", "null"): MSG_TYPE_INTEGER_OR_NULL,
    ("object", "null"): MSG_TYPE_OBJECT_OR_NULL,
}


class PackageFileError(JixiaoError):
    """A file that cannot be read as a year package at all (not JSON, wrong format, too new)."""


# -- writing ------------------------------------------------------------------------------------


def to_package(fy: FiscalYear, *, illustrative_note: str | None = None) -> dict:
    """The package of *fy* as a dict in export key order (see docs/year-package.md).

    Deleted activities are left out; the others are sorted by date, keeping list order within a day.
    *illustrative_note* (not part of ``FiscalYear``) is written only when given.

    :raises ValueError: *fy* is inconsistent (an activity refers to an id that is not in the year).
    """
    package: dict[str, Any] = {"format": FORMAT, "format_version": BASE_FORMAT_VERSION}
    if illustrative_note is not None:
        package["illustrative_note"] = illustrative_note
    unit = fy.unit
    package["unit"] = {
        "full_name": unit.full_name,
        "short_name": unit.short_name,
        "self_name": unit.self_name,
        "supervisor": unit.supervisor,
        "staffing": unit.staffing,
        "contact_person": unit.contact_person,
        "contact_phone": unit.contact_phone,
        "duties": list(unit.duties),
        "departments": list(unit.departments),
        "kind": unit.kind or DEFAULT_UNIT_KIND,
    }
    package["year"] = fy.year
    package["score_rule"] = fy.score_rule
    package["rule_options"] = copy.deepcopy(fy.rule_options)
    package["layout_profile"] = fy.layout_profile
    package["budget_income_fen"] = fy.budget_income_fen
    package["final_income_fen"] = fy.final_income_fen
    unknown = set(fy.budget) - set(BUDGET_LINES)
    if unknown:
        raise ValueError(f"unknown budget lines: {sorted(unknown)}")
    package["budget"] = {
        key: {
            "initial_fen": fy.budget[key].initial_fen,
            "adjusted_fen": fy.budget[key].adjusted_fen,
            "executed_fen": fy.budget[key].executed_fen,
        }
        for key in BUDGET_LINES
        if key in fy.budget
    }
    unknown = set(fy.texts) - set(YEAR_TEXT_KEYS)
    if unknown:
        raise ValueError(f"unknown text keys: {sorted(unknown)}")
    package["texts"] = {key: fy.texts[key] for key in YEAR_TEXT_KEYS if key in fy.texts}
    package["goals"] = list(fy.goals)
    package["problems"] = list(fy.problems)
    package["improvements"] = list(fy.improvements)
    package["tasks"] = [
        {
            "title": task.title,
            "goal_text": task.goal_text,
            "intro": task.intro,
            "measures": [{"title": m.title, "text": m.text} for m in task.measures],
        }
        for task in fy.tasks
    ]
    package["activity_types"] = [
        {"name": t.name, "measure_word": t.measure_word, "counts": list(t.counts)} for t in fy.activity_types
    ]
    package["activities"] = list(_activity_records(fy, _by_date(fy.activities)))
    package["projects"] = [_project(p, nested=True) for p in fy.projects]
    package["indicators"] = [_indicator(i) for i in fy.indicators]
    package["metrics"] = [
        {"name": m.name, "value": decimal_text(m.value), "unit": m.unit, "note": m.note} for m in fy.metrics
    ]
    report = report_to_json(fy.report)
    if report:  # optional: a year with default report settings writes what older versions wrote
        package["report"] = report
        package["format_version"] = FORMAT_VERSION
    return package


def dumps(package: dict) -> str:
    """A package dict as export text: 2-space indent, non-ASCII kept, a final newline."""
    return json.dumps(package, ensure_ascii=False, indent=2, allow_nan=False) + "\n"


def package_json(fy: FiscalYear, *, illustrative_note: str | None = None) -> str:
    """The export text of *fy* (``dumps(to_package(fy))``)."""
    return dumps(to_package(fy, illustrative_note=illustrative_note))


_ACTIVITIES_SLOT = '  "activities": [],\n'
_ITEM_INDENT = "    "  # an activity record is an item of a list two levels deep


def write_package(
    fy: FiscalYear,
    out: TextIO,
    activities: Iterable[Activity] | None = None,
    *,
    illustrative_note: str | None = None,
) -> None:
    """Write the export text of *fy* to *out*, exactly as ``package_json`` would, one activity at a time.

    *activities* (default ``fy.activities``) may be a generator, for a year too large to hold: it
    must come in date order (``store.activities.iter_many`` does) and is consumed once; deleted ones
    are left out. Memory stays that of one record, whatever the number of activities.

    :raises ValueError: *fy* is inconsistent, or *activities* are not in date order.
    """
    if activities is None:
        activities = _by_date(fy.activities)
    head = dumps(to_package(replace(fy, activities=[]), illustrative_note=illustrative_note))
    cut = head.index(_ACTIVITIES_SLOT)
    out.write(head[:cut] + '  "activities": [')
    first = True
    last_day: dt.date | None = None
    for record, day in _activity_records(fy, activities, with_day=True):
        if last_day is not None and day < last_day:
            raise ValueError("activities to write are not in date order")
        last_day = day
        text = json.dumps(record, ensure_ascii=False, indent=2, allow_nan=False)
        out.write(("\n" if first else ",\n") + _ITEM_INDENT + text.replace("\n", "\n" + _ITEM_INDENT))
        first = False
    out.write(("" if first else "\n  ") + "],\n" + head[cut + len(_ACTIVITIES_SLOT) :])


def _by_date(activities: list[Activity]) -> list[Activity]:
    """The activities sorted by date, keeping list order within a day."""
    return sorted(activities, key=lambda a: a.date)


def _activity_records(fy: FiscalYear, activities: Iterable[Activity], with_day: bool = False) -> Iterator:
    """The package records of *activities* (deleted ones left out), in their order; with *with_day*,
    ``(record, date)`` pairs."""
    task_pos: dict[int, int] = {}
    measure_pos: dict[int, tuple[int, int]] = {}
    for t_index, task in enumerate(fy.tasks, 1):
        if task.id is not None:
            task_pos[task.id] = t_index
        for m_index, measure in enumerate(task.measures, 1):
            if measure.id is not None:
                measure_pos[measure.id] = (t_index, m_index)
    type_names = {t.id: t.name for t in fy.activity_types if t.id is not None}
    for a in activities:
        if a.deleted:
            continue
        if a.type_id not in type_names:
            raise ValueError(f"activity {a.title!r} refers to unknown type id {a.type_id}")
        task_number = None
        if a.task_id is not None:
            if a.task_id not in task_pos:
                raise ValueError(f"activity {a.title!r} refers to unknown task id {a.task_id}")
            task_number = task_pos[a.task_id]
        measure_number = None
        if a.measure_id is not None:
            if a.measure_id not in measure_pos or measure_pos[a.measure_id][0] != task_number:
                raise ValueError(f"activity {a.title!r}: measure id {a.measure_id} is not in its task")
            measure_number = measure_pos[a.measure_id][1]
        record = {
            "date": a.date.isoformat(),
            "task": task_number,
            "measure": measure_number,
            "type": type_names[a.type_id],
            "title": a.title,
            "notes": a.notes,
            "place": a.place,
            "sessions": a.sessions,
            "participants": a.participants,
            "enterprises": a.enterprises,
            "items": a.items,
            "amount_fen": a.amount_fen,
            "attachments": [
                {
                    "filename": att.filename,
                    "media_type": att.media_type,
                    "data_base64": base64.b64encode(att.data).decode("ascii"),
                }
                for att in a.attachments
            ],
        }
        yield (record, a.date) if with_day else record


def _project(p: Project, nested: bool) -> dict:
    out: dict[str, Any] = {
        "name": p.name,
        "funding_source": p.funding_source,
        "implementer": p.implementer,
        "initial_fen": p.initial_fen,
        "adjusted_fen": p.adjusted_fen,
        "is_key": p.is_key,
        "expected_goal": p.expected_goal,
        "actual_result": p.actual_result,
        "performance_text": p.performance_text,
        "payments": [
            {"date": pay.date.isoformat(), "amount_fen": pay.amount_fen, "note": pay.note}
            for pay in p.payments
        ],
        "indicators": [_indicator(i) for i in p.indicators],
    }
    if nested:
        out["children"] = [_project(c, nested=False) for c in p.children]
    elif p.children:
        raise ValueError(f"project {p.name!r}: projects nest one level only")
    return out


def _indicator(i: Indicator) -> dict:
    return {
        "level1": i.level1,
        "level2": i.level2,
        "level3": i.level3,
        "kind": i.kind,
        "target": i.target,
        "unit": i.unit,
        "actual": i.actual,
        "actual_source": copy.deepcopy(i.actual_source),
        "points": decimal_text(i.points),
        "score_override": None if i.score_override is None else decimal_text(i.score_override),
        "override_note": i.override_note,
        "qual_band": i.qual_band,
        "applicable": i.applicable,
        "deviation_reason": i.deviation_reason,
    }


# -- checking -----------------------------------------------------------------------------------


@cache
def package_schema() -> dict:
    """The JSON Schema of the package (``resources/year-package.schema.json``)."""
    from jixiao.paths import resources_dir

    return json.loads((resources_dir() / SCHEMA_FILE).read_text(encoding="utf-8"))


@cache
def _validator():
    import jsonschema

    def is_integer(_checker, instance) -> bool:
        # JSON Schema counts 1.0 as an integer; money and counts must be real integers.
        return isinstance(instance, int) and not isinstance(instance, bool)

    base = jsonschema.Draft202012Validator
    checker = base.TYPE_CHECKER.redefine("integer", is_integer)
    cls = jsonschema.validators.extend(base, type_checker=checker)
    schema = package_schema()
    return cls(_inline_refs(schema, schema.get("$defs", {}), ()))


def _inline_refs(node: Any, defs: dict, seen: tuple) -> Any:
    """*node* with every ``$ref`` to ``#/$defs/…`` replaced by its definition (jsonschema is ~2× faster)."""
    if isinstance(node, list):
        return [_inline_refs(item, defs, seen) for item in node]
    if not isinstance(node, dict):
        return node
    out = {k: _inline_refs(v, defs, seen) for k, v in node.items() if k not in ("$ref", "$defs")}
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        if name in seen:
            raise ValueError(f"recursive schema definition {name}")
        out = {**_inline_refs(defs[name], defs, (*seen, name)), **out}
    return out


# A fast "is it valid?" check compiled from the same schema file: jsonschema takes ~14 s on a year of
# 100,000 activities, this ~1 s. jsonschema runs only when this says no, to explain the errors.
_SCHEMA_NOTES = {"$schema", "$id", "title", "description", "$comment", "$defs"}
_JSON_TYPES = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
}


def _json_equal(a: Any, b: Any) -> bool:
    """JSON equality: ``true`` is not ``1`` (Python says it is); ``1`` is ``1.0``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return a == b


def _compile(node: dict, defs: dict, compiled: dict):
    """A predicate for schema *node*; raises ``NotImplementedError`` on a keyword it does not know."""
    unknown = set(node) - _SCHEMA_NOTES - {
        "$ref", "type", "properties", "required", "additionalProperties", "items", "enum", "const",
        "pattern", "minimum", "maximum", "maxLength", "maxItems",
    }  # fmt: skip
    if unknown or node.get("additionalProperties", False) is not False:
        raise NotImplementedError(sorted(unknown) or "additionalProperties")
    checks: list[Callable[[Any], bool]] = []
    if "$ref" in node:
        name = node["$ref"].removeprefix("#/$defs/")
        if name not in compiled:
            compiled[name] = None  # placeholder against cycles (the package schema has none)
            compiled[name] = _compile(defs[name], defs, compiled)

        def by_ref(v: Any, name: str = name) -> bool:
            return compiled[name](v)

        checks.append(by_ref)
    if "type" in node:
        kinds = [node["type"]] if isinstance(node["type"], str) else node["type"]
        tests = [_JSON_TYPES[k] for k in kinds]
        checks.append(lambda v: any(t(v) for t in tests))
    if "enum" in node or "const" in node:
        allowed = node["enum"] if "enum" in node else [node["const"]]
        checks.append(lambda v: any(_json_equal(v, a) for a in allowed))
    if "pattern" in node:
        search = re.compile(node["pattern"]).search
        checks.append(lambda v: not isinstance(v, str) or search(v) is not None)
    if "maxLength" in node:  # JSON Schema counts code points, as len() does
        longest = node["maxLength"]
        checks.append(lambda v: not isinstance(v, str) or len(v) <= longest)
    if "maxItems" in node:
        most = node["maxItems"]
        checks.append(lambda v: not isinstance(v, list) or len(v) <= most)
    bounds: tuple[tuple[str, Callable[[Any, Any], bool]], ...] = (
        ("minimum", operator.ge),
        ("maximum", operator.le),
    )
    for key, op in bounds:
        if key in node:
            limit = node[key]

            def in_bound(v: Any, op: Callable[[Any, Any], bool] = op, limit: Any = limit) -> bool:
                return not _JSON_TYPES["number"](v) or op(v, limit)

            checks.append(in_bound)
    if "properties" in node or "required" in node or "additionalProperties" in node:
        props = {k: _compile(v, defs, compiled) for k, v in node.get("properties", {}).items()}
        required = node.get("required", [])
        closed = "additionalProperties" in node

        def check_object(v):
            if not isinstance(v, dict):
                return True
            if any(k not in v for k in required):
                return False
            for k, item in v.items():
                test = props.get(k)
                if test is None:
                    if closed:
                        return False
                elif not test(item):
                    return False
            return True

        checks.append(check_object)
    if "items" in node:
        item_test = _compile(node["items"], defs, compiled)
        checks.append(lambda v: not isinstance(v, list) or all(item_test(i) for i in v))
    if len(checks) == 1:
        return checks[0]
    return lambda v: all(check(v) for check in checks)


@cache
def _fast_check():
    """The compiled predicate, or None when the schema uses a keyword ``_compile`` does not know."""
    schema = package_schema()
    try:
        return _compile(schema, schema.get("$defs", {}), {})
    except NotImplementedError:
        return None


def schema_valid(data: Any) -> bool:
    """True when *data* fits the package JSON Schema (a fast check; jsonschema explains a False)."""
    check = _fast_check()
    if check is not None:
        return check(data)
    return next(iter(_validator().iter_errors(data)), None) is None


def json_path(parts) -> str:
    """A path like ``activities[12].date`` from keys and 0-based indices."""
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _show(value: Any) -> str:
    """A value as it is written in the file (for messages)."""
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else f"“{value}”"


def validate_package(data: Any) -> list[FieldProblem]:
    """Every problem of the parsed package *data*, sorted by path; an empty list when it is valid."""
    if not isinstance(data, dict):
        return [FieldProblem("", MSG_NOT_OBJECT, {})]
    header = _header_problems(data)
    if header:
        return header
    if nesting_depth(data) > MAX_DEPTH:  # the checks below walk the data recursively
        return [FieldProblem("", MSG_TOO_DEEP, {"limit": MAX_DEPTH})]
    problems: list[FieldProblem] = []
    if not schema_valid(data):
        for error in _validator().iter_errors(data):
            problems.extend(_schema_problems(error))
    problems.extend(_character_problems(data, []))
    problems.extend(_semantic_problems(data))
    unique = {(p.field, p.message, json.dumps(p.params, sort_keys=True, default=str)): p for p in problems}
    return sorted(unique.values(), key=lambda p: _path_key(p.field))


def _path_key(path: str) -> tuple:
    return tuple(
        (0, int(tok), "") if tok.isdigit() else (1, 0, tok) for tok in re.findall(r"[^.\[\]]+", path)
    )


def _header_problems(data: dict) -> list[FieldProblem]:
    if data.get("format") != FORMAT:
        return [FieldProblem("format", MSG_WRONG_FORMAT, {"found": _show(data.get("format"))})]
    version = data.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        return [FieldProblem("format_version", MSG_BAD_VERSION, {"found": _show(version)})]
    if version > FORMAT_VERSION:
        return [FieldProblem("format_version", MSG_TOO_NEW, {"found": version, "known": FORMAT_VERSION})]
    return []


def _schema_problems(error) -> list[FieldProblem]:
    parts = list(error.absolute_path)
    path = json_path(parts)
    kind = error.validator
    value = error.instance
    if kind == "required":
        return [
            FieldProblem(json_path([*parts, key]), MSG_MISSING, {})
            for key in error.validator_value
            if key not in value
        ]
    if kind == "additionalProperties":
        allowed = error.schema.get("properties", {})
        found = []
        for key in value:
            if key in allowed:
                continue
            if key == "children" and len(parts) >= 2 and parts[-2] == "children":
                found.append(FieldProblem(json_path([*parts, key]), MSG_GRANDCHILD, {}))
            else:
                found.append(FieldProblem(json_path([*parts, key]), MSG_UNKNOWN_KEY, {}))
        return found
    if kind == "type":
        expected = error.validator_value
        key = expected if isinstance(expected, str) else tuple(expected)
        message = _TYPE_MESSAGES.get(key)
        if message:
            return [FieldProblem(path, message, {})]
    if kind == "pattern":
        pattern = error.validator_value
        if pattern == DATE_PATTERN:
            return [FieldProblem(path, MSG_NOT_DATE, {"value": _show(value)})]
        if pattern == DECIMAL_PATTERN:
            return [FieldProblem(path, MSG_NOT_DECIMAL, {"value": _show(value)})]
        if pattern == NAME_PATTERN:
            return [FieldProblem(path, MSG_BLANK, {})]
    if kind == "minimum":
        return [FieldProblem(path, MSG_MINIMUM, {"value": _show(value), "limit": error.validator_value})]
    if kind == "maximum":
        return [FieldProblem(path, MSG_MAXIMUM, {"value": _show(value), "limit": error.validator_value})]
    if kind == "maxLength":
        return [FieldProblem(path, MSG_TOO_LONG, {"limit": error.validator_value})]
    if kind == "maxItems":
        return [FieldProblem(path, MSG_TOO_MANY, {"limit": error.validator_value})]
    if kind == "enum":
        allowed = ", ".join(_show(v) for v in error.validator_value)
        return [FieldProblem(path, MSG_ENUM, {"value": _show(value), "allowed": allowed})]
    return [FieldProblem(path, MSG_OTHER, {"detail": error.message})]


def _character_problems(value: Any, parts: list) -> Iterator[FieldProblem]:
    """Strings SQLite/UTF-8 cannot hold (NUL, lone surrogates) and non-finite floats, anywhere."""
    if isinstance(value, str):
        bad = _BAD_CHAR_RE.search(value)
        if bad:
            yield FieldProblem(json_path(parts), MSG_BAD_CHAR, {"code": f"{ord(bad.group()):04X}"})
    elif isinstance(value, float):
        if not math.isfinite(value):
            yield FieldProblem(json_path(parts), MSG_NOT_FINITE, {})
    elif isinstance(value, dict):
        for key, item in value.items():
            bad = _BAD_CHAR_RE.search(key) if isinstance(key, str) else None
            if bad is not None:
                yield FieldProblem(json_path(parts), MSG_BAD_CHAR, {"code": f"{ord(bad.group()):04X}"})
            yield from _character_problems(item, [*parts, key])
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _character_problems(item, [*parts, index])


def _is_int(value: Any) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def _dicts(value: Any) -> Iterator[tuple[int, dict]]:
    """(index, item) for the dict items of *value* when it is a list (others are schema errors)."""
    if isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, dict):
                yield index, item


def _real_date(value: Any) -> dt.date | None:
    """The date of a ``YYYY-MM-DD`` string, or None (pattern failures are reported by the schema)."""
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _date_problem(value: Any, parts: list) -> FieldProblem | None:
    if isinstance(value, str) and _DATE_RE.match(value) and _real_date(value) is None:
        return FieldProblem(json_path(parts), MSG_NOT_DATE, {"value": _show(value)})
    return None


def _duplicate_names(items: Any, section: str) -> Iterator[FieldProblem]:
    seen: dict[str, str] = {}
    for index, item in _dicts(items):
        name = item.get("name")
        if not isinstance(name, str):
            continue
        path = json_path([section, index, "name"])
        if name in seen:
            yield FieldProblem(path, MSG_DUPLICATE_NAME, {"name": name, "other": seen[name]})
        else:
            seen[name] = path


def _oversized_decimals(data: dict) -> Iterator[FieldProblem]:
    """Decimals with more than ``MAX_INTEGER_DIGITS`` digits before the point (scores and reports
    compute with 28 significant digits)."""

    def check(value: Any, parts: list) -> Iterator[FieldProblem]:
        if isinstance(value, str) and re.fullmatch(DECIMAL_PATTERN, value):
            if len(value.lstrip("-").split(".")[0]) > MAX_INTEGER_DIGITS:
                yield FieldProblem(
                    json_path(parts),
                    MSG_DECIMAL_TOO_BIG,
                    {"value": _show(value), "limit": MAX_INTEGER_DIGITS},
                )

    def indicators(items: Any, parts: list) -> Iterator[FieldProblem]:
        for index, indicator in _dicts(items):
            for key in ("points", "score_override"):
                yield from check(indicator.get(key), [*parts, index, key])

    for index, metric in _dicts(data.get("metrics")):
        yield from check(metric.get("value"), ["metrics", index, "value"])
    yield from indicators(data.get("indicators"), ["indicators"])
    for index, project in _dicts(data.get("projects")):
        yield from indicators(project.get("indicators"), ["projects", index, "indicators"])
        for child_index, child in _dicts(project.get("children")):
            yield from indicators(
                child.get("indicators"), ["projects", index, "children", child_index, "indicators"]
            )


def _semantic_problems(data: dict) -> Iterator[FieldProblem]:
    year = data.get("year")
    if not _is_int(year) or not MIN_YEAR <= year <= MAX_YEAR:
        year = None  # reported by the schema; dates are not checked against it
    yield from _duplicate_names(data.get("activity_types"), "activity_types")
    yield from _duplicate_names(data.get("metrics"), "metrics")
    yield from _oversized_decimals(data)
    yield from (FieldProblem(path, message, params) for path, message, params in report_problems(data))

    tasks = data.get("tasks", [])
    tasks_known = isinstance(tasks, list)
    if not tasks_known:
        tasks = []
    # Measures per task; None where the task is malformed (its count is unknown).
    measure_counts: list[int | None] = []
    for task in tasks:
        measures = task.get("measures", []) if isinstance(task, dict) else None
        measure_counts.append(len(measures) if isinstance(measures, list) else None)
    types = data.get("activity_types")
    type_names = {t["name"] for _, t in _dicts(types) if isinstance(t.get("name"), str)}
    types_known = (
        isinstance(types, list) and all(isinstance(t, dict) for t in types) or "activity_types" not in data
    )

    for index, activity in _dicts(data.get("activities")):
        here = ["activities", index]
        date_value = activity.get("date")
        problem = _date_problem(date_value, [*here, "date"])
        if problem:
            yield problem
        day = _real_date(date_value)
        if day is not None and year is not None and day.year != year:
            yield FieldProblem(
                json_path([*here, "date"]), MSG_DATE_OUTSIDE_YEAR, {"value": _show(date_value), "year": year}
            )
        type_name = activity.get("type")
        if isinstance(type_name, str) and types_known and type_name not in type_names:
            yield FieldProblem(json_path([*here, "type"]), MSG_NO_TYPE, {"name": type_name})
        task = activity.get("task")
        task_ok = False
        if _is_int(task) and task >= 1 and tasks_known:
            if task > len(tasks):
                yield FieldProblem(
                    json_path([*here, "task"]), MSG_NO_TASK, {"position": task, "count": len(tasks)}
                )
            else:
                task_ok = True
        measure = activity.get("measure")
        if _is_int(measure) and measure >= 1:
            if task is None:
                yield FieldProblem(json_path([*here, "measure"]), MSG_MEASURE_WITHOUT_TASK, {})
            elif task_ok and measure_counts[task - 1] is not None and measure > measure_counts[task - 1]:
                yield FieldProblem(
                    json_path([*here, "measure"]),
                    MSG_NO_MEASURE,
                    {"task": task, "position": measure, "count": measure_counts[task - 1]},
                )
        for a_index, attachment in _dicts(activity.get("attachments")):
            encoded = attachment.get("data_base64")
            if isinstance(encoded, str):
                try:
                    base64.b64decode(encoded, validate=True)
                except (binascii.Error, ValueError):
                    yield FieldProblem(
                        json_path([*here, "attachments", a_index, "data_base64"]), MSG_BAD_BASE64, {}
                    )

    for index, project in _dicts(data.get("projects")):
        yield from _project_problems(project, ["projects", index])
        for c_index, child in _dicts(project.get("children")):
            yield from _project_problems(child, ["projects", index, "children", c_index])
    yield from _rule_problems(data)
    yield from _money_problems(data)


def _rule_problems(data: dict) -> Iterator[FieldProblem]:
    """Unknown rule options are refused (a typo must not be stored and break scoring later)."""
    from jixiao.core.scoring import ScoreRuleError, ScoreRules

    options = data.get("rule_options", {})
    rule = data.get("score_rule", "standard")
    if not isinstance(options, dict) or not isinstance(rule, str):
        return  # reported by the schema
    try:
        ScoreRules.parse(rule, options)
    except ScoreRuleError as error:
        if error.message != ScoreRuleError.message:  # an unknown rule name is the schema's to report
            yield FieldProblem(json_path(["rule_options"]), error.message, dict(error.params))


def _money_bound(value: Any, parts: list, negative_ok: bool = False) -> Iterator[FieldProblem]:
    if not _is_int(value):
        return
    if value < 0 and not negative_ok:
        yield FieldProblem(json_path(parts), MSG_NEGATIVE_MONEY, {"value": value})
    elif abs(value) > MAX_MONEY_FEN:
        yield FieldProblem(json_path(parts), MSG_TOO_MUCH_MONEY, {"value": value, "limit": MAX_MONEY_FEN})


def _money_problems(data: dict) -> Iterator[FieldProblem]:
    """Money within sane bounds: no negative budgets, nothing beyond ``MAX_MONEY_FEN`` (payments may
    be negative: a refund)."""
    for key in ("budget_income_fen", "final_income_fen"):
        yield from _money_bound(data.get(key), [key])
    budget = data.get("budget")
    if isinstance(budget, dict):
        for line, values in budget.items():
            if isinstance(values, dict):
                for key in ("initial_fen", "adjusted_fen", "executed_fen"):
                    yield from _money_bound(values.get(key), ["budget", line, key])
    for index, activity in _dicts(data.get("activities")):
        yield from _money_bound(
            activity.get("amount_fen"), ["activities", index, "amount_fen"], negative_ok=True
        )
    for index, project in _dicts(data.get("projects")):
        items = [(project, ["projects", index])]
        items += [(c, ["projects", index, "children", i]) for i, c in _dicts(project.get("children"))]
        for item, parts in items:
            for key in ("initial_fen", "adjusted_fen"):
                yield from _money_bound(item.get(key), [*parts, key])
            for p_index, payment in _dicts(item.get("payments")):
                yield from _money_bound(
                    payment.get("amount_fen"), [*parts, "payments", p_index, "amount_fen"], negative_ok=True
                )


def _project_problems(project: dict, parts: list) -> Iterator[FieldProblem]:
    for index, payment in _dicts(project.get("payments")):
        problem = _date_problem(payment.get("date"), [*parts, "payments", index, "date"])
        if problem:
            yield problem


# -- reading ------------------------------------------------------------------------------------


def from_package(data: Any) -> FiscalYear:
    """The ``FiscalYear`` of a package; all or nothing.

    Tasks, measures and activity types get provisional ids (1, 2, … by position; measures numbered
    across the whole year) so that activities can refer to them; every other id is None.

    :raises ValidationError: with every problem ``validate_package`` finds.
    """
    problems = validate_package(data)
    if problems:
        raise ValidationError(problems)
    unit_data = data["unit"]
    unit = Unit(
        full_name=unit_data["full_name"],
        short_name=unit_data.get("short_name", ""),
        self_name=unit_data.get("self_name", "本部门"),
        supervisor=unit_data.get("supervisor", ""),
        staffing=unit_data.get("staffing", ""),
        contact_person=unit_data.get("contact_person", ""),
        contact_phone=unit_data.get("contact_phone", ""),
        duties=list(unit_data.get("duties", [])),
        departments=list(unit_data.get("departments", [])),
        kind=unit_data.get("kind", ""),
    )
    tasks: list[Task] = []
    next_measure_id = 1
    for t_index, t in enumerate(data.get("tasks", []), 1):
        measures = []
        for m in t.get("measures", []):
            measures.append(Measure(title=m["title"], text=m.get("text", ""), id=next_measure_id))
            next_measure_id += 1
        tasks.append(
            Task(
                title=t["title"],
                goal_text=t.get("goal_text", ""),
                intro=t.get("intro", ""),
                measures=measures,
                id=t_index,
            )
        )
    types = [
        ActivityType(
            name=t["name"],
            measure_word=t.get("measure_word", "次"),
            counts=tuple(t.get("counts", OPTIONAL_COUNTS)),
            id=index,
        )
        for index, t in enumerate(data.get("activity_types", []), 1)
    ]
    read = _activity_reader(tasks, types)
    activities = [read(a) for a in data.get("activities", [])]
    return FiscalYear(
        year=data["year"],
        unit=unit,
        budget={
            key: BudgetLine(
                line=key,
                initial_fen=line.get("initial_fen", 0),
                adjusted_fen=line.get("adjusted_fen", 0),
                executed_fen=line.get("executed_fen", 0),
            )
            for key, line in data.get("budget", {}).items()
        },
        budget_income_fen=data.get("budget_income_fen", 0),
        final_income_fen=data.get("final_income_fen", 0),
        score_rule=data.get("score_rule", "standard"),
        rule_options=copy.deepcopy(data.get("rule_options", {})),
        layout_profile=data.get("layout_profile", "gbt9704"),
        texts=dict(data.get("texts", {})),
        goals=list(data.get("goals", [])),
        problems=list(data.get("problems", [])),
        improvements=list(data.get("improvements", [])),
        tasks=tasks,
        activity_types=types,
        activities=activities,
        projects=[_read_project(p) for p in data.get("projects", [])],
        indicators=[_read_indicator(i) for i in data.get("indicators", [])],
        metrics=[
            Metric(name=m["name"], value=Decimal(m["value"]), unit=m.get("unit", ""), note=m.get("note", ""))
            for m in data.get("metrics", [])
        ],
        report=report_from_json(data.get("report")),
    )


def activity_reader(fy: FiscalYear) -> Callable[[dict], Activity]:
    """A function turning one valid activity record of a package into an ``Activity`` of *fy* (as
    ``from_package`` made it: tasks, measures and types with their provisional ids)."""
    return _activity_reader(fy.tasks, fy.activity_types)


def _activity_reader(tasks: list[Task], types: list[ActivityType]) -> Callable[[dict], Activity]:
    type_ids = {t.name: t.id for t in types if t.id is not None}  # every type read has its id
    measure_ids = [[m.id for m in task.measures] for task in tasks]

    def read(a: dict) -> Activity:
        task = a.get("task")
        measure = a.get("measure")
        return Activity(
            date=dt.date.fromisoformat(a["date"]),
            type_id=type_ids[a["type"]],
            title=a["title"],
            task_id=None if task is None else tasks[task - 1].id,
            measure_id=None if measure is None or task is None else measure_ids[task - 1][measure - 1],
            notes=a.get("notes", ""),
            place=a.get("place", ""),
            sessions=a.get("sessions", 1),
            participants=a.get("participants", 0),
            enterprises=a.get("enterprises", 0),
            items=a.get("items", 0),
            amount_fen=a.get("amount_fen", 0),
            attachments=[
                Attachment(
                    filename=att["filename"],
                    data=base64.b64decode(att["data_base64"], validate=True),
                    media_type=att.get("media_type", "application/octet-stream"),
                )
                for att in a.get("attachments", [])
            ],
        )

    return read


def _read_project(p: dict) -> Project:
    return Project(
        name=p["name"],
        funding_source=p.get("funding_source", "fiscal_general"),
        implementer=p.get("implementer", ""),
        initial_fen=p.get("initial_fen", 0),
        adjusted_fen=p.get("adjusted_fen", 0),
        is_key=p.get("is_key", False),
        expected_goal=p.get("expected_goal", ""),
        actual_result=p.get("actual_result", ""),
        performance_text=p.get("performance_text", ""),
        payments=[
            Payment(
                date=dt.date.fromisoformat(pay["date"]),
                amount_fen=pay["amount_fen"],
                note=pay.get("note", ""),
            )
            for pay in p.get("payments", [])
        ],
        indicators=[_read_indicator(i) for i in p.get("indicators", [])],
        children=[_read_project(c) for c in p.get("children", [])],
    )


def _read_indicator(i: dict) -> Indicator:
    override = i.get("score_override")
    return Indicator(
        level1=i["level1"],
        level2=i["level2"],
        level3=i["level3"],
        kind=i["kind"],
        points=Decimal(i["points"]),
        target=i.get("target", ""),
        unit=i.get("unit", ""),
        actual=i.get("actual"),
        actual_source=copy.deepcopy(i.get("actual_source")),
        score_override=None if override is None else Decimal(override),
        override_note=i.get("override_note", ""),
        qual_band=i.get("qual_band"),
        applicable=i.get("applicable", True),
        deviation_reason=i.get("deviation_reason", ""),
    )


def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not allowed in a year package")


def parse_package_text(text: str, source: str = "") -> dict:
    """Parse package JSON *text* and check its header (format, version); *source* names it in errors.

    The body is not validated here (``validate_package``/``from_package`` do that).

    :raises PackageFileError: not JSON, a key twice in one object, NaN/Infinity, not a year package,
        or a format version newer than this program knows.
    """

    def pairs(items: list[tuple[str, Any]]) -> dict:
        found: dict[str, Any] = {}
        for key, value in items:
            if key in found:
                raise PackageFileError(MSG_FILE_DUPLICATE_KEY, path=source, key=key)
            found[key] = value
        return found

    if text.startswith("\ufeff"):  # Windows Notepad writes a byte-order mark
        text = text[1:]
    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=_reject_constant)
    except RecursionError:
        raise PackageFileError(MSG_FILE_TOO_DEEP, path=source, limit=MAX_DEPTH) from None
    except json.JSONDecodeError as error:
        raise PackageFileError(
            MSG_FILE_NOT_JSON, path=source, detail=error.msg, line=error.lineno, column=error.colno
        ) from None
    except ValueError as error:
        raise PackageFileError(MSG_FILE_NOT_JSON, path=source, detail=str(error), line=0, column=0) from None
    if nesting_depth(data) > MAX_DEPTH:  # before anything walks it recursively
        raise PackageFileError(MSG_FILE_TOO_DEEP, path=source, limit=MAX_DEPTH)
    header = [FieldProblem("", MSG_NOT_OBJECT, {})] if not isinstance(data, dict) else _header_problems(data)
    if header and header[0].message == MSG_TOO_NEW:
        raise PackageFileError(MSG_FILE_TOO_NEW, path=source, **header[0].params)
    if header:
        raise PackageFileError(MSG_FILE_NOT_PACKAGE, path=source)
    return data


def nesting_depth(value: Any) -> int:
    """How deep objects and lists nest in *value* (a scalar: 0); iterative, so any depth is fine."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children: Iterable[Any]
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest


def load_package_file(path: str | Path) -> dict:
    """Read the package file at *path* (UTF-8 JSON, a BOM allowed) and check its header.

    :raises PackageFileError: unreadable, not UTF-8, not JSON, not a year package, or too new.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise PackageFileError(
            MSG_FILE_UNREADABLE, path=str(path), detail=error.strerror or str(error)
        ) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PackageFileError(MSG_FILE_NOT_UTF8, path=str(path)) from None
    return parse_package_text(text, source=str(path))


# -- reading a large file piece by piece --------------------------------------------------------

_CHUNK = 1 << 20  # characters read at a time
_WHITESPACE = " \t\n\r"


class _JsonPieces:
    """A JSON text file read as it is parsed: one value at a time, never the whole file in memory.

    The same parser as ``parse_package_text`` (``json`` with a duplicate-key hook, NaN refused);
    positions in errors are the file's own lines and columns.
    """

    def __init__(self, fp, source: str) -> None:
        def pairs(items: list[tuple[str, Any]]) -> dict:
            found: dict[str, Any] = {}
            for key, value in items:
                if key in found:
                    raise PackageFileError(MSG_FILE_DUPLICATE_KEY, path=source, key=key)
                found[key] = value
            return found

        self.fp = fp
        self.source = source
        self.decoder = json.JSONDecoder(object_pairs_hook=pairs, parse_constant=_reject_constant)
        self.buf = ""
        self.pos = 0
        self.eof = False
        self.line, self.column = 1, 1  # of buf[0] in the file

    def _more(self) -> bool:
        """Read more of the file (at least as much as is buffered: a long value costs O(n))."""
        if self.eof:
            return False
        try:
            chunk = self.fp.read(max(_CHUNK, len(self.buf)))
        except UnicodeDecodeError:
            raise PackageFileError(MSG_FILE_NOT_UTF8, path=self.source) from None
        except OSError as error:
            raise PackageFileError(
                MSG_FILE_UNREADABLE, path=self.source, detail=error.strerror or str(error)
            ) from None
        if not chunk:
            self.eof = True
            return False
        done = self.buf[: self.pos]
        newlines = done.count("\n")
        if newlines:
            self.line += newlines
            self.column = len(done) - done.rfind("\n")
        else:
            self.column += len(done)
        self.buf = self.buf[self.pos :] + chunk
        self.pos = 0
        return True

    def _error(self, detail: str, at: int) -> PackageFileError:
        newlines = self.buf.count("\n", 0, at)
        if newlines:
            line, column = self.line + newlines, at - self.buf.rfind("\n", 0, at)
        else:
            line, column = self.line, self.column + at
        return PackageFileError(MSG_FILE_NOT_JSON, path=self.source, detail=detail, line=line, column=column)

    def peek(self) -> str:
        """The next character that is not white space ("" at the end of the file)."""
        while True:
            buf, pos = self.buf, self.pos
            while pos < len(buf) and buf[pos] in _WHITESPACE:
                pos += 1
            self.pos = pos
            if pos < len(buf) or not self._more():
                return buf[pos] if pos < len(buf) else ""

    def expect(self, chars: str, what: str) -> str:
        char = self.peek()
        if not char or char not in chars:
            raise self._error(f"Expecting {what}", self.pos)
        self.pos += 1
        return char

    def value(self) -> Any:
        """The next complete JSON value."""
        self.peek()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buf, self.pos)
            except RecursionError:
                raise PackageFileError(MSG_FILE_TOO_DEEP, path=self.source, limit=MAX_DEPTH) from None
            except json.JSONDecodeError as error:
                if self._more():
                    continue
                raise self._error(error.msg, error.pos) from None
            except ValueError as error:  # NaN, Infinity
                raise self._error(str(error), self.pos) from None
            if end == len(self.buf) and self._more():  # a number may go on in the next piece
                continue
            self.pos = end
            return value


def _walk_package(reader: _JsonPieces, data: dict, check_depth: bool = True) -> Iterator[Any]:
    """Parse a package file: yield each item of its ``activities`` list as it comes, and put every
    other top-level value into *data* (``activities`` as ``[]``; a value that is no list stays).
    Without *check_depth* (a file already read once) nesting is not measured again."""
    source = reader.source
    reader.expect("{", "'{'")
    if reader.peek() == "}":
        reader.pos += 1
    else:
        while True:
            key = reader.value() if reader.peek() == '"' else None
            if not isinstance(key, str):
                raise reader._error("Expecting property name enclosed in double quotes", reader.pos)
            if key in data:
                raise PackageFileError(MSG_FILE_DUPLICATE_KEY, path=source, key=key)
            reader.expect(":", "':' delimiter")
            if key == "activities" and reader.peek() == "[":
                reader.pos += 1
                data[key] = []
                if reader.peek() == "]":
                    reader.pos += 1
                else:
                    while True:
                        item = reader.value()
                        if check_depth and nesting_depth(item) + 2 > MAX_DEPTH:
                            raise PackageFileError(MSG_FILE_TOO_DEEP, path=source, limit=MAX_DEPTH)
                        yield item
                        if reader.expect(",]", "',' delimiter") == "]":
                            break
            else:
                data[key] = reader.value()
                if nesting_depth(data[key]) + 1 > MAX_DEPTH:
                    raise PackageFileError(MSG_FILE_TOO_DEEP, path=source, limit=MAX_DEPTH)
            if reader.expect(",}", "',' delimiter") == "}":
                break
    if reader.peek():
        raise reader._error("Extra data", reader.pos)


class PackageStream:
    """A year package file read piece by piece, for a year too large to hold (``import_year``).

    ``header`` reads the file once and returns everything but the activities (checked as
    ``load_package_file`` checks a file: JSON, duplicate keys, depth, format and version), and counts
    them; ``activities()`` reads the file again and yields each activity record with its index.
    Memory stays that of the largest single record.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.count = 0
        self._header: dict | None = None

    def _open(self):
        try:
            return self.path.open(encoding="utf-8-sig", newline="")  # a byte-order mark is tolerated
        except OSError as error:
            raise PackageFileError(
                MSG_FILE_UNREADABLE, path=str(self.path), detail=error.strerror or str(error)
            ) from None

    def header(self) -> dict:
        """The package without its activities (``"activities": []``).

        :raises PackageFileError: unreadable, not UTF-8, not JSON, not a year package, or too new.
        """
        if self._header is None:
            data: dict[str, Any] = {}
            try:
                with self._open() as fp:
                    count = sum(1 for _item in _walk_package(_JsonPieces(fp, str(self.path)), data))
            except PackageFileError:
                load_package_file(self.path)  # a broken file: the whole-file reader names its fault
                raise
            header = _header_problems(data)
            if header and header[0].message == MSG_TOO_NEW:
                raise PackageFileError(MSG_FILE_TOO_NEW, path=str(self.path), **header[0].params)
            if header:
                raise PackageFileError(MSG_FILE_NOT_PACKAGE, path=str(self.path))
            self._header, self.count = data, count
        return self._header

    def activities(self) -> Iterator[tuple[int, Any]]:
        """``(index, record)`` of each activity of the file, in file order (reads the file again)."""
        self.header()
        with self._open() as fp:
            yield from enumerate(_walk_package(_JsonPieces(fp, str(self.path)), {}, check_depth=False))


def activity_checker(header: dict) -> Callable[[int, Any], list[FieldProblem]]:
    """A function listing the problems of one activity record (at its *index*) of a package whose
    other parts are *header*: exactly what ``validate_package`` reports under ``activities[index]``
    for the whole package, found one record at a time."""
    base: dict[str, Any] = {
        "format": FORMAT,
        "format_version": header.get("format_version"),
        "unit": {"full_name": "-"},
    }
    if "year" in header:
        base["year"] = header["year"]
    tasks = header.get("tasks")
    if isinstance(tasks, list):  # only how many measures each task has matters to an activity
        base["tasks"] = [
            {"title": "-", "measures": [{"title": "-"} for _ in t.get("measures", [])]}
            if isinstance(t, dict) and isinstance(t.get("measures", []), list)
            else t
            for t in tasks
        ]
    elif "tasks" in header:
        base["tasks"] = tasks
    types = header.get("activity_types")
    if isinstance(types, list):
        base["activity_types"] = [
            {"name": t["name"]} if isinstance(t, dict) and isinstance(t.get("name"), str) else t
            for t in types
        ]
    elif "activity_types" in header:
        base["activity_types"] = types
    first = "activities[0]"
    clean = _clean_activity_test(base)

    def check(index: int, item: Any) -> list[FieldProblem]:
        if clean is not None and clean(item):
            return []
        found = validate_package({**base, "activities": [item]})
        here = f"activities[{index}]"
        return [
            p._replace(field=here + p.field[len(first) :])
            for p in found
            if p.field == first or p.field.startswith((first + ".", first + "["))
        ]

    return check


def _clean_activity_test(base: dict) -> Callable[[Any], bool] | None:
    """A quick test that an activity record has no problem at all in the package *base* (True only
    when ``validate_package`` would find none; False sends it to the full check), or None when the
    schema cannot be compiled to a quick test."""
    schema = package_schema()
    try:
        fits = _compile(schema["properties"]["activities"]["items"], schema.get("$defs", {}), {})
    except (NotImplementedError, KeyError):
        return None
    year = base.get("year")
    year = year if _is_int(year) and MIN_YEAR <= year <= MAX_YEAR else None
    tasks, types = base.get("tasks", []), base.get("activity_types", [])
    if (
        not isinstance(tasks, list)
        or not isinstance(types, list)
        or not all(isinstance(t, dict) for t in types)
    ):
        return None  # a malformed year: every record takes the full check
    measure_counts = [len(t["measures"]) if isinstance(t, dict) else None for t in tasks]
    type_names = {t["name"] for t in types if isinstance(t.get("name"), str)}
    bad_char = _BAD_CHAR_RE.search

    def clean(item: Any) -> bool:
        if not isinstance(item, dict) or not fits(item):
            return False
        for value in item.values():
            if isinstance(value, str) and bad_char(value):
                return False
        day = _real_date(item["date"])
        if day is None or (year is not None and day.year != year) or item["type"] not in type_names:
            return False
        task, measure = item.get("task"), item.get("measure")
        if task is not None and task > len(tasks):
            return False
        if measure is not None and (
            task is None or measure_counts[task - 1] is None or measure > measure_counts[task - 1]
        ):
            return False
        amount = item.get("amount_fen")
        if amount is not None and not 0 <= amount <= MAX_MONEY_FEN:
            return False
        for attachment in item.get("attachments", []):
            for value in attachment.values():
                if bad_char(value):
                    return False
            try:
                base64.b64decode(attachment["data_base64"], validate=True)
            except (binascii.Error, ValueError):
                return False
        return True

    return clean


def activities_limit() -> int | None:
    """The most activities a package may hold (the schema's ``maxItems``), or None."""
    return package_schema().get("properties", {}).get("activities", {}).get("maxItems")


class StreamedPackage:
    """A package file validated and read one activity at a time (see ``PackageStream``), all or
    nothing like ``from_package``: ``validate`` reads the whole file and raises every problem (as
    ``validate_package`` lists them), or sets ``fy``, the year without its activities; then
    ``activities()`` reads the file once more and yields each ``Activity`` of ``fy``.

    :raises PackageFileError: the file is not a readable year package (raised on creation).
    """

    def __init__(self, stream: PackageStream) -> None:
        self.stream = stream
        self.header = stream.header()
        self.fy: FiscalYear | None = None

    def validate(self) -> FiscalYear:
        """The year without its activities, once every part of the file is checked.

        :raises ValidationError: with every problem of the file, sorted by path.
        """
        if self.fy is None:
            problems = list(validate_package(self.header))
            limit = activities_limit()
            if limit is not None and self.stream.count > limit:
                problems.append(FieldProblem("activities", MSG_TOO_MANY, {"limit": limit}))
            check = activity_checker(self.header)
            for index, item in self.stream.activities():
                problems.extend(check(index, item))
            if problems:
                unique = {
                    (p.field, p.message, json.dumps(p.params, sort_keys=True, default=str)): p
                    for p in problems
                }
                ordered: list[FieldProblem] = sorted(unique.values(), key=lambda p: _path_key(p.field))
                raise ValidationError(ordered)
            self.fy = from_package(self.header)
        return self.fy

    def activities(self) -> Iterator[Activity]:
        """Each activity of the (validated) file as an ``Activity`` of ``fy``, in file order."""
        read = activity_reader(self.validate())
        for _index, item in self.stream.activities():
            yield read(item)
