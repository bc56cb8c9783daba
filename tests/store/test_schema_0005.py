"""Migration 0005: the index of the activities in a year's list, used to count and order the list."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from jixiao.store.database import known_migration_names, open_book, schema_version
from jixiao.store.repos import find_year_id

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"


def test_migration_0005_is_appended():
    assert known_migration_names()[4] == "0005_listed_activities_index"


def test_a_0004_file_upgrades_and_the_list_is_counted_from_the_index(tmp_path, clock):
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURES / "schema-0004.sqlite3", path)
    with open_book(path, clock=clock) as book:
        assert schema_version(book.db) == len(known_migration_names())
        year_id = find_year_id(book.db, 2022)
        plan = book.db.execute(
            "EXPLAIN QUERY PLAN SELECT count(*) FROM activity WHERE year_id = ? AND deleted_at IS NULL",
            [year_id],
        ).fetchall()
        assert "activity_listed" in " ".join(str(step[-1]) for step in plan)
        listed = book.db.execute(
            "SELECT count(*) FROM activity WHERE year_id = ? AND deleted_at IS NULL", [year_id]
        ).fetchone()[0]
    assert listed == 2  # the fixture's two activities
    sql = (
        sqlite3.connect(path)
        .execute("SELECT sql FROM sqlite_master WHERE name = 'activity_listed'")
        .fetchone()
    )
    assert "WHERE deleted_at IS NULL" in sql[0]
