"""Making a report's PDF for the preview, in a process of its own.

``render(request, progress)`` is the whole job as a pure function: assemble the report of a loaded
``FiscalYear``, resolve the fonts (the clerk's choices first), typeset it, and freeze its inputs
(the year package and its hash, for "mark as final").

``serve(requests, results)`` runs jobs for the GUI in a child process (``multiprocessing`` "spawn"):
it reads ``("render", job, RenderRequest)`` or ``("stop",)`` from *requests* and writes
``("progress", job, Message)``, ``("done", job, RenderResult)`` or ``("failed", job, Message | None,
details)`` to *results*. A job is given up between two pages when a newer request is waiting.

Why a process and not a thread: typesetting a large year creates millions of short-lived Python
objects; in a thread of the GUI process the garbage collector's full passes over them (≈100–180 ms
with the stress year) hold the interpreter lock, and the window stalls. A child process has its
own interpreter, collector and CPU core. This module imports no Qt.
"""

from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field

from jixiao.core.errors import N_, JixiaoError, Message
from jixiao.core.model import FiscalYear
from jixiao.services.finals import report_inputs
from jixiao.services.reports import build_report, render_report


@dataclass
class RenderRequest:
    """What to make: the year (already loaded), the layout (None: the year's), font choices per role
    (``role → (file, face index)``), and which attachments."""

    fy: FiscalYear
    layout: str | None = None
    fonts: dict[str, tuple[str, int]] = field(default_factory=dict)
    attachment: bool = True
    project_tables: bool = False


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
FALLBACK_LABEL = N_("Fallback for rare characters")


def render(request: RenderRequest, progress: Progress | None = None) -> RenderResult:
    """Make the PDF of *request*; *progress* gets a message per stage and per page.

    *progress* may raise (``Superseded``) to give the job up.
    :raises FontError: a chosen font file cannot be used.
    """
    from jixiao.report.fonts import ROLE_LABELS, resolve_fonts

    say = progress or (lambda message: None)
    start = time.perf_counter()
    say(Message(N_("Assembling the report …")))
    built = build_report(request.fy, attachment=request.attachment, project_tables=request.project_tables)
    say(Message(N_("Loading the fonts …")))
    fonts = resolve_fonts({role: (path, int(face)) for role, (path, face) in request.fonts.items()})
    pages = 0

    def page_done(number: int) -> None:
        nonlocal pages
        pages = number
        say(Message(N_("Typesetting page {page} …"), page=number))

    pdf = render_report(built, layout=request.layout, progress=say, fonts=fonts, page_progress=page_done)
    package_text, digest = report_inputs(request.fy)
    used = [
        FontUsed(c.role, ROLE_LABELS.get(c.role, FALLBACK_LABEL), str(c.path), c.subfont, c.origin, c.family)
        for c in fonts.describe()
    ]
    return RenderResult(pdf, package_text, digest, used, pages, time.perf_counter() - start)


def serve(requests, results) -> None:
    """The child process's loop (see the module docstring); returns on "stop" or a closed pipe."""
    pending = None
    while True:
        try:
            message = pending if pending is not None else requests.recv()
        except (EOFError, OSError):
            return
        pending = None
        if not message or message[0] != "render":
            return
        _kind, job, request = message

        def progress(text: Message, job=job) -> None:
            if requests.poll():
                raise Superseded
            results.send(("progress", job, text))

        try:
            result = render(request, progress)
        except Superseded:
            try:
                pending = requests.recv()
            except (EOFError, OSError):
                return
            continue
        except JixiaoError as error:
            results.send(("failed", job, Message(error.message, **error.params), ""))
        except Exception as error:  # noqa: BLE001 - reported to the window, never a dead preview
            details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
            results.send(("failed", job, None, details))
        else:
            results.send(("done", job, result))
