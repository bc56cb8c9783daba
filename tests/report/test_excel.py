"""The score tables as an Excel workbook, read back with openpyxl: one sheet per form, the printed
layout (merged cells, borders, fonts), numbers stored as numbers, totals as SUM formulas where the
rule is a sum, and the print set-up."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import openpyxl
import pytest

from jixiao.core.i18n import Translator
from jixiao.report.document import Table, TableCell
from jixiao.report.excel import render_xlsx, sheet_title
from jixiao.services.exports import render_workbook
from jixiao.services.reports import load_fiscal_year
from jixiao.services.sample import import_sample_year
from jixiao.store.database import open_book

NUMBER_TEXT = re.compile(r"^-?\d+(\.\d+)?%?$")


@pytest.fixture(scope="module")
def sample_year(tmp_path_factory):
    path = tmp_path_factory.mktemp("excel") / "s.sqlite3"
    with open_book(path, create=True) as book:
        import_sample_year(book)
        return load_fiscal_year(book, 2022)


@pytest.fixture(scope="module")
def workbook(sample_year):
    return openpyxl.load_workbook(io.BytesIO(render_workbook(sample_year, Translator("zh_CN"))))


def _find(sheet, text, prefix=False):
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value == text or (prefix and isinstance(cell.value, str) and cell.value.startswith(text)):
                return cell
    raise AssertionError(f"{text!r} not on {sheet.title}")


def test_one_sheet_per_form(workbook, sample_year):
    names = workbook.sheetnames
    assert names[0] == "部门整体支出绩效自评表"
    assert len(names) == 1 + sum(1 for p in sample_year.all_projects() if p.indicators)
    assert workbook.properties.creator == sample_year.unit.full_name


def test_department_sheet_is_laid_out_like_the_print(workbook):
    sheet = workbook["部门整体支出绩效自评表"]
    assert sheet["A1"].value == "部门整体支出绩效自评表" and sheet["A2"].value == "（2022年度）"
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert "A1:H1" in merged
    level1 = _find(sheet, "产出指标")
    assert any(
        r.min_row == level1.row and r.max_row > level1.row and r.min_col == 1
        for r in sheet.merged_cells.ranges
    )
    assert level1.font.name == "仿宋_GB2312" and sheet["A1"].font.name == "宋体"
    header = _find(sheet, "一级指标")
    assert header.font.bold and header.border.left.style == "thin"
    assert _find(sheet, "三级指标").alignment.wrap_text
    assert sheet.print_title_rows == f"${header.row}:${header.row}"


def test_numbers_are_numbers(workbook):
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert not (isinstance(cell.value, str) and NUMBER_TEXT.match(cell.value)), (
                    f"{sheet.title}!{cell.coordinate} holds {cell.value!r} as text"
                )
    sheet = workbook.worksheets[0]
    executed = [c for row in sheet.iter_rows() for c in row if c.value == pytest.approx(616.04)]
    assert executed and executed[0].number_format == "0.00"
    rate = [c for row in sheet.iter_rows() for c in row if c.number_format == "0.00%"]
    assert rate and rate[0].value == pytest.approx(0.9802)


def _evaluate(sheet, formula: str) -> Decimal:
    assert formula.startswith("=SUM(") and formula.endswith(")")
    return sum((Decimal(str(sheet[ref].value)) for ref in formula[5:-1].split(",")), Decimal(0))


def test_total_is_98_02_and_points_a_sum(workbook):
    sheet = workbook.worksheets[0]
    total_row = _find(sheet, "总分：", prefix=True).row
    cells = [c for c in sheet[total_row] if c.value is not None]
    values = [c.value for c in cells]
    # the sample year's rule makes the total the execution rate × 100: a value, not a sum
    assert 98.02 in [v for v in values if isinstance(v, float)]
    points = next(c for c in cells if isinstance(c.value, str) and c.value.startswith("=SUM("))
    assert _evaluate(sheet, points.value) == 100


def test_standard_rule_writes_the_total_as_a_sum(sample_year):
    book = openpyxl.load_workbook(io.BytesIO(render_workbook(sample_year, rule="standard")))
    sheet = book.worksheets[0]
    total_row = _find(sheet, "总分：", prefix=True).row
    formulas = [c.value for c in sheet[total_row] if isinstance(c.value, str) and c.value.startswith("=")]
    assert len(formulas) == 2  # points and score
    from jixiao.core.scoring import ScoreRules, score_year

    expected = score_year(sample_year, ScoreRules.parse("standard", {})).total
    assert _evaluate(sheet, formulas[1]) == expected


def test_print_setup(workbook):
    for sheet in workbook.worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert int(sheet.page_setup.paperSize) == 9  # A4
        assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
        assert sheet.sheet_properties.pageSetUpPr.fitToPage


def test_one_project_only(sample_year):
    name = next(p.name for p in sample_year.all_projects() if p.indicators)
    book = openpyxl.load_workbook(io.BytesIO(render_workbook(sample_year, project=name)))
    assert len(book.sheetnames) == 1 and book.worksheets[0]["A1"].value == "项目支出绩效自评表"


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_title("a/b:c", taken) == "a_b_c"
    long = "很长的项目名称" * 6
    first, second = sheet_title(long, taken), sheet_title(long, taken)
    assert len(first) == len(second) == 31 and first != second
    assert sheet_title("  ", taken) == "Sheet"


def test_a_sum_that_would_not_match_is_written_as_a_value():
    rows = [
        [TableCell("1.004", value=Decimal("1.004"), tag="x"), TableCell("2", value=Decimal(2), tag="x")],
        [TableCell("3", value=Decimal(3), sum_of="x"), TableCell("")],
    ]
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx([("s", [Table([], rows, [1, 1])])])))
    assert book["s"]["A2"].value == 3  # 1.004 + 2 ≠ 3: the value as shown, no formula


def test_a_project_without_indicators_has_no_sheet(sample_year):
    from jixiao.core.errors import JixiaoError

    bare = next(p for p in sample_year.all_projects() if not p.indicators)
    with pytest.raises(JixiaoError):
        render_workbook(sample_year, project=bare.name)
    book = openpyxl.load_workbook(io.BytesIO(render_workbook(sample_year)))
    assert bare.name not in book.sheetnames
