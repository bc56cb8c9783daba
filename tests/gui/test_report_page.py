"""生成报告: the readiness checklist (jump to the field), the PDF preview made off the GUI thread,
export, print, open, font choices, mark as final, and the screenshots of the page."""

from __future__ import annotations

import dataclasses
import io
import json
import shutil
import sys
from pathlib import Path

import pytest
from benches import bench_module
from pictures import pictures_folder
from pypdf import PdfReader
from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QWidget

from jixiao.gui import main_window, report_worker
from jixiao.gui.pages.report_page import EXPORT_DIR_KEY, FINDING_ROLE, fix_target
from jixiao.gui.pyside_fixes import pin_immortals
from jixiao.gui.widgets.font_roles import FONTS_KEY, font_choices
from jixiao.paths import resources_dir
from jixiao.services import finals as finals_service
from jixiao.services import indicators as indicator_service
from jixiao.services import money_block
from jixiao.services.yearpackages import import_year
from jixiao.store.database import open_book

TITLE = "部门整体支出绩效自评报告"


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def report_page(controller, qtbot, timeout: int = 30_000):
    """Show the report page and wait until its preview shows the records as they are."""
    controller.window.go_to("report")
    page = controller.window.pages["report"]
    qtbot.waitUntil(
        lambda: (
            page.current
            and page.document.status() == QPdfDocument.Status.Ready
            and not page.debounce.isActive()  # no redraw pending (a late change notice)
            and page.export_button.isEnabled()
        ),
        timeout=timeout,
    )
    return page


class UrlCatcher(QObject):
    """Stands in for the system's file opener (``QDesktopServices.setUrlHandler``)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[QUrl] = []

    @Slot(QUrl)
    def handle(self, url: QUrl) -> None:
        self.urls.append(url)


@pytest.fixture
def opened_urls():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "handle")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")


def test_page_makes_the_sample_years_pdf_and_exports_it(
    sample_controller, asker, tmp_path, qtbot, opened_urls
):
    page = report_page(sample_controller, qtbot)
    assert page.document.pageCount() == page.result.pages >= 10
    assert TITLE in page.document.getAllText(0).text()  # what the preview shows is the real PDF
    out = tmp_path / "out"
    out.mkdir()
    asker.answers["save_file"] = [str(out / "report")]
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    exported = out / "report.pdf"
    assert exported.is_file(), (page.status.text(), asker.asked, page.error_count)
    assert exported.read_bytes() == page.result.pdf
    text = pdf_text(exported.read_bytes())
    unit = sample_controller.session.unit().full_name
    assert TITLE in text and unit in text and "自评得分" in text
    assert sample_controller.settings.value(EXPORT_DIR_KEY) == str(out)  # the folder is remembered
    page.open_folder()
    page.open_in_viewer()
    assert [u.toLocalFile() for u in opened_urls] == [str(out), str(exported)]


def test_print_draws_every_page_onto_the_printer(sample_controller, tmp_path, qtbot):
    page = report_page(sample_controller, qtbot)
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert page.print_to(printer) == page.document.pageCount()
    printed = PdfReader(str(tmp_path / "printed.pdf"))
    assert len(printed.pages) == page.document.pageCount()
    sizes = {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in printed.pages}
    assert all(h > w for w, h in sizes)  # the landscape score tables are turned onto portrait paper
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "two.pdf"))
    printer.setFromTo(2, 3)
    assert page.print_to(printer) == 2 and len(PdfReader(str(tmp_path / "two.pdf")).pages) == 2


def test_checklist_lists_a_planted_problem_and_jumps_into_its_field(sample_controller, qtbot):
    controller = sample_controller
    window, session = controller.window, controller.session
    page = report_page(controller, qtbot)
    indicator = session.fiscal_year().indicators[0]
    session.call(
        indicator_service.update_indicator,
        dataclasses.replace(indicator, actual_source=None, actual=None),
    )
    findings = [page.problems.item(i).data(FINDING_ROLE) for i in range(page.problems.count())]
    planted = [
        i
        for i, f in enumerate(findings)
        if f.code == "actual_missing" and f.where == ("indicator", indicator.id)
    ]
    assert planted, [f.code for f in findings]
    item = page.problems.item(planted[0])
    assert indicator.level3 in item.text()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    page.problems.scrollToItem(item)
    rect = page.problems.visualItemRect(item)
    qtbot.mouseClick(page.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.problems.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_page_key() == "indicators"
    indicators = window.pages["indicators"]
    assert indicators.current().id == indicator.id
    actual = indicators.findChild(QWidget, "actual")
    assert QApplication.focusWidget() is actual and actual.isVisible()

    # a money-block problem leads into its cell of the budget page
    total = session.fiscal_year().budget_line("total")
    session.call(
        money_block.set_money_line,
        session.year_id,
        dataclasses.replace(total, adjusted_fen=0),
    )
    window.go_to("report")
    finding = next(
        f
        for f in (page.problems.item(i).data(FINDING_ROLE) for i in range(page.problems.count()))
        if f.code == "budget_missing"
    )
    assert fix_target(finding) == ("budget", {"line": "total"}, "budget_total_adjusted_fen")
    page._go(
        next(
            page.problems.item(i)
            for i in range(page.problems.count())
            if page.problems.item(i).data(FINDING_ROLE) == finding
        )
    )
    assert window.current_page_key() == "budget"
    assert QApplication.focusWidget() is window.pages["budget"].findChild(
        QWidget, "budget_total_adjusted_fen"
    )


def test_mark_final_then_later_edits_show_and_the_final_pdf_is_saved_again(
    sample_controller, asker, tmp_path, qtbot
):
    controller = sample_controller
    session = controller.session
    page = report_page(controller, qtbot)
    assert not page.save_final_button.isEnabled() and not page.final_label.text().startswith("⚠")
    submitted = page.result.pdf
    assert page.mark_final()
    assert page.final is not None and page.save_final_button.isEnabled()
    assert not page.final_label.text().startswith("⚠")
    assert asker.asked[-1][0] == "confirm"

    indicator = session.fiscal_year().indicators[0]
    session.call(
        indicator_service.update_indicator,
        dataclasses.replace(indicator, actual_source=None, actual="1"),
    )
    assert not page.current and not page.mark_final_button.isEnabled()  # the preview is being remade
    qtbot.waitUntil(lambda: page.current, timeout=30_000)
    assert page.final_label.text().startswith("⚠")  # changed since marked final
    assert page.result.pdf != submitted

    asker.answers["save_file"] = [str(tmp_path / "final.pdf")]
    assert page.save_final() == tmp_path / "final.pdf"
    assert (tmp_path / "final.pdf").read_bytes() == submitted
    assert finals_service.final_pdf(session.book, page.final.id) == submitted


def test_a_chosen_font_file_is_checked_kept_and_used(sample_controller, asker, tmp_path, qtbot):
    controller = sample_controller
    page = report_page(controller, qtbot)
    editor = page.fonts
    bad = tmp_path / "broken.ttf"
    bad.write_text("not a font")
    editor.select_role("body")
    asker.answers["open_file"] = [str(bad)]
    assert not editor.choose_file()
    assert asker.asked[-1][0] == "error" and font_choices(controller.settings) == {}

    kai = resources_dir() / "fonts" / "lxgw-wenkai" / "LXGWWenKai-Regular.ttf"
    editor.select_role("body")
    asker.answers["open_file"] = [str(kai)]
    assert editor.choose_file()
    assert font_choices(controller.settings) == {"body": (str(kai), 0)}
    assert json.loads(controller.settings.value(FONTS_KEY))["body"][0] == str(kai)
    assert not page.current  # a new preview is on its way
    qtbot.waitUntil(lambda: page.current, timeout=30_000)
    body = next(f for f in page.result.fonts if f.role == "body")
    assert (body.path, body.origin, body.family) == (str(kai), "user", "LXGW WenKai")

    editor.select_role("body")
    editor.clear_choice()
    assert font_choices(controller.settings) == {}


def test_the_typesetter_process_ends_with_its_page_and_the_application(sample_controller, qtbot):
    page = report_page(sample_controller, qtbot)
    process = page.worker._process
    assert process is not None and process.poll() is None
    environ = Path(f"/proc/{process.pid}/environ")
    if environ.exists():  # started by the page's request: no warming up before it
        assert b"JIXIAO_TYPESETTER_WARM_UP=1" not in environ.read_bytes().split(b"\0")
    sample_controller.set_language("en")  # the window and its pages are rebuilt
    qtbot.waitUntil(lambda: process.poll() is not None, timeout=10_000)
    page = report_page(sample_controller, qtbot)
    process = page.worker._process
    assert process.poll() is None
    sample_controller.shutdown()
    assert process.poll() is not None and not page.worker.running


def window_with_a_spare_typesetter(open_sample, qtbot, monkeypatch, delay_ms):
    """The window on a copy of the sample year, once it has started its typesetter ahead of time
    (``delay_ms`` after its first paint); returns (controller, that child process)."""
    monkeypatch.setattr(main_window, "TYPESETTER_DELAY_MS", delay_ms)
    controller = open_sample()
    controller.window.show()
    qtbot.waitUntil(lambda: report_worker._spare is not None, timeout=5000)
    return controller, report_worker._spare


def test_the_window_starts_the_typesetter_ahead_and_the_first_preview_uses_it(
    open_sample, qtbot, monkeypatch
):
    """A few seconds after a file's first page painted, the typesetting process starts and loads
    reportlab and the fonts; the report page's first preview is then made by that process."""
    controller, spare = window_with_a_spare_typesetter(open_sample, qtbot, monkeypatch, delay_ms=50)
    assert spare.poll() is None
    environ = Path(f"/proc/{spare.pid}/environ")
    if environ.exists():  # Linux: only a child started ahead warms up (one started by a request would
        # make the request wait for it)
        assert f"{report_worker.WARM_UP_VARIABLE}=1".encode() in environ.read_bytes().split(b"\0")
    page = report_page(controller, qtbot)
    assert page.worker._process is spare and report_worker._spare is None  # taken, not a second one
    assert "花都区工商业联合会" in pdf_text(page.result.pdf)
    controller.shutdown()
    assert spare.poll() is not None


def test_a_spare_typesetter_nobody_used_ends_with_the_application(open_sample, qtbot, monkeypatch):
    controller, spare = window_with_a_spare_typesetter(open_sample, qtbot, monkeypatch, delay_ms=0)
    controller.shutdown()
    assert spare.poll() is not None and report_worker._spare is None


@pytest.fixture(scope="module")
def stress_file(tmp_path_factory):
    """A data file with the stress year: 5,000 activities, 200 projects, 300 indicators."""
    stress_package = bench_module("bench_report").stress_package
    folder = tmp_path_factory.mktemp("stress")
    package = folder / "stress.json"
    package.write_text(json.dumps(stress_package(), ensure_ascii=False), encoding="utf-8")
    path = folder / "stress.sqlite3"
    with open_book(path, create=True, routine_backup=False) as book:
        import_year(book, package)
    return path


def test_no_freeze_while_the_stress_year_renders(make_controller, stress_file, qtbot):
    controller = make_controller()
    controller.start(stress_file)
    controller.window.resize(1280, 820)
    controller.window.show()
    qtbot.waitExposed(controller.window)
    controller.window.go_to("report")
    page = controller.window.pages["report"]
    page.project_tables.setChecked(True)  # one score table per project as well: ≈230 pages
    # the window's start-up work (the activities page preloads its 5,000 rows once, ≈100-250 ms, more
    # on a loaded machine) runs on the first turns of the event loop: let it pass, it is not what this
    # test measures
    qtbot.wait(1500)
    gaps: list[int] = []
    clock = QElapsedTimer()
    timer = QTimer()
    timer.setInterval(50)

    def tick() -> None:
        gaps.append(clock.restart())

    timer.timeout.connect(tick)
    clock.start()
    timer.start()
    job = page.render_now()
    assert job is not None
    qtbot.waitUntil(
        lambda: page.current and page.document.status() == QPdfDocument.Status.Ready, timeout=60_000
    )
    qtbot.wait(300)  # the preview paints its first pages
    timer.stop()
    print(
        f"stress year: {page.result.pages} pages in {page.result.seconds:.2f} s; {len(gaps)} ticks, max gap {max(gaps)} ms"
    )
    assert page.result.pages > 200
    assert len(gaps) > 10
    assert max(gaps) < 200, f"the event loop stalled for {max(gaps)} ms"


def test_pin_immortals_keeps_signal_emits_from_exhausting_true(qapp):
    from PySide6.QtCore import Signal

    class Pinger(QObject):
        ping = Signal(object)

    pin_immortals()
    pinger = Pinger()
    received = []
    pinger.ping.connect(received.append)
    before = sys.getrefcount(True)
    for n in range(20_000):
        pinger.ping.emit(n)
    assert len(received) == 20_000
    if sys.version_info < (3, 12):
        assert sys.getrefcount(True) > 10**12 and before - sys.getrefcount(True) <= 20_000
        assert sys.getrefcount(None) > 10**12  # methods that return nothing drop None's (see there)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_screenshot_of_the_report_page(make_controller, sample_template, tmp_path, qtbot, lang):

    data = tmp_path / "data"
    data.mkdir(exist_ok=True)
    shutil.copy(sample_template, data / "sample.sqlite3")
    controller = make_controller(lang)
    controller.start(data / "sample.sqlite3")
    controller.window.resize(1440, 900)
    controller.window.show()
    qtbot.waitExposed(controller.window)
    page = report_page(controller, qtbot)
    qtbot.wait(400)  # QPdfView renders its pages asynchronously
    target = pictures_folder(tmp_path) / f"report-page-{lang}.png"
    image = controller.window.grab().toImage()
    assert image.save(str(target))
    preview = page.view.grab().toImage()
    dark = sum(
        1
        for x in range(0, preview.width(), 7)
        for y in range(0, preview.height(), 7)
        if preview.pixelColor(x, y).lightness() < 100
    )
    assert dark > 50  # the PDF's text is on screen, not a blank view


def test_every_kind_of_finding_leads_to_a_field_that_exists(sample_controller):
    """The fields the checklist jumps to are found by object name: a renamed field fails here."""
    from jixiao.core.errors import Message, Problem
    from jixiao.gui.pages.report_page import INDICATOR_FIELDS

    window = sample_controller.window
    fy = sample_controller.session.fiscal_year()
    project = fy.all_projects()[0].id
    findings = [Problem(code, Message("x"), ("indicator", 1), "error", 2022) for code in INDICATOR_FIELDS]
    findings += [
        Problem("budget_sum", Message("x", field=Message("Executed")), ("budget", "fiscal"), "error", 2022),
        Problem("weights_sum", Message("x"), ("indicators", "department"), "error", 2022),
        Problem("rules", Message("x"), ("year", "rules"), "error", 2022),
        Problem("weights_sum", Message("x"), ("project", project), "error", 2022),
        Problem("key_project_text_missing", Message("x"), ("project", project), "warning", 2022),
        Problem("live_figure", Message("x"), ("text", "work_overview"), "error", 2022),
        Problem("live_figure", Message("x"), ("task", 1), "error", 2022),
        Problem("live_figure", Message("x"), ("measure", 1), "error", 2022),
        Problem("live_figure", Message("x"), ("problem", 0), "error", 2022),
        Problem("live_figure", Message("x"), ("improvement", 0), "error", 2022),
    ]
    for finding in findings:
        page, target, field = fix_target(finding)
        assert window.pages[page].findChild(QWidget, field) is not None, (finding.where, finding.code, field)
    assert fix_target(findings[len(INDICATOR_FIELDS)])[2] == "budget_fiscal_executed_fen"
    window.go_to("unit", focus="text_work_overview")  # a field on a tab that is not shown
    assert QApplication.focusWidget() is window.pages["unit"].findChild(QWidget, "text_work_overview")


def test_before_the_first_preview_the_font_table_says_so_across_its_width(sample_controller, qtbot):
    from jixiao.gui.widgets.font_roles import FontRolesEditor

    editor = FontRolesEditor(
        lambda text: text, sample_controller.window.pages["report"].asker, QSettingsStub()
    )
    item = editor.table.topLevelItem(0)
    assert editor.table.topLevelItemCount() == 1 and item.isFirstColumnSpanned()
    assert item.toolTip(0) == item.text(0) == "The fonts are shown once the preview has been made."
    assert editor.current_role() is None


class QSettingsStub:
    """The settings the font table reads: none chosen."""

    def value(self, _key, default=None):
        return default


def test_with_a_project_outline_the_page_offers_the_projects_and_prints_the_one_chosen(
    make_controller, tmp_path, qtbot
):
    """红河州数据发展中心 2024 (a project outline, two projects): the report is about the first key
    project until the clerk picks the other one, which the next session on the file remembers."""
    from pypdf import PdfReader

    from jixiao.services.yearpackages import import_year
    from jixiao.store.database import open_book

    package = Path(__file__).resolve().parents[1] / "data" / "outline_years" / "honghe-2024.json"
    data = tmp_path / "data"
    data.mkdir()
    with open_book(data / "honghe.sqlite3", create=True, routine_backup=False) as book:
        import_year(book, package)
    controller = make_controller()
    controller.start(data / "honghe.sqlite3")
    controller.window.resize(1280, 820)
    controller.window.show()
    qtbot.waitExposed(controller.window)
    page = report_page(controller, qtbot)
    box = page.project_box
    assert box.isVisible() and box.count() == 2
    assert box.currentText() == "“数说红河”展厅运维经费" == page.chosen_project()

    def title() -> str:
        return "".join(PdfReader(io.BytesIO(page.result.pdf)).pages[0].extract_text().split())

    assert "数说红河" in title()
    box.setCurrentIndex(box.findText("红河州一中心一平台六大库N应用经费"))
    box.activated.emit(box.currentIndex())
    qtbot.waitUntil(lambda: page.current and "一中心一平台" in title(), timeout=30_000)
    page.refresh_now()  # a redraw keeps the clerk's choice
    assert page.chosen_project() == "红河州一中心一平台六大库N应用经费"

    # and so does the next session on this file
    controller.shutdown()
    controller.window.close()
    again = make_controller()
    again.start(data / "honghe.sqlite3")
    again.window.show()
    qtbot.waitExposed(again.window)
    page = report_page(again, qtbot)
    assert page.chosen_project() == "红河州一中心一平台六大库N应用经费"
    assert "一中心一平台" in title()


def test_a_department_outline_offers_no_project(sample_controller, qtbot):
    page = report_page(sample_controller, qtbot)
    assert not page.project_box.isVisible() and page.chosen_project() is None
