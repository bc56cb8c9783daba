"""The preview opens PDFs off the GUI thread (gui/pdf_loader.py): newest wins, page sizes ready."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QThread
from PySide6.QtGui import QPageSize, QPainter, QPdfWriter
from PySide6.QtPdf import QPdfDocument

from jixiao.gui.pdf_loader import PdfLoader


def make_pdf(pages: int) -> bytes:
    """A PDF of *pages* A4 pages, each saying its number."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    painter = QPainter(writer)
    for number in range(1, pages + 1):
        if number > 1:
            writer.newPage()
        painter.drawText(100, 100, f"page {number}")
    painter.end()
    buffer.close()
    return bytes(data)


def test_the_document_arrives_ready_and_on_the_gui_thread(qapp, qtbot):
    loader = PdfLoader()
    with qtbot.waitSignal(loader.loaded, timeout=10_000) as signal:
        ticket = loader.load(make_pdf(12))
        assert loader.pending
    got_ticket, document = signal.args
    assert got_ticket == ticket
    assert document.status() == QPdfDocument.Status.Ready
    assert document.pageCount() == 12
    assert document.thread() is QThread.currentThread()
    assert "page 12" in document.getAllText(11).text()
    assert not loader.pending
    loader.wait()


def test_only_the_newest_pdf_is_delivered(qapp, qtbot):
    loader = PdfLoader()
    delivered = []
    loader.loaded.connect(lambda ticket, document: delivered.append((ticket, document.pageCount())))
    loader.load(make_pdf(40))
    newest = loader.load(make_pdf(3))
    qtbot.waitUntil(lambda: not loader.pending, timeout=10_000)
    qtbot.wait(50)  # an older document, had it been delivered, would have arrived by now
    assert delivered == [(newest, 3)]
    loader.wait()


def test_nothing_is_pending_once_the_newest_pdf_is_delivered_even_while_its_thread_returns(qapp, qtbot):
    """A page asks ``pending`` while handling ``loaded``; the loading thread may not have returned
    yet (it emitted from inside ``_open``). Seen: the report page's Export stayed disabled."""
    import threading

    release = threading.Event()

    class Lingering(PdfLoader):
        def _open(self, ticket, pdf):  # the thread stays alive after its emit
            super()._open(ticket, pdf)
            release.wait(5)

    loader = Lingering()
    seen: list[bool] = []
    loader.loaded.connect(lambda _ticket, _document: seen.append(loader.pending))
    loader.load(make_pdf(1))
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    release.set()
    assert seen == [False]
