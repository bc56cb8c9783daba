"""The store's side of issue 9: read-only books, exclusive creation, backups from the future, stale
partial backups, the schema check, and read failures mapped to "damaged"."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from jixiao.core.errors import DamagedFileError, StorageError
from jixiao.store import backups, integrity
from jixiao.store.database import (
    READONLY_REFUSAL,
    READONLY_SAVE,
    default_backup_dir,
    open_book,
    read_failure,
)
from jixiao.store.integrity import integrity_problems, schema_problems, text_problems


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def closed_book(book_path, clock) -> Path:
    with open_book(book_path, create=True, clock=clock) as book, book.atomic() as db:
        db.execute("INSERT INTO unit (full_name) VALUES ('区工商联')")
    return book_path


def test_a_read_only_book_reads_refuses_every_write_and_leaves_no_trace(closed_book):
    before = sha(closed_book)
    with open_book(closed_book, readonly=True) as book:
        assert book.readonly and book.readonly_reason == "opened for reading only"
        with book.atomic() as db:  # a read in a transaction is fine
            assert db.execute("SELECT full_name FROM unit").fetchone()[0] == "区工商联"
        with pytest.raises(StorageError) as refused, book.atomic() as db:
            db.execute("UPDATE unit SET full_name = 'x'")
        assert refused.value.message == READONLY_SAVE
        assert book.backup_if_due() is None
    assert sha(closed_book) == before
    assert not Path(str(closed_book) + "-wal").exists() and not Path(str(closed_book) + "-shm").exists()


def test_a_read_only_file_is_refused_for_writing_and_opened_read_only_when_asked(closed_book):
    closed_book.chmod(0o444)
    try:
        with pytest.raises(StorageError) as refused:
            open_book(closed_book)
        assert refused.value.message == READONLY_REFUSAL
        assert refused.value.params["reason"] == "the file is read-only"
        with open_book(closed_book, readonly=None) as book:
            assert book.readonly and book.readonly_reason == "the file is read-only"
    finally:
        closed_book.chmod(0o644)


def test_create_is_exclusive_and_discard_deletes_only_what_this_call_created(book_path, closed_book):
    with open_book(closed_book, create=True) as book:
        assert not book.created
    book = open_book(closed_book, create=True)
    book.discard()
    assert closed_book.exists()  # not ours: kept
    fresh = book_path.with_name("fresh.sqlite3")
    book = open_book(fresh, create=True)
    assert book.created
    book.discard()
    assert not fresh.exists() and not Path(str(fresh) + "-wal").exists()


def _copy_backup(source: Path, folder: Path, stamp: str, reason: str = "manual") -> Path:
    target = folder / f"year-{stamp}-{reason}.sqlite3"
    shutil.copyfile(source, target)
    return target


def test_backups_from_the_future_come_last_and_never_hold_back_the_routine_backup(closed_book, clock):
    folder = default_backup_dir(closed_book)
    shutil.rmtree(folder, ignore_errors=True)  # the fixture's closing backup
    with open_book(closed_book, clock=clock, routine_backup=False) as book:
        made = book.backup("manual")
    now = clock()
    future = _copy_backup(made, folder, "20991231-235959")
    slightly = _copy_backup(made, folder, (now + dt.timedelta(minutes=3)).strftime("%Y%m%d-%H%M%S"))
    listed = backups.list_backups(closed_book, folder, now)
    assert [b.path for b in listed] == [slightly, made, future]
    assert [b.future for b in listed] == [False, False, True]  # within CLOCK_SLACK: believable
    assert backups.newest_good_backup(closed_book, folder, now) == slightly
    later = now + dt.timedelta(days=2)
    assert backups.backup_due(closed_book, folder, later)  # the 2099 backup does not count
    backups.prune(closed_book, folder, later + dt.timedelta(days=400))
    assert future.exists()  # never pruned while its time is unknown
    for info in backups.list_backups(closed_book, folder, now):
        if not info.future:
            info.path.unlink()
    assert backups.newest_good_backup(closed_book, folder, now) == future  # the only one left


def test_stale_partial_backups_are_removed_on_open(closed_book):
    folder = default_backup_dir(closed_book)
    folder.mkdir(exist_ok=True)
    stale = folder / "year-20220101-000000-open.sqlite3.partial"
    stale.write_bytes(b"half a backup")
    journal = Path(str(stale) + "-journal")
    journal.write_bytes(b"j")
    other = folder / "other-20220101-000000-open.sqlite3.partial"
    other.write_bytes(b"another data file's")
    unrelated = folder / "notes.partial"
    unrelated.write_bytes(b"?")
    with open_book(closed_book, readonly=True):
        assert stale.exists()  # reading writes nothing
    with open_book(closed_book):
        pass
    assert not stale.exists() and not journal.exists()
    assert other.exists() and unrelated.exists()


@pytest.mark.parametrize(
    "sql",
    [
        "CREATE TRIGGER t AFTER INSERT ON unit BEGIN UPDATE unit SET full_name = 'x'; END",
        "CREATE VIEW v AS SELECT 1",
        "CREATE TABLE x (a)",
        "CREATE INDEX i ON unit(full_name)",
    ],
)
def test_a_planted_object_fails_the_schema_check_and_is_not_a_good_backup(closed_book, tmp_path, sql):
    with open_book(closed_book, readonly=True) as book:
        assert schema_problems(book.db) == [] and integrity_problems(book.db) == []
    conn = sqlite3.connect(closed_book)
    conn.execute(sql)
    conn.commit()
    conn.close()
    before = sha(closed_book)
    with pytest.raises(DamagedFileError):
        open_book(closed_book)
    assert sha(closed_book) == before
    with pytest.raises(StorageError, match="is not a good backup"):
        backups.restore(closed_book, tmp_path / "target.sqlite3", tmp_path / "b", dt.datetime.now(dt.UTC))


def test_text_problems_find_bytes_that_are_not_utf8(closed_book):
    conn = sqlite3.connect(closed_book)
    conn.execute("UPDATE unit SET full_name = CAST(X'E5B7A5FF' AS TEXT)")
    conn.commit()
    assert [str(p) for p in text_problems(conn)] == ["a text in unit.full_name is unreadable"]
    conn.close()


def test_text_problems_read_a_large_table_in_chunks_and_find_a_bad_text_in_any(closed_book, monkeypatch):
    monkeypatch.setattr(integrity, "_TEXT_CHUNK_ROWS", 2)
    conn = sqlite3.connect(closed_book)
    conn.executemany("INSERT INTO unit (full_name) VALUES (?)", [(f"单位{n}",) for n in range(6)])
    conn.commit()
    assert text_problems(conn) == []
    last = conn.execute("SELECT max(id) FROM unit").fetchone()[0]
    conn.execute("UPDATE unit SET short_name = CAST(X'E5B7A5FF' AS TEXT) WHERE id = ?", [last])
    conn.commit()
    assert [str(p) for p in text_problems(conn)] == ["a text in unit.short_name is unreadable"]
    conn.execute("CREATE TABLE plain (k TEXT PRIMARY KEY, v TEXT) WITHOUT ROWID")
    conn.execute("INSERT INTO plain VALUES ('a', CAST(X'FF' AS TEXT))")
    conn.commit()
    assert "a text in plain.v is unreadable" in [str(p) for p in text_problems(conn)]
    conn.close()


def test_read_failures_become_damaged_naming_the_newest_good_backup(closed_book, clock):
    with open_book(closed_book, clock=clock) as book:
        made = book.backup("manual")
        for error in (
            UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"),
            ValueError("month must be in 1..12"),
            sqlite3.DatabaseError("database disk image is malformed"),
        ):
            refusal = book.damaged(error)
            assert isinstance(refusal, DamagedFileError)
            assert refusal.params["backup"] == str(made)
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = 5
    assert not isinstance(read_failure(busy, closed_book), DamagedFileError)


def test_no_lock_file_possible_means_read_only_for_the_gui_and_a_refusal_for_writing(closed_book):
    lock = closed_book.with_name(closed_book.name + ".lock")
    lock.unlink(missing_ok=True)
    lock.mkdir()  # nothing can open it as the lock file
    before = sha(closed_book)
    with pytest.raises(StorageError, match="The lock file"):
        open_book(closed_book)
    with open_book(closed_book, readonly=None) as book:
        assert book.readonly and book.readonly_reason == "its folder is read-only"
        with pytest.raises(StorageError) as refused, book.atomic() as db:
            db.execute("DELETE FROM unit")
        assert refused.value.message == READONLY_SAVE
    assert sha(closed_book) == before
