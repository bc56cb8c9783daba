"""Making a report's PDF for the preview, in a process of its own.

``render(request, progress)`` is the whole job as a pure function: assemble the report of a loaded
``FiscalYear``, resolve the fonts (the clerk's choices first), typeset it, and freeze its inputs
(the year package and its hash, for "mark as final").

``serve(requests, results)`` runs jobs for the GUI in a child process (``python -m
jixiao.services.report_job``, talking over its stdin and stdout in pickled frames): it reads
``("render", job, RenderRequest)`` (or the request pickled) or ``("stop",)`` from *requests* and writes
``("progress", job, Message)``, ``("done", job, RenderResult)`` or ``("failed", job, Message | None,
details)`` to *results*. A job is given up between two pages when a newer request is waiting.

Why a process and not a thread: typesetting a large year creates millions of short-lived Python
objects; in a thread of the GUI process the garbage collector's full passes over them (≈100–180 ms
with the stress year) hold the interpreter lock, and the window stalls. A child process has its
own interpreter, collector and CPU core. This module imports no Qt.
"""

from __future__ import annotations

import os
import pickle
import queue
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import BinaryIO

from jixiao.core.errors import N_, JixiaoError, Message
from jixiao.core.model import FiscalYear
from jixiao.services.finals import report_inputs
from jixiao.services.reports import build_report, render_report


@dataclass(frozen=True)
class YearSource:
    """Where the child reads the year itself: the data file (opened read-only) and the year's id."""

    path: str
    year_id: int


@dataclass
class RenderRequest:
    """What to make: the year — loaded (*fy*), or where to load it (*source*: the window sends this,
    so its GUI thread neither loads nor pickles a large year) — the layout (None: the year's), font
    choices per role (``role → (file, face index)``), which attachments, and the project a
    project outline writes about (None: the first key project)."""

    fy: FiscalYear | None = None
    layout: str | None = None
    fonts: dict[str, tuple[str, int]] = field(default_factory=dict)
    attachment: bool = True
    project_tables: bool = False
    source: YearSource | None = None
    project: str | None = None

    def year(self) -> FiscalYear:
        """The year to typeset: *fy*, or the year read from *source*.

        :raises StorageError: the data file cannot be read.
        """
        if self.fy is not None:
            return self.fy
        if self.source is None:
            raise ValueError("a RenderRequest needs a year or a source")
        from jixiao.store.snapshot import load_year_read_only

        return load_year_read_only(self.source.path, self.source.year_id)


@dataclass(frozen=True)
class FontUsed:
    """The face a role was typeset in: role, its label (msgid), file, face index, origin, family."""

    role: str
    label: str
    path: str
    subfont: int
    origin: str  # "user", "system", "bundled" or "fallback"
    family: str


@dataclass
class RenderResult:
    """The PDF, the frozen inputs it was made from, the fonts used, pages and seconds taken."""

    pdf: bytes
    package_text: str
    inputs_sha256: str
    fonts: list[FontUsed]
    pages: int
    seconds: float


class Superseded(Exception):
    """A newer request arrived: this job is given up."""


Progress = Callable[[Message], None]
# set to "1" in the environment of a child started ahead of its first request: it warms up first
WARM_UP_VARIABLE = "JIXIAO_TYPESETTER_WARM_UP"
FALLBACK_LABEL = N_("Fallback for rare characters")


def render(request: RenderRequest, progress: Progress | None = None) -> RenderResult:
    """Make the PDF of *request*; *progress* gets a message per stage and per page.

    *progress* may raise (``Superseded``) to give the job up.
    :raises FontError: a chosen font file cannot be used.
    :raises StorageError: the year's data file (``request.source``) cannot be read.
    """
    from jixiao.report.fonts import resolve_fonts

    say = progress or (lambda message: None)
    start = time.perf_counter()
    say(Message(N_("Reading the year …")))
    fy = request.year()
    say(Message(N_("Assembling the report …")))
    built = build_report(
        fy, attachment=request.attachment, project_tables=request.project_tables, project=request.project
    )
    say(Message(N_("Loading the fonts …")))
    fonts = resolve_fonts({role: (path, int(face)) for role, (path, face) in request.fonts.items()})
    pages = 0

    def page_done(number: int) -> None:
        nonlocal pages
        pages = number
        say(Message(N_("Typesetting page {page} …"), page=number))

    pdf = render_report(built, layout=request.layout, progress=say, fonts=fonts, page_progress=page_done)
    package_text, digest = report_inputs(fy)
    return RenderResult(pdf, package_text, digest, fonts_used(fonts), pages, time.perf_counter() - start)


def fonts_used(fonts) -> list[FontUsed]:
    """What a ``report.fonts.FontSet`` holds, role by role then the fallbacks, as plain data."""
    from jixiao.report.fonts import ROLE_LABELS

    return [
        FontUsed(c.role, ROLE_LABELS.get(c.role, FALLBACK_LABEL), str(c.path), c.subfont, c.origin, c.family)
        for c in fonts.describe()
    ]


def describe_fonts(choices: dict[str, tuple[str, int]] | None = None) -> list[FontUsed]:
    """The faces the report would use with the clerk's *choices* (``role → (file, face)``).

    :raises FontError: a chosen file cannot be used.
    """
    from jixiao.report.fonts import resolve_fonts

    return fonts_used(
        resolve_fonts({role: (path, int(face)) for role, (path, face) in (choices or {}).items()})
    )


def validate_font(path: str, face: int = 0) -> str:
    """Check a font file the clerk picked (TrueType outlines, Chinese glyphs); returns its family.

    :raises FontError: with a message saying what is wrong with it.
    """
    from jixiao.report.fonts import validate_font_file

    return validate_font_file(path, face)[1]


def warm_up(waiting: Callable[[], bool] = lambda: False) -> None:
    """Load what every PDF needs while no request waits (a child started ahead of time,
    ``gui.report_worker.prestart``): reportlab, the typesetting code and the default fonts, by
    making the report of an empty year (~70 ms; a first real report then takes a later one's time,
    not three times as long). Stops early when *waiting()* becomes true; a problem is left for the
    first real render to report."""
    import datetime as dt

    from jixiao.core.model import Unit

    def page_done(_number: int) -> None:
        if waiting():
            raise Superseded

    if waiting():
        return
    try:
        empty = FiscalYear(dt.date.today().year, Unit(""))
        render_report(build_report(empty), page_progress=page_done)
    except Exception:  # noqa: BLE001, S110 - Superseded, or what the first real render will report
        pass


def write_frame(stream: BinaryIO, item: object) -> None:
    """Send *item* as one frame: 8-byte big-endian length, then its pickle."""
    data = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(len(data).to_bytes(8, "big") + data)
    stream.flush()


def read_frame(stream: BinaryIO) -> object:
    """The next frame's item; ``EOFError`` when the stream ends."""
    head = _read_exactly(stream, 8)
    return pickle.loads(_read_exactly(stream, int.from_bytes(head, "big")))


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    chunks, left = [], size
    while left:
        chunk = stream.read(left)
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def serve(requests: BinaryIO, results: BinaryIO, warm: bool = False) -> None:
    """Run jobs: read requests from *requests*, write news to *results* (see the module docstring);
    *warm*: first ``warm_up`` (a child started ahead of its first request).

    Returns on ``("stop",)`` or when *requests* ends (the window closed, or died).
    """
    inbox: queue.Queue = queue.Queue()

    def read_requests() -> None:
        try:
            while True:
                inbox.put(read_frame(requests))
        except (EOFError, OSError, pickle.UnpicklingError):
            inbox.put(None)

    threading.Thread(target=read_requests, name="requests", daemon=True).start()
    if warm:
        warm_up(lambda: not inbox.empty())
    message = None
    while True:
        message = message or inbox.get()
        if not message or message[0] != "render":
            return
        _kind, job, request = message
        message = None
        if isinstance(request, bytes):  # the window sends the request pickled (a frozen copy)
            request = pickle.loads(request)

        def progress(text: Message, job=job) -> None:
            if not inbox.empty():
                raise Superseded
            write_frame(results, ("progress", job, text))

        try:
            result = render(request, progress)
        except Superseded:
            message = inbox.get()
            continue
        except JixiaoError as error:
            write_frame(results, ("failed", job, Message(error.message, **error.params), ""))
        except Exception as error:  # noqa: BLE001 - reported to the window, never a dead preview
            details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
            write_frame(results, ("failed", job, None, details))
        else:
            write_frame(results, ("done", job, result))


def main() -> int:
    """``python -m jixiao.services.report_job``: serve jobs on stdin/stdout (stdout kept for frames only)."""
    # File descriptors 0 and 1, not sys.stdin/stdout: in a windowed app (jixiao-gui.exe) those may be
    # None although the window handed the child its pipes.
    results = os.fdopen(os.dup(1), "wb")
    errors = sys.stderr.fileno() if sys.stderr is not None else os.open(os.devnull, os.O_WRONLY)
    os.dup2(errors, 1)  # a stray print() cannot break a frame
    try:
        serve(os.fdopen(0, "rb", closefd=False), results, warm=os.environ.get(WARM_UP_VARIABLE) == "1")
    except BrokenPipeError:
        pass  # the window is gone
    return 0


if __name__ == "__main__":
    # Run the module's canonical copy, so pickled results name ``jixiao.services.report_job``
    # classes, not ``__main__`` ones.
    from jixiao.services import report_job

    sys.exit(report_job.main())
