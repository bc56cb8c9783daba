"""The record rules of the core (projects, payments, money block, unit, metrics, activity types,
years), checked without a data file: the services only look up what a rule needs and refuse."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from jixiao.core.activities import canonical_counts, validate_activity_type
from jixiao.core.fields import check_year
from jixiao.core.indicators import owner_problems
from jixiao.core.metrics import validate_metric
from jixiao.core.model import BudgetLine, Metric, Payment, Project, Unit
from jixiao.core.money_block import validate_budget_line
from jixiao.core.projects import normalise_project, parent_problems, validate_payment, validate_project
from jixiao.core.unit import validate_unit


def fields(problems):
    return [field for field, _message, _params in problems]


def test_project_rules():
    project = Project("  宣传项目 ", initial_fen=100, adjusted_fen=200)
    normalise_project(project)
    assert project.name == "宣传项目" and validate_project(project) == []
    bad = Project(" ", funding_source="lottery", initial_fen=-1, adjusted_fen=1.5)  # type: ignore[arg-type]
    assert fields(validate_project(bad)) == ["name", "funding_source", "initial_fen", "adjusted_fen"]


def test_a_sub_project_goes_under_a_first_level_project_of_its_year_without_payments():
    assert parent_problems(7, (7, None), 0) == []
    assert "another year" in parent_problems(7, (8, None), 0)[0][1]
    assert "二级" in parent_problems(7, (7, 3), 0)[0][1]
    assert "payments" in parent_problems(7, (7, None), 2)[0][1]


def test_payment_rules():
    assert validate_payment(Payment(dt.date(2024, 3, 1), -500), 2024, 0) == []  # a refund
    assert fields(validate_payment(Payment(dt.date(2023, 12, 31), 0), 2024, 1)) == [
        "date",
        "amount_fen",
        "project_id",
    ]


def test_money_block_rules():
    assert validate_budget_line(BudgetLine("total", 1, 2, 3)) == []
    assert fields(validate_budget_line(BudgetLine("nonsense"))) == ["line"]
    assert fields(validate_budget_line(BudgetLine("total", -1, 2, "3"))) == ["initial_fen", "executed_fen"]  # type: ignore[arg-type]


def test_unit_rules():
    assert validate_unit(Unit("某某市工商业联合会", self_name="本会")) == []
    assert fields(validate_unit(Unit(" ", self_name=" ", kind="planet"))) == [
        "kind",
        "full_name",
        "self_name",
    ]


def test_metric_and_activity_type_rules_take_the_name_lookup_as_a_fact():
    assert validate_metric(Metric("会员人数", Decimal(3782)), name_taken=False) == []
    assert fields(validate_metric(Metric("会员人数", Decimal(3782)), name_taken=True)) == ["name"]
    assert fields(validate_metric(Metric(" ", Decimal("NaN")), name_taken=True)) == ["name", "value"]
    assert validate_activity_type("宣讲会", "场", name_taken=False) == []
    assert fields(validate_activity_type("宣讲会", " ", name_taken=True)) == ["measure_word", "name"]
    assert canonical_counts(["items", "participants", "items"]) == ("participants", "items")
    assert canonical_counts(["sessions"]) is None


def test_year_range_and_indicator_owner():
    problems: list = []
    for year in (2024, 1989, 2201, "2024", True):
        check_year(problems, "year", year)
    assert len(problems) == 4
    assert owner_problems(5, None) == [] and owner_problems(5, 5) == []
    assert fields(owner_problems(5, 6)) == ["project_id"]


def test_score_rule_problems_name_the_field():
    from jixiao.core.scoring import ScoreRules

    assert ScoreRules.problems("rate_as_score", {"cap_by_execution": True}) == []
    assert fields(ScoreRules.problems("best_of")) == ["score_rule"]
    assert fields(ScoreRules.problems("standard", {"bonus": True})) == ["rule_options"]
    assert fields(ScoreRules.problems("standard", {"beaten_penalty": "yes"})) == ["rule_options"]


def test_list_items_are_stripped_and_none_may_be_empty():
    from jixiao.core.fields import clean_items

    problems: list = []
    assert clean_items(problems, "items", [" 宣传 ", "培训"]) == ["宣传", "培训"] and problems == []
    clean_items(problems, "items", ["宣传", "  "])
    assert fields(problems) == ["items"]
