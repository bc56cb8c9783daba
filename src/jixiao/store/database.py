"""Opening the year book: one SQLite file, locked, checked, migrated, and backed up.

``open_book`` is the only way to get a connection to a data file. It
1. takes the exclusive lock (a second process gets ``FileLockedError``, a crashed holder none);
2. refuses anything that is not a healthy jixiao file without touching it (``DamagedFileError``);
3. refuses a file written by a newer schema (``FileTooNewError``);
4. backs up, then migrates, a file from an older schema;
5. sets WAL with ``synchronous=FULL`` and foreign keys on;
6. makes the routine backup when the newest is older than a day.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from jixiao.core.errors import N_, DamagedFileError, FileTooNewError, Message, StorageError
from jixiao.store import backups as _backups
from jixiao.store.lock import FileLock
from jixiao.store.schema import APPLICATION_ID, MIGRATION_SET, known_migration_names, migrations

SQLITE_HEADER = b"SQLite format 3\x00"
Clock = Callable[[], dt.datetime]


def utc_now() -> dt.datetime:
    """The current time, timezone-aware UTC (the default clock)."""
    return dt.datetime.now(dt.UTC)


class Book:
    """An open data file: ``db`` (sqlite-utils), its lock, where its backups go.

    Use as a context manager or call ``close()``; closing makes the closing backup when anything
    changed since the last one.
    """

    def __init__(self, path: Path, db: Database, lock: FileLock, backup_dir: Path, clock: Clock) -> None:
        self.path = path
        self.db = db
        self.lock = lock
        self.backup_dir = backup_dir
        self.clock = clock
        self.warnings: list[StorageError] = []
        self._changes_at_last_backup = self._change_count()

    # -- change tracking, for "back up if anything changed" --------------------------------------
    def _change_count(self) -> int:
        return self.db.conn.total_changes

    @property
    def changed_since_backup(self) -> bool:
        """True when anything was written since the last backup made through this Book."""
        return self._change_count() != self._changes_at_last_backup

    def backup(self, reason: str = "manual", out: Path | None = None) -> Path:
        """Make a verified backup now (SQLite backup API); returns its path."""
        path = _backups.make_backup(self.db.conn, self.path, self.backup_dir, reason, self.clock(), out=out)
        self._changes_at_last_backup = self._change_count()
        return path

    def backup_if_changed(self, reason: str = "periodic") -> Path | None:
        """Back up when anything changed since the last backup (the GUI calls this every 30 min)."""
        if not self.changed_since_backup:
            return None
        return self.backup(reason)

    def close(self) -> None:
        """Back up if anything changed, checkpoint the WAL, close, release the lock."""
        if self.db is None:
            return
        try:
            if self.changed_since_backup:
                self.backup("close")
            self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self.db.close()
            self.db = None
            self.lock.release()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def default_backup_dir(path: Path) -> Path:
    """Backups of ``year.sqlite3`` go to ``year-backups/`` beside it."""
    return path.with_name(path.stem + "-backups")


def open_book(
    path: str | Path,
    *,
    create: bool = False,
    backup_dir: Path | None = None,
    clock: Clock = utc_now,
    routine_backup: bool = True,
) -> Book:
    """Open (or with *create*, create) the data file at *path*; see the module docstring.

    :raises FileNotFoundError: no file and not *create*.
    :raises FileLockedError: another process holds the file.
    :raises DamagedFileError: not a SQLite/jixiao file, or ``quick_check`` fails; nothing is written.
    :raises FileTooNewError: the schema is newer than this version knows; nothing is written.
    """
    path = Path(path).absolute()
    backup_dir = backup_dir or default_backup_dir(path)
    exists = path.exists() and path.stat().st_size > 0
    if not exists and not create:
        raise FileNotFoundError(str(path))
    if exists:
        _check_header(path, backup_dir)
    elif not path.parent.is_dir():
        raise StorageError(N_("The folder {folder} does not exist."), folder=str(path.parent))
    lock = FileLock(path)
    try:
        db = _connect(path, backup_dir)
        book = Book(path, db, lock, backup_dir, clock)
        try:
            _check_and_migrate(book, exists)
            if _backups.is_on_risky_storage(path):
                book.warnings.append(StorageError(_backups.RISKY_STORAGE_WARNING, path=str(path)))
            if exists and routine_backup and _backups.backup_due(path, backup_dir, clock()):
                book.backup("open")
            elif not exists:
                book._changes_at_last_backup = book._change_count()
        except BaseException:
            book.db.close()
            raise
    except BaseException:
        lock.release()
        raise
    return book


def _damaged(path: Path, backup_dir: Path, detail: str) -> DamagedFileError:
    newest = _backups.newest_good_backup(path, backup_dir)
    if newest is not None:
        advice = Message(N_("The newest good backup is {backup}; restore it with “jixiao restore”."), backup=str(newest))
        return DamagedFileError(path=str(path), detail=detail, advice=advice, backup=str(newest))
    return DamagedFileError(path=str(path), detail=detail, advice=Message(N_("No backup of it was found.")), backup="")


def _check_header(path: Path, backup_dir: Path) -> None:
    with path.open("rb") as fp:
        header = fp.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise _damaged(path, backup_dir, "not an SQLite database")
    app_id = int.from_bytes(header[68:72], "big")
    if app_id not in (0, APPLICATION_ID):
        raise _damaged(path, backup_dir, "not a jixiao file")


def _connect(path: Path, backup_dir: Path) -> Database:
    try:
        conn = sqlite3.connect(str(path), timeout=2.0, isolation_level=None, check_same_thread=False)
        db = Database(conn)
        conn.execute("PRAGMA foreign_keys = ON")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if mode.lower() != "wal":
            raise sqlite3.DatabaseError(f"journal mode is {mode}")
        conn.execute("PRAGMA synchronous = FULL")
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            conn.close()
            raise _damaged(path, backup_dir, f"quick_check: {result}")
    except sqlite3.DatabaseError as error:
        raise _damaged(path, backup_dir, str(error)) from None
    return db


def _check_and_migrate(book: Book, existed: bool) -> None:
    db = book.db
    known = known_migration_names()
    applied = [m.name for m in migrations.applied(db)] if existed else []
    if existed:
        tables = set(db.table_names())
        if not applied and tables:
            raise _damaged(book.path, book.backup_dir, "not a jixiao file")
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise FileTooNewError(path=str(book.path), found=applied[-1], known=known[-1])
        if applied and len(applied) < len(known):
            book.backup("before-migration")
    if len(applied) < len(known):
        migrations.apply(db)
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute(f"PRAGMA user_version = {len(known)}")


def schema_version(db: Database) -> int:
    """How many migrations of the jixiao set the file has applied."""
    return len([m for m in migrations.applied(db)])


__all__ = ["Book", "open_book", "default_backup_dir", "schema_version", "utc_now", "MIGRATION_SET"]
