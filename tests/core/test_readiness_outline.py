"""Readiness knows the year's outline: a section whose data is missing is named, with its locator."""

from __future__ import annotations

from yeardata import sample_year

from jixiao.core.i18n import Translator
from jixiao.core.model import YearReport
from jixiao.core.outline import get_outline
from jixiao.core.readiness import check_year
from jixiao.core.readiness_outline import check_outline

ZH = Translator("zh_CN")


def test_the_seed_outline_needs_nothing_the_sample_year_lacks():
    assert check_outline(sample_year()) == []


def test_a_regional_outline_names_its_sections_whose_data_is_missing():
    fy = sample_year()
    fy.report = YearReport(outline_key="guangxi-hengxian-2017")
    problems = check_outline(fy)
    assert [p.where for p in problems] == [
        ("report", "opening"),
        ("report", "expenditure_fen"),
        ("report", "personnel_fen"),
        ("report", "fiscal_income_fen"),
        ("report", "previous"),
    ]
    assert all(p.severity == "warning" for p in problems)
    text = problems[1].message.translated(ZH.gettext)
    assert text == "报告提纲中的“部门收支情况”要写本年支出，但本年度尚未填写。"
    assert problems[1] in check_year(fy)  # part of the year's readiness check

    fy.report = YearReport(
        outline_key="guangxi-hengxian-2017",
        opening="根据通知要求，现将自评情况报告如下：",
        expenditure_fen=1,
        personnel_fen=1,
        public_fen=0,
        fiscal_income_fen=1,
        previous={"expenditure_fen": 2},
    )
    assert check_outline(fy) == []
    fy.unit.staffing = ""
    assert [p.where for p in check_outline(fy)] == [("report", "staff_authorized")]


def test_an_own_outline_with_an_empty_custom_section_and_a_broken_outline():
    fy = sample_year()
    data = get_outline("guangzhou-2022").to_json()
    data["sections"].append({"key": "extra", "heading": "其他情况", "block": "custom", "text": ""})
    fy.report = YearReport(outline=data)
    problems = check_outline(fy)
    assert [(p.code, p.where) for p in problems] == [("outline_custom_missing", ("report", "outline"))]
    assert "“其他情况”" in problems[0].message.translated(ZH.gettext)
    fy.report = YearReport(outline={"format": "jixiao-outline"})
    assert [(p.code, p.severity) for p in check_outline(fy)] == [("outline_invalid", "error")]


def test_a_project_outline_points_at_the_project_to_fill():
    fy = sample_year()
    fy.report = YearReport(outline_key="project-honghe-2024")
    key = next(p for p in fy.all_projects() if p.is_key)
    key.expected_goal = ""
    assert ("project", key.id) in [p.where for p in check_outline(fy)]
