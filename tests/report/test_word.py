"""The report as a Word file, read back with python-docx: page, grid, styles and fonts, headings, the
landscape score table (merged cells, repeated header, total), page numbers and document properties."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import UTC, datetime

import docx
import pytest
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn
from docx.shared import Mm
from seed_text import SEED, normalise, seed_headings, seed_sentences
from test_report_sample import KNOWN_DIFFERENCES

from jixiao.core.i18n import Translator
from jixiao.report.document import Heading, Paragraph, ReportDocument, Table, TableCell, Title
from jixiao.report.word import WORD_FONTS, render_docx
from jixiao.services.reports import build_report, load_fiscal_year
from jixiao.services.sample import import_sample_year
from jixiao.store.database import open_book

FIXED = datetime(2023, 3, 1, tzinfo=UTC)
MM_TWIPS = 1440 / 25.4


@pytest.fixture(scope="module")
def sample_year(tmp_path_factory):
    path = tmp_path_factory.mktemp("word") / "s.sqlite3"
    with open_book(path, create=True) as book:
        import_sample_year(book)
        return load_fiscal_year(book, 2022)


@pytest.fixture(scope="module")
def built(sample_year):
    return build_report(sample_year, Translator("zh_CN"))


@pytest.fixture(scope="module")
def word(built):
    return docx.Document(io.BytesIO(render_docx(built.document, created=FIXED)))


def _mm(length) -> float:
    return length / Mm(1)


def test_page_is_a4_with_the_gbt9704_margins(word):
    section = word.sections[0]
    assert section.orientation == WD_ORIENT.PORTRAIT
    assert _mm(section.page_width) == pytest.approx(210, abs=0.1)
    assert _mm(section.page_height) == pytest.approx(297, abs=0.1)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [_mm(m) for m in margins] == pytest.approx([37, 35, 28, 26], abs=0.05)


def test_document_grid_holds_22_lines_of_28_characters(word):
    section = word.sections[0]
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch, char_space = int(grid.get(qn("w:linePitch"))), int(grid.get(qn("w:charSpace")))
    height = section.page_height.twips - section.top_margin.twips - section.bottom_margin.twips
    width_pt = (section.page_width.twips - section.left_margin.twips - section.right_margin.twips) / 20
    assert 22 * pitch <= height < 23 * pitch  # 579 twips
    char_pitch = 16 + char_space / 4096  # charSpace: 1/4096 pt beyond the 16 pt body size
    assert 28 * char_pitch <= width_pt < 29 * char_pitch
    assert char_space < 0  # 28 characters of 16 pt need 158 mm; the type area is 156 mm


def _style_fonts(style) -> dict[str, str]:
    fonts = style.element.find(qn("w:rPr")).find(qn("w:rFonts"))
    return {key: fonts.get(qn(f"w:{key}")) for key in ("eastAsia", "ascii", "hAnsi")}


@pytest.mark.parametrize(
    ("style", "face", "size"),
    [
        ("Normal", "仿宋_GB2312", 16),
        ("Title", "方正小标宋简体", 22),
        ("Heading 1", "黑体", 16),
        ("Heading 2", "楷体_GB2312", 16),
        ("Heading 3", "仿宋_GB2312", 16),
        ("表格文字", "仿宋_GB2312", 10.5),
        ("Footer", "宋体", 14),
    ],
)
def test_each_role_has_a_named_style_with_its_east_asian_face(word, style, face, size):
    found = word.styles[style]
    assert _style_fonts(found) == {"eastAsia": face, "ascii": face, "hAnsi": face}
    assert found.font.size.pt == size


def test_headings_are_outline_levels_and_body_is_indented_two_characters(word, built):
    by_style: dict[str, list[str]] = {}
    for paragraph in word.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)
    assert by_style["Heading 1"] == [h.text for h in built.document.body if getattr(h, "level", 0) == 1]
    assert by_style["Heading 1"][0] == "一、基本情况" and len(by_style["Heading 1"]) == 5
    assert "（一）部门概况" in by_style["Heading 2"]
    for level in (1, 2, 3):
        ppr = word.styles[f"Heading {level}"].element.find(qn("w:pPr"))
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
    indent = word.styles["Normal"].element.find(qn("w:pPr")).find(qn("w:ind"))
    assert indent.get(qn("w:firstLineChars")) == "200"


@pytest.mark.skipif(not SEED.exists(), reason="the seed report (../shared) is not beside the project")
def test_the_seed_headings_and_sentences_are_in_the_word_text(word):
    text = normalise("".join(p.text for p in word.paragraphs))
    position = 0
    for heading in seed_headings():
        position = text.find(heading, position)
        assert position >= 0, heading
    missing = [s for s in seed_sentences() if s not in text and s not in KNOWN_DIFFERENCES]
    assert missing == [], missing


def test_no_direct_formatting_and_no_unused_styles(word):
    body = word.element.body
    assert body.findall(".//" + qn("w:rPr")) == []  # runs take everything from their style
    used = {p.style.style_id for p in word.paragraphs}
    used |= {
        p.style.style_id
        for table in word.tables
        for row in table.rows
        for c in row.cells
        for p in c.paragraphs
    }
    for section in word.sections:
        used |= {p.style.style_id for p in section.footer.paragraphs + section.even_page_footer.paragraphs}
    for style in word.styles.element.findall(qn("w:style")):
        style_id = style.get(qn("w:styleId"))
        if style.get(qn("w:type")) == "paragraph":
            assert style_id in used, f"unused style {style_id}"
            assert style.find(qn("w:rPr")) is not None and style.find(qn("w:pPr")) is not None


def test_attachment_is_a_landscape_section_with_a_real_table(word):
    assert len(word.sections) == 2
    landscape = word.sections[1]
    assert landscape.orientation == WD_ORIENT.LANDSCAPE
    assert _mm(landscape.page_width) == pytest.approx(297, abs=0.1)
    head, grid = word.tables
    assert "单位名称" in head.cell(0, 0).text
    # the indicator grid: its header row repeats on each page, no row is kept from breaking
    first = grid.rows[0]._tr
    assert first.trPr.find(qn("w:tblHeader")) is not None
    assert [c.text for c in grid.rows[0].cells][:3] == ["一级指标", "二级指标", "三级指标"]
    assert word.element.body.findall(".//" + qn("w:cantSplit")) == []
    restarts = grid._tbl.findall(".//" + qn("w:vMerge"))
    assert any(v.get(qn("w:val")) == "restart" for v in restarts)
    assert grid.cell(1, 0).text == grid.cell(2, 0).text == "产出指标"  # one merged cell
    assert grid.cell(1, 0)._tc is grid.cell(2, 0)._tc
    last = [c.text for c in grid.rows[-1].cells]
    assert last[0].startswith("总分：") and "98.02" in last and "100" in last
    assert any(tc.find(qn("w:tcPr")).find(qn("w:gridSpan")) is not None for tc in head._tbl.iter(qn("w:tc")))


def test_page_numbers_are_page_fields_on_the_outer_side(word):
    assert word.settings.odd_and_even_pages_header_footer
    section = word.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for paragraph, align in ((odd, "right"), (even, "left")):
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        jc = paragraph.style.element.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val"))
        assert jc == align


def test_document_properties(word, sample_year):
    props = word.core_properties
    assert props.title == "2022年度广州市花都区工商业联合会部门整体支出绩效自评报告"
    assert props.author == sample_year.unit.full_name
    assert props.created == FIXED


def test_project_tables_each_start_a_page(sample_year):
    built = build_report(sample_year, Translator("zh_CN"), project_tables=True)
    word = docx.Document(io.BytesIO(render_docx(built.document)))
    titles = [p for p in word.paragraphs if p.text == "项目支出绩效自评表"]
    assert len(titles) == sum(1 for p in sample_year.all_projects() if p.indicators) > 0
    assert all(p.paragraph_format.page_break_before for p in titles)
    assert len(word.tables) == 2 + 2 * len(titles)


def test_identical_input_gives_identical_bytes(built):
    assert render_docx(built.document, created=FIXED) == render_docx(built.document, created=FIXED)


def test_word_fonts_are_the_documented_names():
    assert {role: font.name for role, font in WORD_FONTS.items()} == {
        "title": "方正小标宋简体",
        "heading1": "黑体",
        "heading2": "楷体_GB2312",
        "body": "仿宋_GB2312",
        "page_number": "宋体",
    }


def test_user_text_is_written_as_typed():
    doc = ReportDocument(
        Title(["A&B <b>公司"]),
        body=[Heading("一、x\u200d", 1), Paragraph("“引号” & <tag> 1\x07")],
        attachments=[Table(["表"], [[TableCell("甲", colspan=2)], [TableCell("1"), TableCell("2")]], [1, 1])],
    )
    word = docx.Document(io.BytesIO(render_docx(doc)))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "A&B <b>公司" and "一、x" in texts and "“引号” & <tag> 1" in texts
    assert word.tables[0].cell(0, 0)._tc is word.tables[0].cell(0, 1)._tc


@dataclass
class Chart:
    """A block kind the Word renderer does not know."""

    caption: str


def test_an_unknown_block_kind_is_refused():
    doc = ReportDocument(Title(["t"]), body=[Paragraph("p"), Chart("x")])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="Chart"):
        render_docx(doc)


def test_word_profile_centres_the_page_number(built):
    word = docx.Document(io.BytesIO(render_docx(built.document, profile="word")))
    section = word.sections[0]
    assert [_mm(m) for m in (section.top_margin, section.left_margin)] == pytest.approx(
        [25.4, 31.7], abs=0.05
    )
    assert not word.settings.odd_and_even_pages_header_footer
    footer = section.footer.paragraphs[0]
    assert footer.style.element.find(qn("w:pPr")).find(qn("w:jc")).get(qn("w:val")) == "center"
    assert re.fullmatch(r"— 1 —", footer.text)
