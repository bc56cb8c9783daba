"""The report follows the records: change activities and 二（四） changes; any text in any field prints."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from seed_text import normalise

from jixiao.core.i18n import Translator
from jixiao.core.model import Activity
from jixiao.report.document import Heading, Paragraph
from jixiao.services import activities as activity_service
from jixiao.services.reports import build_report, load_fiscal_year, render_report
from jixiao.services.sample import import_sample_year
from jixiao.store.database import open_book
from tests.report.test_pdf_unicode import ALPHABET, check


@pytest.fixture
def book(tmp_path):
    with open_book(tmp_path / "s.sqlite3", create=True) as book:
        import_sample_year(book)
        yield book


def section_four(book) -> str:
    """The text of 二（四）主要工作成效 in the assembled report."""
    built = build_report(load_fiscal_year(book, 2022), Translator("zh_CN"))
    blocks, inside = [], False
    for block in built.document.body:
        if isinstance(block, Heading) and block.level <= 2:
            inside = block.text.startswith("（四）主要工作成效")
            continue
        if inside and isinstance(block, (Heading, Paragraph)):
            blocks.append(block.text)
    return "".join(blocks)


def _visit_ids(book):
    fy = load_fiscal_year(book, 2022)
    visit_type = next(t.id for t in fy.activity_types if t.name == "走访")
    task, measure = fy.tasks[1], fy.tasks[1].measures[1]
    return fy, visit_type, task.id, measure.id


def _add(book, count: int, type_name: str, **fields) -> None:
    fy = load_fiscal_year(book, 2022)
    type_id = next(t.id for t in fy.activity_types if t.name == type_name)
    for i in range(count):
        activity_service.add_activity(
            book,
            fy.id,
            Activity(date=dt.date(2022, 12, 1), type_id=type_id, title=f"测试{type_name}{i}", **fields),
        )


def test_adding_propaganda_sessions_changes_the_count_in_section_four(book):
    before = section_four(book)
    assert "举办宣讲会、党史学习教育3场" in before
    fy = load_fiscal_year(book, 2022)
    task = fy.tasks[0]
    _add(book, 2, "宣讲会", task_id=task.id, measure_id=task.measures[0].id)
    after = section_four(book)
    assert "举办宣讲会、党史学习教育5场" in after
    assert "举办宣讲会、党史学习教育3场" not in after


def test_visits_stay_approximate_and_right_when_one_is_deleted(book):
    assert "全年累计走访200多家民营企业" in section_four(book)
    fy, visit_type, task_id, measure_id = _visit_ids(book)
    visits = [a for a in fy.activities if a.type_id == visit_type and a.measure_id == measure_id]
    total = sum(a.enterprises for a in visits)
    # delete visits until the total is exactly 200 or just below, one record at a time
    for activity in sorted(visits, key=lambda a: a.enterprises):
        if total - activity.enterprises < 200:
            break
        activity_service.delete_activity(book, activity.id)
        total -= activity.enterprises
        text = section_four(book)
        expected = "200多家" if total > 200 else "200家"
        assert f"全年累计走访{expected}民营企业" in text, total
    assert total >= 200


def test_report_pdf_shows_the_new_count(book):
    fy = load_fiscal_year(book, 2022)
    task = fy.tasks[0]
    _add(book, 4, "宣讲会", task_id=task.id, measure_id=task.measures[0].id)
    pdf = render_report(build_report(load_fiscal_year(book, 2022), Translator("zh_CN")), deterministic=True)
    text = normalise("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    assert "举办宣讲会、党史学习教育7场" in text


FIELD_TEXT = st.text(ALPHABET, min_size=1, max_size=60).filter(lambda s: s.strip() and "{{" not in s)


@settings(max_examples=8, deadline=None)
@given(st.lists(FIELD_TEXT, min_size=8, max_size=8))
def test_any_text_in_the_year_prints_in_the_report(tmp_path_factory, texts):
    path = tmp_path_factory.mktemp("u") / "u.sqlite3"
    with open_book(path, create=True) as book:
        import_sample_year(book)
        fy = load_fiscal_year(book, 2022)
    fy.unit.duties[0] = texts[0]
    fy.tasks[0].title = texts[1]
    fy.tasks[0].measures[0].text = texts[2]
    fy.problems[0] = texts[3]
    fy.texts["performance_management"] = texts[4]
    fy.indicators[0].level3 = texts[5]
    fy.indicators[0].deviation_reason = texts[6]
    fy.unit.departments = [texts[7]]
    built = build_report(fy, Translator("zh_CN"))
    pdf = render_report(built, deterministic=True)
    from jixiao.report.fonts import resolve_fonts

    check(pdf, resolve_fonts(), texts)


def test_an_item_of_punctuation_alone_is_printed_not_dropped():
    from jixiao.report.build_document import punctuate_list

    assert punctuate_list([":", "、", "甲，"]) == [":；", "、；", "甲。"]
    assert punctuate_list(["甲：", "："]) == ["甲；", "：。"]
