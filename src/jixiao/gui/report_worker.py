"""The preview's typesetter: report PDFs made off the GUI thread, in a child process.

``ReportWorker.request(RenderRequest)`` returns a job number at once. A writer thread pickles the
request and sends it to the child (``python -m jixiao.services.report_job``, see there why a
process); a reader thread receives what the child sends and passes it to the GUI thread through a
queued signal. Only the newest job counts: an older job's progress and result are dropped, and the
child gives an older job up at its next page. The GUI thread never waits for the child.

The child is started on the first request and reused; ``shutdown()`` stops it. It also ends by
itself when its stdin closes, i.e. when this process ends in any way. ``prestart()`` starts a
spare child ahead of time (the window does so a few seconds after it opens a file): it loads
reportlab and the fonts while it waits, and the first ``ReportWorker`` to need a child takes it, so
the report page's first preview takes about a later preview's time (~85 ms for the sample year
instead of ~210 ms; more where starting a process is slow). A child started by a request does not
warm up: the request would wait for it.
"""

from __future__ import annotations

import logging
import os
import pickle
import queue
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Signal

import jixiao
from jixiao.core.errors import N_, Message
from jixiao.paths import REPORT_WORKER_ARG, is_frozen
from jixiao.services.report_job import WARM_UP_VARIABLE, RenderRequest, YearSource, read_frame, write_frame

log = logging.getLogger(__name__)
MSG_STOPPED = N_("The report could not be made: the typesetting process stopped unexpectedly.")


def worker_command() -> list[str]:
    """How to start the child: this interpreter running ``jixiao.services.report_job``; in the
    self-contained app (no interpreter to run ``-m`` with) the app itself with a hidden argument,
    which packaging/jixiao_main.py hands to the job before the command line is parsed."""
    if is_frozen():
        return [sys.executable, REPORT_WORKER_ARG]
    return [sys.executable, "-m", "jixiao.services.report_job"]


def _child_environment() -> dict[str, str]:
    """The environment with the folder holding this ``jixiao`` package first on PYTHONPATH."""
    env = dict(os.environ)
    root = str(Path(jixiao.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    return env


def _spawn(ahead: bool) -> subprocess.Popen:
    """A new child; started *ahead* of its first request, it warms up while it waits."""
    env = _child_environment()
    env.pop(WARM_UP_VARIABLE, None)
    if ahead:
        env[WARM_UP_VARIABLE] = "1"
    return subprocess.Popen(
        worker_command(),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=env,
        creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
    )


_spare: subprocess.Popen | None = None  # a child started ahead of its first request (prestart)


def prestart() -> None:
    """Start a spare typesetting child now, unless one is waiting already (see the module docstring)."""
    global _spare
    if _spare is None or _spare.poll() is not None:
        _spare = _spawn(ahead=True)


def _take_spare() -> subprocess.Popen | None:
    global _spare
    spare, _spare = _spare, None
    if spare is not None and spare.poll() is not None:
        spare.stdout.close()
        spare.stdin.close()
        return None
    return spare


def discard_spare(timeout: float = 3.0) -> None:
    """Stop the spare child, if one is waiting (closing its stdin ends it; idempotent)."""
    spare = _take_spare()
    if spare is None:
        return
    spare.stdin.close()
    _wait_or_kill(spare, timeout)
    spare.stdout.close()


def _wait_or_kill(process: subprocess.Popen, timeout: float) -> None:
    """Let a child whose stdin was closed end (*timeout* seconds), else kill it."""
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout)


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
        self._process: subprocess.Popen | None = None
        self._outbox: queue.Queue | None = None
        self._threads: list[threading.Thread] = []
        self._bridge = _Bridge()
        self._bridge.message.connect(self._received)

    # -- the child ---------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def _start(self) -> None:
        process = _take_spare() or _spawn(ahead=False)
        outbox: queue.Queue = queue.Queue()
        self._threads = [
            threading.Thread(
                target=_write, args=(outbox, process.stdin), name="jixiao-report-writer", daemon=True
            ),
            threading.Thread(
                target=_read, args=(process, self._bridge), name="jixiao-report-reader", daemon=True
            ),
        ]
        for thread in self._threads:
            thread.start()
        self._process, self._outbox = process, outbox

    def request(self, request: RenderRequest) -> int:
        """Start making the PDF of *request*; returns its job number (results arrive by signal)."""
        if not self.running:
            self._stop_child()
            self._start()
        self.job += 1
        self.busy = True
        # pickled here, so a request holding a loaded year is a frozen copy (the window may change
        # the year once this returns); the window itself sends only a YearSource, which is tiny
        frozen = pickle.dumps(request, protocol=pickle.HIGHEST_PROTOCOL)
        self._outbox.put(("render", self.job, frozen))
        return self.job

    def shutdown(self, timeout: float = 3.0) -> None:
        """Stop the child (idempotent); a job still running is dropped."""
        self.busy = False
        self.job += 1  # whatever still arrives is stale
        self._stop_child(timeout)

    def _stop_child(self, timeout: float = 3.0) -> None:
        process, outbox = self._process, self._outbox
        self._process, self._outbox = None, None
        if outbox is not None:
            outbox.put(None)  # the writer closes the child's stdin: it stops
        if process is not None:
            _wait_or_kill(process, timeout)
        for thread in self._threads:  # both end once the child is gone
            thread.join(timeout)
        self._threads = []

    # -- messages from the child ---------------------------------------------------------------------
    def _received(self, message) -> None:
        kind, job = message[0], message[1]
        if kind == "died":
            if job is self._process:
                self._process, self._outbox = None, None
                if self.busy:
                    self.busy = False
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


def _write(outbox: queue.Queue, stream) -> None:
    """Writer thread: send the newest waiting request to the child; None closes its stdin."""
    try:
        while True:
            item = outbox.get()
            while item is not None:  # only the newest of the requests waiting matters
                try:
                    item = outbox.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    break
            if item is None:
                break
            write_frame(stream, item)
    except (OSError, ValueError) as error:  # the child is gone: the reader reports it
        log.warning("report process: %s", error)
    finally:
        try:
            stream.close()
        except OSError:
            pass


def _read(process: subprocess.Popen, bridge: _Bridge) -> None:
    """Reader thread: pass every message of the child to the GUI thread, then report its end."""
    try:
        while True:
            bridge.message.emit(read_frame(process.stdout))
    except (EOFError, OSError, ValueError) as error:
        if not isinstance(error, EOFError):
            log.warning("report process: %s", error)
    finally:
        process.stdout.close()
        bridge.message.emit(("died", process))


__all__ = [
    "WARM_UP_VARIABLE",
    "ReportWorker",
    "RenderRequest",
    "YearSource",
    "discard_spare",
    "prestart",
    "worker_command",
]
