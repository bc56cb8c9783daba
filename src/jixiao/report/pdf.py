"""ReportDocument → PDF with reportlab, on the page geometry of a ``LayoutProfile``.

Text is laid out by ``TextBlock``, a flowable of our own, not by reportlab's ``Paragraph``:

* the GB/T 9704 grid (28 characters of 16 pt in 156 mm) needs a character spacing, which
  ``Paragraph`` cannot set;
* Chinese line breaking follows the usual rules: a closing mark (，。；：、）》”’！？ …) never starts a
  line and an opening mark (（《“‘ …) never ends one; the character before is carried over instead
  and the shorter line is justified; reportlab's own CJK wrap only lets one such mark hang into the
  margin;
* each character is drawn in a face that has it (``FontSet.runs``: role face, else a fallback);
* user text never passes through reportlab's markup parser, so "A&B公司 <b> 《x》" prints exactly as
  typed and nothing in it can be taken for markup (there is nothing to escape).

Pages: portrait A4 for the report, landscape A4 for the attachment tables; page numbers "— N —" are
drawn by the page templates. The blocks flow onto the pages through ``report.flow`` (platypus'
page loop without importing platypus). ``deterministic=True`` gives identical bytes for identical input.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable
from datetime import datetime
from functools import lru_cache

from reportlab.lib import colors
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from jixiao.report.document import Heading, Paragraph, ReportDocument, Table, TableCell, place_cells
from jixiao.report.flow import (
    CondPageBreak,
    Flowable,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    flow,
)
from jixiao.report.fonts import ROLES, FontSet, default_fonts, is_invisible
from jixiao.report.layouts import MM, LayoutProfile, get_profile
from jixiao.report.pdf_grid import Grid, GridCell

# A line never starts with these (closing punctuation, full and half width) …
NO_LINE_START = frozenset(
    "，。、；：！？）》〉」』】〕〗｝］”’·．％‰℃°…—～,.;:!?)]}%\u30fb\u3005\u309d\u309e\u30fd\u30fe\u30fc"
)
# … and never ends with these (opening punctuation).
NO_LINE_END = frozenset("（《〈「『【〔〖｛［“‘([{")
_PAIRED = frozenset("—…")  # "——" and "……" are never split
EM_BOX_ASCENT = 0.88  # baseline position in the ideographic em box (ascent 880, descent −120)
BOLD_STROKE = 0.03  # faux-bold outline, as a fraction of the font size


def clean_text(text: str) -> str:
    """*text* ready to draw: tabs as spaces, CR/LF as ``\\n``, invisible format/control characters
    (ZWJ, variation selectors, C0/C1 controls, lone surrogates, unassigned) dropped."""
    if not text:
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    if text.isprintable():  # no character of an invisible category (the common case, checked in C)
        return text
    return "".join(c for c in text if c == "\n" or not is_invisible(c))


@lru_cache(maxsize=65536)
def _width(char: str, font: str, size: float) -> float:
    return pdfmetrics.stringWidth(char, font, size)


@lru_cache(maxsize=65536)
def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _can_break(prev: str, cur: str, strict: bool) -> bool:
    """Whether a line may end after *prev* and the next begin with *cur*."""
    if cur in NO_LINE_START or prev in NO_LINE_END:
        return False
    if prev == cur and cur in _PAIRED:
        return False
    if not strict or cur == " " or prev == " ":
        return True
    return _wide(prev) or _wide(cur)


class Span:
    """A piece of text in one style: font role, size in points, faux bold."""

    __slots__ = ("text", "role", "size", "bold")

    def __init__(self, text: str, role: str, size: float, bold: bool = False) -> None:
        self.text, self.role, self.size, self.bold = text, role, size, bold


class _Glyphs:
    """The characters of a block with the font, size, boldness and advance width of each."""

    __slots__ = ("chars", "fonts", "sizes", "bolds", "widths")

    def __init__(self, spans: list[Span], fonts: FontSet) -> None:
        self.chars: list[str] = []
        self.fonts: list[str] = []
        self.sizes: list[float] = []
        self.bolds: list[bool] = []
        self.widths: list[float] = []
        for span in spans:
            size = span.size
            for font, text in fonts.runs(clean_text(span.text), span.role):
                count = len(text)
                self.chars.extend(text)
                self.fonts.extend([font] * count)
                self.sizes.extend([size] * count)
                self.bolds.extend([span.bold] * count)
                self.widths.extend(0.0 if char == "\n" else _width(char, font, size) for char in text)


class TextBlock(Flowable):
    """Plain text in one or more spans, broken into lines on a fixed line pitch.

    *leading* is the line pitch (pt); *char_space* is added after every character (pt, negative
    tightens, the GB/T grid); *first_indent* indents the first line (pt); *align* is "justify",
    "left", "center" or "right". A ``\\n`` in the text ends a line. The block splits between lines.
    """

    def __init__(
        self,
        spans: list[Span],
        fonts: FontSet,
        *,
        leading: float,
        char_space: float = 0.0,
        first_indent: float = 0.0,
        align: str = "justify",
        keep: int = 1,
        phrases: bool = False,
        _glyphs: _Glyphs | None = None,
        _range: tuple[int, int] | None = None,
        _lines: list[tuple[int, int, float, bool]] | None = None,
        _width: float | None = None,
    ) -> None:
        super().__init__()
        self.glyphs = _glyphs or _Glyphs(spans, fonts)
        # the glyphs this block draws: all of them, or the rest after a split
        self.begin, self.end = _range or (0, len(self.glyphs.chars))
        self.leading = leading
        self.char_space = char_space
        self.first_indent = first_indent
        self.align = align
        self.keep = max(keep, 1)  # lines kept together at a page break (2: no widows or orphans)
        self.phrases = phrases
        # preferred line ends (after a phrase of a name: 年度, 市, 区, 委员会 …), titles only
        self.preferred = phrase_breaks(self.glyphs.chars) if phrases else frozenset()
        self.lines = _lines  # (start, end, indent, last) per line, for self._laid_width
        self._laid_width = _width

    # -- layout ---------------------------------------------------------------------------------
    def _advance(self, i: int) -> float:
        return self.glyphs.widths[i] + self.char_space

    def _layout(self, width: float) -> None:
        if self.lines is not None and self._laid_width is not None and abs(self._laid_width - width) < 1e-6:
            return
        lines = self._break(width)
        if self.align == "center" and 1 < len(lines) <= 6:
            # Balanced lines (a long title breaks into symmetric lines): the narrowest measure that
            # still gives as many lines (short blocks only: titles, table headings).
            low, high = 0.0, width
            for _ in range(16):
                middle = (low + high) / 2
                if len(self._break(middle)) <= len(lines):
                    high = middle
                else:
                    low = middle
            best = self._break(high)
            if self.preferred:
                # widen until every line ends between phrases, if that keeps the number of lines
                step = max(self.glyphs.widths[self.begin : self.end] or [1.0]) / 4
                trial = high
                while trial <= width + 1e-6:
                    found = self._break(trial)
                    if len(found) != len(best):
                        break
                    if all(last or end in self.preferred for _s, end, _i, last in found):
                        best = found
                        break
                    trial += step
            lines = best
        self.lines, self._laid_width = lines, width

    def _break(self, width: float) -> list[tuple[int, int, float, bool]]:
        """Greedy line breaking at *width*: (start, end, indent, last line of a paragraph) per line."""
        chars, n = self.glyphs.chars, self.end
        lines: list[tuple[int, int, float, bool]] = []
        start, indent = self.begin, self.first_indent
        eps = 1e-3
        while start < n:
            if chars[start] == "\n":  # an empty line
                lines.append((start, start, indent, True))
                start, indent = start + 1, 0.0
                continue
            limit = max(width - indent, 0.0)
            used, i = 0.0, start
            while i < n and chars[i] != "\n":
                step = self._advance(i)
                if used + step > limit + eps and chars[i] != " " and i > start:
                    break
                used += step
                i += 1
            if i >= n or chars[i] == "\n":
                lines.append((start, i, indent, True))
                start, indent = i + 1, 0.0
                if i >= n:
                    break
                continue
            end = self._break_at(start, i)
            lines.append((start, end, indent, False))
            start, indent = end, 0.0
            while start < n and chars[start] == " ":
                start += 1
        if not lines:
            lines.append((self.begin, self.begin, self.first_indent, True))
        return lines

    def _break_at(self, start: int, overflow: int) -> int:
        """Where the line that overflows at *overflow* ends: the last allowed break before it."""
        chars = self.glyphs.chars
        if chars[overflow] == " ":
            return overflow
        # a phrase end in the last third of the line (a line much shorter than the others is worse)
        for b in range(overflow, start + (overflow - start) * 2 // 3, -1):
            if b in self.preferred and _can_break(chars[b - 1], chars[b], True):
                return b
        for strict in (True, False):
            for b in range(overflow, start, -1):
                if _can_break(chars[b - 1], chars[b], strict):
                    return b
        return overflow  # nothing allowed: break anyway, the line must not run off the page

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self._layout(availWidth)
        self.width = availWidth
        self.height = len(self.lines) * self.leading
        return availWidth, self.height

    def split(self, availWidth: float, availHeight: float) -> list[TextBlock]:
        # reportlab's Table splits a cell with the column width, padding included, after wrapping
        # it without: keep the narrower width it was wrapped at, or the parts would not fit.
        wrapped = getattr(self, "width", None)
        if wrapped and wrapped < availWidth:
            availWidth = wrapped
        self._layout(availWidth)
        fit = int((availHeight + 1e-3) // self.leading)
        if fit >= len(self.lines):
            return [self]
        if len(self.lines) - fit < self.keep:
            fit = len(self.lines) - self.keep  # no widow: the last lines go together
        if fit < self.keep or fit <= 0:
            return []  # no orphan: the block starts on the next page
        head, tail = self.lines[:fit], self.lines[fit:]
        return [self._part(head, head[-1][1], availWidth), self._part(tail, self.end, availWidth)]

    def _part(self, lines: list[tuple[int, int, float, bool]], end: int, width: float) -> TextBlock:
        """A block drawing *lines* (glyphs from the first line's start to *end*), laid out already."""
        begin = lines[0][0]
        return TextBlock(
            [],
            None,  # type: ignore[arg-type]  # glyphs are given
            leading=self.leading,
            char_space=self.char_space,
            first_indent=lines[0][2],
            align=self.align,
            keep=self.keep,
            _glyphs=self.glyphs,
            _range=(begin, end),
            _lines=list(lines),
            _width=width,
        )

    # -- drawing --------------------------------------------------------------------------------
    def draw(self) -> None:
        canv = self.canv
        g = self.glyphs
        width = self._laid_width or self.width
        top = self.height
        for number, (start, end, indent, last) in enumerate(self.lines):
            stop = end
            while stop > start and g.chars[stop - 1] == " ":
                stop -= 1
            if stop <= start:
                continue
            size = max(g.sizes[start:stop])
            natural = sum(g.widths[start:stop]) + self.char_space * (stop - start - 1)
            room = width - indent
            extra = 0.0
            x = indent
            gaps: list[int] = []
            if self.align == "justify" and not last and stop - start > 1:
                # spread only gaps next to a CJK character or a space: never inside a number or word
                gaps = [i for i in range(start + 1, stop) if _stretchable(g.chars[i - 1], g.chars[i])]
                if gaps:
                    extra = max(room - natural, 0.0) / len(gaps)
            elif self.align == "center":
                x += (room - natural) / 2
            elif self.align == "right":
                x += room - natural
            baseline = top - number * self.leading - (self.leading - size) / 2 - EM_BOX_ASCENT * size
            if not gaps or extra <= 0:
                _draw_run_line(canv, g, start, stop, x, baseline, self.char_space)
                continue
            spacing = [self.char_space] * (stop - start)
            for gap in gaps:
                spacing[gap - 1 - start] += extra  # the space after glyph gap − 1
            _draw_run_line(canv, g, start, stop, x, baseline, spacing)


def _stretchable(prev: str, cur: str) -> bool:
    """Whether justification may widen the gap between *prev* and *cur*: not between two narrow
    characters (digits, Latin letters, ".", "%"), so "118.73" and "super" stay whole."""
    return _wide(prev) or _wide(cur) or prev == " " or cur == " "


# Name phrases a title line prefers to end after (a long unit name breaks between its parts).
_PHRASE_ENDS = (
    "年度",
    "委员会",
    "联合会",
    "会议",
    "省",
    "市",
    "区",
    "县",
    "州",
    "镇",
    "乡",
    "街道",
    "局",
    "中心",
)
_NOT_AFTER = {"市": "场民政", "区": "域", "县": "级", "局": "长", "会": "员长", "州": ""}


def phrase_breaks(chars: list[str]) -> frozenset[int]:
    """Positions after the phrase ends of a name ("2022年度|广州市|花都区|妇女联合会"), where a title
    line should break rather than inside a word."""
    text = "".join(chars)
    found = set()
    for end in _PHRASE_ENDS:
        position = text.find(end)
        while position >= 0:
            after = position + len(end)
            following = text[after : after + 1]
            if 0 < after < len(text) and following not in _NOT_AFTER.get(end[-1], ""):
                found.add(after)
            position = text.find(end, position + 1)
    return frozenset(found)


def _draw_run_line(
    canv: Canvas, g: _Glyphs, start: int, stop: int, x: float, y: float, spacing: float | list[float]
) -> None:
    """Draw glyphs ``start:stop`` of *g* from (x, y) with character spacing *spacing* (one value, or
    one per glyph: the space after it)."""
    canv.saveState()
    canv.setFillColor(colors.black)
    canv.setStrokeColor(colors.black)
    tx = canv.beginText(x, y)
    each = spacing if isinstance(spacing, list) else None
    current = None
    i = start
    mode = 0
    while i < stop:
        space = each[i - start] if each is not None else spacing
        key = (g.fonts[i], g.sizes[i], g.bolds[i])
        j = i + 1
        while (
            j < stop
            and (g.fonts[j], g.sizes[j], g.bolds[j]) == key
            and (each is None or each[j - start] == space)
        ):
            j += 1
        if space != current:
            tx.setCharSpace(space)
            current = space
        want = 2 if g.bolds[i] else 0
        if want != mode:
            if want:
                canv.setLineWidth(g.sizes[i] * BOLD_STROKE)
            tx.setTextRenderMode(want)
            mode = want
        tx.setFont(g.fonts[i], g.sizes[i])
        tx.textOut("".join(g.chars[i:j]))
        i = j
    canv.drawText(tx)
    canv.restoreState()


# -- the document -------------------------------------------------------------------------------


class _Builder:
    """Turns a ReportDocument into flowables (``report.flow``) for one profile and font set."""

    def __init__(self, profile: LayoutProfile, fonts: FontSet) -> None:
        self.p = profile
        self.fonts = fonts
        self.table_height = (
            profile.landscape_size_pt[1] - (profile.table_margin_top_mm + profile.table_margin_bottom_mm) * MM
        )

    def block(
        self,
        spans: list[Span],
        *,
        align: str = "justify",
        indent_chars: float = 0,
        grid: bool = True,
        phrases: bool = False,
    ) -> TextBlock:
        """A block on the body's line pitch; *grid* applies the body's character pitch (16 pt text)."""
        p = self.p
        return TextBlock(
            spans,
            self.fonts,
            leading=p.body_leading_pt,
            char_space=p.char_space_pt if grid else 0.0,
            first_indent=indent_chars * p.char_pitch_pt,
            align=align,
            keep=2,
            phrases=phrases,
        )

    def title(self, lines: list[str]) -> list[Flowable]:
        p = self.p
        out: list[Flowable] = []
        for line in lines:
            for part in clean_text(line).split("\n"):
                out.append(
                    self.block(
                        [Span(part, "title", p.title_size_pt)], align="center", grid=False, phrases=True
                    )
                )
        if out and p.title_blank_lines:
            out.append(Spacer(1, p.title_blank_lines * p.body_leading_pt))
        return out

    def heading(self, heading: Heading) -> list[Flowable]:
        p = self.p
        level = min(max(heading.level, 1), 4)
        role = {1: "heading1", 2: "heading2"}.get(level, "body")
        bold = level == 3 and p.heading3_bold
        size = p.heading_size_pt[level - 1]
        text = clean_text(heading.text)
        if not text.strip():
            return []
        return [self.block([Span(text, role, size, bold)], indent_chars=p.first_indent_chars)]

    def body(self, items: list[Heading | Paragraph]) -> list[Flowable]:
        """The body flowables. A run of headings is kept with two lines of what follows: a
        ``CondPageBreak`` before it starts a new page when less room is left (reportlab's
        keepWithNext would move a heading and its whole paragraph, leaving half a page empty)."""
        out: list[Flowable] = []
        pending: list[Flowable] = []  # the headings of the current run
        for item in items:
            if isinstance(item, Heading):
                pending += self.heading(item)
                continue
            if not isinstance(item, Paragraph):
                raise TypeError(f"unexpected body item {type(item).__name__}")
            out += self._keep(pending)
            pending = []
            out += self.paragraph(item)
        return out + self._keep(pending)

    def _keep(self, headings: list[Flowable]) -> list[Flowable]:
        if not headings:
            return []
        width, leading = self.p.type_width_pt, self.p.body_leading_pt
        need = sum(h.wrap(width, 1e9)[1] for h in headings) + 2 * leading
        return [CondPageBreak(need - 1e-3), *headings]

    def paragraph(self, para: Paragraph) -> list[Flowable]:
        p = self.p
        lead = clean_text(para.lead)
        parts = clean_text(para.text).split("\n")
        out: list[Flowable] = []
        for number, part in enumerate(parts):
            spans = []
            if number == 0 and lead:
                spans.append(Span(lead, "body", p.heading_size_pt[2], p.heading3_bold))
            if part:
                spans.append(Span(part, "body", p.body_size_pt))
            if spans:
                out.append(self.block(spans, indent_chars=p.first_indent_chars))
        return out

    def table(self, table: Table, width: float) -> list[Flowable]:
        """A ``Grid`` holding the table, its label and title (caption) and its note (trailer)."""
        p = self.p
        caption: list[Flowable] = []
        label = clean_text(table.label).strip()
        if label:
            caption.append(
                TextBlock([Span(label, "heading1", p.body_size_pt)], self.fonts, leading=p.body_size_pt * 1.5)
            )
        for number, line in enumerate(table.title):
            role, size = (
                ("title", p.table_title_size_pt) if number == 0 else ("body", p.table_subtitle_size_pt)
            )
            caption.append(
                TextBlock([Span(line, role, size)], self.fonts, leading=size * 1.5, align="center")
            )
        trailer: list[Flowable] = []
        note = clean_text(table.note)
        if note.strip():
            trailer.append(
                TextBlock([Span(note, "body", p.table_size_pt)], self.fonts, leading=p.table_leading_pt)
            )
        grid, _spans, ncols = _place_cells(table.rows)
        if not ncols:
            return caption + trailer
        weights = list(table.col_widths[:ncols]) + [1.0] * max(0, ncols - len(table.col_widths))
        weights = [w if w and w > 0 else 1.0 for w in weights]
        total = sum(weights)
        col_widths = [width * w / total for w in weights]
        rows = self._grid_rows(table, grid, ncols)
        header = min(max(table.header_rows, 0), len(rows) - 1) if len(rows) > 1 else 0
        # Only absurdly long text makes a caption, note or header this tall: then they flow on their
        # own (the caption before, the note after) and the header is not repeated.
        before: list[Flowable] = []
        after: list[Flowable] = []
        if sum(f.wrap(width, 1e9)[1] for f in caption) > self.table_height / 3:
            before, caption = caption, []
        if sum(f.wrap(width, 1e9)[1] for f in trailer) > self.table_height / 3:
            after, trailer = [Spacer(1, p.table_leading_pt / 2), *trailer], []
        probe = Grid(
            rows[:header],
            [],
            col_widths,
            padding=p.table_padding_pt,
            leading=p.table_leading_pt,
            page_height=self.table_height,
            make_block=self._cell_block,
        )
        if probe.wrap(width, 1e9)[1] > self.table_height / 3:
            header = 0
        return (
            before
            + [
                Grid(
                    rows[:header],
                    rows[header:],
                    col_widths,
                    padding=p.table_padding_pt,
                    leading=p.table_leading_pt,
                    page_height=self.table_height,
                    make_block=self._cell_block,
                    mark=clean_text(table.continued_mark),
                    caption=caption,
                    trailer=trailer,
                    trailer_gap=p.table_leading_pt / 2,
                )
            ]
            + after
        )

    LONG_CELL = 60  # characters: a column holding a longer cell may be widened
    WIDEN = (1.0, 1.25, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0)

    def fit_columns(self, flowables: list[Flowable], width: float) -> None:
        """Widen the columns holding long text when that makes the form shorter.

        Each part of a form (*flowables*: its ``Grid``s) is fitted on its own (the money block's
        columns need not line up with the indicator grid's): each column holding a cell longer than ``LONG_CELL`` characters is widened by one of the ``WIDEN``
        factors — as long as no other column gets too narrow for its numbers and labels — and the
        factor giving the least total height (measured with the real fonts) is kept.
        So a 600-character 偏差原因 takes a wide column instead of a 14-character one.
        """
        for grid in flowables:
            if isinstance(grid, Grid):
                self._fit_grid(grid, width)

    def _fit_grid(self, grid: Grid, width: float) -> None:
        grids = [grid]
        base = list(grids[0].col_widths)
        long = set().union(*(g.long_columns(self.LONG_CELL) for g in grids))
        if not long:
            return
        least = 2 * self.p.table_size_pt  # two characters
        minimum = [max(g.min_widths(least)[c] for g in grids) for c in range(len(base))]
        best: tuple[float, list[float]] | None = None
        for factor in self.WIDEN:
            weights = [w * (factor if c in long else 1.0) for c, w in enumerate(base)]
            widths = [width * w / sum(weights) for w in weights]
            if factor > 1 and any(w < m for w, m in zip(widths, minimum, strict=True)):
                break  # a number or a label would break: wider is not better
            for grid in grids:
                grid.set_widths(widths)
            height = sum(grid.wrap(width, self.table_height)[1] for grid in grids)
            if best is None or height < best[0] - 1.0:
                best = (height, widths)
        assert best is not None
        for grid in grids:
            grid.set_widths(best[1])

    def _grid_rows(self, table: Table, grid, ncols: int) -> list[list[GridCell]]:
        """The placed cells of each row; a position no cell covers gets an empty cell of its own."""
        covered: set[tuple[int, int]] = set()
        out: list[list[GridCell]] = []
        for r, cells in enumerate(grid):
            row: list[GridCell] = []
            for c, cell in enumerate(cells):
                if cell is None:
                    continue
                cs = max(cell.colspan, 1)
                rs = min(max(cell.rowspan, 1), len(grid) - r)
                for dr in range(rs):
                    for dc in range(cs):
                        covered.add((r + dr, c + dc))
                text = clean_text(cell.text)
                is_label = c < table.label_columns or rs > 1
                row.append(
                    GridCell(
                        col=c,
                        colspan=cs,
                        rowspan=rs,
                        block=self.cell(cell),
                        label=text.strip() if is_label else "",
                        align=cell.align,
                        bold=cell.bold,
                    )
                )
            out.append(row)
        for r, row in enumerate(out):
            for c in range(ncols):
                if (r, c) not in covered:
                    row.append(GridCell(col=c, colspan=1, rowspan=1, block=None))
                    covered.add((r, c))
            row.sort(key=lambda cell: cell.col)
        return out

    def _cell_block(self, text: str, bold: bool, align: str) -> TextBlock:
        block = self.cell(TableCell(text, align=align, bold=bold))
        assert isinstance(block, TextBlock)
        return block

    def cell(self, cell: TableCell | None) -> TextBlock | None:
        if cell is None or not clean_text(cell.text).strip():
            return None
        p = self.p
        align = cell.align if cell.align in ("left", "center", "right") else "left"
        if align == "left":
            align = "justify"
        return TextBlock(
            [Span(cell.text, "body", p.table_size_pt, cell.bold)],
            self.fonts,
            leading=p.table_leading_pt,
            align=align,
        )


def _place_cells(rows: list[list[TableCell]]):
    """Cells on a full grid: covered positions are None. Returns (grid, SPAN ranges, column count)."""
    placed, ncols = place_cells(rows)
    grid: list[list[TableCell | None]] = [[None] * ncols for _ in rows]
    spans = []
    for r, c, cell in placed:
        grid[r][c] = cell
        cs, rs = max(cell.colspan, 1), min(max(cell.rowspan, 1), len(rows) - r)
        if cs > 1 or rs > 1:
            spans.append(((c, r), (c + cs - 1, r + rs - 1)))
    return grid, spans, ncols


def _page_number_painter(
    profile: LayoutProfile,
    fonts: FontSet,
    margins: tuple[float, float, float, float],
    turned: bool = False,
):
    """A page-end painter drawing "— N —" below the type area (margins in pt: t, r, b, l, of the
    portrait page).

    *turned*: the page is a landscape page that is printed turned onto portrait paper with its top
    (the table head) toward the left edge — the binding edge of odd pages, the cut edge of even ones
    (GB/T 9704 §10.2). The number is drawn where it is on portrait pages, upright on the sheet.
    """
    _top, right, bottom, left = margins

    def paint(canv: Canvas, _page: int) -> None:
        text = f"\u2014 {canv.getPageNumber()} \u2014"
        size = profile.page_number_size_pt
        glyphs = _Glyphs([Span(text, "page_number", size)], fonts)
        width = sum(glyphs.widths)
        page_width = profile.page_size_pt[0]
        side = profile.page_number_side_chars * profile.char_pitch_pt
        if profile.page_number_position == "center":
            x = left + (page_width - left - right - width) / 2
        elif canv.getPageNumber() % 2:
            x = page_width - right - side - width
        else:
            x = left + side
        y = bottom - profile.page_number_gap_mm * MM - EM_BOX_ASCENT * size
        if not turned:
            _draw_run_line(canv, glyphs, 0, len(glyphs.chars), x, y, 0.0)
            return
        # sheet (x, y) → landscape page (y, sheet width − x), writing downwards
        canv.saveState()
        canv.translate(y, page_width - x)
        canv.rotate(-90)
        _draw_run_line(canv, glyphs, 0, len(glyphs.chars), 0, 0, 0.0)
        canv.restoreState()

    return paint


def _canvas_maker(stamp: datetime | None, font_name: str):
    """A Canvas factory: *font_name* as the initial font (reportlab's default is Helvetica, which would
    add a non-embedded font to every page) and the creation date fixed when *stamp* is given."""

    def make(*args, **kwargs) -> Canvas:
        kwargs["initialFontName"] = font_name
        canv = Canvas(*args, **kwargs)
        if stamp is not None:
            ts = canv._doc._timeStamp
            ts.t = stamp.timestamp()
            ts.lt = stamp.timetuple()
            ts.YMDhms = tuple(stamp.timetuple())[:6]
            offset = stamp.utcoffset()
            minutes = int(offset.total_seconds() // 60) if offset else 0
            ts.dhh, ts.dmm = divmod(minutes, 60)
            ts.tzname = stamp.tzname() or "UTC"
        return canv

    return make


def _creator(fonts: FontSet) -> str:
    """The PDF Creator entry: the program and which font each role used ("body=FandolFang (bundled)")."""
    roles = "; ".join(f"{c.role}={c.family} ({c.origin})" for c in fonts.describe() if c.role in ROLES)
    return f"jixiao; fonts: {roles}"


def document_title(doc: ReportDocument) -> str:
    """The title for the PDF metadata: the title lines joined (they are one title broken in lines)."""
    return "".join(clean_text(line).replace("\n", "") for line in doc.title.lines).strip()


def render_pdf(
    doc: ReportDocument,
    *,
    profile: str | LayoutProfile = "gbt9704",
    fonts: FontSet | None = None,
    deterministic: bool = False,
    creation_date: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """Render *doc* to PDF bytes.

    *profile* is a profile name ("gbt9704", "word") or a ``LayoutProfile``. *fonts* defaults to
    ``default_fonts()`` (official faces when installed, else the bundled ones). *deterministic*
    makes the bytes depend on the input only (reportlab's invariant mode; creation date
    2000-01-01 UTC unless *creation_date* is given). *progress* is called with the page number after
    each page is laid out.
    """
    p = get_profile(profile)
    fonts = fonts or default_fonts()
    buffer = io.BytesIO()
    portrait, landscape = p.page_size_pt, p.landscape_size_pt
    body_margins = (
        p.margin_top_mm * MM,
        p.margin_right_mm * MM,
        p.margin_bottom_mm * MM,
        p.margin_left_mm * MM,
    )
    # The landscape page's left edge is the sheet's lower edge: leave the page number its margin.
    table_margins = (
        p.table_margin_top_mm * MM,
        p.table_margin_right_mm * MM,
        p.table_margin_bottom_mm * MM,
        max(p.table_margin_left_mm, p.margin_bottom_mm) * MM,
    )

    def frame(size, margins) -> tuple[float, float, float, float]:
        top, right, bottom, left = margins
        return (left, bottom, size[0] - left - right, size[1] - top - bottom)

    templates = [
        PageTemplate(
            "portrait", portrait, frame(portrait, body_margins), _page_number_painter(p, fonts, body_margins)
        ),
        PageTemplate(
            "landscape",
            landscape,
            frame(landscape, table_margins),
            _page_number_painter(p, fonts, body_margins, turned=True),
        ),
    ]
    build = _Builder(p, fonts)
    story: list[Flowable] = build.title(doc.title.lines)
    story += build.body(doc.body)
    table_width = landscape[0] - table_margins[1] - table_margins[3]
    group: list[Flowable] = []
    for table in doc.attachments:
        if table.new_page or not story:
            build.fit_columns(group, table_width)
            group = []
            story += [NextPageTemplate("landscape"), PageBreak()]
        flowables = build.table(table, table_width)
        group += flowables
        story += flowables
    build.fit_columns(group, table_width)
    if not story:
        story.append(Spacer(1, 1))
    canv = _canvas_maker(creation_date, fonts.name("body"))(
        buffer, pagesize=portrait, invariant=1 if deterministic else 0
    )
    canv.setAuthor(clean_text(doc.author).replace("\n", " "))
    canv.setTitle(document_title(doc))
    canv.setSubject(clean_text(doc.subject).replace("\n", " "))
    canv.setCreator(_creator(fonts))
    canv.setKeywords(", ".join(clean_text(k) for k in doc.keywords))
    flow(canv, story, templates, progress)
    return buffer.getvalue()


__all__ = ["TextBlock", "Span", "render_pdf", "clean_text", "document_title"]
