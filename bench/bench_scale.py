"""Scale benchmark: one year of 1,000,000 activities (``--rows``); export, import, check, load.

    PYTHONPATH=src .venv/bin/python bench/bench_scale.py [--rows 1000000] [--dir DIR]

The year is built with ``bench_store.build`` (realistic titles, notes, places) plus 40 indicators whose
actual values are figures over the activities and six task lead-ins with three live figures each, so
that ``check`` computes 58 figures over the whole year. Each step then runs in a fresh process, so
its peak memory (maximum resident set size, from ``os.wait4``) is its own:

- ``export``: ``jixiao export`` of the year to a package file;
- ``import``: ``jixiao import`` of that file into a new data file (one transaction, all or nothing);
- ``check``: ``jixiao check`` of the built file (integrity, readiness, every figure);
- ``load_year``: ``store.repos.load_year`` alone, in-process time.

A step that fails is reported as such and the others still run.

Target (issue 16): export and import within 500 MB at 1,000,000 activities. Exit status 1 when a
target is missed. Everything is written to a temporary folder that is removed at the end (``--dir``:
that folder instead; the files made here, their backups and WAL files included, are removed from it too).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"
sys.path.insert(0, str(SRC))
sys.path.insert(0, str(HERE))

from bench_store import TYPES, build  # noqa: E402

from jixiao.core.livefigures import make_token  # noqa: E402
from jixiao.core.model import Indicator  # noqa: E402
from jixiao.store import indicators as indicator_store  # noqa: E402
from jixiao.store import tasks as task_store  # noqa: E402
from jixiao.store.database import open_book  # noqa: E402

MEMORY_TARGET_MB = 500.0
AGGREGATES = ("count", "sessions", "participants", "enterprises", "items", "amount_wan")


def _spec(n: int) -> dict:
    """The *n*-th figure over the activities: varied types, task/measure, dates and aggregates."""
    spec: dict = {"source": "activities", "aggregate": AGGREGATES[n % len(AGGREGATES)]}
    if n % 2 == 0:
        spec["types"] = [TYPES[n % len(TYPES)][0], TYPES[(n + 3) % len(TYPES)][0]]
    if n % 3 != 2:
        spec["task"] = n % 6 + 1
        if n % 3 == 1:
            spec["measure"] = n % 4 + 1
    if n % 5 == 0:
        spec["date_from"], spec["date_to"] = "2022-03-01", "2022-09-30"
    if n % 7 == 0:
        spec["title_contains"] = "企业"
    return spec


def add_figures(path: Path) -> int:
    """Add 40 indicators computed from the records and 6 task lead-ins with 3 live figures each."""
    with open_book(path) as book, book.atomic():
        db = book.db
        year_id = db.execute("SELECT id FROM fiscal_year").fetchone()[0]
        for n in range(40):
            indicator = Indicator(
                "产出指标",
                "数量指标",
                f"指标{n + 1}",
                ">=",
                points=2,
                target="1",
                unit="次",
                actual_source=_spec(n),
            )
            indicator_store.insert_indicator(db, year_id, None, indicator)
        for position, task_id in enumerate(task_store.task_ids(db, year_id)):
            tokens = [make_token(_spec(40 + position * 3 + k), "exact") for k in range(3)]
            intro = f"全年开展活动{tokens[0]}场，服务企业{tokens[1]}家，参与{tokens[2]}人次。"
            db.execute("UPDATE task SET intro = ? WHERE id = ?", [intro, task_id])
    return 40 + 18


def run(step: str, command: list[str], env: dict) -> tuple[float, float] | None:
    """Run *command*; returns (seconds, peak resident memory in MB) of that process alone, and prints
    them; None (with the error printed) when it failed."""
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    process.stderr and process.stderr.close()
    peak = usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux
    if process.returncode not in (0, 1):  # check exits 1 when it finds problems
        print(f"{step:<10} FAILED after {seconds:.2f} s, peak {peak:.0f} MB: {errors.strip()}", flush=True)
        return None
    target = f"   target ≤ {MEMORY_TARGET_MB:.0f} MB" if step in ("export", "import") else ""
    print(f"{step:<10} {seconds:8.2f} s   peak {peak:7.0f} MB{target}", flush=True)
    return seconds, peak


LOAD_SNIPPET = """
import sys, time
from jixiao.store.database import open_book
from jixiao.store.repos import list_years, load_year
with open_book(sys.argv[1], readonly=True) as book:
    year_id = list_years(book.db)[0][0]
    started = time.perf_counter()
    fy = load_year(book.db, year_id)
    print(f"{time.perf_counter() - started:.3f} {len(fy.activities)}")
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="jixiao scale benchmark (export, import, check)")
    parser.add_argument(
        "--rows", type=int, default=1_000_000, help="activities in the year (default 1000000)"
    )
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary folder)")
    parser.add_argument("--build-only", type=Path, help=argparse.SUPPRESS)  # the build, in its own process
    args = parser.parse_args(argv)
    if args.build_only:
        build(args.build_only, args.rows)
        print(add_figures(args.build_only))
        return 0
    own = args.dir is None
    folder = Path(tempfile.mkdtemp(prefix="jixiao-scale-")) if own else args.dir
    folder.mkdir(parents=True, exist_ok=True)
    source, imported, package = (
        folder / n for n in ("scale.sqlite3", "scale-imported.sqlite3", "scale.json")
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])}
    cli = [sys.executable, "-m", "jixiao"]
    try:
        started = time.perf_counter()
        # In its own process: a child forked from a large parent would count the parent's memory
        # in its own peak (ru_maxrss survives fork and exec).
        built = subprocess.run(
            [sys.executable, __file__, "--rows", str(args.rows), "--build-only", str(source)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        figures = int(built.stdout.split()[-1])
        print(
            f"built {args.rows:,} activities, {figures} figures in {time.perf_counter() - started:.1f} s; "
            f"file {source.stat().st_size / 1e6:.0f} MB",
            flush=True,
        )
        results = {}
        results["export"] = run(
            "export", [*cli, "--db", str(source), "export", "--year", "2022", "--out", str(package)], env
        )
        if package.exists():
            print(f"           (package file {package.stat().st_size / 1e6:.0f} MB)")
            results["import"] = run("import", [*cli, "--db", str(imported), "import", str(package)], env)
        results["check"] = run("check", [*cli, "--db", str(source), "check"], env)
        load = subprocess.run(
            [sys.executable, "-c", LOAD_SNIPPET, str(source)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        load_s, loaded = load.stdout.split()
        print(f"load_year  {float(load_s):8.2f} s   ({int(loaded):,} activities, in-process)")
        missed = [s for s in ("export", "import") if not results.get(s) or results[s][1] > MEMORY_TARGET_MB]
        if missed:
            print("MISSED:", ", ".join(missed))
            return 1
        return 0
    finally:
        if own:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            for path in folder.glob("scale*"):
                shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)


if __name__ == "__main__":
    raise SystemExit(main())
