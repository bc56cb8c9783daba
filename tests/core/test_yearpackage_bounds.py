"""Every length the year package accepts is bounded, and deep nesting is a clear problem (issue 9)."""

from __future__ import annotations

import json

import pytest
from yeardata import sample_year

from jixiao.core import yearpackage as yp
from jixiao.core.errors import ValidationError


def good() -> dict:
    return yp.to_package(sample_year())


def problems_of(data) -> list[tuple[str, str, dict]]:
    return [(p.field, p.message, p.params) for p in yp.validate_package(data)]


def test_a_5000_digit_metric_and_a_401_digit_points_value_are_refused():
    data = good()
    data["metrics"][0]["value"] = "9" * 5000
    data["indicators"][0]["points"] = "1" * 401
    found = problems_of(data)
    assert ("metrics[0].value", yp.MSG_TOO_LONG, {"limit": 100}) in found
    assert ("indicators[0].points", yp.MSG_TOO_LONG, {"limit": 100}) in found
    with pytest.raises(ValidationError):
        yp.from_package(data)


def test_a_decimal_with_too_many_digits_before_the_point_is_refused():
    data = good()
    data["indicators"][0]["points"] = "1" * 16
    data["metrics"][0]["value"] = "-" + "9" * 15 + ".25"  # 15 digits: fine
    assert problems_of(data) == [
        ("indicators[0].points", yp.MSG_DECIMAL_TOO_BIG, {"value": "“" + "1" * 16 + "”", "limit": 15})
    ]


def test_a_huge_text_and_too_many_entries_are_refused():
    data = good()
    data["texts"]["work_overview"] = "字" * 100_001
    data["activities"][0]["attachments"] = [
        {"filename": f"{n}.txt", "media_type": "text/plain", "data_base64": ""} for n in range(101)
    ]
    data["unit"]["full_name"] = "名" * 501
    found = problems_of(data)
    assert ("texts.work_overview", yp.MSG_TOO_LONG, {"limit": 100_000}) in found
    assert ("activities[0].attachments", yp.MSG_TOO_MANY, {"limit": 100}) in found
    assert ("unit.full_name", yp.MSG_TOO_LONG, {"limit": 500}) in found
    data = good()
    data["texts"]["work_overview"] = "字" * 100_000  # at the bound: accepted
    assert problems_of(data) == []


@pytest.mark.parametrize("depth", [21, 900, 5000, 100_000])
def test_deep_nesting_is_a_clear_refusal_not_a_recursion_error(depth):
    data = good()
    data["rule_options"] = {"x": "HERE"}
    nested = "[" * depth + "]" * depth
    text = json.dumps(data, ensure_ascii=False).replace('"HERE"', nested)
    assert nested in text
    with pytest.raises(yp.PackageFileError) as refused:
        yp.parse_package_text(text, source="deep.json")
    assert refused.value.message == yp.MSG_FILE_TOO_DEEP
    assert refused.value.params == {"path": "deep.json", "limit": yp.MAX_DEPTH}


def test_deep_nesting_built_in_memory_is_a_problem():
    data = good()
    inner: list = []
    data["rule_options"] = {"x": inner}
    for _ in range(yp.MAX_DEPTH + 5):
        inner.append([])
        inner = inner[0]
    assert problems_of(data) == [("", yp.MSG_TOO_DEEP, {"limit": yp.MAX_DEPTH})]


def test_the_sample_nests_well_inside_the_bound():
    assert yp.nesting_depth(good()) < yp.MAX_DEPTH // 2


def test_the_schema_bounds_every_string_and_list():
    """No string without maxLength or a bounding pattern, no list without maxItems (but lists of
    bounded lists inside one entry)."""
    schema = yp.package_schema()
    unbounded = []

    def walk(node, where):
        if isinstance(node, dict):
            kinds = node.get("type")
            kinds = [kinds] if isinstance(kinds, str) else kinds or []
            if "string" in kinds and "maxLength" not in node and node.get("pattern") != yp.DATE_PATTERN:
                unbounded.append(where)
            if "array" in kinds and "maxItems" not in node:
                unbounded.append(where)
            for key, value in node.items():
                walk(value, f"{where}/{key}")

    walk(schema, "#")
    assert unbounded == []
