"""Where the clerk waits, next to a reference measured in the same run (issue 16's table).

    PYTHONPATH=src .venv/bin/python bench/bench_compare.py [--runs 5] [--start-runs 15] [--rows 100000] [--only start]

| what | jixiao | reference |
|---|---|---|
| ``jixiao report``, sample year, whole process | a fresh ``python -m jixiao report`` | LibreOffice converting the same report as .docx (``soffice --headless --convert-to pdf``) |
| the report page's PDF, in the window | ``gui.report_worker``: the window's typesetting process, first request and later ones | the same LibreOffice conversion |
| start until the main window shows the sample year | a fresh process: imports, open, first page, window exposed and painted | a bare PySide6 ``QMainWindow`` the same way |
| one activity save | ``services.activities.add_activity`` | raw ``sqlite3`` INSERT + COMMIT, same PRAGMAs (WAL, synchronous=FULL, foreign keys) |
| filter keystroke / sort, 100k activities | the activities page (event, filter, repaint) | — |

Jixiao and its reference run alternately, ``--runs`` times each; medians are printed with the
ratio. The windows use a private ``Xvfb -noreset`` display when Xvfb is installed (a real X server
path, ``QT_QPA_PLATFORM=xcb``), else the offscreen platform. The report's parsed-font cache lives
in the temporary folder and is filled by one unmeasured run (as after a first use), and so are the
compiled modules (``PYTHONPYCACHEPREFIX``; ``PYTHONDONTWRITEBYTECODE`` is dropped for the measured
processes). Everything is written in one temporary folder that is removed at the end.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src"
if "--src" in sys.argv:  # another checkout's code (e.g. an older commit, for before/after figures)
    SRC = Path(sys.argv[sys.argv.index("--src") + 1]).resolve()
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

FIRST_FRAME = r"""
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication


# Prints "painted" once the event that brought the window's first paint event has been handled (Qt
# paints the whole window, the top level first, and flushes it to the screen in that one event),
# then "shown" after a further processEvents + grab (a second paint of the whole window: the figure
# until round 4), and ends the event loop.
class FirstFrame(QObject):
    def __init__(self, app, window):
        super().__init__()
        self.app, self.window, self.seen = app, window, False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not self.seen:
            self.seen = True
            QTimer.singleShot(0, self.done)  # runs once the event being handled is done
        return False

    def done(self):
        while not self.window.windowHandle().isExposed():
            self.app.processEvents()
        print("painted", flush=True)
        self.app.processEvents()  # what the first frame queued (for jixiao: the overview's readiness count)
        self.window.grab()
        print("shown", flush=True)
        self.app.quit()


def watch_first_frame(app, window):  # the window is shown next, at 1280 x 820
    window.resize(1280, 820)
    window.first_frame_watch = FirstFrame(app, window)
    window.installEventFilter(window.first_frame_watch)
"""


BARE_WINDOW = (
    FIRST_FRAME
    + r"""
from PySide6.QtWidgets import QMainWindow
app = QApplication([])
window = QMainWindow()
watch_first_frame(app, window)
window.show()
app.exec()
"""
)

# The application's own start, as ``jixiao --lang zh_CN --db FILE`` runs it (cli.main → gui.app.run:
# the single-instance check, the window icon, the settings, the file opened, the window shown, the
# event loop); watched from the moment the file is open, just before run() shows the window.
JIXIAO_WINDOW = (
    FIRST_FRAME
    + r"""
from jixiao import cli
from jixiao.gui import app as app_module

open_file = app_module.AppController.start


def start(controller, db_path):
    open_file(controller, db_path)
    watch_first_frame(controller.app, controller.window)


app_module.AppController.start = start
sys.exit(cli.main(["--lang", "zh_CN", "--db", sys.argv[1] + "/sample.sqlite3"]))
"""
)


def window_environment(folder: Path) -> dict[str, str]:
    """Where the windows' processes keep their settings, data, caches and single-instance socket:
    all in *folder*, never the user's own."""
    names = {"XDG_CONFIG_HOME": "config", "XDG_DATA_HOME": "data", "XDG_CACHE_HOME": "cache", "TMPDIR": "tmp"}
    for name in names.values():
        (folder / name).mkdir(parents=True, exist_ok=True)
    return {variable: str(folder / name) for variable, name in names.items()}


def median_ms(values: list[float]) -> float:
    return statistics.median(values) * 1000


def timed(command: list[str], env: dict[str, str], until: str | None = None) -> float:
    """Seconds from spawning *command* until it printed *until* (or exited); it must succeed."""
    return timed_marks(command, env, [until] if until else [])[until or ""]


def timed_marks(command: list[str], env: dict[str, str], marks: list[str]) -> dict[str, float]:
    """Seconds from spawning *command* until it printed each line of *marks* (in that order), and
    under "" until it exited; it must succeed."""
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: dict[str, float] = {}
    waiting = list(marks)
    if waiting:
        for line in process.stdout:
            if line.startswith(waiting[0]):
                seen[waiting.pop(0)] = time.perf_counter() - began
                if not waiting:
                    break
    out, err = process.communicate()
    seen[""] = time.perf_counter() - began
    if process.returncode != 0 or waiting:
        raise SystemExit(f"{command[:4]} failed ({process.returncode}; never printed {waiting}):\n{err}")
    return seen


def paired(a: list[float], b: list[float]) -> str:
    """The median of the ratios a[i] / b[i] of runs made one after the other, and their range: the
    host's speed drifts (±0.3 on the start ratio), and a pair shares its moment."""
    ratios = sorted(x / y for x, y in zip(a, b, strict=True))
    return f"median of the {len(ratios)} pairs {statistics.median(ratios):.2f}× ({ratios[0]:.2f}–{ratios[-1]:.2f})"


def alternate(runs: int, first, second) -> tuple[list[float], list[float]]:
    """*runs* timings of each callable, called alternately (first, second, first, …)."""
    a, b = [], []
    for _ in range(runs):
        a.append(first())
        b.append(second())
    return a, b


REPORTLAB_FLOOR = "import reportlab.pdfgen.canvas, reportlab.pdfbase.ttfonts"

# What the report page does: its typesetting process (started on the first request, then reused)
# makes the PDF of the year in the file; prints the seconds from request to PDF, one line each.
WINDOW_REPORTS = r"""
import sys, time
from PySide6.QtCore import QCoreApplication, QEventLoop
from jixiao.gui.pyside_fixes import pin_immortals
from jixiao.gui.report_worker import RenderRequest, ReportWorker, YearSource, prestart
from jixiao.services.years import find_year_id
from jixiao.store.database import open_book

pin_immortals()  # as the application does
app = QCoreApplication([])
path, runs, ahead = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "ahead"
with open_book(path, readonly=True) as book:
    year_id = find_year_id(book, 2022)
if ahead:  # as the window does a few seconds after it opened a file
    prestart()
    time.sleep(3)
worker = ReportWorker()
loop = QEventLoop()
failures = []
worker.finished.connect(lambda job, result: loop.quit())
worker.failed.connect(lambda job, message, details: failures.append((message, details)) or loop.quit())
for _ in range(runs):
    began = time.perf_counter()
    worker.request(RenderRequest(source=YearSource(path, year_id)))
    loop.exec()
    if failures:
        sys.exit(f"the report failed: {failures}")
    print(f"{time.perf_counter() - began:.6f}", flush=True)
worker.shutdown()
"""


def window_report_row(folder: Path, runs: int, env: dict[str, str]) -> tuple[float, float, float]:
    """(first PDF, first PDF with the process started ahead (median of 3 processes), median of the
    later ones) in ms, from
    the report page's request to its PDF, as the report page makes them while the clerk edits."""

    def seconds(count: int, mode: str) -> list[float]:
        command = [sys.executable, "-c", WINDOW_REPORTS, str(folder / "sample.sqlite3"), str(count), mode]
        done = subprocess.run(command, env=env, check=True, capture_output=True, text=True)
        return [float(line) for line in done.stdout.split()]

    seconds(1, "cold")  # unmeasured: compiles the modules the window and its child use (as after a first use)
    cold = seconds(runs + 1, "cold")
    ahead = [seconds(1, "ahead")[0] for _ in range(3)]  # one sample each varies (81–129 ms)
    return cold[0] * 1000, median_ms(ahead), median_ms(cold[1:])


def report_row(folder: Path, runs: int, env: dict[str, str]) -> tuple[float, float | None, str, float, str]:
    """(jixiao ms, LibreOffice ms or None, note, floor ms, paired ratio) for the sample year's report; the floor is
    a Python process that only imports reportlab's canvas and TrueType modules, measured alternately
    with both: no reportlab report in a fresh process can take less."""
    db = folder / "sample.sqlite3"
    jixiao = [sys.executable, "-m", "jixiao", "--lang", "zh_CN", "report", "--db", str(db), "--year", "2022"]
    subprocess.run([*jixiao, "--out", str(folder / "report.docx")], env=env, check=True, capture_output=True)
    subprocess.run([*jixiao, "--out", str(folder / "warm.pdf")], env=env, check=True, capture_output=True)

    def ours() -> float:
        return timed([*jixiao, "--out", str(folder / "report.pdf")], env)

    floor_command = [sys.executable, "-c", REPORTLAB_FLOOR]
    floors: list[float] = []

    def floor() -> float:
        floors.append(timed(floor_command, env))
        return floors[-1]

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        a, _ = alternate(runs, ours, floor)
        return median_ms(a), None, "soffice is not installed: no reference", median_ms(floors), ""
    profile = (folder / "lo-profile").as_uri()
    convert = [
        soffice,
        f"-env:UserInstallation={profile}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(folder / "lo"),
        str(folder / "report.docx"),
    ]
    timed(convert, env)  # the first run creates the LibreOffice profile: not measured

    def theirs() -> float:
        floor()
        return timed(convert, env)

    a, b = alternate(runs, ours, theirs)
    if not (folder / "lo" / "report.pdf").is_file():
        raise SystemExit("LibreOffice wrote no PDF")
    return median_ms(a), median_ms(b), "", median_ms(floors), paired(b, a)


def start_xvfb(folder: Path) -> tuple[subprocess.Popen | None, dict[str, str]]:
    """A private Xvfb display and the environment for windows on it, or offscreen when absent."""
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        return None, {"QT_QPA_PLATFORM": "offscreen"}
    for number in range(90, 140):
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        server = subprocess.Popen(
            [xvfb, f":{number}", "-noreset", "-nolisten", "tcp", "-screen", "0", "1600x1000x24"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                return server, {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}
            if server.poll() is not None:
                break
            time.sleep(0.05)
        server.kill()
        server.wait()
    return None, {"QT_QPA_PLATFORM": "offscreen"}


def start_row(
    folder: Path, runs: int, env: dict[str, str]
) -> tuple[dict[str, list[float]], dict[str, list[float]], str]:
    """Seconds until the first frame ("painted") and until a second paint ("shown"), for jixiao
    opening the sample year and for a bare window, *runs* each, alternately; and the display used."""
    server, display = start_xvfb(folder)
    marks = ["painted", "shown"]
    try:
        env = {**env, **display, **window_environment(folder / "windows")}
        ours = [sys.executable, "-c", JIXIAO_WINDOW, str(folder)]
        bare = [sys.executable, "-c", BARE_WINDOW]
        timed_marks(ours, env, marks)  # warm the disk cache for both
        timed_marks(bare, env, marks)
        a, b = alternate(runs, lambda: timed_marks(ours, env, marks), lambda: timed_marks(bare, env, marks))
    finally:
        if server is not None:
            server.terminate()
            server.wait()
    where = "Xvfb (xcb)" if server is not None else "offscreen (no Xvfb)"
    return ({m: [run[m] for run in a] for m in marks}, {m: [run[m] for run in b] for m in marks}, where)


def save_row(folder: Path, runs: int) -> tuple[float, float]:
    """One activity save through the service against a raw INSERT + COMMIT with the same PRAGMAs."""
    from jixiao.core.model import Activity
    from jixiao.services.activities import add_activity
    from jixiao.services.sample import import_sample_year
    from jixiao.store.database import open_book

    book_path = folder / "saves.sqlite3"
    with open_book(book_path, create=True, routine_backup=False) as book:
        import_sample_year(book)
    raw = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    raw.execute("PRAGMA foreign_keys = ON")
    raw.execute("PRAGMA synchronous = FULL")
    raw.execute("PRAGMA journal_mode = WAL")
    raw.execute(
        "CREATE TABLE activity (id INTEGER PRIMARY KEY, year_id INTEGER NOT NULL, date TEXT NOT NULL, "
        "type_id INTEGER NOT NULL, title TEXT NOT NULL, notes TEXT NOT NULL, place TEXT NOT NULL, "
        "participants INTEGER, enterprises INTEGER)"
    )
    with open_book(book_path, routine_backup=False) as book:
        year_id, type_id = book.db.execute("SELECT year_id, id FROM activity_type LIMIT 1").fetchone()
        pragmas = [book.db.execute(f"PRAGMA {p}").fetchone()[0] for p in ("journal_mode", "synchronous")]
        assert pragmas == ["wal", 2], pragmas  # what the raw connection uses
        count = [0]

        def ours() -> float:
            count[0] += 1
            activity = Activity(
                date=dt.date(2022, 11, 1 + count[0] % 28),
                type_id=type_id,
                title=f"走访调研民营企业第{count[0]}家",
                notes="了解企业生产经营情况，收集意见建议。",
                place="高新区企业服务中心",
                enterprises=1,
                participants=3,
            )
            began = time.perf_counter()
            add_activity(book, year_id, activity)
            return time.perf_counter() - began

        def theirs() -> float:
            began = time.perf_counter()
            raw.execute("BEGIN")
            raw.execute(
                "INSERT INTO activity (year_id, date, type_id, title, notes, place, participants, enterprises) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    year_id,
                    "2022-11-01",
                    type_id,
                    "走访调研民营企业",
                    "了解企业生产经营情况。",
                    "高新区",
                    3,
                    1,
                ),
            )
            raw.execute("COMMIT")
            return time.perf_counter() - began

        a, b = alternate(runs * 10, ours, theirs)
    raw.close()
    return median_ms(a), median_ms(b)


def big_year_rows(folder: Path, rows: int) -> tuple[list[float], list[float]]:
    """Filter keystrokes and sorts on the activities page of a year of *rows* activities (offscreen)."""
    from bench_gui import make_big_year

    sys.path.insert(0, str(SRC))  # bench_gui put this checkout's src first: --src stays first
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    from jixiao.gui.app import AppController
    from jixiao.gui.fonts import ensure_cjk_font

    path = make_big_year(folder, rows)
    app = QApplication.instance() or QApplication([])
    ensure_cjk_font(app)
    settings = QSettings(str(folder / "b.ini"), QSettings.Format.IniFormat)
    controller = AppController(app, settings, "zh_CN", data_dir=folder)
    controller.start(path)
    window = controller.window
    window.resize(1280, 820)
    window.show()
    window.go_to("work")
    app.processEvents()
    window.grab()
    panel = window.pages["work"].activities
    keystrokes, sorts = [], []
    for text in ("调", "解", "活", "动"):
        panel.search.clear()
        panel.apply_filter()
        app.processEvents()
        began = time.perf_counter()
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(panel.search, event)
        panel.apply_filter()  # what the debounce timer then runs
        app.processEvents()
        window.grab()
        keystrokes.append(time.perf_counter() - began)
    panel.search.clear()
    panel.apply_filter()
    app.processEvents()
    header = panel.table.horizontalHeader()
    for column, order in ((3, Qt.SortOrder.AscendingOrder), (0, Qt.SortOrder.DescendingOrder)) * 2:
        began = time.perf_counter()
        panel.table.sortByColumn(column, order)
        app.processEvents()
        window.grab()
        sorts.append(time.perf_counter() - began)
    assert header.sortIndicatorSection() == 0
    controller.shutdown()
    return keystrokes, sorts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each side (default 5)")
    parser.add_argument(
        "--start-runs",
        type=int,
        help="timed runs of each window for the start row (default: 3 × --runs, at least 15: a run "
        "takes ~0.3 s and the host's noise is ±20 %%)",
    )
    parser.add_argument("--rows", type=int, default=100_000, help="activities of the big year")
    parser.add_argument(
        "--src", type=Path, help="measure the jixiao in this src folder (default: this checkout's)"
    )
    parser.add_argument(
        "--only",
        choices=("report", "start", "save", "big"),
        action="append",
        help="measure only these rows (repeatable; default: all)",
    )
    args = parser.parse_args()
    only = set(args.only or ("report", "start", "save", "big"))
    start_runs = args.start_runs or max(15, 3 * args.runs)
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-compare-"))
    try:
        env = {
            **os.environ,
            "PYTHONPATH": str(SRC),
            "JIXIAO_CACHE_DIR": str(folder / "cache"),
            # compiled modules as an installed copy has them (in the temporary folder), even where
            # PYTHONDONTWRITEBYTECODE is set: otherwise every run measures compiling jixiao's sources
            "PYTHONPYCACHEPREFIX": str(folder / "pycache"),
        }
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        from jixiao.services.sample import import_sample_year
        from jixiao.store.database import open_book

        with open_book(folder / "sample.sqlite3", create=True, routine_backup=False) as book:
            import_sample_year(book)
        load = os.getloadavg()
        rows: list[tuple[str, str, str, str, str]] = []
        if "report" in only:
            ours, theirs, note, floor, pairs = report_row(folder, args.runs, env)
            rows.append(
                (
                    "`jixiao report`, sample year, whole process",
                    f"{ours:.0f} ms",
                    f"LibreOffice converting the same report as .docx: {theirs:.0f} ms" if theirs else note,
                    f"{theirs / ours:.1f}× faster; {pairs}" if theirs else "—",
                    "≥ 10× faster",
                )
            )
            rows.append(
                (
                    "floor: a Python process that only imports reportlab (nothing read or drawn)",
                    f"{floor:.0f} ms",
                    "the same LibreOffice conversion" if theirs else note,
                    f"{theirs / floor:.1f}× faster: the most any reportlab report can reach"
                    if theirs
                    else "—",
                    "",
                )
            )
            if theirs:
                first, ahead, later = window_report_row(folder, args.runs, env)
                rows.append(
                    (
                        "the report page's PDF in the window: the first (its typesetting process "
                        "started by it / started ahead, as the window does), then later ones "
                        f"(median of {args.runs})",
                        f"{first:.0f} / {ahead:.0f} ms, then {later:.0f} ms",
                        "the same LibreOffice conversion",
                        f"{theirs / first:.1f}× / {theirs / ahead:.1f}×, then {theirs / later:.1f}× faster",
                        "",
                    )
                )
        if "start" in only:
            ours, theirs, where = start_row(folder, start_runs, env)
            for mark, what in (
                ("painted", f"start until the main window shows the sample year: its first frame ({where})"),
                (
                    "shown",
                    "the same, until a second paint (`processEvents` + `grab`, the figure until round 4)",
                ),
            ):
                a, b = median_ms(ours[mark]), median_ms(theirs[mark])
                rows.append(
                    (
                        what,
                        f"{a:.0f} ms",
                        f"a bare PySide6 QMainWindow: {b:.0f} ms",
                        f"{a / b:.2f}× slower; {paired(ours[mark], theirs[mark])}",
                        "≤ 2×" if mark == "painted" else "",
                    )
                )
        if "save" in only:
            ours, theirs = save_row(folder, args.runs)
            rows.append(
                (
                    "one activity save",
                    f"{ours:.2f} ms",
                    f"raw sqlite3 INSERT+COMMIT, same PRAGMAs: {theirs:.2f} ms",
                    f"{ours / theirs:.1f}×",
                    "≤ 2× (hold)",
                )
            )
        if "big" in only:
            keystrokes, sorts = big_year_rows(folder, args.rows)
            rows.append(
                (
                    f"filter keystroke, {args.rows:,} activities (median of {len(keystrokes)})",
                    f"{median_ms(keystrokes):.0f} ms (max {max(keystrokes) * 1000:.0f})",
                    "—",
                    "",
                    "≤ 50 ms",
                )
            )
            rows.append(
                (
                    f"sort, {args.rows:,} activities (median of {len(sorts)})",
                    f"{median_ms(sorts):.0f} ms (max {max(sorts) * 1000:.0f})",
                    "—",
                    "",
                    "≤ 200 ms",
                )
            )
        after = os.getloadavg()
        print("| what | jixiao | reference | ratio | goal |")
        print("|---|---|---|---|---|")
        for row in rows:
            print("| " + " | ".join(row) + " |")
        print(
            f"\njixiao from {SRC}; medians of {args.runs} alternating runs ({start_runs} for the start, "
            f"{args.runs * 10} for the save); "
            f"load average {load[0]:.2f} at the start, {after[0]:.2f} at the end; {os.cpu_count()} CPUs"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
