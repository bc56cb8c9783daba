"""The clerk's backup rotation (``Retention``) and moving a data file (store.relocate)."""

from __future__ import annotations

import datetime as dt

import pytest
from tablerows import make_year

from jixiao.core.errors import StorageError
from jixiao.store import relocate
from jixiao.store.backups import Retention, list_backups, prune
from jixiao.store.database import default_backup_dir, open_book
from jixiao.store.lock import lock_path_for


def _at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def test_a_chosen_retention_keeps_what_it_says(tmp_path):
    data, folder = tmp_path / "year.sqlite3", tmp_path / "year-backups"
    folder.mkdir()
    now = _at("2023-06-30T12:00:00")
    for hours in range(0, 24 * 400, 12):  # two a day for 400 days
        when = now - dt.timedelta(hours=hours)
        (folder / f"year-{when:%Y%m%d-%H%M%S}-periodic.sqlite3").write_bytes(b"")
    prune(data, folder, now, Retention(keep_all_days=1, daily=3, weekly=2, monthly=1))
    kept = [b.taken_at for b in list_backups(data, folder)]
    assert len(kept) == 2 + 3 + 2 + 1  # one day of all (2), then 3 days, 2 weeks, 1 month
    assert kept[:2] == [now, now - dt.timedelta(hours=12)]
    assert now - kept[-1] < dt.timedelta(days=40)


def test_book_backups_use_the_books_retention(tmp_path, clock):
    path = tmp_path / "year.sqlite3"
    with open_book(path, create=True, clock=clock, retention=Retention(1, 0, 0, 0)) as book:
        make_year(book.db)
        for _ in range(4):
            book.backup("manual")
            clock.advance(days=1)
        book.backup("manual")
        assert len(list_backups(path, book.backup_dir)) == 1  # only the last day is kept
        assert book.retention == Retention(1, 0, 0, 0)


@pytest.fixture
def filled(tmp_path, clock):
    path = tmp_path / "old" / "year.sqlite3"
    path.parent.mkdir()
    book = open_book(path, create=True, clock=clock)
    ids = make_year(book.db)
    with book.db.atomic():
        for n in range(50):
            book.db["activity"].insert(
                {
                    "year_id": ids.year_id,
                    "date": "2022-05-04",
                    "type_id": ids.types["座谈会"],
                    "title": f"走访{n}",
                }
            )
    yield book
    book.close()


def test_copy_book_writes_a_verified_copy_that_opens(filled, tmp_path, clock):
    target = tmp_path / "new" / "year.sqlite3"
    target.parent.mkdir()
    assert relocate.copy_book(filled, target) == target
    assert not list(target.parent.glob("*.partial"))
    with open_book(target, clock=clock, routine_backup=False) as copy:
        assert copy.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 50


def test_copy_book_refuses_an_existing_file_or_the_file_itself(filled, tmp_path):
    existing = tmp_path / "there.sqlite3"
    existing.write_bytes(b"keep me")
    with pytest.raises(StorageError):
        relocate.copy_book(filled, existing)
    assert existing.read_bytes() == b"keep me"
    with pytest.raises(StorageError):
        relocate.copy_book(filled, filled.path)
    with pytest.raises(StorageError):
        relocate.copy_book(filled, tmp_path / "no-such-folder" / "x.sqlite3")


def test_backups_are_copied_and_the_old_file_removed(filled, tmp_path):
    filled.backup("manual")
    filled.backup("periodic")
    old_path, old_backups = filled.path, filled.backup_dir
    target = tmp_path / "new" / "moved.sqlite3"
    target.parent.mkdir()
    relocate.copy_book(filled, target)
    filled.close()
    assert (
        relocate.copy_backups(old_path, old_backups, target, default_backup_dir(target)) == 2
    )  # manual + periodic; nothing changed since, so no closing backup
    names = [b.path.name for b in list_backups(target, default_backup_dir(target))]
    assert len(names) == 2 and all(name.startswith("moved-") for name in names)
    relocate.remove_data_file(old_path)
    assert not old_path.exists() and not lock_path_for(old_path).exists()
    assert not list(old_path.parent.glob("year.sqlite3*"))
    assert len(list_backups(old_path, old_backups)) == 2  # the originals stay
