"""The window's first frame already shows the year (what ``bench/bench_compare.py`` times as the
start), and the benchmark's window scripts work (issue 16)."""

from __future__ import annotations

import os
import shutil
import sys

from benches import bench_module
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication


class PaintLog(QObject):
    """The watched widgets, in the order they got a paint event."""

    def __init__(self) -> None:
        super().__init__()
        self.painted: list[QObject] = []

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.painted.append(watched)
        return False


def test_the_first_paint_of_the_window_draws_the_years_figures(open_sample):
    window = open_sample().window
    page = window.pages["overview"]
    log = PaintLog()
    for widget in (window, page.months, page.score, page.heading):
        widget.installEventFilter(log)
    window.resize(1280, 820)
    window.show()
    while not log.painted:  # as the benchmark waits: until the event that painted the window
        QApplication.processEvents()
    first_frame = list(log.painted)
    assert first_frame[0] is window
    assert all(
        any(widget is seen for seen in first_frame) for widget in (page.months, page.score, page.heading)
    )
    assert page.months.columns and any(any(series.values) for series in page.months.series)
    assert "2022" in page.heading.text()


def test_the_benchmarks_window_scripts_print_the_first_frame_before_the_second_paint(
    sample_template, tmp_path
):
    bench_compare = bench_module("bench_compare")
    shutil.copy(sample_template, tmp_path / "sample.sqlite3")
    env = {
        **os.environ,
        **bench_compare.window_environment(tmp_path / "env"),  # the real start's settings and socket
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(bench_compare.SRC),
    }
    marks = ["painted", "shown"]
    for script, arguments in (
        (bench_compare.BARE_WINDOW, []),
        (bench_compare.JIXIAO_WINDOW, [str(tmp_path)]),
    ):
        seen = bench_compare.timed_marks([sys.executable, "-c", script, *arguments], env, marks)
        assert 0 < seen["painted"] <= seen["shown"] <= seen[""]
    # the jixiao script went through the application's own start (cli.main → run), whose settings
    # (the last file opened) went to the folder it was given, not the user's
    settings = (tmp_path / "env" / "config" / "jixiao" / "jixiao.ini").read_text(encoding="utf-8")
    assert "sample.sqlite3" in settings
