"""open_book: migrations, schema bounds, damaged files, routine backups, warnings."""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from jixiao.core.errors import DamagedFileError, FileTooNewError, StorageError
from jixiao.store import backups
from jixiao.store.database import default_backup_dir, known_migration_names, open_book, schema_version
from jixiao.store.schema import APPLICATION_ID, MIGRATION_SET, migrations

SCHEMAS = Path(__file__).resolve().parents[1] / "fixtures" / "schemas"
sys.path.insert(0, str(SCHEMAS))

import make_fixtures  # noqa: E402
from tablerows import make_year  # noqa: E402


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def sidecars(path: Path) -> list[Path]:
    return [
        p
        for p in (Path(str(path) + "-wal"), Path(str(path) + "-shm"), Path(str(path) + "-journal"))
        if p.exists()
    ]


def extended_migrations(*extra) -> Migrations:
    """A copy of jixiao's migration set with *extra* ``(name, fn)`` appended (a "newer version")."""
    copy = Migrations(MIGRATION_SET)
    for migration in migrations._migrations:
        copy(name=migration.name, transactional=migration.transactional)(migration.fn)
    for name, fn in extra:
        copy(name=name)(fn)
    return copy


def add_review_table(db: Database) -> None:
    db.execute("CREATE TABLE review (id INTEGER PRIMARY KEY, note TEXT NOT NULL) STRICT")
    db.execute("INSERT INTO review (note) SELECT title FROM activity")


def filled_book(path: Path, clock, activities: int = 3) -> None:
    """A closed data file with a year and *activities* activities, and no backups yet."""
    with open_book(path, create=True, clock=clock, routine_backup=False) as book:
        ids = make_year(book.db)
        with book.db.atomic():
            for n in range(activities):
                book.db["activity"].insert(
                    {
                        "year_id": ids.year_id,
                        "date": "2022-05-04",
                        "type_id": ids.types["座谈会"],
                        "title": f"政企座谈会{n}",
                    }
                )
    shutil.rmtree(default_backup_dir(path))  # the closing backup


# -- migrations ----------------------------------------------------------------------------------------


def test_new_file_gets_every_migration_strict_tables_and_foreign_keys(book):
    db = book.db
    assert [m.name for m in migrations.applied(db)] == known_migration_names()
    assert schema_version(db) == len(known_migration_names())
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(known_migration_names())
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = db.execute(
        "SELECT name, strict FROM pragma_table_list WHERE schema = 'main' AND type = 'table' "
        "AND name NOT LIKE 'sqlite_%' AND name != '_sqlite_migrations'"
    ).fetchall()
    assert {"unit", "fiscal_year", "activity", "attachment", "project", "indicator"} <= {t for t, _ in tables}
    assert [t for t, strict in tables if not strict] == []
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute("INSERT INTO fiscal_year (unit_id, year) VALUES (999, 2022)")
    with pytest.raises(sqlite3.IntegrityError):  # STRICT: no text in an INTEGER column
        db.execute("INSERT INTO unit (full_name, id) VALUES ('某局', 'abc')")


def test_reopen_keeps_data_and_applies_nothing(book_path, clock):
    filled_book(book_path, clock)
    with open_book(book_path, clock=clock) as book:
        applied_at = [m.applied_at for m in migrations.applied(book.db)]
        assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 3
    with open_book(book_path, clock=clock) as book:
        assert [m.applied_at for m in migrations.applied(book.db)] == applied_at


def schema_fixtures() -> list[Path]:
    found = sorted(SCHEMAS.glob("schema-*.sqlite3"))
    assert found, "no schema fixture: run tests/fixtures/schemas/make_fixtures.py"
    return found


@pytest.mark.parametrize("fixture", schema_fixtures(), ids=lambda p: p.stem)
def test_fixture_of_each_schema_opens_upgraded_and_keeps_its_data(fixture, tmp_path, clock):
    assert fixture.stat().st_size < 100_000
    path = tmp_path / "old.sqlite3"
    shutil.copyfile(fixture, path)
    number = int(fixture.stem.split("-")[1])
    with open_book(path, clock=clock) as book:
        assert schema_version(book.db) == len(known_migration_names())
        assert book.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for table, where, expected in make_fixtures.EXPECTED:
            columns = ", ".join(expected)
            row = book.db.execute(f"SELECT {columns} FROM {table} WHERE {where}").fetchone()
            assert row is not None, (table, where)
            assert dict(zip(expected, row, strict=True)) == expected
    made = backups.list_backups(path, default_backup_dir(path))
    if number < len(known_migration_names()):
        assert "before-migration" in {b.reason for b in made}


@pytest.mark.parametrize("fixture", schema_fixtures(), ids=lambda p: p.stem)
def test_fixture_schema_is_what_its_migrations_make_today(fixture):
    """A released migration must never change: the fixture records what it made.

    If this fails before the first release, rebuild with ``make_fixtures.py --force``; after a
    release, undo the edit and append a new migration instead.
    """
    number = int(fixture.stem.split("-")[1])
    names = known_migration_names()
    fresh = Database(memory=True, execute_plugins=False)
    migrations.apply(fresh, stop_before=names[number] if number < len(names) else None)
    query = "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY name"
    old = sqlite3.connect(backups._readonly_uri(fixture), uri=True)
    try:
        assert old.execute(query).fetchall() == fresh.execute(query).fetchall()
    finally:
        old.close()


def test_older_file_is_backed_up_then_migrated(book_path, clock):
    filled_book(book_path, clock)
    backup_dir = default_backup_dir(book_path)
    newer = extended_migrations(("0900_review", add_review_table))
    with open_book(book_path, clock=clock, migrations=newer) as book:
        assert [m.name for m in newer.applied(book.db)][-1] == "0900_review"
        assert book.db.execute("SELECT count(*) FROM review").fetchone()[0] == 3
        assert book.db.execute("PRAGMA user_version").fetchone()[0] == len(known_migration_names()) + 1
    (before,) = [b for b in backups.list_backups(book_path, backup_dir) if b.reason == "before-migration"]
    assert backups.verify_backup(before.path)
    old = sqlite3.connect(backups._readonly_uri(before.path), uri=True)
    try:
        names = [r[0] for r in old.execute("SELECT name FROM _sqlite_migrations ORDER BY id")]
        assert names == known_migration_names()
        assert old.execute("SELECT count(*) FROM activity").fetchone()[0] == 3
        assert old.execute("SELECT count(*) FROM sqlite_master WHERE name = 'review'").fetchone()[0] == 0
    finally:
        old.close()
    # ... and this version now refuses the upgraded file, without touching it
    digest = sha256(book_path)
    with pytest.raises(FileTooNewError, match="0900_review"):
        open_book(book_path, clock=clock)
    assert sha256(book_path) == digest


def test_failed_migration_leaves_the_file_as_it_was(book_path, clock):
    filled_book(book_path, clock)

    def broken(db: Database) -> None:
        db.execute("CREATE TABLE half_done (id INTEGER PRIMARY KEY) STRICT")
        db.execute("INSERT INTO no_such_table VALUES (1)")

    with pytest.raises(StorageError, match="could not be upgraded") as caught:
        open_book(book_path, clock=clock, migrations=extended_migrations(("0900_broken", broken)))
    assert "before-migration" in caught.value.params["backup"]
    with open_book(book_path, clock=clock) as book:
        assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 3
        assert "half_done" not in book.db.table_names()


@pytest.mark.parametrize("journal", ["wal", "delete"])
def test_file_from_a_newer_version_is_refused_untouched(book_path, clock, journal):
    filled_book(book_path, clock)
    conn = sqlite3.connect(book_path, isolation_level=None)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) VALUES (?, '0900_future', '2030-01-01')",
        [MIGRATION_SET],
    )
    conn.execute(f"PRAGMA journal_mode = {journal}")
    conn.close()
    assert sidecars(book_path) == []
    digest = sha256(book_path)
    listing = sorted(p.name for p in book_path.parent.rglob("*"))
    clock.advance(days=3)  # a routine backup would be due
    with pytest.raises(FileTooNewError) as caught:
        open_book(book_path, clock=clock)
    assert "0900_future" in str(caught.value) and "not changed" in str(caught.value)
    assert sha256(book_path) == digest
    assert sorted(p.name for p in book_path.parent.rglob("*")) == listing  # no -wal, no backup
    with pytest.raises(FileTooNewError):  # the lock was released: refused again, not "locked"
        open_book(book_path, clock=clock)


# -- damaged and foreign files -------------------------------------------------------------------------


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _random_bytes(path: Path) -> None:
    path.write_bytes(random.Random(7).randbytes(64 * 1024))


def _overwrite_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = random.Random(8).randbytes(100)
    path.write_bytes(bytes(data))


def _overwrite_header_after_magic(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[16:100] = random.Random(9).randbytes(84)
    path.write_bytes(bytes(data))


def _pdf(path: Path) -> None:
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n" * 50
    )


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _other_app(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO notes (text) VALUES ('not jixiao')")
    conn.commit()
    conn.close()


def _other_app_with_id(path: Path) -> None:
    _other_app(path)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 1234")
    conn.close()


def _corrupt_btree_page(path: Path) -> None:
    """Scribble over the header of a leaf page of the activity table, in the middle of the file."""
    conn = sqlite3.connect(path)
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'activity'").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    start = (root - 1) * page_size
    assert data[start] == 0x05, "the activity table should span several pages"
    first_cell = int.from_bytes(data[start + 12 : start + 14], "big")
    leaf = int.from_bytes(data[start + first_cell : start + first_cell + 4], "big")  # left-most child
    leaf_start = (leaf - 1) * page_size
    assert 0 < leaf_start < len(data) - page_size
    data[leaf_start : leaf_start + 8] = b"\xff" * 8
    path.write_bytes(bytes(data))


# damage → (how, what the message says about it)
DAMAGE = {
    "truncated": (_truncate, "contents are damaged"),
    "random-bytes": (_random_bytes, "not an SQLite database"),
    "overwritten-header": (_overwrite_header, "not an SQLite database"),
    "overwritten-header-after-magic": (_overwrite_header_after_magic, "header is damaged"),
    "pdf": (_pdf, "not an SQLite database"),
    "zero-length": (_empty, "the file is empty"),
    "other-app": (_other_app, "belongs to another program"),
    "other-app-with-application-id": (_other_app_with_id, "belongs to another program"),
    "corrupt-btree-page": (_corrupt_btree_page, "contents are damaged"),
}


@pytest.mark.parametrize("with_backup", [False, True], ids=["no-backup", "backup"])
@pytest.mark.parametrize("damage", DAMAGE)
def test_damaged_file_is_refused_clearly_and_untouched(book_path, clock, damage, with_backup):
    filled_book(book_path, clock, activities=600)
    backup_dir = default_backup_dir(book_path)
    good = None
    if with_backup:
        with open_book(book_path, clock=clock):  # makes the routine backup on open
            good = backups.list_backups(book_path, backup_dir)[0].path
    how, detail = DAMAGE[damage]
    how(book_path)
    digest, listing = sha256(book_path), sorted(p.name for p in book_path.parent.rglob("*"))
    # an empty file with no backup is no loss: with create it becomes a new book (tested below)
    for create in (False,) if damage == "zero-length" and not with_backup else (False, True):
        with pytest.raises(DamagedFileError) as caught:
            open_book(book_path, create=create, clock=clock)
        message = str(caught.value)
        assert str(book_path) in message and detail in message
        if with_backup:
            assert caught.value.params["backup"] == str(good)
            assert str(good) in message and "jixiao restore" in message
        else:
            assert "No backup" in message
        assert "Traceback" not in message
    assert sha256(book_path) == digest
    assert sorted(p.name for p in book_path.parent.rglob("*")) == listing  # no -wal, no backup, nothing


def test_damage_message_names_the_newest_backup_that_verifies(book_path, clock):
    filled_book(book_path, clock)
    backup_dir = default_backup_dir(book_path)
    with open_book(book_path, clock=clock) as book:
        older = book.backup("manual")
        clock.advance(hours=1)
        newer = book.backup("manual")
    newer.write_bytes(newer.read_bytes()[:5000])  # the newest backup is itself damaged
    _random_bytes(book_path)
    with pytest.raises(DamagedFileError) as caught:
        open_book(book_path, clock=clock)
    assert caught.value.params["backup"] == str(older)
    assert backups.newest_good_backup(book_path, backup_dir) == older


def test_damage_message_is_translated_through_the_callers_gettext(book_path, clock):
    _pdf(book_path)
    with pytest.raises(DamagedFileError) as caught:
        open_book(book_path)
    seen = []
    text = caught.value.translated(lambda m: seen.append(m) or "«" + m + "»")
    assert "it is not an SQLite database" in seen and "No backup of it was found." in seen
    assert "«it is not an SQLite database»" in text and "«No backup of it was found.»" in text


def test_empty_file_without_backups_becomes_a_new_book_only_when_creating(book_path, clock):
    book_path.write_bytes(b"")
    with pytest.raises(DamagedFileError, match="empty"):
        open_book(book_path, clock=clock)
    with open_book(book_path, create=True, clock=clock) as book:
        assert schema_version(book.db) == len(known_migration_names())


def test_missing_file_folder_and_directory(tmp_path, clock):
    with pytest.raises(FileNotFoundError):
        open_book(tmp_path / "none.sqlite3")
    with pytest.raises(StorageError, match="does not exist"):
        open_book(tmp_path / "no" / "such" / "year.sqlite3", create=True)
    (tmp_path / "folder.sqlite3").mkdir()
    with pytest.raises(StorageError, match="is not a file"):
        open_book(tmp_path / "folder.sqlite3", create=True)


def test_file_held_by_another_program_is_in_use_not_damaged(book_path, clock):
    filled_book(book_path, clock)
    other = sqlite3.connect(book_path, isolation_level=None)
    other.execute("PRAGMA locking_mode = EXCLUSIVE")
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StorageError, match="in use by another program") as caught:
            open_book(book_path, clock=clock)
        assert not isinstance(caught.value, DamagedFileError)
    finally:
        other.execute("ROLLBACK")
        other.close()
    with open_book(book_path, clock=clock) as book:
        assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 3


# -- routine backups and warnings ---------------------------------------------------------------------


def test_routine_backup_on_open_only_when_the_last_is_a_day_old(book_path, clock):
    filled_book(book_path, clock)
    backup_dir = default_backup_dir(book_path)
    assert backups.list_backups(book_path, backup_dir) == []
    open_book(book_path, clock=clock).close()
    assert [b.reason for b in backups.list_backups(book_path, backup_dir)] == ["open"]
    clock.advance(hours=23)
    open_book(book_path, clock=clock).close()
    assert len(backups.list_backups(book_path, backup_dir)) == 1
    clock.advance(hours=1)
    open_book(book_path, clock=clock, routine_backup=False).close()
    assert len(backups.list_backups(book_path, backup_dir)) == 1
    open_book(book_path, clock=clock).close()
    assert [b.reason for b in backups.list_backups(book_path, backup_dir)] == ["open", "open"]


def test_new_empty_book_makes_no_backup(book_path, clock):
    open_book(book_path, create=True, clock=clock).close()
    assert backups.list_backups(book_path, default_backup_dir(book_path)) == []


def test_failed_routine_backup_is_a_warning_not_a_refusal(book_path, clock):
    filled_book(book_path, clock)
    default_backup_dir(book_path).write_text("a file where the backup folder should be")
    with open_book(book_path, clock=clock) as book:
        assert any("backup could not be written" in str(w) for w in book.warnings)
        assert book.db.execute("SELECT count(*) FROM activity").fetchone()[0] == 3


def test_synced_folder_gives_a_warning(tmp_path, clock):
    folder = tmp_path / "OneDrive - 某市工商联"
    folder.mkdir()
    with open_book(folder / "year.sqlite3", create=True, clock=clock) as book:
        assert [w.message for w in book.warnings] == [backups.RISKY_STORAGE_WARNING]
    with open_book(tmp_path / "local.sqlite3", create=True, clock=clock) as book:
        assert book.warnings == []


def test_closed_book(book):
    book.close()
    book.close()  # idempotent
    assert book.closed and not book.changed_since_backup and book.backup_if_changed() is None
    with pytest.raises(StorageError, match="closed"):
        book.backup()


def test_a_foreign_migrations_table_means_another_program(book_path, clock):
    conn = sqlite3.connect(book_path)
    conn.execute("CREATE TABLE _sqlite_migrations (version INTEGER)")
    conn.commit()
    conn.close()
    digest = sha256(book_path)
    with pytest.raises(DamagedFileError, match="belongs to another program"):
        open_book(book_path, clock=clock)
    assert sha256(book_path) == digest
