"""The PDF renderer's ruled table that paginates itself: the score tables of the attachment.

reportlab's ``Table`` splits a row mid-line even when the row would fit on the next page, leaves
merged (row-spanning) cells blank on continuation pages, and can end a page in an empty stub row. This
flowable measures every row with the real fonts and decides itself where pages break:

* a row moves whole to the next page when it fits there (header included) — unless that would leave
  more than a third of this page empty, and the row can give at least ``MIN_LINES`` lines to each side;
* a row that fits on no page, or that would leave a near-empty page, is split between text lines,
  never inside a line, with at least ``MIN_LINES`` lines of its tallest cell on each side;
* the header rows are drawn once at the top of every part, closed by their own rules;
* a row-spanning cell cut by a page break is repeated on the next part (its text plus the
  continuation mark, e.g. "产出指标（续）"), as are the label columns of a row split across pages;
* the caption (attachment label and title) stays with the first rows, the trailer (the scoring note)
  with the last row.

Cells hold text blocks (``pdf.TextBlock``); the module needs only their ``wrap``/``split``/``drawOn``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from reportlab.lib import colors

from jixiao.report.flow import Flowable

if TYPE_CHECKING:
    from jixiao.report.pdf import TextBlock

MIN_LINES = 2  # lines of a split cell kept on either side of a page break
EPS = 1e-3


@dataclass
class GridCell:
    """A cell placed on the grid: column, spans, its text block (None when empty), and how it continues.

    ``label`` is the text repeated (with the continuation mark) when the cell continues on a later
    part; "" for value cells, which continue empty.
    """

    col: int
    colspan: int
    rowspan: int
    block: TextBlock | None
    label: str = ""
    align: str = "center"
    bold: bool = False
    top: bool = False  # top-aligned (a piece of a cell cut by a page break)


MakeBlock = Callable[[str, bool, str], "TextBlock"]


class Grid(Flowable):
    """Rows of ``GridCell`` (a row holds the cells that start in it), column widths in points.

    *header* rows are drawn at the top of every part; *caption* flowables above the first part only;
    *trailer* flowables below the last part only. *page_height* is the frame height (a part that
    starts a fresh frame must make progress). *make_block(text, bold, align)* builds the text block of
    a repeated label; *mark* is appended to it ("（续）").
    """

    def __init__(
        self,
        header: list[list[GridCell]],
        rows: list[list[GridCell]],
        col_widths: list[float],
        *,
        padding: float,
        leading: float,
        page_height: float,
        make_block: MakeBlock,
        mark: str = "",
        caption: list[Flowable] | None = None,
        trailer: list[Flowable] | None = None,
        trailer_gap: float = 0.0,
    ) -> None:
        super().__init__()
        self.header = header
        self.rows = rows
        self.col_widths = list(col_widths)
        self.padding = padding
        self.leading = leading
        self.page_height = page_height
        self.make_block = make_block
        self.mark = mark
        self.caption = caption or []
        self.trailer = trailer or []
        self.trailer_gap = trailer_gap
        self.set_widths(col_widths)

    def set_widths(self, col_widths: list[float]) -> None:
        """Lay the table out on other column widths (pt); the cells re-wrap on the next ``wrap``."""
        self.col_widths = list(col_widths)
        self.x = [0.0]
        for w in self.col_widths:
            self.x.append(self.x[-1] + w)

    def min_widths(self, least: float) -> list[float]:
        """Per column, the width (pt) under which a cell would break a number or word, or fall below
        *least* (e.g. two characters, so labels do not go one character a line)."""
        widths = [0.0] * len(self.col_widths)
        for row in self.header + self.rows:
            for cell in row:
                if cell.colspan != 1 or cell.block is None:
                    continue
                glyphs, run, longest = cell.block.glyphs, 0.0, least
                for char, advance in zip(glyphs.chars, glyphs.widths, strict=True):
                    narrow = char.isascii() and not char.isspace()
                    run = run + advance if narrow else 0.0
                    longest = max(longest, run, advance)
                widths[cell.col] = max(widths[cell.col], longest + 2 * self.padding + 1.0)
        return widths

    def long_columns(self, chars: int) -> set[int]:
        """Columns with a single-column body cell of more than *chars* characters."""
        found = set()
        for row in self.rows:
            for cell in row:
                if cell.colspan == 1 and cell.block is not None and len(cell.block.glyphs.chars) > chars:
                    found.add(cell.col)
        return found

    # -- measuring ------------------------------------------------------------------------------
    def _cell_width(self, cell: GridCell) -> float:
        return (
            self.x[min(cell.col + cell.colspan, len(self.col_widths))] - self.x[cell.col] - 2 * self.padding
        )

    def _content(self, cell: GridCell) -> float:
        if cell.block is None:
            return 0.0
        return cell.block.wrap(self._cell_width(cell), 1e9)[1]

    def _heights(self, rows: list[list[GridCell]]) -> list[float]:
        """Row heights: the tallest single-row cell, then row spans' extra height on their last row."""
        heights = self._heights_without_spans(rows)
        for r, row in enumerate(rows):
            for cell in row:
                if cell.rowspan > 1:
                    last = min(r + cell.rowspan, len(rows)) - 1
                    need = self._content(cell) + 2 * self.padding - sum(heights[r : last + 1])
                    if need > EPS:
                        heights[last] += need
        return heights

    def _stack(self, flowables: list[Flowable], width: float) -> float:
        return sum(f.wrap(width, 1e9)[1] for f in flowables)

    def _trailer_height(self, width: float) -> float:
        return self._stack(self.trailer, width) + (self.trailer_gap if self.trailer else 0.0)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        self.width = self.x[-1]
        self._header_h = self._heights(self.header)
        self._row_h = self._heights(self.rows)
        self.height = (
            self._stack(self.caption, self.width)
            + sum(self._header_h)
            + sum(self._row_h)
            + self._trailer_height(self.width)
        )
        return self.width, self.height

    # -- splitting ------------------------------------------------------------------------------
    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        parts = self._split(availWidth, availHeight)
        if len(parts) == 2 and parts[0].wrap(availWidth, availHeight)[1] > availHeight + EPS:
            # A row span whose text cannot be cut to its rows (absurdly long text in a merged cell):
            # lay the table out without row spans rather than fail.
            flat = self._clone(_flatten(self.rows), caption=self.caption, trailer=self.trailer)
            if flat.rows != self.rows:
                return flat._split(availWidth, availHeight)
        return parts

    def _split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.wrap(availWidth, availHeight)
        if self.height <= availHeight + EPS:
            return [self]
        fresh = availHeight >= self.page_height - 1.0
        top = self._stack(self.caption, self.width) + sum(self._header_h)
        trailer = self._trailer_height(self.width)
        heights = list(self._row_h)
        fit_heights = heights[:-1] + [heights[-1] + trailer] if heights else []
        used, n = top, 0
        while n < len(heights) and used + fit_heights[n] <= availHeight + EPS:
            used += fit_heights[n]
            n += 1
        if n == len(heights):  # only the trailer is left over: it goes with the last row
            n = len(heights) - 1
            used -= heights[n]
        if not heights:
            return [] if not fresh else [self]
        remaining = availHeight - used
        fresh_room = self.page_height - sum(self._header_h)
        fits_fresh = fit_heights[n] <= fresh_room + EPS
        lines = self._lines_that_fit(self.rows[n], remaining)
        wasteful = remaining > self.page_height / 3
        if fits_fresh and not (wasteful and lines):
            if n == 0:
                return []  # the whole table (caption and header with it) starts on the next page
            return [self._part(self.rows[:n], first=True), self._part(self.rows[n:], first=False)]
        if not lines:
            if n > 0:
                return [self._part(self.rows[:n], first=True), self._part(self.rows[n:], first=False)]
            if not fresh:
                return []
            lines = max(1, int((remaining - 2 * self.padding + EPS) // self.leading))
        head, tail = self._split_rows(n, lines)
        return [self._part(head, first=True, row_split=True), self._part(tail, first=False)]

    def _lines_that_fit(self, row: list[GridCell], room: float) -> int:
        """How many text lines of *row* go on this part (0: the row cannot be split here)."""
        fit = int((room - 2 * self.padding + EPS) // self.leading)
        if fit < MIN_LINES:
            return 0
        tallest = max((self._line_count(cell) for cell in row), default=0)
        if tallest - fit < MIN_LINES:
            fit = tallest - MIN_LINES  # keep MIN_LINES for the next part (no widow)
        return fit if fit >= MIN_LINES else 0

    def _line_count(self, cell: GridCell) -> int:
        if cell.block is None:
            return 0
        return int(round(self._content(cell) / self.leading))

    def _split_rows(self, n: int, lines: int) -> tuple[list[list[GridCell]], list[list[GridCell]]]:
        """Rows ``[:n]`` plus the first *lines* lines of row *n*; the rest of row *n* and the rows after."""
        head_cells, tail_cells = [], []
        for cell in self.rows[n]:
            first, rest = self._cut(cell, lines * self.leading)
            head_cells.append(replace(first, rowspan=1, top=True))
            tail_cells.append(replace(rest, top=True))
        return self.rows[:n] + [head_cells], [tail_cells] + self.rows[n + 1 :]

    def _cut(self, cell: GridCell, height: float) -> tuple[GridCell, GridCell]:
        """The part of *cell* within *height* of text, and what continues on the next part."""
        if cell.block is None:
            return cell, replace(cell, block=None)
        width = self._cell_width(cell)
        cell.block.wrap(width, 1e9)
        parts = cell.block.split(width, height + EPS)
        if len(parts) == 2:
            return replace(cell, block=parts[0]), replace(cell, block=parts[1])
        if not parts:  # nothing fits: the whole text continues
            return replace(cell, block=None), cell
        return cell, self._continued(cell)

    def _continued(self, cell: GridCell) -> GridCell:
        """A cell that was printed whole, as it shows on the next part: its label with the mark."""
        if not cell.label:
            return replace(cell, block=None)
        return replace(cell, block=self.make_block(cell.label + self.mark, cell.bold, cell.align))

    def _part(self, rows: list[list[GridCell]], *, first: bool, row_split: bool = False) -> Grid:
        """A part of this table: rows cut to themselves; a row span that crosses the end continues
        (on one more row when the last row was split between lines: its rest is a row of its own)."""
        if first:
            rows = [list(row) for row in rows]
            carried: list[tuple[int, GridCell]] = []
            heights = self._heights_without_spans(rows)
            for r, row in enumerate(rows):
                for i, cell in enumerate(row):
                    if cell.rowspan > 1 and r + cell.rowspan > len(rows):
                        inside = len(rows) - r
                        room = sum(heights[r:]) - 2 * self.padding
                        kept, rest = self._cut(cell, room)
                        row[i] = replace(kept, rowspan=inside, top=kept.top)
                        carried.append((cell.rowspan - inside + (1 if row_split else 0), rest))
            part = self._clone(rows, caption=self.caption, trailer=[])
            self._carried = carried
            return part
        rows = [list(row) for row in rows]
        if rows:
            for span, cell in reversed(getattr(self, "_carried", [])):
                rows[0].append(replace(cell, rowspan=span))
            rows[0].sort(key=lambda c: c.col)
        self._carried = []
        return self._clone(rows, caption=[], trailer=self.trailer)

    def _heights_without_spans(self, rows: list[list[GridCell]]) -> list[float]:
        """Row heights from the single-row cells alone (at least one line with its padding)."""
        minimum = self.leading + 2 * self.padding
        heights = [minimum] * len(rows)
        for r, row in enumerate(rows):
            for cell in row:
                if cell.rowspan == 1:
                    heights[r] = max(heights[r], self._content(cell) + 2 * self.padding)
        return heights

    def _clone(self, rows, *, caption, trailer) -> Grid:
        return Grid(
            self.header,
            rows,
            self.col_widths,
            padding=self.padding,
            leading=self.leading,
            page_height=self.page_height,
            make_block=self.make_block,
            mark=self.mark,
            caption=caption,
            trailer=trailer,
            trailer_gap=self.trailer_gap,
        )

    # -- drawing --------------------------------------------------------------------------------
    def draw(self) -> None:
        canv = self.canv
        y = self.height
        for flowable in self.caption:
            _w, h = flowable.wrap(self.width, 1e9)
            y -= h
            flowable.drawOn(canv, 0, y)
        canv.saveState()
        canv.setStrokeColor(colors.black)
        canv.setLineWidth(0.5)
        y = self._draw_rows(self.header, self._header_h, y)
        y = self._draw_rows(self.rows, self._row_h, y)
        canv.restoreState()
        if self.trailer:
            y -= self.trailer_gap
        for flowable in self.trailer:
            _w, h = flowable.wrap(self.width, 1e9)
            y -= h
            flowable.drawOn(canv, 0, y)

    def _draw_rows(self, rows: list[list[GridCell]], heights: list[float], top: float) -> float:
        canv = self.canv
        tops = [top]
        for h in heights:
            tops.append(tops[-1] - h)
        for r, row in enumerate(rows):
            for cell in row:
                last = min(r + cell.rowspan, len(rows))
                x0 = self.x[cell.col]
                x1 = self.x[min(cell.col + cell.colspan, len(self.col_widths))]
                y0, y1 = tops[last], tops[r]
                canv.rect(x0, y0, x1 - x0, y1 - y0, stroke=1, fill=0)
                if cell.block is not None:
                    width = x1 - x0 - 2 * self.padding
                    _w, h = cell.block.wrap(width, 1e9)
                    if cell.top:
                        ty = y1 - self.padding - h
                    else:
                        ty = y0 + (y1 - y0 - h) / 2
                    cell.block.drawOn(canv, x0 + self.padding, ty)
        return tops[-1]


def _flatten(rows: list[list[GridCell]]) -> list[list[GridCell]]:
    """*rows* with every row span undone: the text stays in its first row, the rows below get an
    empty cell of the same columns."""
    out = [list(row) for row in rows]
    for r, row in enumerate(rows):
        for i, cell in enumerate(row):
            if cell.rowspan > 1:
                out[r][i] = replace(cell, rowspan=1)
                for k in range(r + 1, min(r + cell.rowspan, len(rows))):
                    out[k].append(GridCell(col=cell.col, colspan=cell.colspan, rowspan=1, block=None))
    for row in out:
        row.sort(key=lambda c: c.col)
    return out
