"""The Word and Excel files opened by LibreOffice (``soffice``, skipped where it is not installed):
converted to PDF, the report has the seed's sentences and figures, on A4, with a landscape table page.

Pages are also rendered to PNG (when ``pdftoppm`` is installed) to look at beside the PDF route's
pages: kept in ``$JIXIAO_SCREENSHOTS/office`` when that is set, else in the test's temporary folder.
See office.py for the font mapping used.
"""

from __future__ import annotations

import csv
import io
import shutil
import subprocess
from pathlib import Path

import pytest
from office import convert_to_pdf, soffice
from pictures import pictures_folder
from pypdf import PdfReader
from seed_text import SEED, normalise, seed_headings, seed_sentences
from test_report_sample import KNOWN_DIFFERENCES

from jixiao.core.i18n import Translator
from jixiao.report.word import render_docx
from jixiao.services.exports import render_workbook
from jixiao.services.reports import build_report, load_fiscal_year, render_report
from jixiao.services.sample import import_sample_year
from jixiao.store.database import open_book

pytestmark = pytest.mark.skipif(soffice() is None, reason="LibreOffice (soffice) is not installed")
FIGURES = ["616.04", "628.47", "98.02%", "98.02分", "一级项目4个", "二级项目12个", "118.73万元", "100.00%"]


def _png(pdf: Path, prefix: str) -> None:
    """Pages of *pdf* as PNG files to look at (nothing is asserted on them), beside *pdf* unless
    ``JIXIAO_SCREENSHOTS`` names a folder to keep them in."""
    if shutil.which("pdftoppm") is None:
        return
    folder = pictures_folder(pdf.parent, "office")
    subprocess.run(["pdftoppm", "-r", "50", "-png", str(pdf), str(folder / prefix)], check=False, timeout=120)


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    with open_book(folder / "s.sqlite3", create=True) as book:
        import_sample_year(book)
        fy = load_fiscal_year(book, 2022)
    built = build_report(fy, Translator("zh_CN"))
    source = folder / "report.docx"
    source.write_bytes(render_docx(built.document))
    workbook = folder / "tables.xlsx"
    workbook.write_bytes(render_workbook(fy))
    pdf = convert_to_pdf(source, folder / "lo")
    sheets = convert_to_pdf(workbook, folder / "lo")
    route = folder / "pdf-route.pdf"
    route.write_bytes(render_report(built, deterministic=True))
    _png(pdf, "word")
    _png(sheets, "excel")
    _png(route, "pdf-route")
    return PdfReader(str(pdf)), PdfReader(str(sheets))


def _sizes(reader: PdfReader) -> list[tuple[int, int]]:
    return [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]


def test_word_file_prints_on_a4_with_a_landscape_table_page(converted):
    word, _sheets = converted
    sizes = _sizes(word)
    assert sizes[0] == (595, 842)
    assert (842, 595) in sizes and sizes[-1] == (842, 595)
    assert set(sizes) == {(595, 842), (842, 595)}


def _text(reader: PdfReader) -> str:
    return normalise("".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("figure", FIGURES)
def test_word_file_has_the_figures(converted, figure):
    assert figure in _text(converted[0])


def test_word_file_has_the_total_on_its_table_page(converted):
    word, _ = converted
    last = normalise(word.pages[-1].extract_text())
    assert "总分" in last and "98.02" in last


@pytest.mark.skipif(not SEED.exists(), reason="the seed report (../shared) is not beside the project")
def test_word_file_has_every_seed_heading_and_sentence(converted):
    text = _text(converted[0])
    position = 0
    for heading in seed_headings():
        position = text.find(heading, position)
        assert position >= 0, heading
    missing = [s for s in seed_sentences() if s not in text and s not in KNOWN_DIFFERENCES]
    assert missing == [], "\n".join(missing)


def test_workbook_prints_landscape_with_the_total(converted):
    _word, sheets = converted
    assert set(_sizes(sheets)) == {(842, 595)}
    text = _text(sheets)
    assert "部门整体支出绩效自评表" in text and "98.02" in text and "616.04" in text


def test_workbook_formulas_are_computed_by_libreoffice(tmp_path):
    """The points column's SUM formula gives 100 once LibreOffice calculates it (read as CSV: the
    values LibreOffice computed, in the department sheet's total row)."""
    with open_book(tmp_path / "s.sqlite3", create=True) as book:
        import_sample_year(book)
        fy = load_fiscal_year(book, 2022)
    source = tmp_path / "scores.xlsx"
    source.write_bytes(render_workbook(fy))
    csv_file = convert_to_pdf(source, tmp_path / "csv", target="csv:Text - txt - csv (StarCalc):44,34,76")
    rows = list(csv.reader(io.StringIO(csv_file.read_text(encoding="utf-8"))))
    total = next(row for row in rows if row and row[0].startswith("总分："))
    assert total[5:8] == ["100", "98.02", "等级：优"]
