"""ReportDocument → an editable Word file (.docx) with python-docx, on a ``LayoutProfile``'s page.

The same document the PDF is made from, written as the clerk would have typed it in Word:

* one named paragraph style per role (Title, Heading 1–4, Normal, table text …), each with the
  East Asian face Word and WPS resolve by name (``WORD_FONTS``), and no direct formatting where a
  style does it; only the styles the document uses are kept (no empty or unused styles);
* headings are Word's built-in "heading N" styles with an outline level, so the navigation pane
  shows the outline;
* the page set-up of the profile: A4, margins, a document grid (``w:docGrid`` lines and characters),
  page numbers "— N —" as a PAGE field on the outer side (odd right, even left);
* attachment tables as real tables in a landscape section: header rows repeated, spans merged
  (``gridSpan``/``vMerge``), rows allowed to break across pages.

Text is final (live figures written out): the Word file is a snapshot of the records. Rendering is a
dispatch over block types (``BLOCK_WRITERS``): a block kind it does not know raises ``TypeError``.
"""

from __future__ import annotations

import io
import math
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Twips
from docx.table import _Cell

from jixiao.report.document import Heading, Paragraph, ReportDocument, Table, TableCell, place_cells
from jixiao.report.layouts import LayoutProfile, get_profile

TWIPS_PER_PT = 20
TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class WordFont:
    """A face as Word names it: the family name written in ``w:rFonts`` and the font table, and the
    name Windows 7+ ships under when the GB2312 face is not installed (the font table's ``altName``)."""

    name: str
    alt_name: str = ""
    family: str = "modern"  # the font table's generic family
    pitch: str = "fixed"


# The names Word and WPS on a Chinese office PC resolve (the fonts' Chinese family names, as Word
# writes them; see docs/exports.md).
WORD_FONTS: dict[str, WordFont] = {
    "title": WordFont("方正小标宋简体", "方正小标宋_GBK", "script", "fixed"),
    "heading1": WordFont("黑体", "SimHei"),
    "heading2": WordFont("楷体_GB2312", "楷体"),
    "body": WordFont("仿宋_GB2312", "仿宋"),
    "page_number": WordFont("宋体", "SimSun"),
}


def clean_text(text: str) -> str:
    """*text* for a Word run: tabs as spaces, CR/LF as ``\\n``, control/format characters dropped
    (XML 1.0 cannot hold most C0 controls; ZWJ and variation selectors would vanish in print)."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return "".join(
        c for c in text if c == "\n" or unicodedata.category(c) not in ("Cc", "Cf", "Cs", "Co", "Cn")
    )


# -- styles -----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StyleSpec:
    """A paragraph style: its Word name, role (font), size (pt), and paragraph settings.

    *line_pt* is an exact line pitch; *grid* snaps to the document grid (body-size text only);
    *indent_chars* is a first-line indent in characters; *outline* a heading level (0-based).
    """

    name: str
    role: str
    size_pt: float
    align: str = "both"  # w:jc value
    line_pt: float | None = None
    grid: bool = True
    indent_chars: int = 0
    outline: int | None = None
    bold: bool = False
    keep_next: bool = False
    after_pt: float = 0.0
    based_on: str | None = None
    indent_left_pt: float = 0.0
    indent_right_pt: float = 0.0


def _twips(points: float) -> int:
    return int(round(points * TWIPS_PER_PT))


def grid_line_twips(profile: LayoutProfile) -> int:
    """The body's line pitch in twips, rounded down so that ``lines_per_page`` lines fit the type area
    (225 mm / 22 = 28.99 pt → 579 twips = 28.95 pt; 580 would leave room for 21 lines only)."""
    return int(profile.body_leading_pt * TWIPS_PER_PT)


def _margins_twips(profile: LayoutProfile) -> tuple[int, int, int, int]:
    """Top, right, bottom, left margins in twips, as Word stores them."""
    return tuple(
        int(round(mm * TWIPS_PER_MM))
        for mm in (
            profile.margin_top_mm,
            profile.margin_right_mm,
            profile.margin_bottom_mm,
            profile.margin_left_mm,
        )
    )  # type: ignore[return-value]


def grid_char_space(profile: LayoutProfile) -> int:
    """``w:docGrid/@w:charSpace``: the character pitch minus the body size, in 1/4096 pt, from the text
    width in twips as Word sees it, rounded down so that the characters fit (156 mm, 28 characters of
    16 pt → −842)."""
    if not profile.chars_per_line:
        return 0
    _top, right, _bottom, left = _margins_twips(profile)
    width_pt = (int(round(210 * TWIPS_PER_MM)) - left - right) / TWIPS_PER_PT
    return math.floor((width_pt / profile.chars_per_line - profile.body_size_pt) * 4096)


def style_specs(profile: LayoutProfile) -> dict[str, StyleSpec]:
    """The paragraph styles by key, for *profile*."""
    p = profile
    line = grid_line_twips(p) / TWIPS_PER_PT
    pitch = p.char_pitch_pt
    h = p.heading_size_pt
    number_align = {"outer": None, "center": "center"}.get(p.page_number_position)
    heading_roles = ("heading1", "heading2", "body", "body")  # 黑体, 楷体, then 仿宋 (bold or not)
    headings = {
        f"heading{n}": StyleSpec(
            f"Heading {n}",
            heading_roles[n - 1],
            h[n - 1],
            line_pt=line,
            indent_chars=p.first_indent_chars,
            outline=n - 1,
            bold=p.heading3_bold if n == 3 else False,
            keep_next=True,
        )
        for n in (1, 2, 3, 4)
    }
    specs = {
        "body": StyleSpec("Normal", "body", p.body_size_pt, line_pt=line, indent_chars=p.first_indent_chars),
        "title": StyleSpec(
            "Title",
            "title",
            p.title_size_pt,
            align="center",
            line_pt=line,
            grid=False,
            after_pt=p.title_blank_lines * line,
        ),
        **headings,
        "table_title": StyleSpec(
            "表格标题",
            "title",
            p.table_title_size_pt,
            align="center",
            line_pt=p.table_title_size_pt * 1.5,
            grid=False,
        ),
        "table_subtitle": StyleSpec(
            "表格副标题",
            "body",
            p.table_subtitle_size_pt,
            align="center",
            line_pt=p.table_subtitle_size_pt * 1.5,
            grid=False,
        ),
        "table_text": StyleSpec(
            "表格文字", "body", p.table_size_pt, align="center", line_pt=p.table_leading_pt, grid=False
        ),
        "table_note": StyleSpec(
            "表格注释", "body", p.table_size_pt, align="both", line_pt=p.table_leading_pt, grid=False
        ),
        # An empty paragraph between two parts of one form: Word joins adjacent tables into one, and
        # the second part's header row would no longer repeat.
        "table_joint": StyleSpec("表格续接", "body", 1.0, line_pt=1.0, grid=False),
        "footer": StyleSpec(
            "Footer",
            "page_number",
            p.page_number_size_pt,
            align=number_align or "right",
            line_pt=p.page_number_size_pt,
            grid=False,
        ),
    }
    if number_align is None:  # outer: odd pages right, even pages left, one body character in
        specs["footer"] = StyleSpec(
            "Footer",
            "page_number",
            p.page_number_size_pt,
            align="right",
            line_pt=p.page_number_size_pt,
            grid=False,
            indent_right_pt=p.page_number_side_chars * pitch,
        )
        specs["footer_even"] = StyleSpec(
            "页码（偶数页）",
            "page_number",
            p.page_number_size_pt,
            align="left",
            line_pt=p.page_number_size_pt,
            grid=False,
            indent_left_pt=p.page_number_side_chars * pitch,
        )
    for align in ("left", "right"):
        specs[f"table_text_{align}"] = StyleSpec(
            f"表格文字（{'左' if align == 'left' else '右'}）",
            "body",
            p.table_size_pt,
            align="both" if align == "left" else "right",
            line_pt=p.table_leading_pt,
            grid=False,
        )
    for align, suffix in (("center", ""), ("left", "（左）"), ("right", "（右）")):
        base = specs["table_text" if align == "center" else f"table_text_{align}"]
        specs[f"table_head_{align}"] = StyleSpec(
            f"表头文字{suffix}",
            "body",
            base.size_pt,
            align=base.align,
            line_pt=base.line_pt,
            grid=False,
            bold=True,
        )
    return specs


def _set_fonts(rpr, font: WordFont) -> None:
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font.name)
    fonts.set(qn("w:hint"), "eastAsia")
    rpr.append(fonts)


def _append(parent, tag: str, **attributes: str):
    element = OxmlElement(tag)
    for key, value in attributes.items():
        element.set(qn(f"w:{key}"), value)
    parent.append(element)
    return element


class _Styles:
    """Creates the document's styles on first use (so the file holds only styles it uses)."""

    KEPT = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"}

    def __init__(self, document, profile: LayoutProfile) -> None:
        self.document = document
        self.specs = style_specs(profile)
        self.made: dict[str, object] = {}
        root = document.styles.element
        for style in list(root.findall(qn("w:style"))):
            if style.get(qn("w:styleId")) not in self.KEPT:
                root.remove(style)
        self._defaults(profile)

    def _defaults(self, profile: LayoutProfile) -> None:
        root = self.document.styles.element
        defaults = root.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        for child in list(rpr):
            rpr.remove(child)
        _set_fonts(rpr, WORD_FONTS["body"])
        _append(rpr, "w:kern", val="2")
        _append(rpr, "w:sz", val=str(int(profile.body_size_pt * 2)))
        _append(rpr, "w:szCs", val=str(int(profile.body_size_pt * 2)))
        _append(rpr, "w:lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA")
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        for child in list(ppr):
            ppr.remove(child)

    def paragraph(self, key: str):
        """The paragraph style for *key* (see ``style_specs``), made on first use."""
        if key in self.made:
            return self.made[key]
        spec = self.specs[key]
        styles = self.document.styles
        if spec.name == "Normal":
            style = styles["Normal"]
        else:
            style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles["Normal"]
            style.quick_style = spec.outline is not None or key == "title"
            if spec.outline is not None or key in ("title", "footer"):
                style.next_paragraph_style = styles["Normal"] if key != "footer" else style
        self._format(style, spec)
        self.made[key] = style
        return style

    def _format(self, style, spec: StyleSpec) -> None:
        element = style.element
        for tag in ("w:pPr", "w:rPr"):
            old = element.find(qn(tag))
            if old is not None:
                element.remove(old)
        ppr = OxmlElement("w:pPr")
        if spec.keep_next:
            _append(ppr, "w:keepNext")
        _append(ppr, "w:widowControl", val="1")
        if not spec.grid:
            _append(ppr, "w:snapToGrid", val="0")
        spacing = _append(ppr, "w:spacing", before="0", after=str(_twips(spec.after_pt)))
        if spec.line_pt:
            spacing.set(qn("w:line"), str(_twips(spec.line_pt)))
            spacing.set(qn("w:lineRule"), "exact")
        ind = _append(
            ppr,
            "w:ind",
            left=str(_twips(spec.indent_left_pt)),
            right=str(_twips(spec.indent_right_pt)),
            firstLine="0",
        )
        if spec.indent_chars:
            # firstLineChars (hundredths of a character) wins in Word and WPS; firstLine is the fallback
            ind.set(qn("w:firstLineChars"), str(spec.indent_chars * 100))
            ind.set(qn("w:firstLine"), str(_twips(spec.indent_chars * spec.size_pt)))
        _append(ppr, "w:jc", val=spec.align)
        if spec.outline is not None:
            _append(ppr, "w:outlineLvl", val=str(spec.outline))
        # pPr must come before rPr, after the style's name/basedOn/next/qFormat elements
        element.append(ppr)
        rpr = OxmlElement("w:rPr")
        _set_fonts(rpr, WORD_FONTS[spec.role])
        _append(rpr, "w:b", val="1" if spec.bold else "0")
        _append(rpr, "w:bCs", val="1" if spec.bold else "0")
        _append(rpr, "w:color", val="000000")
        _append(rpr, "w:sz", val=str(int(round(spec.size_pt * 2))))
        _append(rpr, "w:szCs", val=str(int(round(spec.size_pt * 2))))
        element.append(rpr)

    def table_style(self):
        return self.document.styles["Table Grid"]

    def drop_unused(self) -> None:
        """Remove the kept template styles the document did not use (Table Grid without tables)."""
        root = self.document.styles.element
        if not self.document.tables:
            for style in list(root.findall(qn("w:style"))):
                if style.get(qn("w:styleId")) == "TableGrid":
                    root.remove(style)


# -- the writer -------------------------------------------------------------------------------------


class _Writer:
    def __init__(self, doc: ReportDocument, profile: LayoutProfile) -> None:
        self.doc = doc
        self.p = profile
        self.word = Document()
        self._drop_styles_with_effects()
        self.styles = _Styles(self.word, profile)
        self._first_block = True
        # the template's one empty paragraph
        body = self.word.element.body
        for paragraph in list(body.findall(qn("w:p"))):
            body.remove(paragraph)

    def _drop_styles_with_effects(self) -> None:
        """python-docx's template has a Word 2010 ``stylesWithEffects`` copy of its styles; Word 2010
        would read our styles from it, so it goes."""
        part = self.word.part
        for rel_id, rel in list(part.rels.items()):
            if rel.reltype.endswith("/stylesWithEffects"):
                part.drop_rel(rel_id)
                if rel_id in part.rels:  # python-docx keeps a rel that is still referenced
                    del part.rels[rel_id]

    def paragraph(self, text: str, key: str):
        paragraph = self.word.add_paragraph(style=self.styles.paragraph(key))
        if text:
            paragraph.add_run(text)
        return paragraph

    # -- blocks -----------------------------------------------------------------------------------
    def title(self, lines: list[str]) -> None:
        parts = [part for line in lines for part in clean_text(line).split("\n")]
        if not parts:
            return
        paragraph = self.word.add_paragraph(style=self.styles.paragraph("title"))
        for number, part in enumerate(parts):
            run = paragraph.add_run(part)
            if number < len(parts) - 1:
                run.add_break()

    def heading(self, heading: Heading) -> None:
        level = min(max(heading.level, 1), 4)
        for part in clean_text(heading.text).split("\n"):
            if part.strip():
                self.paragraph(part, f"heading{level}")

    def body_paragraph(self, para: Paragraph) -> None:
        lead = clean_text(para.lead)
        for number, part in enumerate(clean_text(para.text).split("\n")):
            if number == 0 and lead:
                paragraph = self.paragraph("", "body")
                run = paragraph.add_run(lead)
                if self.p.heading3_bold:
                    run.bold = True  # a run-in heading: bold inside a body paragraph
                if part:
                    paragraph.add_run(part)
            elif part:
                self.paragraph(part, "body")

    def table(self, table: Table, first: bool) -> None:
        if first:
            self._landscape_section()
        elif table.new_page:
            pass  # the first title line breaks the page (below)
        else:
            self.paragraph("", "table_joint")
        titles = [clean_text(line) for line in table.title]
        for number, line in enumerate(titles):
            paragraph = self.paragraph(line, "table_title" if number == 0 else "table_subtitle")
            if number == 0 and table.new_page and not first:
                paragraph.paragraph_format.page_break_before = True
        if not titles and table.new_page and not first:
            self.paragraph("", "table_joint").paragraph_format.page_break_before = True
        self._grid(table)
        note = clean_text(table.note)
        if note.strip():
            self.paragraph(note, "table_note")

    def _landscape_section(self) -> None:
        p = self.p
        section = self.word.add_section(WD_SECTION.NEW_PAGE)
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin = Mm(p.table_margin_top_mm)
        section.bottom_margin = Mm(p.table_margin_bottom_mm)
        section.left_margin = Mm(p.table_margin_left_mm)
        section.right_margin = Mm(p.table_margin_right_mm)
        section.footer_distance = Mm(_footer_mm(p.table_margin_bottom_mm, p))
        grid = section._sectPr.find(qn("w:docGrid"))
        for attribute in ("w:type", "w:charSpace"):
            grid.attrib.pop(qn(attribute), None)  # no grid on the table pages: table text has its own pitch
        grid.set(qn("w:linePitch"), str(_twips(p.table_leading_pt)))

    def _grid(self, table: Table) -> None:
        grid, ncols = _place(table.rows)
        if not ncols:
            return
        p = self.p
        width_twips = int(round((297 - p.table_margin_left_mm - p.table_margin_right_mm) * TWIPS_PER_MM))
        weights = list(table.col_widths[:ncols]) + [1.0] * max(0, ncols - len(table.col_widths))
        weights = [w if w and w > 0 else 1.0 for w in weights]
        widths = [int(width_twips * w / sum(weights)) for w in weights]
        nrows = len(table.rows)
        word_table = self.word.add_table(rows=nrows, cols=ncols)
        word_table.style = self.styles.table_style()
        word_table.autofit = False
        tbl_pr = word_table._tbl.tblPr
        tbl_w = tbl_pr.find(qn("w:tblW"))
        if tbl_w is None:
            tbl_w = _append(tbl_pr, "w:tblW")
        tbl_w.set(qn("w:w"), str(sum(widths)))
        tbl_w.set(qn("w:type"), "dxa")
        word_table.alignment = WD_TABLE_ALIGNMENT.CENTER  # python-docx keeps tblPr's schema order
        for column, width in zip(word_table.columns, widths, strict=True):
            column.width = Twips(width)
        header = min(max(table.header_rows, 0), nrows - 1) if nrows > 1 else 0
        # the cells of the fresh table, taken once (python-docx's table.cell() re-reads the whole grid)
        cells = [[_Cell(tc, word_table) for tc in tr.tc_lst] for tr in word_table._tbl.tr_lst]
        for r, row in enumerate(cells):
            if r < header:
                _append(word_table.rows[r]._tr.get_or_add_trPr(), "w:tblHeader")
            for c, word_cell in enumerate(row):
                word_cell.width = Twips(widths[c])
                word_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
        for (r, c), cell in grid.items():
            target = cells[r][c]
            cs, rs = max(cell.colspan, 1), min(max(cell.rowspan, 1), nrows - r)
            if cs > 1 or rs > 1:
                target = target.merge(cells[r + rs - 1][c + cs - 1])
            self._cell(target, cell)

    def _cell(self, target, cell: TableCell) -> None:
        align = cell.align if cell.align in ("left", "center", "right") else "left"
        key = (
            f"table_head_{align}"
            if cell.bold
            else ("table_text" if align == "center" else f"table_text_{align}")
        )
        style_id = self.styles.paragraph(key).style_id
        parts = clean_text(cell.text).split("\n")
        first = target.paragraphs[0]
        for extra in target.paragraphs[1:]:  # left by a merge
            extra._element.getparent().remove(extra._element)
        first._p.style = style_id
        if parts[0]:
            first.add_run(parts[0])
        for part in parts[1:]:
            target.add_paragraph(part)._p.style = style_id

    # -- page numbers -------------------------------------------------------------------------------
    def page_numbers(self) -> None:
        section = self.word.sections[0]
        section.footer_distance = Mm(_footer_mm(self.p.margin_bottom_mm, self.p))
        self._number(section.footer.paragraphs[0], "footer")
        if "footer_even" in self.styles.specs:
            self.word.settings.odd_and_even_pages_header_footer = True
            self._number(section.even_page_footer.paragraphs[0], "footer_even")

    def _number(self, paragraph, key: str) -> None:
        paragraph.style = self.styles.paragraph(key)
        paragraph.add_run("\u2014 ")
        run = paragraph.add_run()
        _append(run._r, "w:fldChar", fldCharType="begin")
        run = paragraph.add_run()
        instr = _append(run._r, "w:instrText")
        instr.set(qn("xml:space"), "preserve")
        instr.text = " PAGE "
        run = paragraph.add_run()
        _append(run._r, "w:fldChar", fldCharType="separate")
        paragraph.add_run("1")
        run = paragraph.add_run()
        _append(run._r, "w:fldChar", fldCharType="end")
        paragraph.add_run(" \u2014")

    # -- set-up -------------------------------------------------------------------------------------
    def page_setup(self) -> None:
        p = self.p
        section = self.word.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        top, right, bottom, left = _margins_twips(p)
        section.top_margin, section.right_margin = Twips(top), Twips(right)
        section.bottom_margin, section.left_margin = Twips(bottom), Twips(left)
        section.header_distance = Mm(15)
        section.gutter = Emu(0)
        grid = section._sectPr.find(qn("w:docGrid"))
        grid.set(qn("w:type"), "linesAndChars" if p.chars_per_line else "lines")
        grid.set(qn("w:linePitch"), str(grid_line_twips(p)))
        if p.chars_per_line:
            grid.set(qn("w:charSpace"), str(grid_char_space(p)))

    def properties(self) -> None:
        props = self.word.core_properties
        title = "".join(clean_text(line).replace("\n", "") for line in self.doc.title.lines).strip()
        props.title = title
        props.author = clean_text(self.doc.author).replace("\n", " ")
        props.last_modified_by = props.author
        props.subject = clean_text(self.doc.subject).replace("\n", " ")
        props.keywords = ", ".join(clean_text(k) for k in self.doc.keywords)
        props.comments = ""
        props.category = ""
        props.revision = 1

    def font_table(self) -> None:
        """The font table lists our faces with charset GB2312 (86) and the Windows 7+ alternative name."""
        part = self.word.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable"
        )
        ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        fonts = []
        for font in dict.fromkeys(WORD_FONTS.values()):
            alt = f'<w:altName w:val="{font.alt_name}"/>' if font.alt_name else ""
            fonts.append(
                f'<w:font w:name="{font.name}">{alt}<w:charset w:val="86"/>'
                f'<w:family w:val="{font.family}"/><w:pitch w:val="{font.pitch}"/></w:font>'
            )
        xml = (
            "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<w:fonts xmlns:w="{ns}">' + "".join(fonts) + "</w:fonts>"
        )
        part._blob = xml.encode("utf-8")


def _footer_mm(margin_bottom_mm: float, p: LayoutProfile) -> float:
    """The footer distance (page edge to the number's lower edge) that puts the top of the page
    number ``page_number_gap_mm`` below the type area, as the PDF does (35 − 7 − 4.9 = 23.1 mm)."""
    size_mm = p.page_number_size_pt * 25.4 / 72
    return max(margin_bottom_mm - p.page_number_gap_mm - size_mm, 0.0)


BlockWriter = Callable[[_Writer, Any], None]  # the block is of the kind it is registered for
BLOCK_WRITERS: dict[type, BlockWriter] = {
    Heading: lambda writer, block: writer.heading(block),
    Paragraph: lambda writer, block: writer.body_paragraph(block),
}
"""How each body block kind is written; a kind missing here is refused (``TypeError``)."""


def _place(rows: list[list[TableCell]]) -> tuple[dict[tuple[int, int], TableCell], int]:
    """Where each cell starts on the full grid (covered positions skipped) and the column count."""
    placed, ncols = place_cells(rows)
    return {(r, c): cell for r, c, cell in placed}, ncols


def render_docx(
    doc: ReportDocument,
    *,
    profile: str | LayoutProfile = "gbt9704",
    created: datetime | None = None,
) -> bytes:
    """*doc* as the bytes of a .docx file on the page of *profile* ("gbt9704", "word" or a profile).

    *created* is the document's creation and modification time (default: now, UTC); given, the
    output is identical for identical input (zip entries are dated *created* too).
    :raises TypeError: a body block of a kind this renderer does not know.
    """
    p = get_profile(profile)
    writer = _Writer(doc, p)
    writer.page_setup()
    writer.title(doc.title.lines)
    for block in doc.body:
        write = BLOCK_WRITERS.get(type(block))
        if write is None:
            raise TypeError(f"the Word renderer cannot write a {type(block).__name__} block")
        write(writer, block)
    for number, table in enumerate(doc.attachments):
        if not isinstance(table, Table):
            raise TypeError(f"the Word renderer cannot write a {type(table).__name__} attachment")
        writer.table(table, first=number == 0)
    if not writer.word.paragraphs and not writer.word.tables:
        writer.paragraph("", "body")
    writer.page_numbers()
    writer.properties()
    writer.font_table()
    writer.styles.drop_unused()
    when = (created or datetime.now(UTC)).replace(microsecond=0)
    writer.word.core_properties.created = when
    writer.word.core_properties.modified = when
    buffer = io.BytesIO()
    writer.word.save(buffer)
    return _stamp_zip(buffer.getvalue(), when) if created is not None else buffer.getvalue()


def _stamp_zip(data: bytes, when: datetime) -> bytes:
    """*data* (a zip) with every entry dated *when*: python-docx dates them now, so identical input
    would give different bytes."""
    stamp = max(when.timetuple()[:6], (1980, 1, 1, 0, 0, 0))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = item.external_attr
            target.writestr(info, source.read(item.filename))
    return out.getvalue()


__all__ = ["render_docx", "WORD_FONTS", "BLOCK_WRITERS", "style_specs", "grid_char_space", "grid_line_twips"]
