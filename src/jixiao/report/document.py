"""The report as data: what assembly produces and the PDF renderer consumes. No reportlab here.

All text is final (numbers already formatted, live figures already resolved) and plain: no markup.
The renderer escapes it. ``Unresolved`` marks (【?】) are already in the text where a figure failed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class Title:
    """The document title, one or more lines, centred (小标宋)."""

    lines: list[str]


@dataclass
class Heading:
    """A heading; *level* 1 = "一、" (黑体), 2 = "（一）" (楷体), 3 = "1." (仿宋, bold optional), 4 = "（1）"."""

    text: str
    level: int


@dataclass
class Paragraph:
    """A body paragraph (仿宋, first-line indent of 2 characters). *lead* is an optional run-in heading
    printed at its start in the heading-3 style (e.g. "1.主要职责。")."""

    text: str
    lead: str = ""


@dataclass
class TableCell:
    """A cell: text, spans (columns, rows), alignment ("left", "center", "right"), bold.

    For spreadsheets a cell may also carry the number it shows: ``value`` (exact, e.g. 616.04 for
    "616.04", 0.9802 for "98.02%") with an Excel ``number_format`` ("0.00", "0.00%", "0"). ``tag``
    names a column of numbers in a form (e.g. "score"); ``sum_of`` says the cell is the sum of the
    cells tagged so in the same form (the spreadsheet writes a SUM formula when the sum matches).
    Printed output uses ``text`` only.
    """

    text: str
    colspan: int = 1
    rowspan: int = 1
    align: str = "center"
    bold: bool = False
    value: Decimal | None = None
    number_format: str = ""
    tag: str = ""
    sum_of: str = ""


@dataclass
class Table:
    """A table on its own landscape pages (the attachment). ``header_rows`` repeat on each page.

    ``rows`` hold cells left to right; a cell covered by a span of another is simply omitted.
    ``col_widths`` are relative weights (they are scaled to the page width). A table with
    ``new_page`` False continues below the previous one: a long form is split into parts so that
    each part's own header rows repeat on its continuation pages. A row-spanning cell, and the cells
    of the first ``label_columns`` columns, are repeated (text + ``continued_mark``) on the page
    where their rows continue.
    """

    title: list[str]
    rows: list[list[TableCell]]
    col_widths: list[float]
    header_rows: int = 1
    note: str = ""
    new_page: bool = True  # False: continues right below the previous table (same columns)
    # Added for issue 11 (all optional, defaults keep the old meaning):
    label: str = ""  # the attachment label above the title ("附件"), top left of the first page
    label_columns: int = 0  # leading columns holding row labels, repeated on continuation pages
    continued_mark: str = ""  # appended to a label repeated on a continuation page ("（续）")


@dataclass
class ReportDocument:
    """A whole report: metadata plus body blocks in order, then attachment tables (landscape)."""

    title: Title
    body: list[Heading | Paragraph] = field(default_factory=list)
    attachments: list[Table] = field(default_factory=list)
    author: str = ""  # the unit, for PDF metadata
    subject: str = ""
    keywords: list[str] = field(default_factory=list)
    year: int | None = None


def place_cells(rows: list[list[TableCell]]) -> tuple[list[tuple[int, int, TableCell]], int]:
    """``(row, column, cell)`` of each cell on the table's full grid, and the column count.

    A cell takes the first position its row's earlier cells and the row spans from above leave free;
    a row span never reaches past the last row. Every renderer lays its tables out by this.
    """
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, TableCell]] = []
    ncols = 0
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            cs, rs = max(cell.colspan, 1), min(max(cell.rowspan, 1), len(rows) - r)
            placed.append((r, c, cell))
            for dr in range(rs):
                for dc in range(cs):
                    taken.add((r + dr, c + dc))
            c += cs
        ncols = max(ncols, c, max((cc + 1 for rr, cc in taken if rr == r), default=0))
    return placed, ncols
