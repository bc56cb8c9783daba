"""The year package: exact export format, validation with paths, all-or-nothing reading, file errors."""

from __future__ import annotations

import base64
import copy
import datetime as dt
import io
import json
from dataclasses import replace
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from yeardata import TASK_INTRO, UNIT_NAME, fiscal_years, json_values, sample_year

from jixiao.core import yearpackage as yp
from jixiao.core.errors import FieldProblem, ValidationError
from jixiao.core.model import Activity

TOP_KEYS = [
    "format",
    "format_version",
    "unit",
    "year",
    "score_rule",
    "rule_options",
    "layout_profile",
    "budget_income_fen",
    "final_income_fen",
    "budget",
    "texts",
    "goals",
    "problems",
    "improvements",
    "tasks",
    "activity_types",
    "activities",
    "projects",
    "indicators",
    "metrics",
]


def minimal(**extra) -> dict:
    """The smallest valid package, plus *extra* top-level keys."""
    data = {
        "format": "jixiao-year-package",
        "format_version": 1,
        "unit": {"full_name": "区工商联"},
        "year": 2022,
    }
    data.update(extra)
    return data


def problems_of(data) -> list[tuple[str, str]]:
    return [(p.field, p.message) for p in yp.validate_package(data)]


# -- writing ------------------------------------------------------------------------------------


def test_export_format_of_the_sample_year():
    text = yp.package_json(sample_year())
    assert text.endswith("}\n") and not text.endswith("\n\n")
    assert "广州市花都区工商业联合会" in text and "\\u" not in text  # ensure_ascii=False
    assert text.startswith(
        '{\n  "format": "jixiao-year-package",\n  "format_version": 2,\n  "unit": {\n    "full_name"'
    )
    data = json.loads(text)
    assert list(data) == TOP_KEYS
    assert list(data["budget"]) == ["total", "fiscal", "fiscal_general", "basic", "project"]
    assert data["budget"]["total"] == {
        "initial_fen": 600_000_000,
        "adjusted_fen": 628_470_000,
        "executed_fen": 616_040_000,
    }
    assert list(data["texts"]) == ["work_overview", "performance_management"]
    # Activities by date; the two of 15 March keep their list order.
    assert [(a["date"], a["title"]) for a in data["activities"]] == [
        ("2022-01-10", "走访会员企业"),
        ("2022-03-15", "党史学习教育宣讲"),
        ("2022-03-15", "非公党建培训"),
        ("2022-06-01", "无任务的宣讲"),
    ]
    visit, lecture, training, loose = data["activities"]
    assert (visit["task"], visit["measure"], visit["type"]) == (2, 1, "走访")
    assert (lecture["task"], lecture["measure"], lecture["type"]) == (1, 1, "宣讲会")
    assert (training["task"], training["measure"], training["type"]) == (1, None, "培训 <A&B>")
    assert (loose["task"], loose["measure"]) == (None, None)
    assert list(visit) == [
        "date",
        "task",
        "measure",
        "type",
        "title",
        "notes",
        "place",
        "sessions",
        "participants",
        "enterprises",
        "items",
        "amount_fen",
        "attachments",
    ]
    assert visit["attachments"][1] == {
        "filename": "现场照片.jpg",
        "media_type": "image/jpeg",
        "data_base64": base64.b64encode(bytes(range(256))).decode(),
    }
    project = data["projects"][0]
    assert "children" in project and "children" not in project["children"][0]
    assert project["children"][0]["payments"] == [
        {"date": "2022-06-30", "amount_fen": 500_000, "note": "上半年"},
        {"date": "2022-12-20", "amount_fen": 300_000, "note": ""},
    ]
    first, second = data["indicators"]
    assert first["points"] == "10.0" and first["actual"] is None
    assert first["actual_source"] == {"count": "sessions", "type": "宣讲会"}
    assert second["score_override"] == "9.50" and second["applicable"] is False
    assert data["metrics"][1] == {"name": "捐款", "value": "1180.5", "unit": "万元", "note": "含物资"}
    assert '  "year": 2022,\n' in text  # two-space indentation
    assert [list(t) for t in data["tasks"]] == [["title", "goal_text", "intro", "measures"]] * 2
    assert [t["intro"] for t in data["tasks"]] == ["", TASK_INTRO]  # a live figure is kept as typed


def test_illustrative_note_is_written_only_when_given():
    assert "illustrative_note" not in yp.to_package(sample_year())
    data = yp.to_package(sample_year(), illustrative_note="数字为示例")
    assert list(data)[:4] == ["format", "format_version", "illustrative_note", "unit"]
    assert yp.from_package(data).unit.full_name == UNIT_NAME  # accepted on import (not stored)


def test_deleted_activities_are_not_exported():
    fy = sample_year()
    fy.activities[0].deleted = True
    titles = [a["title"] for a in yp.to_package(fy)["activities"]]
    assert "党史学习教育宣讲" not in titles and len(titles) == 3


@pytest.mark.parametrize(
    "change",
    [
        lambda fy: setattr(fy.activities[0], "type_id", 999),
        lambda fy: setattr(fy.activities[0], "task_id", 999),
        lambda fy: setattr(fy.activities[0], "measure_id", 90),  # a measure of another task
        lambda fy: fy.projects[0].children[0].children.append(copy.deepcopy(fy.projects[1])),
        lambda fy: fy.budget.update(bogus=fy.budget["total"]),
    ],
)
def test_inconsistent_year_is_refused_by_to_package(change):
    fy = sample_year()
    change(fy)
    with pytest.raises(ValueError):
        yp.to_package(fy)


def test_decimal_text_is_plain_and_keeps_trailing_zeros():
    assert yp.decimal_text(Decimal("1E-7")) == "0.0000001"
    assert yp.decimal_text(Decimal("1E+3")) == "1000"
    assert yp.decimal_text(Decimal("98.50")) == "98.50"
    with pytest.raises(ValueError):
        yp.decimal_text(Decimal("NaN"))


# -- reading ------------------------------------------------------------------------------------


def test_sample_round_trip_and_references():
    text = yp.package_json(sample_year())
    fy = yp.from_package(json.loads(text))
    assert yp.package_json(fy) == text
    # Provisional ids: tasks and types by position, measures numbered across the year.
    assert [t.id for t in fy.tasks] == [1, 2]
    assert [[m.id for m in t.measures] for t in fy.tasks] == [[1, 2], [3]]
    visit = fy.activities[0]
    assert (visit.task_id, visit.measure_id, visit.type_id) == (2, 3, 2)
    assert visit.attachments[0].data == b"%PDF-1.4 \x00\xff"
    assert fy.indicators[1].score_override == Decimal("9.50")
    assert fy.metrics[0].value == Decimal("3782")
    assert fy.projects[0].children[0].executed_fen == 800_000
    assert fy.budget["total"].line == "total"
    assert [(t.goal_text, t.intro) for t in fy.tasks] == [("全面加强思想政治引领", ""), ("", TASK_INTRO)]


def test_task_intro_is_optional_and_must_be_text():
    fy = yp.from_package(
        minimal(tasks=[{"title": "加强思想政治引导"}, {"title": "创新非公党建", "intro": "概述。"}])
    )
    assert [(t.title, t.goal_text, t.intro) for t in fy.tasks] == [
        ("加强思想政治引导", "", ""),
        ("创新非公党建", "", "概述。"),
    ]
    assert yp.to_package(fy)["tasks"][0] == {
        "title": "加强思想政治引导",
        "goal_text": "",
        "intro": "",
        "measures": [],
    }


def test_minimal_package_takes_the_defaults():
    fy = yp.from_package(minimal())
    assert fy.year == 2022 and fy.unit.full_name == "区工商联"
    assert fy.unit.self_name == "本部门" and fy.score_rule == "standard" and fy.layout_profile == "gbt9704"
    assert fy.budget == {} and fy.activities == [] and fy.rule_options == {}
    data = minimal(
        activity_types=[{"name": "宣讲会"}],
        activities=[{"date": "2022-05-04", "type": "宣讲会", "title": "青年节宣讲"}],
        indicators=[{"level1": "", "level2": "", "level3": "满意度", "kind": "qual", "points": "10"}],
    )
    fy = yp.from_package(data)
    assert fy.activity_types[0].measure_word == "次"
    activity = fy.activities[0]
    assert (activity.sessions, activity.participants, activity.amount_fen, activity.task_id) == (
        1,
        0,
        0,
        None,
    )
    assert fy.indicators[0].applicable is True and fy.indicators[0].actual is None


def test_from_package_does_not_alias_the_input():
    data = yp.to_package(sample_year())
    fy = yp.from_package(data)
    fy.rule_options["changed"] = True
    fy.indicators[0].actual_source["changed"] = True
    assert "changed" not in data["rule_options"] and "changed" not in data["indicators"][0]["actual_source"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fiscal_years())
def test_any_year_round_trips_through_the_package(fy):
    data = yp.to_package(fy)
    assert yp.validate_package(data) == []
    text = yp.dumps(data)
    again = yp.from_package(json.loads(text))
    assert yp.package_json(again) == text
    assert again.unit == fy.unit.__class__(**{**fy.unit.__dict__, "id": None})
    assert [a.attachments for a in again.activities] == [
        a.attachments for a in sorted(fy.activities, key=lambda a: a.date)
    ]


# -- problems -----------------------------------------------------------------------------------


def good() -> dict:
    return yp.to_package(sample_year())


BROKEN = [
    (
        "bad date",
        lambda d: d["activities"][1].update(date="2022-13-01"),
        "activities[1].date",
        yp.MSG_NOT_DATE,
    ),
    (
        "31 February",
        lambda d: d["activities"][0].update(date="2022-02-31"),
        "activities[0].date",
        yp.MSG_NOT_DATE,
    ),
    (
        "date text",
        lambda d: d["activities"][0].update(date="15/03/2022"),
        "activities[0].date",
        yp.MSG_NOT_DATE,
    ),
    (
        "date outside year",
        lambda d: d["activities"][3].update(date="2023-01-01"),
        "activities[3].date",
        yp.MSG_DATE_OUTSIDE_YEAR,
    ),
    (
        "unknown type",
        lambda d: d["activities"][2].update(type="座谈会"),
        "activities[2].type",
        yp.MSG_NO_TYPE,
    ),
    (
        "measure out of range",
        lambda d: d["activities"][0].update(measure=2),
        "activities[0].measure",
        yp.MSG_NO_MEASURE,
    ),
    ("task out of range", lambda d: d["activities"][0].update(task=3), "activities[0].task", yp.MSG_NO_TASK),
    ("task zero", lambda d: d["activities"][0].update(task=0), "activities[0].task", yp.MSG_MINIMUM),
    (
        "measure without task",
        lambda d: d["activities"][3].update(measure=1),
        "activities[3].measure",
        yp.MSG_MEASURE_WITHOUT_TASK,
    ),
    (
        "float money",
        lambda d: d["budget"]["total"].update(adjusted_fen=6284700.5),
        "budget.total.adjusted_fen",
        yp.MSG_TYPE_INTEGER,
    ),
    (
        "integral float money",
        lambda d: d.update(final_income_fen=100.0),
        "final_income_fen",
        yp.MSG_TYPE_INTEGER,
    ),
    (
        "money as text",
        lambda d: d["activities"][0].update(amount_fen="100"),
        "activities[0].amount_fen",
        yp.MSG_TYPE_INTEGER_OR_NULL,  # a blank count is null
    ),
    (
        "boolean count",
        lambda d: d["activities"][0].update(sessions=True),
        "activities[0].sessions",
        yp.MSG_TYPE_INTEGER,
    ),
    (
        "negative count",
        lambda d: d["activities"][0].update(participants=-1),
        "activities[0].participants",
        yp.MSG_MINIMUM,
    ),
    ("missing title", lambda d: d["tasks"][1].pop("title"), "tasks[1].title", yp.MSG_MISSING),
    ("missing unit", lambda d: d.pop("unit"), "unit", yp.MSG_MISSING),
    (
        "missing date",
        lambda d: d["projects"][0]["children"][0]["payments"][1].pop("date"),
        "projects[0].children[0].payments[1].date",
        yp.MSG_MISSING,
    ),
    ("blank title", lambda d: d["tasks"][0].update(title=" \u3000\n"), "tasks[0].title", yp.MSG_BLANK),
    ("blank name", lambda d: d["metrics"][0].update(name=""), "metrics[0].name", yp.MSG_BLANK),
    ("unknown key", lambda d: d["tasks"][0].update(titel="x"), "tasks[0].titel", yp.MSG_UNKNOWN_KEY),
    ("intro not text", lambda d: d["tasks"][1].update(intro=["概述"]), "tasks[1].intro", yp.MSG_TYPE_STRING),
    ("intro null", lambda d: d["tasks"][0].update(intro=None), "tasks[0].intro", yp.MSG_TYPE_STRING),
    ("NUL in intro", lambda d: d["tasks"][1].update(intro="概\x00述"), "tasks[1].intro", yp.MSG_BAD_CHAR),
    ("unknown budget line", lambda d: d["budget"].update(misc={}), "budget.misc", yp.MSG_UNKNOWN_KEY),
    (
        "grandchild project",
        lambda d: d["projects"][0]["children"][0].update(children=[]),
        "projects[0].children[0].children",
        yp.MSG_GRANDCHILD,
    ),
    (
        "decimal with exponent",
        lambda d: d["indicators"][0].update(points="1e1"),
        "indicators[0].points",
        yp.MSG_NOT_DECIMAL,
    ),
    (
        "decimal as number",
        lambda d: d["metrics"][0].update(value=3782),
        "metrics[0].value",
        yp.MSG_TYPE_STRING,
    ),
    (
        "decimal with comma",
        lambda d: d["metrics"][0].update(value="3,782"),
        "metrics[0].value",
        yp.MSG_NOT_DECIMAL,
    ),
    (
        "bad override",
        lambda d: d["indicators"][1].update(score_override="九"),
        "indicators[1].score_override",
        yp.MSG_NOT_DECIMAL,
    ),
    ("bad kind", lambda d: d["indicators"][0].update(kind=">"), "indicators[0].kind", yp.MSG_ENUM),
    (
        "bad band",
        lambda d: d["projects"][0]["children"][0]["indicators"][0].update(qual_band="good"),
        "projects[0].children[0].indicators[0].qual_band",
        yp.MSG_ENUM,
    ),
    ("bad rule", lambda d: d.update(score_rule="max"), "score_rule", yp.MSG_ENUM),
    ("year out of range", lambda d: d.update(year=1900), "year", yp.MSG_MINIMUM),
    (
        "duplicate type",
        lambda d: d["activity_types"].append({"name": "宣讲会"}),
        "activity_types[3].name",
        yp.MSG_DUPLICATE_NAME,
    ),
    (
        "duplicate metric",
        lambda d: d["metrics"][1].update(name="会员人数"),
        "metrics[1].name",
        yp.MSG_DUPLICATE_NAME,
    ),
    (
        "bad base64",
        lambda d: d["activities"][0]["attachments"][0].update(data_base64="not base64!"),
        "activities[0].attachments[0].data_base64",
        yp.MSG_BAD_BASE64,
    ),
    ("NUL in text", lambda d: d["unit"].update(staffing="a\x00b"), "unit.staffing", yp.MSG_BAD_CHAR),
    ("lone surrogate", lambda d: d["goals"].append("\ud800"), "goals[2]", yp.MSG_BAD_CHAR),
    ("tasks not a list", lambda d: d.update(tasks={}), "tasks", yp.MSG_TYPE_ARRAY),
    (
        "actual as number",
        lambda d: d["indicators"][1].update(actual=98.5),
        "indicators[1].actual",
        yp.MSG_TYPE_STRING_OR_NULL,
    ),
]


@pytest.mark.parametrize(("change", "path", "message"), [b[1:] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_each_problem_is_reported_at_its_path(change, path, message):
    data = good()
    change(data)
    found = problems_of(data)
    assert found == [(path, message)], found
    with pytest.raises(ValidationError) as caught:
        yp.from_package(data)
    assert caught.value.problems == yp.validate_package(data)
    assert caught.value.params == {"count": 1}


def test_problem_params_and_translation():
    data = good()
    data["activities"][0]["date"] = "2022-13-01"
    data["activities"][1]["measure"] = 5
    problem_date, problem_measure = yp.validate_package(data)
    assert problem_date == FieldProblem("activities[0].date", yp.MSG_NOT_DATE, {"value": "“2022-13-01”"})
    assert problem_measure.params == {"task": 1, "position": 5, "count": 2}
    error = pytest.raises(ValidationError, yp.from_package, data).value
    assert error.translated_problems(lambda m: m) == [
        "activities[0].date: “2022-13-01” is not a date (YYYY-MM-DD).",
        "activities[1].measure: Task 1 has no measure 5; it has 2 measure(s).",
    ]
    assert str(error) == "The input has 2 problem(s)."


def test_every_problem_is_listed_in_path_order():
    data = good()
    for change in (
        b[1]
        for b in BROKEN
        if b[0] in ("bad date", "unknown type", "float money", "missing title", "duplicate metric")
    ):
        change(data)
    assert [p for p, _ in problems_of(data)] == [
        "activities[1].date",
        "activities[2].type",
        "budget.total.adjusted_fen",
        "metrics[1].name",
        "tasks[1].title",
    ]


def test_activity_dates_are_checked_against_the_year_only_when_it_is_valid():
    data = good()
    data["year"] = "2022"
    assert problems_of(data) == [("year", yp.MSG_TYPE_INTEGER)]


def test_malformed_items_do_not_crash_the_semantic_checks():
    data = good()
    data["tasks"][0] = "组织学习"
    data["activities"].append(17)
    data["activity_types"] = [{"measure_word": "场"}]
    data["projects"][0]["children"] = "none"
    data["metrics"] = [None]
    found = problems_of(data)
    assert ("tasks[0]", yp.MSG_TYPE_OBJECT) in found
    assert ("activities[4]", yp.MSG_TYPE_OBJECT) in found
    assert ("activity_types[0].name", yp.MSG_MISSING) in found
    assert ("projects[0].children", yp.MSG_TYPE_ARRAY) in found
    assert ("metrics[0]", yp.MSG_TYPE_OBJECT) in found


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ([], ("", yp.MSG_NOT_OBJECT)),
        ({"format": "other"}, ("format", yp.MSG_WRONG_FORMAT)),
        (minimal(format_version=4), ("format_version", yp.MSG_TOO_NEW)),
        (minimal(format_version="1"), ("format_version", yp.MSG_BAD_VERSION)),
        (minimal(format_version=0), ("format_version", yp.MSG_BAD_VERSION)),
        (minimal(format_version=True), ("format_version", yp.MSG_BAD_VERSION)),
    ],
)
def test_wrong_header_is_the_only_problem(data, problem):
    assert problems_of(data) == [problem]


# -- files --------------------------------------------------------------------------------------


def test_load_package_file_reads_utf8_with_or_without_bom(tmp_path):
    text = yp.package_json(sample_year())
    plain = tmp_path / "plain.json"
    plain.write_text(text, encoding="utf-8")
    bom = tmp_path / "bom.json"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert yp.load_package_file(plain) == yp.load_package_file(str(bom)) == json.loads(text)


@pytest.mark.parametrize(
    ("content", "message", "params"),
    [
        (b'{"format": "jixiao-year-package",\n "year": }', yp.MSG_FILE_NOT_JSON, {"line": 2, "column": 10}),
        (b"\xff\xfe{\x00}\x00", yp.MSG_FILE_NOT_UTF8, {}),
        (b'{"format": "jixiao-year-package", "format": "x"}', yp.MSG_FILE_DUPLICATE_KEY, {"key": "format"}),
        (b'{"format": "jixiao-year-package", "format_version": 1, "x": NaN}', yp.MSG_FILE_NOT_JSON, {}),
        (b'{"format": "something-else", "format_version": 1}', yp.MSG_FILE_NOT_PACKAGE, {}),
        (b"[1, 2]", yp.MSG_FILE_NOT_PACKAGE, {}),
        (
            b'{"format": "jixiao-year-package", "format_version": 7}',
            yp.MSG_FILE_TOO_NEW,
            {"found": 7, "known": 3},
        ),
    ],
)
def test_load_package_file_errors(tmp_path, content, message, params):
    path = tmp_path / "year.json"
    path.write_bytes(content)
    with pytest.raises(yp.PackageFileError) as caught:
        yp.load_package_file(path)
    assert caught.value.message == message
    assert caught.value.params["path"] == str(path)
    for key, value in params.items():
        assert caught.value.params[key] == value
    assert str(path) in str(caught.value)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(yp.PackageFileError) as caught:
        yp.load_package_file(tmp_path / "nowhere.json")
    assert caught.value.message == yp.MSG_FILE_UNREADABLE


def test_header_check_does_not_validate_the_body():
    data = yp.parse_package_text(json.dumps(minimal(year="soon")))
    assert data["year"] == "soon"
    assert problems_of(data) == [("year", yp.MSG_TYPE_INTEGER)]


# -- the schema file ------------------------------------------------------------------------------


def test_schema_file_is_valid_draft_2020_12_and_matches_the_export():
    schema = yp.package_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["format_version"]["enum"] == list(range(1, yp.FORMAT_VERSION + 1))
    assert schema["$defs"]["date"]["pattern"] == yp.DATE_PATTERN
    assert schema["$defs"]["decimal"]["pattern"] == yp.DECIMAL_PATTERN
    assert schema["$defs"]["name"]["pattern"] == yp.NAME_PATTERN
    assert schema["$defs"]["indicator"]["properties"]["score_override"]["pattern"] == yp.DECIMAL_PATTERN
    # "report" (issue 12) is optional: written only when a year has report settings.
    assert list(schema["properties"]) == TOP_KEYS[:2] + ["illustrative_note"] + TOP_KEYS[2:] + ["report"]
    # Every key the export writes is declared, in the same order.
    data = good()
    defs = schema["$defs"]
    assert list(defs["unit"]["properties"]) == list(data["unit"])
    assert list(defs["activity"]["properties"]) == list(data["activities"][0])
    assert list(defs["project"]["properties"]) == list(data["projects"][0])
    assert list(defs["project_child"]["properties"]) == list(data["projects"][0]["children"][0])
    assert list(defs["indicator"]["properties"]) == list(data["indicators"][0])
    assert list(defs["metric"]["properties"]) == list(data["metrics"][0])
    assert list(defs["task"]["properties"]) == list(data["tasks"][0])


def test_activity_model_fields_are_all_exported():
    exported = set(good()["activities"][0]) | {"task_id", "measure_id", "type_id"}
    fields = set(Activity.__dataclass_fields__) - {"id", "deleted"}
    assert {f for f in fields if f not in exported} == set()


def test_dates_are_written_iso():
    fy = sample_year()
    fy.activities[0].date = dt.date(2022, 1, 2)
    assert yp.to_package(fy)["activities"][0]["date"] == "2022-01-02"


# -- the fast schema check agrees with jsonschema ---------------------------------------------------


def jsonschema_valid(data) -> bool:
    return next(iter(yp._validator().iter_errors(data)), None) is None


def test_fast_check_compiles_from_the_schema_file():
    assert yp._fast_check() is not None


@pytest.mark.parametrize("change", [b[1] for b in BROKEN], ids=[b[0] for b in BROKEN])
def test_fast_check_agrees_on_the_broken_cases(change):
    data = good()
    change(data)
    assert yp.schema_valid(data) == jsonschema_valid(data)


def _nodes(value, path=()):
    """Every (path, node) of a JSON value."""
    yield path, value
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _nodes(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _nodes(item, (*path, index))


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_fast_check_agrees_with_jsonschema_on_mutations(data):
    package = good()
    nodes = list(_nodes(package))
    for _ in range(data.draw(st.integers(1, 3))):
        path, node = data.draw(st.sampled_from(nodes))
        action = data.draw(st.sampled_from(["replace", "drop", "add"]))
        if not path:
            continue
        parent = package
        try:
            for part in path[:-1]:
                parent = parent[part]
            if action == "replace":
                parent[path[-1]] = data.draw(
                    json_values | st.sampled_from([1.0, True, -1, "", " ", "2022-13-01", "1e3"])
                )
            elif action == "drop":
                del parent[path[-1]]
            elif isinstance(node, dict):
                node[data.draw(st.sampled_from(["title", "children", "x", "date", "name"]))] = data.draw(
                    json_values
                )
        except (KeyError, IndexError, TypeError):
            continue  # the path was changed by an earlier mutation
    assert yp.schema_valid(package) == jsonschema_valid(package)
    if not yp.validate_package(package):
        yp.from_package(package)  # whatever validates converts without a crash


# -- streaming ----------------------------------------------------------------------------------


@given(fiscal_years())
def test_write_package_streams_exactly_the_export_text(fy):
    out = io.StringIO()
    yp.write_package(fy, out)
    assert out.getvalue() == yp.package_json(fy)
    streamed = io.StringIO()
    in_order = sorted(fy.activities, key=lambda a: a.date)
    yp.write_package(replace(fy, activities=[]), streamed, iter(in_order))  # a generator, consumed once
    assert streamed.getvalue() == out.getvalue()
    assert json.loads(out.getvalue()) == yp.to_package(fy)


def test_write_package_with_a_note_and_without_activities():
    fy = sample_year()
    out = io.StringIO()
    yp.write_package(fy, out, illustrative_note="示例")
    assert out.getvalue() == yp.package_json(fy, illustrative_note="示例")
    fy.activities = []
    out = io.StringIO()
    yp.write_package(fy, out)
    assert out.getvalue() == yp.package_json(fy) and '"activities": [],' in out.getvalue()


def test_write_package_refuses_activities_out_of_date_order():
    fy = sample_year()
    backwards = sorted(fy.activities, key=lambda a: a.date, reverse=True)
    assert backwards[0].date != backwards[-1].date
    with pytest.raises(ValueError, match="date order"):
        yp.write_package(fy, io.StringIO(), iter(backwards))


def _stream_errors(tmp_path, content: bytes) -> tuple:
    path = tmp_path / "year.json"
    path.write_bytes(content)
    with pytest.raises(yp.PackageFileError) as whole:
        yp.load_package_file(path)
    with pytest.raises(yp.PackageFileError) as pieces:
        yp.PackageStream(path).header()
    return whole.value, pieces.value


@pytest.mark.parametrize(
    "content",
    [
        b'{"format": "jixiao-year-package",\n "year": }',
        b"\xff\xfe{\x00}\x00",
        b'{"format": "jixiao-year-package", "format": "x"}',
        b'{"format": "jixiao-year-package", "format_version": 1, "x": NaN}',
        b'{"format": "something-else", "format_version": 1}',
        b"[1, 2]",
        b'{"format": "jixiao-year-package", "format_version": 7}',
        b'{"format": "jixiao-year-package", "format_version": 2, "activities": [{"date": 1},, ]}',
        b'{"format": "jixiao-year-package", "format_version": 2} trailing',
        b'{"format": "jixiao-year-package", "format_version": 2, "activities": ['
        + b"[" * 30
        + b"]" * 30
        + b"]}",
    ],
)
def test_a_file_read_in_pieces_fails_as_the_whole_file_does(tmp_path, content):
    whole, pieces = _stream_errors(tmp_path, content)
    assert (pieces.message, pieces.params) == (whole.message, whole.params)


@pytest.mark.parametrize("chunk", [1, 7, 4096])
def test_a_file_read_in_pieces_gives_the_same_package(tmp_path, monkeypatch, chunk):
    monkeypatch.setattr(yp, "_CHUNK", chunk)  # values split across every kind of boundary
    fy = sample_year()
    text = yp.package_json(fy, illustrative_note="示例")
    path = tmp_path / "year.json"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))  # BOM, Windows lines
    stream = yp.PackageStream(path)
    header = stream.header()
    data = json.loads(text)
    assert stream.count == len(data["activities"])
    assert header == {**data, "activities": []}
    assert [item for _, item in stream.activities()] == data["activities"]
    package = yp.StreamedPackage(stream)
    again = package.validate()
    again.activities = list(package.activities())
    assert yp.package_json(again) == yp.package_json(yp.from_package(data))


def test_activities_may_come_before_what_they_refer_to(tmp_path):
    data = yp.to_package(sample_year())
    moved = {"activities": data.pop("activities"), **data}
    path = tmp_path / "year.json"
    path.write_text(json.dumps(moved, ensure_ascii=False), encoding="utf-8")
    package = yp.StreamedPackage(yp.PackageStream(path))
    fy = package.validate()
    fy.activities = list(package.activities())
    assert yp.package_json(fy) == yp.package_json(yp.from_package(moved))


def _broken_activities(data: dict) -> None:
    data["activities"][0]["date"] = "2022-02-30"
    data["activities"][1]["type"] = "没有的类型"
    data["activities"][2]["measure"] = 99
    data["activities"][2]["sessions"] = -1
    data["activities"][-1]["attachments"].append({"filename": "x", "data_base64": "***"})
    data["activities"][-1]["colour"] = "red"
    data["tasks"][0]["title"] = ""


def test_a_file_read_in_pieces_lists_the_problems_validate_package_lists(tmp_path):
    data = yp.to_package(sample_year())
    _broken_activities(data)
    path = tmp_path / "year.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        yp.StreamedPackage(yp.PackageStream(path)).validate()
    expected = yp.validate_package(data)
    assert len(expected) >= 7
    assert list(caught.value.problems) == expected


def test_too_many_activities_in_a_file(tmp_path, monkeypatch):
    monkeypatch.setattr(yp, "activities_limit", lambda: 2)
    path = tmp_path / "year.json"
    path.write_text(yp.package_json(sample_year()), encoding="utf-8")
    with pytest.raises(ValidationError) as caught:
        yp.StreamedPackage(yp.PackageStream(path)).validate()
    assert (FieldProblem("activities", yp.MSG_TOO_MANY, {"limit": 2})) in caught.value.problems


ODD_VALUES = [
    None,
    "",
    " ",
    "2022-02-29",
    "2021-05-01",
    "2022-1-1",
    -1,
    0,
    1,
    2,
    3,
    99,
    10**15,
    1.5,
    True,
    "a\x00b",
    [],
    {},
]


def test_the_quick_activity_check_never_misses_a_problem():
    data = yp.to_package(sample_year())
    check = yp.activity_checker({**data, "activities": []})
    record = next(a for a in data["activities"] if a["task"] is not None and a["measure"] is not None)
    for key in [*record, "colour"]:
        for value in ODD_VALUES:
            item = {**copy.deepcopy(record), key: value}
            whole = yp.validate_package({**data, "activities": [item]})
            assert check(0, item) == whole, (key, value)
    for attachment in (
        {"filename": "a.txt", "data_base64": "***"},
        {"filename": "\ud800", "data_base64": ""},
    ):
        item = {**copy.deepcopy(record), "attachments": [attachment]}
        assert check(0, item) == yp.validate_package({**data, "activities": [item]}) != []


def test_the_format_version_is_the_lowest_that_reads_the_package():
    """3 only with a ``report`` part (so an older jixiao says "too new" rather than "unknown key");
    a version 2 package with a ``report`` part, as written before the bump, still reads."""
    from jixiao.core.model import YearReport

    fy = sample_year()
    fy.report = YearReport()
    plain = yp.to_package(fy)
    assert plain["format_version"] == 2 and "report" not in plain
    fy.report = YearReport(outline_key="guangxi-hengxian-2017", expenditure_fen=176_420_000)
    with_report = yp.to_package(fy)
    assert with_report["format_version"] == yp.FORMAT_VERSION == 3 and "report" in with_report
    text = io.StringIO()
    yp.write_package(fy, text)
    assert json.loads(text.getvalue())["format_version"] == 3  # the streamed export says the same
    older = {**with_report, "format_version": 2}
    assert yp.from_package(older).report.outline_key == "guangxi-hengxian-2017"
