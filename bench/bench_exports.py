"""Word and Excel exports of the sample year: seconds to render, file sizes (median of 5).

PYTHONPATH=src .venv/bin/python bench/bench_exports.py
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from jixiao.core.i18n import Translator
from jixiao.report.word import render_docx
from jixiao.services.exports import render_workbook
from jixiao.services.reports import build_report, load_fiscal_year
from jixiao.services.sample import import_sample_year
from jixiao.store.database import open_book


def median_seconds(job, runs: int = 5) -> tuple[float, bytes]:
    times, data = [], b""
    for _ in range(runs):
        start = time.perf_counter()
        data = job()
        times.append(time.perf_counter() - start)
    return statistics.median(times), data


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        with open_book(Path(folder) / "s.sqlite3", create=True) as book:
            import_sample_year(book)
            fy = load_fiscal_year(book, 2022)
    tr = Translator("zh_CN")
    for project_tables in (False, True):
        built = build_report(fy, tr, project_tables=project_tables)
        seconds, data = median_seconds(lambda built=built: render_docx(built.document))
        label = "report .docx" + (" with project tables" if project_tables else "")
        print(f"{label:<36} {seconds * 1000:7.0f} ms  {len(data) / 1024:6.1f} KB")
    seconds, data = median_seconds(lambda: render_workbook(fy, tr))
    print(f"{'score tables .xlsx (13 sheets)':<36} {seconds * 1000:7.0f} ms  {len(data) / 1024:6.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
