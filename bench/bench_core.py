"""Benchmark the core over a large year: loading it from the store and computing figures.

    PYTHONPATH=src .venv/bin/python bench/bench_core.py [--rows 100000]

Prints: ``load_year`` of a year with N activities (target < 2 s) and a filtered figure over it
(type + task + measure + date range + title; median of 5; target < 20 ms). Exit 1 on a missed target.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from jixiao.core.figures import compute_figure
from jixiao.core.model import Activity, ActivityType, FiscalYear, Measure, Task, Unit
from jixiao.store import repos
from jixiao.store.database import open_book

TITLES = (
    "走访民营企业",
    "政策宣讲会",
    "非公党建培训",
    "法治体检活动",
    "政企沟通座谈会",
    "商会秘书长工作会议",
)


def big_year(rows: int) -> FiscalYear:
    rng = random.Random(7)
    types = [
        ActivityType(name, "场", id=i + 1) for i, name in enumerate(("走访", "宣讲会", "培训", "普法活动"))
    ]
    tasks = [
        Task(
            f"重点工作{t + 1}",
            measures=[Measure(f"举措{m + 1}", id=t * 10 + m + 1) for m in range(4)],
            id=100 + t,
        )
        for t in range(6)
    ]
    activities = []
    for i in range(rows):
        task = rng.randrange(6)
        activities.append(
            Activity(
                date=dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(365)),
                type_id=rng.randrange(1, 5),
                title=f"{rng.choice(TITLES)}（第{i}次）",
                task_id=100 + task,
                measure_id=task * 10 + rng.randrange(4) + 1,
                participants=rng.randrange(200),
                enterprises=rng.randrange(5),
            )
        )
    return FiscalYear(
        year=2022, unit=Unit("基准测试单位"), activity_types=types, tasks=tasks, activities=activities
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="jixiao-bench-core-"))
    try:
        with open_book(folder / "core.sqlite3", create=True) as book:
            with book.db.atomic():
                year_id = repos.insert_year(book.db, big_year(args.rows))
            started = time.perf_counter()
            fy = repos.load_year(book.db, year_id)
            load = time.perf_counter() - started
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    spec = {
        "source": "activities",
        "aggregate": "participants",
        "types": ["宣讲会", "培训"],
        "task": 2,
        "measure": 1,
        "date_from": "2022-03-01",
        "date_to": "2022-10-31",
        "title_contains": "宣讲",
    }
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        compute_figure(spec, fy)
        samples.append(time.perf_counter() - started)
    figure = statistics.median(samples)
    print(f"load_year, {args.rows:,} activities: {load * 1000:.0f} ms (target < 2000 ms)")
    print(
        f"filtered figure over {args.rows:,} activities: {figure * 1000:.1f} ms median of 5 (target < 20 ms)"
    )
    return 1 if load >= 2 or figure >= 0.02 else 0


if __name__ == "__main__":
    sys.exit(main())
