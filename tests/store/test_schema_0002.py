"""Migration 0002_final_report: a file of schema 0001 upgrades and keeps final reports per year."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from jixiao.store import finals as store
from jixiao.store.database import known_migration_names, open_book, schema_version

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "schemas" / "schema-0001.sqlite3"
SHA = "a" * 64


def test_migration_is_appended_after_the_released_one():
    assert known_migration_names()[:2] == ["0001_initial", "0002_final_report"]


@pytest.fixture
def upgraded(tmp_path, clock):
    """The schema-0001 fixture, opened (so upgraded) by this version."""
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(FIXTURE, path)
    with open_book(path, clock=clock) as book:
        yield book


def test_the_0001_fixture_upgrades_to_an_empty_final_report_table(upgraded):
    db = upgraded.db
    assert schema_version(db) == len(known_migration_names())
    columns = [row[1] for row in db.execute("PRAGMA table_info(final_report)")]
    assert columns == ["id", "year_id", "created_at", "package_json", "pdf", "inputs_sha256"]
    assert db.execute("SELECT strict FROM pragma_table_list WHERE name = 'final_report'").fetchone()[0] == 1
    assert db.execute("SELECT count(*) FROM final_report").fetchone()[0] == 0
    assert db.execute("SELECT count(*) FROM activity").fetchone()[0] == 2  # the old data are kept


def test_final_reports_belong_to_their_year(upgraded):
    db = upgraded.db
    year_id = db.execute("SELECT id FROM fiscal_year WHERE year = 2022").fetchone()[0]
    with db.atomic():
        first = store.insert_final(
            db, year_id, "2023-01-05T08:00:00.000000Z", '{"year": 2022}', b"%PDF-1", SHA
        )
        second = store.insert_final(
            db, year_id, "2023-02-05T08:00:00.000000Z", '{"year": 2022}', b"%PDF-22", SHA
        )
    rows = store.list_finals(db, year_id)
    assert [r.id for r in rows] == [second, first] and rows[0].pdf_size == 7
    assert store.final_pdf(db, first) == b"%PDF-1"
    assert store.final_package(db, second) == '{"year": 2022}'
    assert store.final_pdf(db, 999) is None and store.final_package(db, 999) is None
    with db.atomic():
        db.execute("DELETE FROM fiscal_year WHERE id = ?", [year_id])
    assert db.execute("SELECT count(*) FROM final_report").fetchone()[0] == 0  # cascades with the year


@pytest.mark.parametrize(
    "values",
    [
        (999, "2023-01-05T08:00:00.000000Z", "{}", b"%PDF", SHA),  # no such year
        (None, "2023-01-05T08:00:00.000000Z", "not json", b"%PDF", SHA),
        (None, "2023-01-05T08:00:00.000000Z", "{}", b"", SHA),  # no PDF
        (None, "2023-01-05T08:00:00.000000Z", "{}", b"%PDF", "abc"),  # not a SHA-256
        (None, "2023-01-05", "{}", b"%PDF", SHA),  # not a timestamp
    ],
)
def test_the_table_refuses_bad_rows(upgraded, values):
    db = upgraded.db
    year_id = db.execute("SELECT id FROM fiscal_year").fetchone()[0]
    values = (values[0] or year_id, *values[1:])
    with pytest.raises(sqlite3.IntegrityError):
        with db.atomic():
            store.insert_final(db, *values)
