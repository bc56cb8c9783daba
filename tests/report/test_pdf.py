"""The PDF renderer: page geometry, the GB/T 9704 grid, fonts, page numbers, line breaking, escaping."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import UTC, datetime

import pypdf
import pytest
from reportlab.pdfbase import pdfmetrics

from jixiao.report.document import Heading, Paragraph, ReportDocument, Table, TableCell, Title
from jixiao.report.fonts import resolve_fonts
from jixiao.report.layouts import GBT9704, MM, WORD
from jixiao.report.pdf import render_pdf

STANDARD_14 = {
    "Courier",
    "Helvetica",
    "Times-Roman",
    "Symbol",
    "ZapfDingbats",
    "STSong-Light",
}
HAN = "汉字"  # two full-width characters


@pytest.fixture(scope="module")
def fonts():
    return resolve_fonts(search_dirs=[])  # bundled faces only: the same on every machine


# -- helpers --------------------------------------------------------------------------------------


def pieces(pdf: bytes) -> list[list[tuple[float, float, str, float, str]]]:
    """Per page, every text piece as (x, y, base font, size, text) in page points."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        found = []

        def visit(text, cm, tm, font, size, found=found):
            if text and text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                base = str(font.get("/BaseFont", "")) if font else ""
                found.append((x, y, base.split("+")[-1], size * (cm[3] or 1), text.replace("\n", "")))

        page.extract_text(visitor_text=visit)
        pages.append(found)
    return pages


def lines(page: list[tuple[float, float, str, float, str]]) -> list[tuple[float, float, str, float]]:
    """Text lines of one page, top to bottom: (y, x of the first piece, text, largest size)."""
    rows: dict[float, list] = {}
    for x, y, _font, size, text in page:
        rows.setdefault(round(y, 1), []).append((x, text, size))
    out = []
    for y in sorted(rows, reverse=True):
        parts = rows[y]
        out.append((y, min(p[0] for p in parts), "".join(p[1] for p in parts), max(p[2] for p in parts)))
    return out


def body_lines(page):
    """Lines of the type area (not the page number)."""
    return [line for line in lines(page) if not re.fullmatch(r"— \d+ —", line[2])]


def document(paragraphs: list[str], **kwargs) -> ReportDocument:
    return ReportDocument(
        title=Title(kwargs.pop("title", ["2022 年度广州市花都区工商业联合会", "部门整体支出绩效自评报告"])),
        body=[Paragraph(p) for p in paragraphs],
        **kwargs,
    )


def score_table(rows: int = 3, tall: str = "") -> Table:
    header = [
        [
            TableCell("绩效指标", colspan=3, bold=True),
            TableCell("年度指标值", rowspan=2, bold=True),
            TableCell("实际完成值", rowspan=2, bold=True),
            TableCell("偏差原因分析及改进措施", rowspan=2, bold=True),
        ],
        [
            TableCell("一级指标", bold=True),
            TableCell("二级指标", bold=True),
            TableCell("三级指标", bold=True),
        ],
    ]
    body = []
    for i in range(rows):
        body.append(
            [
                TableCell("产出指标"),
                TableCell("数量指标"),
                TableCell(f"第{i + 1}项：举办宣讲会场次", align="left"),
                TableCell("≥3 场"),
                TableCell(f"{i + 3} 场"),
                TableCell(tall if i == 1 else "", align="left"),
            ]
        )
    return Table(["部门整体支出绩效自评表", "（2022年度）"], header + body, [1, 1, 2, 1, 1, 3], header_rows=2)


# -- page geometry --------------------------------------------------------------------------------


def test_body_is_a4_portrait_and_attachment_a4_landscape(fonts):
    pdf = render_pdf(document(["正文。"], attachments=[score_table()]), fonts=fonts)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    sizes = [
        (round(float(p.mediabox.width) / MM), round(float(p.mediabox.height) / MM)) for p in reader.pages
    ]
    assert sizes == [(210, 297), (297, 210)]


def test_strict_profile_grid_22_lines_of_28_characters(fonts):
    # Each paragraph fills exactly 2 lines: 26 characters after the 2-character indent, then 28 (two
    # lines: never split, as a page keeps at least two lines of a paragraph; 22 is even).
    paragraphs = [HAN * 27] * 80
    pdf = render_pdf(document(paragraphs), fonts=fonts, profile="gbt9704")
    pages = pieces(pdf)
    assert len(pages) >= 6
    pitch = 156 * MM / 28
    leading = 225 * MM / 22
    left = 28 * MM
    first_baseline = (297 - 37) * MM - (leading - 16) / 2 - 0.88 * 16
    for page in pages[1:-1]:  # full pages (the first holds the title, the last is partly empty)
        found = body_lines(page)
        assert len(found) == 22
        for number, (y, x, text, size) in enumerate(found):
            assert size == pytest.approx(16)
            assert y == pytest.approx(first_baseline - number * leading, abs=0.05)
            if len(text) == 26:  # a paragraph's first line, indented by two characters
                assert x == pytest.approx(left + 2 * pitch, abs=0.05)
            else:
                assert len(text) == 28
                assert x == pytest.approx(left, abs=0.05)


def test_word_profile_has_26_characters_per_line(fonts):
    pdf = render_pdf(document([HAN * 38] * 30), fonts=fonts, profile="word")
    found = body_lines(pieces(pdf)[1])
    assert {len(text) for _y, _x, text, _s in found} == {24, 26}
    assert min(x for _y, x, _t, _s in found) == pytest.approx(31.7 * MM, abs=0.05)
    leading = [a[0] - b[0] for a, b in zip(found, found[1:], strict=False)]
    assert all(d == pytest.approx(WORD.body_leading_pt, abs=0.05) for d in leading)


def test_type_area_measured_from_the_rendered_page(fonts, qapp, tmp_path):
    """Render page 2 with QtPdf and find the ink: the text stays inside 28/26 mm and 37/35 mm."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QImage
    from PySide6.QtPdf import QPdfDocument

    pdf = render_pdf(document([HAN * 27] * 40), fonts=fonts)  # 2-line paragraphs fill the pages
    path = tmp_path / "grid.pdf"
    path.write_bytes(pdf)
    pdf_doc = QPdfDocument()
    pdf_doc.load(str(path))
    dpi = 200
    width, height = round(210 / 25.4 * dpi), round(297 / 25.4 * dpi)
    image = pdf_doc.render(1, QSize(width, height)).convertToFormat(QImage.Format.Format_Alpha8)
    stride = image.bytesPerLine()
    bits = bytes(image.constBits())
    ink = re.compile(rb"[\x60-\xff]")
    rows = []
    for r in range(height):
        row = bits[r * stride : r * stride + width]
        first = ink.search(row)
        if first:
            last = len(row) - ink.search(row[::-1]).start() - 1
            rows.append((r, first.start(), last))
    px = 25.4 / dpi  # mm per pixel
    number_top = (297 - 35 + 7) * 1.0  # the page number starts 7 mm below the type area
    body = [r for r in rows if r[0] * px < number_top - 1]
    top, bottom = body[0][0] * px, body[-1][0] * px
    left, right = min(r[1] for r in body) * px, max(r[2] for r in body) * px
    assert 28 - 0.2 <= left <= 28 + 1.0
    assert 184 - 1.2 <= right <= 184 + 0.2
    assert 37 <= top <= 37 + 10.2
    assert 262 - 10.2 <= bottom <= 262
    numbers = [r for r in rows if r[0] * px >= number_top - 1]
    assert numbers and numbers[0][0] * px >= number_top - 0.5  # "— 2 —" itself


# -- fonts ------------------------------------------------------------------------------------------


def _font_objects(pdf: bytes):
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    seen = {}
    for page in reader.pages:
        for font in page["/Resources"].get_object().get("/Font", {}).get_object().values():
            font = font.get_object()
            seen[font.indirect_reference.idnum if font.indirect_reference else id(font)] = font
    return list(seen.values())


def test_every_font_is_an_embedded_truetype_subset(fonts):
    doc = document(["花都区镕堃 😀 ok，完成 98.02%。"], attachments=[score_table()])
    doc.body.insert(0, Heading("一、基本情况", 1))
    doc.body.insert(1, Heading("（一）部门概况", 2))
    pdf = render_pdf(doc, fonts=fonts)
    objects = _font_objects(pdf)
    assert objects
    names = set()
    for font in objects:
        base = str(font["/BaseFont"])
        names.add(base.split("+")[-1])
        assert font["/Subtype"] == "/TrueType", base
        assert "+" in base, base  # a subset
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), base
        assert not any(base.lstrip("/").startswith(s) for s in STANDARD_14), base
        assert "/ToUnicode" in font
    assert {"FandolFang-Regular", "JixiaoTitleSerifSCBold", "WenQuanYiMicroHei-0", "GBZenKai-Medium"} <= names
    assert {"LXGWWenKai-Regular", "Symbola"} <= names


def test_roles_get_their_faces_and_sizes(fonts):
    doc = document(["正文段落。"], title=["标题"])
    doc.body[:0] = [Heading("一、基本情况", 1), Heading("（一）部门概况", 2), Heading("1.主要职责。", 3)]
    page = pieces(render_pdf(doc, fonts=fonts))[0]
    by_text = {text: (font, size) for _x, _y, font, size, text in page}
    assert by_text["标题"] == ("JixiaoTitleSerifSCBold", pytest.approx(22))
    assert by_text["一、基本情况"] == ("WenQuanYiMicroHei-0", pytest.approx(16))
    assert by_text["（一）部门概况"] == ("GBZenKai-Medium", pytest.approx(16))
    assert by_text["1.主要职责。"] == ("FandolFang-Regular", pytest.approx(16))
    assert by_text["正文段落。"] == ("FandolFang-Regular", pytest.approx(16))
    assert by_text["— 1 —"] == ("FandolFang-Regular", pytest.approx(14))


def test_heading3_bold_option_strokes_the_glyphs(fonts):
    doc = document([], title=["标题"])
    doc.body = [Heading("1.主要职责。", 3)]
    plain = render_pdf(doc, fonts=fonts, deterministic=True)
    bold = render_pdf(doc, fonts=fonts, deterministic=True, profile=GBT9704.with_options(heading3_bold=True))
    content = lambda pdf: pypdf.PdfReader(io.BytesIO(pdf)).pages[0].get_contents().get_data()  # noqa: E731
    assert b"2 Tr" not in content(plain)
    assert b"2 Tr" in content(bold)


# -- page numbers -----------------------------------------------------------------------------------


def _page_numbers(pdf: bytes):
    out = []
    for page in pieces(pdf):
        for x, y, font, size, text in page:
            if re.fullmatch(r"— \d+ —", text):
                out.append((x, y, font, size, text))
    return out


@pytest.mark.parametrize("position", ["outer", "center"])
def test_page_numbers_dash_n_dash_below_the_type_area(fonts, position):
    profile = GBT9704.with_options(page_number_position=position)
    pdf = render_pdf(document([HAN * 300] * 8), fonts=fonts, profile=profile)
    numbers = _page_numbers(pdf)
    assert [n[4] for n in numbers] == [f"— {i} —" for i in range(1, len(numbers) + 1)]
    assert len(numbers) >= 3
    pitch = profile.char_pitch_pt
    for x, y, _font, size, text in numbers:
        width = pdfmetrics.stringWidth(text, fonts.name("page_number"), 14)
        assert size == pytest.approx(14)
        assert y == pytest.approx(35 * MM - 7 * MM - 0.88 * 14, abs=0.05)
        page = int(text.split()[1])
        if position == "center":
            assert x + width / 2 == pytest.approx((28 * MM + (210 - 26) * MM) / 2, abs=0.05)
        elif page % 2:
            assert x + width == pytest.approx((210 - 26) * MM - pitch, abs=0.05)  # odd: right, 1 char in
        else:
            assert x == pytest.approx(28 * MM + pitch, abs=0.05)  # even: left, 1 char in


# -- line breaking -----------------------------------------------------------------------------------


CLOSING = "，。；：、）》”’！？"
OPENING = "（《“‘"


def test_closing_punctuation_never_starts_a_line_and_opening_never_ends_one(fonts):
    paragraphs = []
    for mark in CLOSING:
        paragraphs.append("汉" * 26 + mark + "汉" * 20)  # without the rule the mark would start line 2
        paragraphs.append("汉" * 54 + mark + mark + "汉" * 5)  # two marks at the start of line 3
    for mark in OPENING:
        paragraphs.append("汉" * 25 + mark + "书名" + "》" * (mark == "《"))  # an opener on the last column
    paragraphs.append("汉" * 25 + "。”" + "汉" * 10)
    paragraphs.append("汉" * 25 + "——破折号" + "汉" * 10)
    paragraphs.append("汉" * 25 + "……省略号" + "汉" * 10)
    paragraphs.append("金额为 616.04 万元，执行率 98.02%，" * 8)
    pdf = render_pdf(document(paragraphs), fonts=fonts)
    text_lines = [t for page in pieces(pdf) for _y, _x, t, _s in body_lines(page)][2:]  # after the title
    assert text_lines
    for text in text_lines:
        assert text[0] not in CLOSING + "…—%", text
        assert text[-1] not in OPENING, text
        ems = sum(1 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)
        assert ems <= 28.5, text  # Latin letters and digits are half as wide as hanzi
    joined = "".join(text_lines)
    for para in paragraphs:
        assert para.replace(" ", "") in joined.replace(" ", "")
    assert not any(
        t.endswith("—") and n.startswith("—") for t, n in zip(text_lines, text_lines[1:], strict=False)
    )


@pytest.mark.parametrize("free_lines", [2, 3, 6])
def test_a_heading_is_kept_with_two_lines_of_its_text_without_wasting_the_page(fonts, free_lines):
    # Page 1: title (2 lines + 1 blank) then 3-line paragraphs; leave *free_lines* lines free.
    used = 22 - 3 - free_lines
    filler = [HAN * 41] * (used // 3) + [HAN * 13] * (used % 3)  # 1-line paragraphs fill the rest
    doc = document(filler)
    doc.body += [Heading("二、综合评价分析", 1), Paragraph(HAN * 200)]
    pages = pieces(render_pdf(doc, fonts=fonts))
    first = [t for _y, _x, t, _s in body_lines(pages[0])]
    if free_lines < 3:  # the heading and two lines do not fit: they start page 2
        assert len(first) == 21 - free_lines and "二、综合评价分析" not in first  # 22 less the blank line
        assert body_lines(pages[1])[0][2] == "二、综合评价分析"
    else:  # the heading stays, its paragraph fills the page
        assert len(first) == 21 and first[-free_lines] == "二、综合评价分析"


def test_a_long_latin_word_or_number_is_broken_rather_than_overflowing(fonts):
    pdf = render_pdf(document(["x" * 200, "1234567890" * 20]), fonts=fonts)
    found = [t for page in pieces(pdf) for _y, _x, t, _s in body_lines(page)][2:]
    assert "".join(found) == "x" * 200 + "1234567890" * 20
    assert all(len(t) <= 60 for t in found)


# -- escaping -------------------------------------------------------------------------------------


MARKUP = [
    "A&B公司 <b> 《x》",
    'a <img src="http://example.invalid/x.png"/> b',
    "&amp; &lt; &#x4e2d; </para> <br/> ]]> <font color=red>",
    "\"quoted\" 'single' <unclosed",
]


def test_markup_characters_print_literally_everywhere(fonts):
    doc = ReportDocument(
        title=Title([MARKUP[0]]),
        body=[Heading(MARKUP[1], 1), Heading(MARKUP[2], 2), Paragraph(MARKUP[3], lead=MARKUP[0])],
        attachments=[
            Table([MARKUP[2]], [[TableCell(m, align="left") for m in MARKUP]], [1, 1, 1, 1], note=MARKUP[1])
        ],
        author="A&B <unit>",
        subject="<subject> & co",
    )
    pdf = render_pdf(doc, fonts=fonts)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    for value in MARKUP:
        assert re.sub(r"\s+", "", value) in text, value
    assert reader.metadata.author == "A&B <unit>"
    assert reader.metadata.subject == "<subject> & co"
    assert reader.metadata.title == MARKUP[0]


# -- tables -------------------------------------------------------------------------------------------


def test_attachment_table_repeats_its_header_and_splits_tall_rows(fonts):
    tall = "".join(f"第{i}句说明偏差原因。" for i in range(600))  # ≈ 6,000 characters in one cell
    pdf = render_pdf(document(["正文。"], attachments=[score_table(rows=60, tall=tall)]), fonts=fonts)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    landscape = [p for p in reader.pages if p.mediabox.width > p.mediabox.height]
    assert len(landscape) >= 3
    for page in landscape:
        text = re.sub(r"\s+", "", page.extract_text())
        assert "偏差原因分析及改进措施" in text and "一级指标" in text  # both header rows
    all_text = re.sub(r"\s+", "", "".join(p.extract_text() for p in landscape))
    for i in range(60):
        assert f"第{i + 1}项：举办宣讲会场次" in all_text
    # The tall cell, read from its column (the last 3/9 of the width) over all pages, is complete.
    # The tall cell, read in drawing order over all pages (cells are drawn row by row, each cell's
    # lines top to bottom), is complete and in order: split between lines only.
    in_column = [
        text
        for page in pieces(pdf)[1:]
        for _x, _y, _font, _size, text in page
        if "句" in text or "偏差原因。" in text or re.fullmatch(r"[第\d句说明偏差原因。]+", text)
    ]
    assert "".join(in_column).replace("偏差原因分析及改进措施", "").startswith(tall)


def test_tables_with_uneven_rows_and_oversized_spans_render(fonts):
    rows = [
        [TableCell("a", colspan=5), TableCell("b", rowspan=9)],
        [TableCell("c")],
        [],
        [TableCell("d", colspan=2, rowspan=2), TableCell("e")],
    ]
    table = Table([], rows, [], header_rows=7, note="")
    pdf = render_pdf(document([], attachments=[table, Table(["空表"], [], [1])]), fonts=fonts)
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    for part in "abcde":
        assert part in text
    assert "空表" in text


# -- metadata, determinism, progress ----------------------------------------------------------


def test_metadata_and_deterministic_bytes(fonts):
    doc = document(
        ["正文" * 100],
        author="广州市花都区工商业联合会",
        subject="部门整体支出绩效自评",
        keywords=["绩效", "2022"],
    )
    doc.attachments.append(score_table())
    first = render_pdf(doc, fonts=fonts, deterministic=True)
    second = render_pdf(doc, fonts=resolve_fonts(search_dirs=[]), deterministic=True)
    assert first == second
    meta = pypdf.PdfReader(io.BytesIO(first)).metadata
    assert meta.title == "2022 年度广州市花都区工商业联合会部门整体支出绩效自评报告"
    assert meta.author == "广州市花都区工商业联合会"
    assert meta.subject == "部门整体支出绩效自评"
    assert "绩效" in meta["/Keywords"]
    assert meta.creation_date.year == 2000  # reportlab's invariant date

    dated = render_pdf(
        doc, fonts=fonts, deterministic=True, creation_date=datetime(2023, 1, 15, 9, 30, tzinfo=UTC)
    )
    assert pypdf.PdfReader(io.BytesIO(dated)).metadata["/CreationDate"].startswith("D:20230115093000")
    now = pypdf.PdfReader(io.BytesIO(render_pdf(doc, fonts=fonts))).metadata.creation_date
    assert now.year == datetime.now().year


def test_progress_reports_each_page_and_empty_documents_render(fonts):
    seen = []
    pdf = render_pdf(document([HAN * 400] * 3), fonts=fonts, progress=seen.append)
    assert seen == list(range(1, len(pypdf.PdfReader(io.BytesIO(pdf)).pages) + 1))
    empty = ReportDocument(title=Title([]), body=[Paragraph(""), Heading("", 1), Paragraph("", lead="")])
    assert len(pypdf.PdfReader(io.BytesIO(render_pdf(empty, fonts=fonts))).pages) == 1


def test_unknown_profile_is_refused(fonts):
    with pytest.raises(ValueError):
        render_pdf(document(["x"]), fonts=fonts, profile="a5")


def test_a_long_title_breaks_into_balanced_centred_lines(fonts):
    title = "2022年度广州市花都区工商业联合会和广州市花都区民营经济发展促进中心部门整体支出绩效自评报告"
    page = pieces(render_pdf(document([], title=[title]), fonts=fonts))[0]
    found = [(x, t) for _y, x, t, size in lines(page) if size == pytest.approx(22)]
    assert "".join(t for _x, t in found) == title
    assert len(found) == 3
    widths = [pdfmetrics.stringWidth(t, fonts.name("title"), 22) for _x, t in found]
    # near-balanced (not 20 + 20 + 8 characters), lines ending between the phrases of the name
    assert max(widths) - min(widths) <= 6 * 22.5
    assert [t for _x, t in found][:2] == [
        "2022年度广州市花都区工商业联合会",
        "和广州市花都区民营经济发展促进中心",
    ]
    for (x, _text), width in zip(found, widths, strict=True):
        assert x + width / 2 == pytest.approx(106 * MM, abs=1.5)  # centred on the type area


def test_a_long_unit_name_breaks_between_its_phrases(fonts):
    title = "2023年度中国人民政治协商会议广州市花都区委员会办公室"
    page = pieces(render_pdf(document([], title=[title, "部门整体支出绩效自评报告"]), fonts=fonts))[0]
    found = [t for _y, _x, t, size in lines(page) if size == pytest.approx(22)]
    assert found[:2] == ["2023年度中国人民政治协商会议", "广州市花都区委员会办公室"]


def test_justified_lines_never_spread_a_number_or_a_word():
    from jixiao.report.pdf import _stretchable

    for prev, cur in ["11", "8.", ".7", "3%", "su", "c-"]:
        assert not _stretchable(prev, cur)  # inside a number or a Latin word: never widened
    for prev, cur in ["3万", "出1", "，s", "c项", "a ", "汉字"]:
        assert _stretchable(prev, cur)
