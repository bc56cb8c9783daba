"""Opening the year book: one SQLite file, locked, checked, migrated, and backed up.

``open_book`` is the only way to get a connection to a data file. It
1. takes the exclusive lock (a second process gets ``FileLockedError``, a crashed holder none);
2. refuses anything that is not a healthy jixiao file without writing to it (``DamagedFileError``):
   the header, ``quick_check`` and the recorded migrations are read before the first write;
3. refuses a file written by a newer schema, also without writing to it (``FileTooNewError``);
4. backs up, then migrates, a file from an older schema;
5. sets WAL with ``synchronous=FULL`` and foreign keys on;
6. makes the routine backup when the newest is older than a day (a failure there becomes a warning).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from jixiao.core.errors import N_, DamagedFileError, FileTooNewError, Message, StorageError
from jixiao.store import backups as _backups
from jixiao.store.history import History, HistoryDatabase
from jixiao.store.lock import FileLock
from jixiao.store.schema import APPLICATION_ID, MIGRATION_SET
from jixiao.store.schema import migrations as _default_migrations

SQLITE_HEADER = b"SQLite format 3\x00"
Clock = Callable[[], dt.datetime]

# Primary SQLite result codes (``sqlite3.Error.sqlite_errorcode & 0xFF``).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 13, 14
_IN_USE_CODES = {_SQLITE_BUSY, _SQLITE_LOCKED}
_ACCESS_CODES = {_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN}


def utc_now() -> dt.datetime:
    """The current time, timezone-aware UTC (the default clock)."""
    return dt.datetime.now(dt.UTC)


class Book:
    """An open data file: ``db`` (sqlite-utils), its lock, where its backups go.

    Use as a context manager or call ``close()``; closing makes the closing backup when anything
    changed since the last one. ``warnings`` lists problems found while opening that do not stop
    the work (risky storage, a routine backup that could not be written).
    """

    def __init__(self, path: Path, db: Database, lock: FileLock, backup_dir: Path, clock: Clock) -> None:
        self.path = path
        self.db: Database | None = db
        self.lock = lock
        self.backup_dir = backup_dir
        self.clock = clock
        self.warnings: list[StorageError] = []
        self.history: History | None = None  # undo/redo of this session's saves (store/history.py)
        self.retention: _backups.Retention = _backups.DEFAULT_RETENTION  # the backup rotation
        self._changes_at_last_backup = self._change_count()

    @contextlib.contextmanager
    def atomic(self, label: str | Message | None = None) -> Iterator[Database]:
        """One user save: a transaction (a savepoint when nested) committed when the block ends.

        On any error it is rolled back; an SQLite error (disk full, I/O error …) is raised as a
        ``StorageError`` the user can read, instead of a bare ``sqlite3`` exception.
        :param label: names the save in "Undo …" (a msgid, or a ``Message`` with parameters);
            only the outermost block's label counts. Without one the change describes itself.
        """
        kwargs = {}
        if label is not None and isinstance(self.db, HistoryDatabase):
            message = label if isinstance(label, Message) else Message(label)
            kwargs = {"label": message.message, "params": message.params}
        try:
            with self.db.atomic(**kwargs):
                yield self.db
        except sqlite3.Error as error:
            raise StorageError(
                N_("The change could not be saved ({detail}); nothing was changed."), detail=str(error)
            ) from error

    # -- change tracking, for "back up if anything changed" --------------------------------------
    def _change_count(self) -> int:
        return self.db.conn.total_changes

    def _mark_backed_up(self) -> None:
        self._changes_at_last_backup = self._change_count()

    @property
    def closed(self) -> bool:
        return self.db is None

    @property
    def changed_since_backup(self) -> bool:
        """True when anything was written since the last backup made through this Book."""
        return not self.closed and self._change_count() != self._changes_at_last_backup

    def backup(self, reason: str = "manual", out: Path | None = None) -> Path:
        """Make a verified backup now (SQLite backup API); returns its path.

        With *out* the copy is written there (an extra copy, e.g. to a USB stick) and the rotation
        in the backup folder is left alone.
        :raises StorageError: the book is closed, or the backup could not be written or verified.
        """
        if self.closed:
            raise StorageError(N_("The data file {path} is closed."), path=str(self.path))
        path = _backups.make_backup(
            self.db.conn, self.path, self.backup_dir, reason, self.clock(), out=out, retention=self.retention
        )
        if out is None:
            self._mark_backed_up()
        return path

    def backup_if_changed(self, reason: str = "periodic") -> Path | None:
        """Back up when anything changed since the last backup (the GUI calls this every 30 min)."""
        if not self.changed_since_backup:
            return None
        return self.backup(reason)

    def close(self) -> None:
        """Back up if anything changed, checkpoint the WAL, close, release the lock (idempotent).

        The connection is closed and the lock released even when the closing backup fails; the
        failure is then raised (the data itself is safe: every save was committed).
        """
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


def migration_names(migration_set: Migrations | None = None) -> list[str]:
    """Names of every migration of *migration_set* (default: jixiao's), in order."""
    return [migration.name for migration in (migration_set or _default_migrations)._migrations]


def open_book(
    path: str | Path,
    *,
    create: bool = False,
    backup_dir: Path | None = None,
    clock: Clock = utc_now,
    routine_backup: bool = True,
    migrations: Migrations | None = None,
    retention: _backups.Retention | None = None,
) -> Book:
    """Open (or with *create*, create) the data file at *path*; see the module docstring.

    :param create: make a new data file when there is none (or when it is empty and has no backups).
    :param backup_dir: where backups go (default: ``default_backup_dir(path)``).
    :param clock: the time source for backup names and "is a backup due" (tests inject one).
    :param routine_backup: make the daily backup on open when due.
    :param migrations: the migration set to apply (tests pass an extended copy); default jixiao's.
    :param retention: how many old backups the rotation keeps (default: ``backups.DEFAULT_RETENTION``).
    :raises FileNotFoundError: no file and not *create*.
    :raises FileLockedError: another process (or another Book in this one) holds the file.
    :raises DamagedFileError: not a SQLite/jixiao file, or ``quick_check`` fails; nothing is written.
    :raises FileTooNewError: the schema is newer than this version knows; nothing is written.
    :raises StorageError: the file or its folder cannot be used (missing folder, permissions, in use
        by another program, the upgrade failed).
    """
    path = Path(path).absolute()
    backup_dir = Path(backup_dir).absolute() if backup_dir else default_backup_dir(path)
    migration_set = migrations or _default_migrations
    if not path.exists():
        if not create:
            raise FileNotFoundError(str(path))
        if not path.parent.is_dir():
            raise StorageError(N_("The folder {folder} does not exist."), folder=str(path.parent))
    lock = FileLock(path)  # before looking inside: the holder may be creating the file right now
    try:
        exists = _existing_content(path, backup_dir, create)
        if not exists and not create:
            raise FileNotFoundError(str(path))
        db = _connect(path, backup_dir, exists)
        try:
            applied = _check_readonly(db, path, backup_dir, migration_set) if exists else []
            _set_pragmas(db, path, backup_dir)
            book = Book(path, db, lock, backup_dir, clock)
            if retention is not None:
                book.retention = retention
            _migrate(book, migration_set, applied)
            book.history = History.install(db)
            if _backups.is_on_risky_storage(path):
                book.warnings.append(StorageError(_backups.RISKY_STORAGE_WARNING, path=str(path)))
            if not exists:
                book._mark_backed_up()  # a brand-new empty book needs no closing backup
            elif routine_backup and _backups.backup_due(path, backup_dir, clock()):
                try:
                    book.backup("open")
                except StorageError as error:
                    book.warnings.append(error)
        except BaseException:
            db.close()
            raise
    except BaseException:
        lock.release()
        raise
    return book


# -- checks that never write -------------------------------------------------------------------------


def _damaged(path: Path, backup_dir: Path, detail: str | Message) -> DamagedFileError:
    """The refusal of a damaged file, pointing at the newest backup that verifies."""
    newest = _backups.newest_good_backup(path, backup_dir)
    if newest is not None:
        advice = Message(
            N_("The newest good backup is {backup}; restore it with “jixiao restore”."), backup=str(newest)
        )
        return DamagedFileError(path=str(path), detail=detail, advice=advice, backup=str(newest))
    return DamagedFileError(
        path=str(path), detail=detail, advice=Message(N_("No backup of it was found.")), backup=""
    )


def _existing_content(path: Path, backup_dir: Path, create: bool) -> bool:
    """True when *path* holds a file to open; checks its header without writing.

    An empty file counts as "no file" only when *create* and it has no backups: an emptied data
    file with backups is damage, not a fresh start.
    """
    try:
        if not path.exists():
            return False
        if not path.is_file():
            raise StorageError(N_("{path} is not a file."), path=str(path))
        if path.stat().st_size == 0:
            if create and not _backups.list_backups(path, backup_dir):
                return False
            raise _damaged(path, backup_dir, Message(N_("the file is empty")))
        with path.open("rb") as fp:
            header = fp.read(100)
    except OSError as error:
        raise StorageError(
            N_("The data file {path} cannot be read: {detail}"),
            path=str(path),
            detail=error.strerror or str(error),
        ) from None
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise _damaged(path, backup_dir, Message(N_("it is not an SQLite database")))
    if not _header_is_sane(header):
        raise _damaged(path, backup_dir, Message(N_("its header is damaged")))
    app_id = int.from_bytes(header[68:72], "big")
    if app_id not in (0, APPLICATION_ID):
        raise _damaged(path, backup_dir, Message(N_("it belongs to another program")))
    return True


def _header_is_sane(header: bytes) -> bool:
    """The fields every SQLite file has fixed: page size a power of two, payload fractions 64/32/32."""
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    return 512 <= page_size <= 65536 and page_size & (page_size - 1) == 0 and header[21:24] == b"\x40\x20\x20"


def _sqlite_failure(error: sqlite3.Error, path: Path, backup_dir: Path) -> StorageError:
    """Map an SQLite error while opening to the refusal the user sees."""
    code = (getattr(error, "sqlite_errorcode", 0) or 0) & 0xFF
    if code in _IN_USE_CODES:
        return StorageError(
            N_("The data file {path} is in use by another program. Close it there first."), path=str(path)
        )
    if code in _ACCESS_CODES:
        return StorageError(
            N_("The data file {path} cannot be opened or written: {detail}"),
            path=str(path),
            detail=str(error),
        )
    return _damaged(
        path,
        backup_dir,
        Message(N_("its contents are damaged; SQLite reports “{detail}”"), detail=str(error)),
    )


def _connect(path: Path, backup_dir: Path, exists: bool) -> Database:
    """A connection to *path* that has written nothing yet."""
    sidecars = [Path(str(path) + suffix) for suffix in ("-wal", "-shm")]
    fresh_sidecars = [p for p in sidecars if not p.exists()]
    try:
        conn = sqlite3.connect(str(path), timeout=2.0, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise _sqlite_failure(error, path, backup_dir) from None
    try:
        return HistoryDatabase(conn, execute_plugins=False)
    except sqlite3.Error as error:
        conn.close()
        if exists:
            _remove_empty(fresh_sidecars)
        raise _sqlite_failure(error, path, backup_dir) from None


def _remove_empty(paths: list[Path]) -> None:
    """Remove sidecar files SQLite created while failing to read a damaged file (never a non-empty -wal)."""
    for candidate in paths:
        try:
            if candidate.name.endswith("-wal") and candidate.stat().st_size:
                return
        except OSError:
            continue
    for candidate in paths:
        candidate.unlink(missing_ok=True)


def _check_readonly(db: Database, path: Path, backup_dir: Path, migration_set: Migrations) -> list[str]:
    """quick_check and the schema bounds, before anything is written; returns applied migration names."""
    sidecars = [Path(str(path) + suffix) for suffix in ("-wal", "-shm")]
    fresh_sidecars = [p for p in sidecars if not p.exists()]
    try:
        result = db.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise _damaged(
                path, backup_dir, Message(N_("the database check failed: {result}"), result=result)
            )
        tables = set(db.table_names())
        try:
            applied = [m.name for m in migration_set.applied(db)]
        except sqlite3.OperationalError:  # a _sqlite_migrations table that is not sqlite-utils'
            raise _damaged(path, backup_dir, Message(N_("it belongs to another program"))) from None
    except sqlite3.Error as error:
        db.close()
        _remove_empty(fresh_sidecars)
        raise _sqlite_failure(error, path, backup_dir) from None
    except DamagedFileError:
        db.close()
        _remove_empty(fresh_sidecars)
        raise
    if not applied and tables:
        raise _damaged(path, backup_dir, Message(N_("it belongs to another program")))
    known = migration_names(migration_set)
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise FileTooNewError(path=str(path), found=unknown[-1], known=known[-1])
    return applied


# -- writes --------------------------------------------------------------------------------------------


def _set_pragmas(db: Database, path: Path, backup_dir: Path) -> None:
    try:
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA synchronous = FULL")
        mode = db.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    except sqlite3.Error as error:
        raise _sqlite_failure(error, path, backup_dir) from None
    if mode.lower() != "wal":
        raise StorageError(
            N_("The data file {path} cannot be opened or written: {detail}"),
            path=str(path),
            detail=f"journal_mode={mode}",
        )


def _migrate(book: Book, migration_set: Migrations, applied: list[str]) -> None:
    """Back up (an existing file), then apply the pending migrations; stamp application_id/user_version."""
    db = book.db
    known = migration_names(migration_set)
    before = None
    if len(applied) < len(known):
        if applied:
            before = book.backup("before-migration")
        try:
            migration_set.apply(db)
        except sqlite3.Error as error:
            raise StorageError(
                N_(
                    "The data file {path} could not be upgraded ({detail}). A backup was made first: {backup}"
                ),
                path=str(book.path),
                detail=str(error),
                backup=str(before or ""),
            ) from None
    if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    if db.execute("PRAGMA user_version").fetchone()[0] != len(known):
        db.execute(f"PRAGMA user_version = {len(known)}")


def schema_version(db: Database, migration_set: Migrations | None = None) -> int:
    """How many migrations of the jixiao set the file has applied."""
    return len((migration_set or _default_migrations).applied(db))


def known_migration_names() -> list[str]:
    """Names of every migration this version of jixiao knows, in order."""
    return migration_names()


__all__ = [
    "Book",
    "open_book",
    "default_backup_dir",
    "schema_version",
    "migration_names",
    "known_migration_names",
    "utc_now",
    "MIGRATION_SET",
]
