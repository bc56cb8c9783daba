"""Each shipped regional outline prints its test year (tests/data/outline_years, sources in its
README) with the right title, headings, numbering, figures and year-on-year sentences."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from jixiao.core.i18n import Translator
from jixiao.report.document import Heading
from jixiao.services.reports import build_report, load_fiscal_year, render_report
from jixiao.services.yearpackages import import_year
from jixiao.store.database import open_book

YEARS = Path(__file__).resolve().parents[1] / "data" / "outline_years"


def built(tmp_path, name: str, year: int, tr: Translator | None = None):
    data = json.loads((YEARS / name).read_text(encoding="utf-8"))
    with open_book(tmp_path / "y.sqlite3", create=True) as book:
        for package in data if isinstance(data, list) else [data]:
            import_year(book, package)
        return build_report(load_fiscal_year(book, year), tr or Translator("zh_CN"))


def headings(document, level: int | None = None) -> list[str]:
    return [b.text for b in document.body if isinstance(b, Heading) and (level is None or b.level == level)]


def paragraphs(document) -> list[str]:
    return [b.text for b in document.body if not isinstance(b, Heading)]


def pdf_text(result) -> str:
    pdf = render_report(result, deterministic=True)
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def test_guangxi_hengxian_2017(tmp_path):
    result = built(tmp_path, "hengxian-2017.json", 2017)
    document = result.document
    assert result.problems == []
    assert document.title.lines == ["横县机构编制委员会办公室", "部门整体支出绩效评价报告"]
    assert paragraphs(document)[0].startswith(
        "根据《横县财政局关于开展2017年度预算绩效自评工作的通知》（横财预〔2018〕3号）"
    )
    assert isinstance(document.body[1], Heading)  # the opening paragraph comes before 一、
    assert headings(document, 1) == [
        "一、部门基本情况",
        "二、部门整体支出绩效情况",
        "三、存在的问题",
        "四、改进措施",
        "五、附件",
    ]
    assert headings(document, 2)[:3] == [
        "（一）部门机构设置与主要职能",
        "（二）人员编制情况",
        "（三）部门收支情况",
    ]
    assert headings(document, 3) == ["1、深化机构改革。"]
    text = "".join(paragraphs(document))
    assert "横县机构编制委员会办公室，下设事业单位管理登记局。" in text
    assert "我办核定编制12人，实有在职人员11人，离退休人员4人。" in text
    # typed previous-year figures (the file has no 2016): 190.50 → 176.42, 188.30 → 176.42
    assert "本年收入176.42万元，其中财政拨款收入176.42万元，同比减少14.08万元，减少7.39%。" in text
    assert (
        "本年支出176.42万元，其中人员经费132.60万元，公用经费18.60万元，同比减少11.88万元，减少6.31%。"
        in text
    )
    assert "1、机构编制实名制管理经费项目绩效自评综述：全年预算数为18.00万元" in text
    assert "2017年，我办较好地完成了年度绩效目标" in text
    assert "我办2017年度部门整体支出绩效自评得分为99.80分，等级为“优”。" in text
    printed = pdf_text(result)
    for expected in (
        "部门整体支出绩效评价报告",
        "横财预〔2018〕3号",
        "一、部门基本情况",
        "（二）人员编制情况",
        "同比减少14.08万元，减少7.39%",
    ):
        assert expected in printed


def test_unit_template_with_the_previous_year_in_the_file(tmp_path):
    result = built(tmp_path, "template-2021-2022.json", 2022)
    document = result.document
    assert document.title.lines == ["2022年度区档案馆", "整体支出预算绩效自评报告"]  # the short name
    assert headings(document, 1) == [
        "一、部门（单位）概况",
        "二、绩效实现情况",
        "三、存在的问题及原因分析",
        "四、改进措施",
        "五、附件",
    ]
    assert headings(document, 2) == [
        "（一）主要职责职能，组织架构、人员及资产等基本情况",
        "（二）当年履职总体目标、工作任务",
        "（三）当年年度整体支出绩效目标",
        "（四）预算绩效管理开展情况",
        "（五）当年预算及执行情况",
        "（一）履职完成情况",
        "（二）履职效果情况",
    ]
    text = "".join(paragraphs(document))
    # 2021 is in the same file: 300.00 → 285.00 and 300.00 → 282.50, computed, not typed
    assert "本年收入285.00万元，其中财政拨款收入285.00万元，同比减少15.00万元，减少5.00%。" in text
    assert (
        "本年支出282.50万元，其中人员经费230.00万元，公用经费38.00万元，同比减少17.50万元，减少5.83%。"
        in text
    )
    assert "（1）扫描馆藏档案。全年完成馆藏档案扫描。（2）建设数字档案室。" in text  # running （1）（2）
    assert "部分指标未能达到年初目标" in text and "较好地实现" not in text  # a target was missed
    assert "本年度设定的5项绩效指标中，完成4项，未完成1项：完成年度重点工作任务数。" in text
    assert paragraphs(document)[-2].startswith("综上，我馆")  # the closing paragraph, before 五、附件


def test_year_on_year_increase_is_written_by_its_sign(tmp_path):
    data = json.loads((YEARS / "template-2021-2022.json").read_text(encoding="utf-8"))
    data[0]["final_income_fen"] = 250_000_000  # 2021: 250.00 → 2022: 285.00
    data[0]["report"]["expenditure_fen"] = 282_500_000  # equal: unchanged
    with open_book(tmp_path / "y.sqlite3", create=True) as book:
        for package in data:
            import_year(book, package)
        text = "".join(paragraphs(build_report(load_fiscal_year(book, 2022)).document))
    assert "同比增加35.00万元，增加14.00%。" in text
    assert "公用经费38.00万元，与上年持平。" in text


def test_project_report_honghe_2024(tmp_path):
    result = built(tmp_path, "honghe-2024.json", 2024)
    document = result.document
    assert document.title.lines == [
        "红河州数据发展中心2024年度",
        "“数说红河”展厅运维经费",
        "项目支出绩效自评报告",
    ]
    assert headings(document) == [
        "一、基本情况",
        "（一）项目概况",
        "1.项目立项背景",
        "2.项目资金情况",
        "二、绩效目标实现情况",
        "（一）项目完成情况",
        "（二）绩效指标完成情况",
        "（三）项目效益",
        "三、存在的问题",
        "四、下一步改进措施",
        "五、附件",
    ]
    text = "".join(paragraphs(document))
    assert (
        "实施项目共2个，年初批复预算985.00万元，调整预算后项目预算861.46万元，全年执行334.67万元，执行率为38.85%。"
        in text
    )
    assert "全年执行数45.80万元，预算执行率为38.17%，未能按计划完成支出。" in text
    assert "未完成1项：设备完好率。" in text
    assert document.attachments[0].title[0] == "项目支出绩效自评表"
    assert "项目支出绩效自评报告" in pdf_text(result)


def test_table_only_prints_just_the_score_table(tmp_path):
    data = json.loads((YEARS / "hengxian-2017.json").read_text(encoding="utf-8"))
    data["report"]["outline_key"] = "table-only"
    with open_book(tmp_path / "y.sqlite3", create=True) as book:
        import_year(book, data)
        result = build_report(load_fiscal_year(book, 2017))
    assert result.document.body == [] and result.document.attachments
    printed = pdf_text(result)
    assert "部门整体支出绩效自评表" in printed and "部门基本情况" not in printed


@pytest.mark.parametrize("name,year", [("hengxian-2017.json", 2017), ("honghe-2024.json", 2024)])
def test_the_outline_years_print_in_english_too(tmp_path, name, year):
    document = built(tmp_path, name, year, Translator("en")).document
    assert headings(document, 1)[0] in ("I. Basic information of the department", "I. Basic information")
