"""The report page's exports: the report as PDF or Word (by the name's extension), the score tables as
Excel; only when the preview shows the records as they are, like the PDF export."""

from __future__ import annotations

import docx
import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtPdf import QPdfDocument

from jixiao.gui.pages.report_page import EXPORT_DIR_KEY


def _ready_page(controller, qtbot):
    controller.window.go_to("report")
    page = controller.window.pages["report"]
    qtbot.waitUntil(
        lambda: page.current and page.document.status() == QPdfDocument.Status.Ready, timeout=30_000
    )
    return page


def test_report_exports_as_word_and_tables_as_excel(sample_controller, asker, tmp_path, qtbot):
    page = _ready_page(sample_controller, qtbot)
    assert page.export_excel_button.isEnabled()
    asker.answers["save_file"] = [str(tmp_path / "报告.docx"), str(tmp_path / "自评表")]
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    word = docx.Document(str(tmp_path / "报告.docx"))
    assert word.core_properties.author == sample_controller.session.unit().full_name
    assert any(p.style.name == "Heading 1" for p in word.paragraphs)
    assert page.exported == tmp_path / "报告.docx"
    qtbot.mouseClick(page.export_excel_button, Qt.MouseButton.LeftButton)
    book = openpyxl.load_workbook(tmp_path / "自评表.xlsx")  # the extension is added
    assert book.sheetnames[0] == "部门整体支出绩效自评表"
    assert sample_controller.settings.value(EXPORT_DIR_KEY) == str(tmp_path)
    assert [name for name, *_ in asker.asked].count("save_file") == 2


def test_exports_wait_for_a_current_preview(sample_controller, asker, qtbot):
    page = _ready_page(sample_controller, qtbot)
    page.schedule_preview()  # the records changed: the preview is stale until it is made again
    assert not page.export_button.isEnabled() and not page.export_excel_button.isEnabled()
    assert page.export_pdf() is None and page.export_excel() is None
    assert asker.asked == []


def test_exports_with_errors_in_the_year_ask_first(sample_controller, asker, tmp_path, qtbot):
    """The same rule as `jixiao report`/`score --out` without --force: errors stop the export unless
    the clerk chooses to go on."""
    from jixiao.services import texts as texts_service

    session = sample_controller.session
    page = _ready_page(sample_controller, qtbot)
    key = "goals_completion"
    text = session.fiscal_year().texts[key]
    session.call(texts_service.set_text, session.year_id, key, text + "𠀀")  # no font has it
    page.refresh()
    assert page.error_count >= 1
    qtbot.waitUntil(lambda: page.current, timeout=30_000)
    asker.answers["confirm"] = [False, False]
    asker.answers["save_file"] = [str(tmp_path / "r.pdf")]
    assert page.export_excel() is None and page.export_pdf() is None
    assert [name for name, *_ in asker.asked] == ["confirm", "confirm"]  # no file was asked for
    assert str(page.error_count) in asker.asked[0][1][1]  # the question says how many
    asker.answers["confirm"] = [True]
    assert page.export_pdf() == tmp_path / "r.pdf" and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    session.call(texts_service.set_text, session.year_id, key, text)  # fixed: no question now
    page.refresh()
    qtbot.waitUntil(lambda: page.current, timeout=30_000)
    asker.asked.clear()
    asker.answers["save_file"] = [str(tmp_path / "t.xlsx")]
    assert page.export_excel() == tmp_path / "t.xlsx"
    assert [name for name, *_ in asker.asked] == ["save_file"]
