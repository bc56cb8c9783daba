"""Score tables → an Excel workbook (.xlsx) with openpyxl: one sheet per form, laid out like the print.

A form is one or more report ``Table`` parts (the department's 自评表 is two: the unit and money block,
then the indicator grid); its parts go one below the other on one sheet. Cells keep the printed
layout (merged spans, thin borders, wrapped text, 仿宋 body and 宋体 titles), numbers are stored as
numbers with their format ("0.00", "0.00%"), and a cell marked ``sum_of`` becomes a SUM formula over
the cells tagged so — only when that sum equals the value shown, so the sheet never disagrees with
the PDF. Each sheet prints on A4 landscape, one page wide, with the indicator header repeated.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from datetime import datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.report.document import Table, TableCell, place_cells

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "宋体"
BODY_SIZE = 10.5
TITLE_SIZE = 18
SUBTITLE_SIZE = 14
WIDTH_UNITS = 150  # all columns together, in Excel character units (≈ 257 mm printed, fit to width)
POINTS_PER_UNIT = 5.6  # one character unit in points at the body size, for row-height estimates
LINE_PT = 14.0  # the row height of one line of 10.5 pt text
_THIN = Side(style="thin", color="000000")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")


def sheet_title(name: str, taken: set[str]) -> str:
    """*name* as a valid, unique sheet name: no []:*?/\\, at most 31 characters, not blank."""
    base = _BAD_SHEET_CHARS.sub("_", name).strip().strip("'") or "Sheet"
    base = base[:31]
    candidate, number = base, 2
    while candidate.lower() in {t.lower() for t in taken}:
        suffix = f" ({number})"
        candidate = base[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(candidate)
    return candidate


def _text_width_pt(text: str, size: float) -> float:
    return sum(size if ord(ch) > 0x2E7F else size * 0.55 for ch in text)


class _SheetWriter:
    def __init__(self, sheet: Worksheet, parts: Sequence[Table]) -> None:
        self.sheet = sheet
        self.parts = parts
        self.ncols = max((place_cells(part.rows)[1] for part in parts), default=1) or 1
        weights = list(parts[0].col_widths[: self.ncols]) if parts else []
        weights += [1.0] * (self.ncols - len(weights))
        weights = [w if w and w > 0 else 1.0 for w in weights]
        self.widths = [WIDTH_UNITS * w / sum(weights) for w in weights]
        self.row = 1  # the next free row
        self.tagged: dict[str, list[tuple[str, Decimal]]] = {}  # tag → (cell reference, value)
        self.sums: list[tuple[str, TableCell]] = []
        self.header_rows: list[int] = []
        self.heights: dict[int, float] = {}

    def write(self) -> None:
        for index, column_width in enumerate(self.widths, start=1):
            self.sheet.column_dimensions[get_column_letter(index)].width = round(column_width, 2)
        for part in self.parts:
            self._titles(part)
            self._rows(part)
            if part.note.strip():
                self._line(part.note.strip(), Font(name=BODY_FONT, size=BODY_SIZE), "left")
        self._formulas()
        for row, height in self.heights.items():
            self.sheet.row_dimensions[row].height = round(height, 1)
        self._print_setup()

    def _line(self, text: str, font: Font, align: str) -> None:
        """A text line across all columns (a title or a note)."""
        sheet, row = self.sheet, self.row
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = font
        cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
        if self.ncols > 1:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=self.ncols)
        width_pt = sum(self.widths) * POINTS_PER_UNIT
        lines = max(1, -(-_text_width_pt(text, font.size) // width_pt))
        self.heights[row] = max(self.heights.get(row, 0), lines * font.size * 1.5)
        self.row += 1

    def _titles(self, part: Table) -> None:
        for number, line in enumerate(part.title):
            if number == 0:
                font = Font(name=TITLE_FONT, size=TITLE_SIZE, bold=True)
            else:
                font = Font(name=BODY_FONT, size=SUBTITLE_SIZE)
            self._line(line, font, "center")

    def _rows(self, part: Table) -> None:
        placed, _ncols = place_cells(part.rows)
        top = self.row
        sheet = self.sheet
        for r in range(len(part.rows)):  # borders on every position, covered ones included
            for c in range(self.ncols):
                sheet.cell(row=top + r, column=c + 1).border = BORDER
        header = min(max(part.header_rows, 0), len(part.rows))
        self.header_rows += [top + r for r in range(header)]
        for r, c, cell in placed:
            row, column = top + r, c + 1
            cs, rs = max(cell.colspan, 1), min(max(cell.rowspan, 1), len(part.rows) - r)
            target = sheet.cell(row=row, column=column)
            if cell.value is not None:
                target.value = cell.value
                target.number_format = cell.number_format or "0.00"
            else:
                target.value = cell.text.replace("\r\n", "\n") if cell.text else None
            target.font = Font(name=BODY_FONT, size=BODY_SIZE, bold=cell.bold)
            align = cell.align if cell.align in ("left", "center", "right") else "left"
            target.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True)
            if cs > 1 or rs > 1:
                sheet.merge_cells(
                    start_row=row, start_column=column, end_row=row + rs - 1, end_column=column + cs - 1
                )
            if cell.tag and cell.value is not None:
                self.tagged.setdefault(cell.tag, []).append((target.coordinate, Decimal(cell.value)))
            if cell.sum_of:
                self.sums.append((target.coordinate, cell))
            self._height(row, rs, sum(self.widths[c : c + cs]), cell.text)
        self.row = top + len(part.rows)

    def _height(self, row: int, rows: int, width_units: float, text: str) -> None:
        """Raise the estimated height of the rows a cell spans so its wrapped text shows."""
        room = max(width_units * POINTS_PER_UNIT - 4, 10)
        lines = sum(max(1, -(-_text_width_pt(part, BODY_SIZE) // room)) for part in (text or " ").split("\n"))
        need = lines * LINE_PT + 4
        share = need / rows
        for k in range(row, row + rows):
            self.heights[k] = max(self.heights.get(k, LINE_PT + 4), share)

    def _formulas(self) -> None:
        for coordinate, cell in self.sums:
            cells = self.tagged.get(cell.sum_of, [])
            if (
                cells
                and cell.value is not None
                and sum((value for _ref, value in cells), Decimal(0)) == cell.value
            ):
                self.sheet[coordinate].value = "=SUM(" + ",".join(ref for ref, _value in cells) + ")"

    def _print_setup(self) -> None:
        sheet = self.sheet
        sheet.page_setup.orientation = "landscape"
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
        sheet.print_options.horizontalCentered = True
        margins = sheet.page_margins
        margins.left = margins.right = margins.top = margins.bottom = 20 / 25.4  # inches
        margins.header = margins.footer = 10 / 25.4
        if self.header_rows:
            sheet.print_title_rows = f"{min(self.header_rows)}:{max(self.header_rows)}"
        sheet.oddFooter.center.text = "— &P —"
        sheet.oddFooter.center.font = TITLE_FONT
        sheet.oddFooter.center.size = 14
        sheet.sheet_view.showGridLines = False


def render_xlsx(
    forms: Sequence[tuple[str, Sequence[Table]]],
    *,
    title: str = "",
    author: str = "",
    created: datetime | None = None,
) -> bytes:
    """A workbook with one sheet per form: *forms* is (sheet name, the form's ``Table`` parts).

    *title* and *author* go into the document properties; *created* fixes the creation time.
    """
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for name, parts in forms:
        sheet = workbook.create_sheet(sheet_title(name, taken))
        for part in parts:
            if not isinstance(part, Table):
                raise TypeError(f"the Excel renderer cannot write a {type(part).__name__}")
        _SheetWriter(sheet, list(parts)).write()
    if not workbook.sheetnames:
        workbook.create_sheet("Sheet")
    props = workbook.properties
    props.title = title or None
    props.creator = author or None
    props.lastModifiedBy = author or None
    if created is not None:
        props.created = props.modified = created.replace(tzinfo=None, microsecond=0)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = ["render_xlsx", "sheet_title"]
