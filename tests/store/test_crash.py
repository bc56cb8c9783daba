"""A writer killed with SIGKILL at random moments loses no acknowledged save and leaves a healthy file.

The child opens the book once and adds activities through ``services.activities.add_activity`` as
fast as it can, printing ``<id> <n>`` (flushed) right after each call returns: those are the saves
the user was told about. The parent kills it 20–200 ms later, reopens the file with ``open_book``
(which also proves the dead writer's lock does not block), runs ``integrity_check`` and looks for
every acknowledged activity, with the right content. Every 7th activity carries an attachment, so
a torn transaction would show as an activity without it.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from jixiao.store.database import open_book

SRC = str(Path(__file__).resolve().parents[2] / "src")
ROUNDS = 50

WRITER = """
import datetime as dt, sys
from jixiao.core.model import Activity, Attachment
from jixiao.services.activities import add_activity
from jixiao.store.database import open_book

path, backup_dir, year_id, type_id, task_id, measure_id, start = sys.argv[1:8]
book = open_book(path, backup_dir=__import__("pathlib").Path(backup_dir), routine_backup=False)
print("ready", flush=True)
n = int(start)
while True:
    n += 1
    activity = Activity(
        date=dt.date(2022, 1 + n % 12, 1 + n % 28), type_id=int(type_id), title=f"走访调研企业第{n}次",
        task_id=int(task_id), measure_id=int(measure_id), participants=n % 97, amount_fen=n * 100,
        notes="差旅费报销" * (n % 5),
    )
    if n % 7 == 0:
        activity.attachments.append(Attachment(f"签到表{n}.png", payload(n), "image/png"))
    new_id = add_activity(book, int(year_id), activity)
    sys.stdout.write(f"{new_id} {n}\\n")
    sys.stdout.flush()
"""
PAYLOAD = """
_BYTES = bytes(range(251)) * 60
def payload(n):
    return _BYTES[n % 251 : n % 251 + 4000 + n % 9000]
"""
exec(PAYLOAD)  # the parent checks attachments against the same bytes


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkilled_writer_loses_no_acknowledged_save(tmp_path):
    path, backup_dir = tmp_path / "year.sqlite3", tmp_path / "backups"
    with open_book(path, create=True, backup_dir=backup_dir) as book:
        from tablerows import make_year

        ids = make_year(book.db)
    task_id = ids.tasks[0]
    args = [str(path), str(backup_dir), ids.year_id, ids.types["走访调研"], task_id, ids.measures[task_id][0]]
    env = {**os.environ, "PYTHONPATH": SRC}
    rng = random.Random(20220601)
    acknowledged: dict[int, int] = {}
    n = checked_up_to = saved_rows = 0
    for round_ in range(ROUNDS):
        child = subprocess.Popen(
            [sys.executable, "-c", PAYLOAD + WRITER, *map(str, args), str(n)],
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            if round_ % 5 == 4:
                time.sleep(rng.uniform(0.02, 0.2))  # may hit the start or the open itself
            else:
                assert child.stdout.readline() == "ready\n"
                time.sleep(rng.uniform(0.02, 0.2))
        finally:
            child.send_signal(signal.SIGKILL)
            rest = child.stdout.read()
            child.wait(timeout=30)
        for line in rest.splitlines(keepends=True):
            if line.endswith("\n") and line != "ready\n":  # a torn last line was never acknowledged
                activity_id, number = map(int, line.split())
                acknowledged[activity_id] = number
                n = max(n, number)
        n += 100_000  # the next child numbers its activities apart from anything a killed child wrote

        with open_book(path, backup_dir=backup_dir, routine_backup=False) as book:
            db = book.db
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            titles = dict(db.execute("SELECT id, title FROM activity"))
            missing = [i for i in acknowledged if i not in titles]
            assert not missing, f"round {round_}: acknowledged saves lost: {missing[:10]}"
            for activity_id, number in acknowledged.items():
                assert titles[activity_id] == f"走访调研企业第{number}次"
            # atomicity: every activity saved since the last round has its attachment, whole, or none
            rows = db.execute(
                "SELECT a.title, t.sha256, t.size FROM activity a LEFT JOIN attachment t ON t.activity_id = a.id "
                "WHERE a.id > ?",
                [checked_up_to],
            ).fetchall()
            for title, digest, size in rows:
                number = int(title.removeprefix("走访调研企业第").removesuffix("次"))
                if number % 7 == 0:
                    data = payload(number)  # noqa: F821 - defined by exec(PAYLOAD)
                    assert (digest, size) == (hashlib.sha256(data).hexdigest(), len(data)), title
                else:
                    assert digest is None, title
            checked_up_to = max(titles, default=0)
            saved_rows = len(titles)
    assert len(acknowledged) > ROUNDS * 5, "the writer should have saved many activities"
    assert saved_rows >= len(acknowledged)
