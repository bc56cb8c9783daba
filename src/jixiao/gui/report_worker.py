"""The preview's typesetter: report PDFs made off the GUI thread, in a child process.

``ReportWorker.request(RenderRequest)`` returns a job number at once. A writer thread pickles the
request and hands it to the child (``services.report_job.serve``); a reader thread receives what
the child sends and passes it to the GUI thread through a queued signal. Only the newest job
counts: an older job's progress and result are dropped, and the child gives an older job up at its
next page. The GUI thread itself never blocks on the child.

The child process is started on the first request and reused; ``shutdown()`` stops it (it is a
daemon process, so it also ends with the application).
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import threading

from PySide6.QtCore import QObject, Signal

from jixiao.core.errors import N_, Message
from jixiao.services.report_job import RenderRequest, serve

log = logging.getLogger(__name__)
MSG_STOPPED = N_("The report could not be made: the typesetting process stopped unexpectedly.")
MSG_STARTING = N_("Starting the typesetter …")


class _Bridge(QObject):
    """Carries messages from the reader thread to the GUI thread (a queued connection)."""

    message = Signal(object)


class ReportWorker(QObject):
    """Makes report PDFs in a child process; see the module docstring."""

    progress = Signal(int, object)  # job, Message
    finished = Signal(int, object)  # job, RenderResult
    failed = Signal(int, object, str)  # job, Message (or None: an unexpected error), details

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.job = 0
        self.busy = False
        self._process = None
        self._outbox: queue.Queue | None = None
        self._bridge = _Bridge()
        self._bridge.message.connect(self._received)
        self._lock = threading.Lock()

    # -- the child ---------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._process is not None and self._process.is_alive()

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        requests_read, requests_write = context.Pipe(duplex=False)
        results_read, results_write = context.Pipe(duplex=False)
        process = context.Process(
            target=serve, args=(requests_read, results_write), name="jixiao-report", daemon=True
        )
        process.start()
        requests_read.close()
        results_write.close()
        outbox: queue.Queue = queue.Queue()
        bridge = self._bridge
        threading.Thread(
            target=_write, args=(outbox, requests_write), name="jixiao-report-writer", daemon=True
        ).start()
        threading.Thread(
            target=_read, args=(results_read, bridge, process), name="jixiao-report-reader", daemon=True
        ).start()
        self._process, self._outbox = process, outbox

    def request(self, request: RenderRequest) -> int:
        """Start making the PDF of *request*; returns its job number (results arrive by signal)."""
        if not self.running:
            self._stop_child()
            self._start()
            self.progress.emit(self.job + 1, Message(MSG_STARTING))
        self.job += 1
        self.busy = True
        self._outbox.put(("render", self.job, request))
        return self.job

    def shutdown(self, timeout: float = 2.0) -> None:
        """Stop the child (idempotent); a job still running is dropped."""
        self.busy = False
        self.job += 1  # whatever still arrives is stale
        self._stop_child(timeout)

    def _stop_child(self, timeout: float = 2.0) -> None:
        process, outbox = self._process, self._outbox
        self._process, self._outbox = None, None
        if outbox is not None:
            outbox.put(None)
        if process is not None:
            process.join(timeout)
            if process.is_alive():
                process.terminate()
                process.join(timeout)

    # -- messages from the child ---------------------------------------------------------------------
    def _received(self, message) -> None:
        kind, job = message[0], message[1]
        if kind == "died":
            if self.busy and job is self._process:
                self.busy = False
                self._process, self._outbox = None, None
                self.failed.emit(self.job, Message(MSG_STOPPED), "")
            return
        if job != self.job:
            return  # an older job's news
        if kind == "progress":
            self.progress.emit(job, message[2])
        elif kind == "done":
            self.busy = False
            self.finished.emit(job, message[2])
        elif kind == "failed":
            self.busy = False
            self.failed.emit(job, message[2], message[3])


def _write(outbox: queue.Queue, connection) -> None:
    """Writer thread: send the newest request to the child; None closes the pipe (the child stops)."""
    try:
        while True:
            item = outbox.get()
            try:  # only the newest of the requests waiting matters
                while item is not None:
                    item = outbox.get_nowait()
                    if item is None:
                        break
            except queue.Empty:
                pass
            if item is None:
                break
            connection.send(item)
    except (OSError, ValueError) as error:  # the child is gone: the reader reports it
        log.warning("report process: %s", error)
    finally:
        connection.close()


def _read(connection, bridge: _Bridge, process) -> None:
    """Reader thread: pass every message of the child to the GUI thread; report the child's end."""
    try:
        while True:
            bridge.message.emit(connection.recv())
    except (EOFError, OSError):
        pass
    finally:
        connection.close()
        bridge.message.emit(("died", process))


__all__ = ["ReportWorker", "RenderRequest"]
