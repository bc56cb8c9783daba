"""Opening a PDF for the preview off the GUI thread.

Loading a PDF into ``QPdfDocument`` is quick (≈15 ms for 230 pages), but a multi-page ``QPdfView``
then asks the size of every page to lay them out, and pdfium parses each page for it: ≈250 ms for
the stress year's 230 pages, on the GUI thread. ``PdfLoader.load(pdf)`` does both in a thread of its
own (QtPdf serialises pdfium calls with a global lock, so the document on screen stays usable), moves
the ready document to the GUI thread and delivers it with ``loaded``; pdfium keeps the page sizes,
so the view lays the pages out at once. Only the newest load counts: an older one's document is
dropped.
"""

from __future__ import annotations

import threading

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QThread, Signal
from PySide6.QtPdf import QPdfDocument


class PdfLoader(QObject):
    """Opens PDFs in a background thread; create it on the GUI thread."""

    loaded = Signal(int, object)  # ticket, QPdfDocument (owned by the GUI thread, no parent)
    _ready = Signal(int, object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ticket = 0
        self._waiting = False
        self._threads: list[threading.Thread] = []
        self._gui_thread = QThread.currentThread()
        self._ready.connect(self._deliver)  # queued: emitted from the loading thread

    @property
    def pending(self) -> bool:
        """True while the newest load has not been delivered.

        Not "a loading thread is alive": the thread that delivered is still returning from its
        emit when ``loaded`` is handled, and a page that asked then kept its buttons disabled."""
        return self._waiting

    def load(self, pdf: bytes) -> int:
        """Start opening *pdf*; returns its ticket (the document arrives by ``loaded``)."""
        self.ticket += 1
        self._waiting = True
        self._threads = [t for t in self._threads if t.is_alive()]
        thread = threading.Thread(
            target=self._open, args=(self.ticket, pdf), name="jixiao-pdf-loader", daemon=True
        )
        self._threads.append(thread)
        thread.start()
        return self.ticket

    def wait(self, timeout: float = 5.0) -> None:
        """Let the loading threads finish (before the application ends)."""
        for thread in self._threads:
            thread.join(timeout)

    def _open(self, ticket: int, pdf: bytes) -> None:
        document = QPdfDocument()
        buffer = QBuffer(document)  # the document reads from it as long as it lives
        buffer.setData(QByteArray(pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document.load(buffer)
        if ticket == self.ticket:  # a newer PDF is on its way: skip the work
            for index in range(document.pageCount()):
                document.pagePointSize(index)
        document.moveToThread(self._gui_thread)
        try:
            self._ready.emit(ticket, document)
        except RuntimeError:  # the page (and this loader) went away meanwhile
            pass

    def _deliver(self, ticket: int, document: QPdfDocument) -> None:
        if ticket != self.ticket:
            document.deleteLater()
            return
        self._waiting = False
        self.loaded.emit(ticket, document)
