"""Import refuses what the format doc says it refuses: unknown rule options, money out of bounds."""

from __future__ import annotations

import copy

import pytest

from jixiao.core.yearpackage import MAX_MONEY_FEN, to_package, validate_package
from tests.core.yeardata import sample_year


@pytest.fixture(scope="module")
def package():
    data = to_package(sample_year())
    data["rule_options"] = {"cap_by_execution": True}  # yeardata stores a "note" the store keeps
    return data


def _problems(package, change) -> list[tuple[str, str]]:
    data = copy.deepcopy(package)
    change(data)
    return [(p.field, p.message) for p in validate_package(data)]


def test_the_sample_package_is_valid(package):
    assert validate_package(package) == []


def test_an_unknown_rule_option_is_refused(package):
    found = _problems(package, lambda d: d.__setitem__("rule_options", {"floor_at_60": True}))
    assert [path for path, _m in found] == ["rule_options"]
    assert "Unknown score rule option" in found[0][1]
    found = _problems(package, lambda d: d.__setitem__("rule_options", {"cap_by_execution": "yes"}))
    assert [path for path, _m in found] == ["rule_options"]


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.__setitem__("budget_income_fen", -1),
        lambda d: d["budget"]["total"].__setitem__("adjusted_fen", -62847000),
        lambda d: d["budget"]["total"].__setitem__("executed_fen", MAX_MONEY_FEN + 1),
        lambda d: d["projects"][0].__setitem__("adjusted_fen", -5),
    ],
)
def test_money_outside_sane_bounds_is_refused(package, change):
    found = _problems(package, change)
    assert len(found) == 1
    assert "negative" in found[0][1] or "more than any department" in found[0][1]


def test_a_refund_payment_may_be_negative(package):
    def refund(d):
        project = next(p for p in d["projects"] if p.get("payments"))
        project["payments"].append({"date": f"{d['year']}-12-01", "amount_fen": -100, "note": "退款"})

    assert _problems(package, refund) == []
