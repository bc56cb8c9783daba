"""Benchmark the year-end report: the sample year and a stress year.

    PYTHONPATH=src .venv/bin/python bench/bench_report.py [--dir DIR]

Prints:
- sample year, whole command (`python -m jixiao report`, a fresh process: imports, open, load,
  score, assemble, render, write) — target < 1 s;
- sample year, assembly + rendering in-process (median of 5, fonts already registered) — target < 0.3 s;
- stress year (5,000 activities, 200 projects each with its project table, 300 department
  indicators), whole command with ``--project-tables`` — target < 10 s; with its peak memory.
Exit status 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from jixiao.core.i18n import Translator
from jixiao.services.reports import build_report, load_fiscal_year, render_report
from jixiao.services.sample import import_sample_year, load_sample_package
from jixiao.services.yearpackages import import_year
from jixiao.store.database import open_book

TARGETS = {"sample_command": 1.0, "sample_inprocess": 0.3, "stress_command": 10.0}


def stress_package(activities: int = 5_000, projects: int = 200, indicators: int = 300) -> dict:
    """The sample year grown to the stress size (deterministic)."""
    pkg = load_sample_package()
    base = pkg["activities"]
    grown = []
    for i in range(activities):
        template = dict(base[i % len(base)])
        template["attachments"] = []
        day = dt.date(2022, 1, 1) + dt.timedelta(days=i % 365)
        template["date"] = day.isoformat()
        template["title"] = f"{template['title']}（第{i + 1}次）"
        grown.append(template)
    grown.sort(key=lambda a: a["date"])
    pkg["activities"] = grown
    parents = []
    per_parent = projects // 4 - 1
    for p in range(4):
        children = []
        for c in range(per_parent):
            amount = 100_000 * (c + 1)
            children.append(
                {
                    "name": f"专项工作经费{p + 1}-{c + 1}",
                    "funding_source": "fiscal_general",
                    "implementer": "",
                    "initial_fen": amount,
                    "adjusted_fen": amount,
                    "is_key": c == 0,
                    "expected_goal": "按计划完成年度工作任务。",
                    "actual_result": "已按计划完成。",
                    "performance_text": "项目按计划实施，完成年度绩效目标。",
                    "payments": [{"date": "2022-06-30", "amount_fen": amount, "note": ""}],
                    "indicators": [
                        {
                            "level1": "产出指标",
                            "level2": "数量指标",
                            "level3": f"完成工作事项{k + 1}",
                            "kind": ">=",
                            "target": "10",
                            "unit": "项",
                            "actual": "10",
                            "actual_source": None,
                            "points": "30",
                            "score_override": None,
                            "override_note": "",
                            "qual_band": None,
                            "applicable": True,
                            "deviation_reason": "",
                        }
                        for k in range(3)
                    ],
                }
            )
        parents.append(
            {
                "name": f"一级项目{p + 1}",
                "funding_source": "fiscal_general",
                "implementer": "",
                "initial_fen": 0,
                "adjusted_fen": 0,
                "is_key": False,
                "expected_goal": "",
                "actual_result": "",
                "performance_text": "",
                "payments": [],
                "indicators": [],
                "children": children,
            }
        )
    pkg["projects"] = parents
    # the money block's project lines (and the lines holding them) grown to the projects' sums
    children_fen = sum(child["adjusted_fen"] for parent in parents for child in parent["children"])
    budget = pkg["budget"]
    grown_by = {field: children_fen - budget["project"][field] for field in budget["project"]}
    for line in ("project", "total", "fiscal", "fiscal_general"):
        for field, more in grown_by.items():
            budget[line][field] += more
    rows = []
    points = Decimal(90) / indicators
    for k in range(indicators):
        rows.append(
            {
                "level1": ("产出指标", "效益指标", "满意度指标")[k % 3],
                "level2": ("数量指标", "社会效益指标", "服务对象满意度指标")[k % 3],
                "level3": f"指标{k + 1}",
                "kind": ">=",
                "target": "100",
                "unit": "项",
                "actual": "100",
                "actual_source": None,
                "points": str(points.quantize(Decimal("0.0001"))),
                "score_override": None,
                "override_note": "",
                "qual_band": None,
                "applicable": True,
                "deviation_reason": "",
            }
        )
    pkg["indicators"] = rows
    return pkg


def run_command(db: Path, out: Path, *extra: str) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of one ``jixiao report`` process."""
    code = (
        "import resource, sys, runpy; sys.argv = ['jixiao'] + sys.argv[1:];"
        "from jixiao.cli import main; rc = main(sys.argv[1:]);"
        "sys.stderr.write('PEAK %d\\n' % resource.getrusage(resource.RUSAGE_SELF).ru_maxrss); sys.exit(rc)"
    )
    start = time.perf_counter()
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            code,
            "--lang",
            "zh_CN",
            "report",
            "--db",
            str(db),
            "--year",
            "2022",
            "--out",
            str(out),
            *extra,
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(result.stderr)
    peak = int(next(line.split()[1] for line in result.stderr.splitlines() if line.startswith("PEAK")))
    return elapsed, peak


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dir", type=Path)
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.mkdtemp(prefix="jixiao-bench-report-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        return measure(folder)
    finally:
        if args.dir is None:  # a folder of its own: removed (a --dir is kept, files and all)
            shutil.rmtree(folder, ignore_errors=True)


def measure(folder: Path) -> int:
    """Print the figures, made with the files in *folder*; 1 when a target is missed."""
    results: dict[str, float] = {}

    sample_db = folder / "sample.sqlite3"
    if not sample_db.exists():
        with open_book(sample_db, create=True) as book:
            import_sample_year(book)
    times = [run_command(sample_db, folder / "sample.pdf") for _ in range(3)]
    results["sample_command"] = statistics.median(t for t, _ in times)
    print(
        f"sample year, whole command: {results['sample_command'] * 1000:.0f} ms (median of 3), "
        f"peak memory {max(p for _, p in times) / 1024:.0f} MiB, {(folder / 'sample.pdf').stat().st_size // 1024} KiB PDF"
    )

    with open_book(sample_db) as book:
        fy = load_fiscal_year(book, 2022)
    tr = Translator("zh_CN")
    render_report(build_report(fy, tr))  # register fonts once, as a running app has
    samples = []
    for _ in range(5):
        start = time.perf_counter()
        render_report(build_report(fy, tr))
        samples.append(time.perf_counter() - start)
    results["sample_inprocess"] = statistics.median(samples)
    print(
        f"sample year, assembly + rendering in-process: {results['sample_inprocess'] * 1000:.0f} ms (median of 5)"
    )

    stress_db = folder / "stress.sqlite3"
    if not stress_db.exists():
        with open_book(stress_db, create=True) as book:
            import_year(book, json.loads(json.dumps(stress_package())))
    elapsed, peak = run_command(stress_db, folder / "stress.pdf", "--project-tables")
    results["stress_command"] = elapsed
    from pypdf import PdfReader

    pages = len(PdfReader(folder / "stress.pdf").pages)
    print(
        f"stress year (5,000 activities, 200 projects with tables, 300 indicators), whole command: "
        f"{elapsed:.2f} s, peak memory {peak / 1024:.0f} MiB, {pages} pages"
    )

    missed = [name for name, value in results.items() if value >= TARGETS[name]]
    for name in missed:
        print(f"MISSED: {name} {results[name]:.3f} s ≥ target {TARGETS[name]} s")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
