"""Score tables as document data: totals a reader can check, rescaled N/A rows, own project labels."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.i18n import Translator
from jixiao.core.scoring import ScoreRules, score_project, score_year
from jixiao.core.yearpackage import from_package, load_package_file
from jixiao.report.build_score_tables import department_table, project_table
from tests.core.yeardata import sample_year
from tests.report.test_department_years import YEARS

ZH = Translator("zh_CN")


def _grid(tables):
    return [[cell.text for cell in row] for row in tables[1].rows]


def test_rate_as_score_total_row_shows_how_the_total_arises():
    fy = sample_year()
    table = score_year(fy, ScoreRules("rate_as_score"))
    total = _grid(department_table(fy, table, ZH))[-1]
    rate = f"{table.execution_rate * 100:.2f}%"
    assert total[0].startswith("总分：预算执行率" + rate)
    assert f"＝{table.total:.2f}" in total[0] and "不计入总分" in total[0]
    assert total[2] == f"{table.total:.2f}"


def fulian():
    return from_package(load_package_file(YEARS / "fulian.json"))


def test_standard_total_row_adds_up_and_not_applicable_rows_show_rescaled_points():
    fy = fulian()
    fy.indicators[0].applicable = False
    table = score_year(fy, ScoreRules("standard"))
    rows = _grid(department_table(fy, table, ZH))
    body = rows[1:-1]
    points = [Decimal(row[-3]) for row in body if row[-3] != "—"]
    assert sum(points) == Decimal(90)  # the N/A row's 10 points went to the others
    assert any(row[-2].startswith("不适用（原") for row in body)
    total = rows[-1][0]
    execution = table.execution_row.score
    indicators = sum((r.score or 0) for r in table.indicator_rows if r.applicable)
    assert f"预算执行率得分{execution:.2f}＋绩效指标得分{indicators:.2f}＝{table.total:.2f}" in total


def test_a_binding_cap_is_written_in_the_total_row():
    fy = fulian()
    fy.budget["total"].executed_fen = fy.budget["total"].adjusted_fen * 55 // 100
    table = score_year(fy, ScoreRules("standard", cap_by_execution=True))
    assert table.capped
    assert "总分不超过69分" in _grid(department_table(fy, table, ZH))[-1][0]


def test_project_tables_use_the_projects_label_and_only_projects_with_indicators_get_one():
    fy = sample_year()
    for project in fy.all_projects():
        tables = project_table(fy, project, score_project(project, fy), ZH)
        if not project.indicators:
            assert tables == []
            continue
        head = [cell.text for row in tables[0].rows for cell in row]
        assert "项目资金（万元）" in head and "年度部门整体支出规模（万元）" not in head
