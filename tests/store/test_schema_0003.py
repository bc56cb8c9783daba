"""Migration 0003: unit kinds, count fields per activity type, blank (NULL) activity counts.

Files of schemas 0001 and 0002 upgrade keeping every row (attachments included), and afterwards a
blank count is stored as NULL, not 0.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest

from jixiao.core.model import Activity
from jixiao.store import activities as activities_store
from jixiao.store import activity_types as types_store
from jixiao.store.database import known_migration_names, open_book, schema_version

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"


def test_migration_is_appended_after_the_released_ones():
    assert known_migration_names()[:3] == [
        "0001_initial",
        "0002_final_report",
        "0003_unit_kinds_and_blank_counts",
    ]


@pytest.fixture(params=["schema-0001.sqlite3", "schema-0002.sqlite3"])
def upgraded(request, tmp_path, clock):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / request.param, path)
    with open_book(path, clock=clock) as book:
        yield book


def test_old_files_upgrade_and_keep_their_rows(upgraded):
    db = upgraded.db
    assert schema_version(db) == len(known_migration_names())
    # The fixture's unit is 某市工商业联合会: its kind is guessed from the name.
    assert db.execute("SELECT kind FROM unit").fetchone()[0] == "federation"
    counts = db.execute("SELECT DISTINCT counts FROM activity_type").fetchall()
    assert counts == [('["participants", "enterprises", "items", "amount_fen"]',)]
    rows = db.execute("SELECT title, participants, amount_fen FROM activity ORDER BY id").fetchall()
    assert rows == [("党史学习教育宣讲会", 120, 0), ("差旅费报销培训", 0, 12_345)]  # 0 stays 0
    assert db.execute("SELECT filename, activity_id FROM attachment").fetchall() == [("签到表.png", 1)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"activity_year_date", "activity_type_idx", "attachment_activity_idx"} <= names


def test_after_the_upgrade_blank_counts_are_null_and_attachments_cascade(upgraded):
    db = upgraded.db
    year_id, type_id = db.execute("SELECT year_id, id FROM activity_type ORDER BY id").fetchone()
    with db.atomic():
        new_id = activities_store.insert_activity(
            db, year_id, Activity(date=dt.date(2022, 5, 1), type_id=type_id, title="新活动", participants=30)
        )
    row = db.execute(
        "SELECT sessions, participants, enterprises, items, amount_fen FROM activity WHERE id = ?", [new_id]
    ).fetchone()
    assert row == (1, 30, None, None, None)
    loaded = activities_store.get_activity(db, new_id)
    assert (loaded.participants, loaded.enterprises, loaded.amount_fen) == (30, None, None)
    with db.atomic():
        db.execute("DELETE FROM activity WHERE id = 1")
    assert db.execute("SELECT count(*) FROM attachment").fetchone()[0] == 0  # still cascades
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            db.execute("UPDATE activity SET participants = -1 WHERE id = ?", [new_id])
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            db.execute("UPDATE unit SET kind = 'club'")


def test_type_counts_round_trip(upgraded):
    db = upgraded.db
    year_id = db.execute("SELECT id FROM fiscal_year").fetchone()[0]
    type_id = db.execute("SELECT id FROM activity_type WHERE name = '培训'").fetchone()[0]
    with db.atomic():
        types_store.update_type(db, type_id, "培训", "期", ("participants", "amount_fen"))
    kinds = {t.name: t.counts for t in types_store.list_types(db, year_id)}
    assert kinds["培训"] == ("participants", "amount_fen")
    assert kinds["宣讲会"] == ("participants", "enterprises", "items", "amount_fen")
