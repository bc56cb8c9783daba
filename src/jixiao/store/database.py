"""Opening the year book: one SQLite file, locked, checked, migrated, and backed up.

``open_book`` is the only way to get a connection to a data file. It
1. takes the exclusive lock (a second process gets ``FileLockedError``, a crashed holder none);
2. refuses anything that is not a healthy jixiao file without writing to it (``DamagedFileError``):
   the header, ``quick_check``, the recorded migrations, the schema (no object jixiao did not make)
   and every text value are checked on a connection that cannot write or checkpoint; a ``-wal``
   beside the file that fails these checks is never replayed but moved aside (or, when only
   reading, ignored), and named in a warning;
3. refuses a file written by a newer schema, also without writing to it (``FileTooNewError``);
4. backs up, then migrates, a file from an older schema;
5. sets WAL with ``synchronous=FULL`` and foreign keys on;
6. makes the routine backup when the newest is older than a day (a failure there becomes a warning).

A read-only file or folder (or ``readonly=True``) gives a read-only ``Book``: nothing is written —
no lock file where none can be made, no migration, no backup, no checkpoint — and every save is
refused with a message. ``READ_ERRORS`` / ``read_failure`` turn any failure of a later read (damage
that ``quick_check`` cannot see) into the same "damaged" message, naming the newest good backup.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.core.errors import N_, DamagedFileError, FileTooNewError, Message, StorageError
from jixiao.store import backups as _backups
from jixiao.store.connection import Database
from jixiao.store.history import History, HistoryDatabase
from jixiao.store.integrity import schema_problems, text_problems
from jixiao.store.lock import FileLock, LockUnavailableError
from jixiao.store.schema import (
    APPLICATION_ID,
    MIGRATION_SET,
    MigrationSet,
    applied_names,
    migration_set_names,
)
from jixiao.store.schema import migrations as _default_migrations

if TYPE_CHECKING:
    from sqlite_utils.migrations import Migrations

SQLITE_HEADER = b"SQLite format 3\x00"
Clock = Callable[[], dt.datetime]

# Primary SQLite result codes (``sqlite3.Error.sqlite_errorcode & 0xFF``).
_SQLITE_PERM, _SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 3, 5, 6, 8
_SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN = 10, 13, 14
_IN_USE_CODES = {_SQLITE_BUSY, _SQLITE_LOCKED}
_ACCESS_CODES = {_SQLITE_PERM, _SQLITE_READONLY, _SQLITE_IOERR, _SQLITE_FULL, _SQLITE_CANTOPEN}


READONLY_SAVE = N_("The data file {path} is open read-only ({reason}); the change was not saved.")


def utc_now() -> dt.datetime:
    """The current time, timezone-aware UTC (the default clock)."""
    return dt.datetime.now(dt.UTC)


class Book:
    """An open data file: ``db`` (``store.connection.Database``), its lock, where its backups go.

    Use as a context manager or call ``close()``; closing makes the closing backup when anything
    changed since the last one. ``warnings`` lists problems found while opening that do not stop
    the work (risky storage, a routine backup that could not be written).
    """

    def __init__(
        self, path: Path, db: Database, lock: FileLock | _NoLock, backup_dir: Path, clock: Clock
    ) -> None:
        self.path = path
        self.created = False  # this process created the file (``discard`` may then delete it)
        self.readonly_reason: str | None = None  # a msgid when the book is open read-only
        self._db: Database | None = db
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
        ``StorageError`` the user can read, instead of a bare ``sqlite3`` exception. On a read-only
        book reading in the block works and the first write is refused (``READONLY_SAVE``).
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
            if self.readonly:  # a read in a transaction is fine; any write fails (query_only)
                raise StorageError(
                    READONLY_SAVE, path=str(self.path), reason=Message(self.readonly_reason or READONLY_ASKED)
                ) from error
            raise StorageError(
                N_("The change could not be saved ({detail}); nothing was changed."), detail=str(error)
            ) from error

    # -- change tracking, for "back up if anything changed" --------------------------------------
    def _change_count(self) -> int:
        return self.db.conn.total_changes

    def _mark_backed_up(self) -> None:
        self._changes_at_last_backup = self._change_count()

    @property
    def db(self) -> Database:
        """The open connection (``store.connection.Database``).

        :raises StorageError: the book is closed.
        """
        if self._db is None:
            raise StorageError(N_("The data file {path} is closed."), path=str(self.path))
        return self._db

    @property
    def closed(self) -> bool:
        return self._db is None

    @property
    def readonly(self) -> bool:
        """True when the file is open for reading only (every save is refused)."""
        return self.readonly_reason is not None

    def damaged(self, error: BaseException) -> StorageError:
        """The "damaged" message for a failed read (see ``READ_ERRORS``), naming the newest good backup."""
        return read_failure(error, self.path, self.backup_dir)

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

    def backup_if_due(self) -> Path | None:
        """The routine backup: when the newest is older than a day (a failure becomes a warning).

        Callers that read the file after opening it (the CLI, the GUI) open with
        ``routine_backup=False`` and call this once their reads succeeded, so that a file damaged
        in a way only a read finds is not backed up as "the newest good backup".
        """
        if self.closed or self.readonly or not _backups.backup_due(self.path, self.backup_dir, self.clock()):
            return None
        try:
            return self.backup("open")
        except StorageError as error:
            self.warnings.append(error)
            return None

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
        db = self._db
        if db is None:
            return
        try:
            if not self.readonly:
                if self.changed_since_backup:
                    self.backup("close")
                db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            db.close()
            self._db = None
            self.lock.release()

    def discard(self) -> None:
        """Close without a backup and, when this process created the file, delete it (lock still held).

        For a command that created a new file and then failed: a file someone else made is never deleted.
        """
        db = self._db
        if db is None:
            return
        try:
            db.close()
            self._db = None
            if self.created:
                _remove_created(self.path)
        finally:
            self.lock.release()

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def default_backup_dir(path: Path) -> Path:
    """Backups of ``year.sqlite3`` go to ``year-backups/`` beside it."""
    return path.with_name(path.stem + "-backups")


def migration_names(migration_set: MigrationSet | Migrations | None = None) -> list[str]:
    """Names of every migration of *migration_set* (default: jixiao's), in order."""
    return migration_set_names(migration_set or _default_migrations)


def open_book(
    path: str | Path,
    *,
    create: bool = False,
    readonly: bool | None = False,
    backup_dir: Path | None = None,
    clock: Clock = utc_now,
    routine_backup: bool = True,
    migrations: MigrationSet | Migrations | None = None,
    retention: _backups.Retention | None = None,
) -> Book:
    """Open (or with *create*, create) the data file at *path*; see the module docstring.

    :param create: make a new data file when there is none (or when it is empty and has no backups);
        it is created exclusively, and ``Book.created`` tells whether this call made it.
    :param readonly: True: open for reading only (nothing is written: no lock file in a read-only
        folder, no migration, no backup, no checkpoint); False: for writing, refusing a file or
        folder that cannot be written; None: for writing when possible, else read-only (the GUI).
    :param backup_dir: where backups go (default: ``default_backup_dir(path)``).
    :param clock: the time source for backup names and "is a backup due" (tests inject one).
    :param routine_backup: make the daily backup on open when due.
    :param migrations: the migration set to apply (tests pass an extended copy); default jixiao's.
    :param retention: how many old backups the rotation keeps (default: ``backups.DEFAULT_RETENTION``).
    :raises FileNotFoundError: no file and not *create*.
    :raises FileLockedError: another process (or another Book in this one) holds the file.
    :raises DamagedFileError: not a SQLite/jixiao file, a check fails, or the schema holds objects
        jixiao did not make; nothing is written.
    :raises FileTooNewError: the schema is newer than this version knows; nothing is written.
    :raises StorageError: the file or its folder cannot be used (missing folder, permissions, in use
        by another program, the upgrade failed, read-only when writing was asked for).
    """
    path = Path(path).absolute()
    backup_dir = Path(backup_dir).absolute() if backup_dir else default_backup_dir(path)
    migration_set = migrations or _default_migrations
    if not path.exists():
        if not create or readonly:
            raise FileNotFoundError(str(path))
        if not path.parent.is_dir():
            raise StorageError(N_("The folder {folder} does not exist."), folder=str(path.parent))
    reason = _readonly_reason(path)
    if reason is not None and readonly is False:
        raise StorageError(READONLY_REFUSAL, path=str(path), reason=reason)
    asked, readonly = readonly, bool(readonly) or reason is not None
    try:
        lock = _take_lock(path, readonly)  # before looking inside: the holder may be creating the file
    except LockUnavailableError:
        if asked is False:
            raise
        lock, readonly, reason = _NoLock(), True, reason or READONLY_FOLDER  # nobody can lock it to write
    try:
        exists = _existing_content(path, backup_dir, create and not readonly)
        if not exists and not create:
            raise FileNotFoundError(str(path))
        created = False
        if not exists:
            created = _create_exclusively(path)
        warnings: list[StorageError] = []
        applied, use_wal = (
            _check_readonly(path, backup_dir, migration_set, readonly, clock, warnings)
            if exists
            else ([], False)
        )
        if readonly:
            db = _connect_readonly(path, backup_dir, use_wal)
        else:
            db = _connect(path, backup_dir, exists)
        try:
            book = Book(path, db, lock, backup_dir, clock)
            book.created = created
            book.warnings.extend(warnings)
            if retention is not None:
                book.retention = retention
            if readonly:
                book.readonly_reason = reason or READONLY_ASKED
                if not applied:
                    raise _damaged(path, backup_dir, Message(N_("it holds no jixiao data")))
                if len(applied) < len(migration_names(migration_set)):
                    raise StorageError(
                        N_(
                            "The data file {path} must be upgraded to this version of jixiao, which "
                            "cannot be done while it is read-only ({reason})."
                        ),
                        path=str(path),
                        reason=book.readonly_reason,
                    )
                return book
            _set_pragmas(db, path, backup_dir)
            _migrate(book, migration_set, applied)
            book.history = History.install(db)
            if _backups.is_on_risky_storage(path):
                book.warnings.append(StorageError(_backups.RISKY_STORAGE_WARNING, path=str(path)))
            _backups.remove_stale_partials(path, backup_dir)
            if not exists:
                book._mark_backed_up()  # a brand-new empty book needs no closing backup
            elif routine_backup:
                book.backup_if_due()
        except BaseException:
            db.close()
            if created:
                _remove_created(path)
            raise
    except BaseException:
        lock.release()
        raise
    return book


# -- read-only files and folders ---------------------------------------------------------------------

READONLY_REFUSAL = N_("The data file {path} cannot be changed ({reason}); nothing was written.")
READONLY_ASKED = N_("opened for reading only")
READONLY_FILE = N_("the file is read-only")
READONLY_FOLDER = N_("its folder is read-only")


def _writable(path: Path) -> bool:
    """Writable by this user and not marked read-only (a read-only mark counts even for root).

    On Windows a folder's read-only attribute only marks it as customized; whether files can be
    made in it shows when the lock file is created.
    """
    try:
        if os.name == "nt" and path.is_dir():  # pragma: no cover - Windows only
            return True
        return os.access(path, os.W_OK) and bool(path.stat().st_mode & 0o222)
    except OSError:
        return False


def _readonly_reason(path: Path) -> str | None:
    """Why *path* cannot be written (a msgid), or None when it can."""
    if path.exists() and not _writable(path):
        return READONLY_FILE
    if path.parent.is_dir() and not _writable(path.parent):
        return READONLY_FOLDER
    return None


class _NoLock:
    """Stands in for the lock where none can be taken: a read-only folder, where nobody can write."""

    held = False

    def release(self) -> None:
        pass


def _take_lock(path: Path, readonly: bool) -> FileLock | _NoLock:
    """The lock; none for reading in a folder where no lock file can be made.

    :raises LockUnavailableError: no lock file can be made (the caller decides whether reading is fine).
    """
    if readonly and not _writable(path.parent):
        return _NoLock()
    return FileLock(path)


def _create_exclusively(path: Path) -> bool:
    """Create the empty data file; True when this call made it (never truncates another's file)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o644)
    except FileExistsError:
        return False  # an empty file that was there already (checked by _existing_content)
    except OSError as error:
        raise StorageError(
            N_("The data file {path} cannot be opened or written: {detail}"),
            path=str(path),
            detail=error.strerror or str(error),
        ) from None
    os.close(fd)
    return True


def _remove_created(path: Path) -> None:
    """Delete a data file this process created and could not finish (the lock is still held)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(OSError):
            Path(str(path) + suffix).unlink(missing_ok=True)


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


# Errors a read of a damaged file raises: SQLite's, undecodable text, values the decoders refuse.
READ_ERRORS: tuple[type[BaseException], ...] = (
    sqlite3.DatabaseError,
    UnicodeDecodeError,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    ArithmeticError,
)


# The read errors that can only mean damage (not a defect of jixiao): for a failure anywhere in the GUI.
DAMAGE_ERRORS: tuple[type[BaseException], ...] = (sqlite3.DatabaseError, UnicodeDecodeError)


def read_failure(error: BaseException, path: Path, backup_dir: Path | None = None) -> StorageError:
    """The message for a failed read of *path*: "damaged", naming the newest good backup.

    An SQLite error that means "busy" or "no access" keeps its own message.
    """
    path = Path(path).absolute()
    backup_dir = backup_dir or default_backup_dir(path)
    if isinstance(error, sqlite3.Error):
        return _sqlite_failure(error, path, backup_dir)
    detail = Message(N_("a value cannot be read: {detail}"), detail=f"{type(error).__name__}: {error}"[:200])
    return _damaged(path, backup_dir, detail)


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


def _readonly_uri(path: Path, use_wal: bool) -> str:
    """A URI that can only read *path*: with its ``-wal`` (``mode=ro``: reads it, never checkpoints),
    or the main file alone (``immutable``: the ``-wal`` is ignored and no sidecar file is made)."""
    return path.as_uri() + ("?mode=ro" if use_wal else "?mode=ro&immutable=1")


def _hot_wal(path: Path) -> Path | None:
    wal = Path(str(path) + "-wal")
    try:
        return wal if wal.stat().st_size > 0 else None
    except OSError:
        return None


def _check_readonly(
    path: Path,
    backup_dir: Path,
    migration_set: MigrationSet | Migrations,
    readonly: bool,
    clock: Clock,
    warnings: list[StorageError],
) -> tuple[list[str], bool]:
    """Check the file on a connection that cannot write; returns (applied migrations, use the -wal).

    A ``-wal`` beside the file is checked together with it. When that fails but the file alone is
    good, the ``-wal`` does not belong to it (another database's, or a diverged copy's): it is never
    replayed — moved aside (named in a warning), or when only reading, left alone and ignored.
    """
    wal = _hot_wal(path)
    if wal is None:
        return _check_connection(path, backup_dir, migration_set, use_wal=False), False
    try:
        return _check_connection(path, backup_dir, migration_set, use_wal=True), True
    except DamagedFileError:
        applied = _check_connection(path, backup_dir, migration_set, use_wal=False)
    if readonly:
        warnings.append(StorageError(WAL_IGNORED, path=str(path), wal=str(wal)))
        return applied, False
    aside = _set_aside(wal, clock())
    warnings.append(StorageError(WAL_SET_ASIDE, path=str(path), wal=str(wal), aside=str(aside)))
    return applied, False


WAL_IGNORED = N_(
    "The file {wal} beside the data file {path} does not belong to it; it was not used and was left as it is."
)
WAL_SET_ASIDE = N_(
    "The file {wal} beside the data file {path} does not belong to it; it was not used and was kept as {aside}."
)


def _set_aside(wal: Path, now: dt.datetime) -> Path:
    """Rename a rejected ``-wal`` so SQLite never replays it (its ``-shm`` index is dropped)."""
    stamp = now.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")
    aside = wal.with_name(f"{wal.name}.set-aside-{stamp}")
    counter = 1
    while aside.exists():
        aside = wal.with_name(f"{wal.name}.set-aside-{stamp}-{counter}")
        counter += 1
    try:
        os.replace(wal, aside)
        Path(str(wal)[: -len("-wal")] + "-shm").unlink(missing_ok=True)
    except OSError as error:
        raise StorageError(
            N_("The data file {path} cannot be opened or written: {detail}"),
            path=str(wal),
            detail=error.strerror or str(error),
        ) from None
    return aside


def _check_connection(
    path: Path, backup_dir: Path, migration_set: MigrationSet | Migrations, use_wal: bool
) -> list[str]:
    """quick_check, application id, migrations, schema and text, read-only; returns applied migrations."""
    try:
        conn = sqlite3.connect(_readonly_uri(path, use_wal), uri=True, timeout=2.0, isolation_level=None)
    except sqlite3.Error as error:
        raise _sqlite_failure(error, path, backup_dir) from None
    try:
        result = conn.execute("PRAGMA quick_check").fetchone()[0]
        if result != "ok":
            raise _damaged(
                path, backup_dir, Message(N_("the database check failed: {result}"), result=result)
            )
        if conn.execute("PRAGMA application_id").fetchone()[0] not in (0, APPLICATION_ID):
            raise _damaged(path, backup_dir, Message(N_("it belongs to another program")))
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        try:
            applied = applied_names(conn, migration_set.name)
        except sqlite3.OperationalError:  # a _sqlite_migrations table that is not sqlite-utils'
            raise _damaged(path, backup_dir, Message(N_("it belongs to another program"))) from None
        if not applied:
            if tables:
                raise _damaged(path, backup_dir, Message(N_("it belongs to another program")))
            return applied  # an empty SQLite file: made into a jixiao file when opened for writing
        known = migration_names(migration_set)
        unknown = [name for name in applied if name not in known]
        if unknown:
            raise FileTooNewError(path=str(path), found=unknown[-1], known=known[-1])
        problems = schema_problems(conn, len(applied), migration_set) + text_problems(conn)
        if problems:
            raise _damaged(path, backup_dir, problems[0])
        return applied
    except sqlite3.Error as error:
        raise _sqlite_failure(error, path, backup_dir) from None
    except UnicodeDecodeError as error:
        raise read_failure(error, path, backup_dir) from None
    finally:
        conn.close()


def _connect(path: Path, backup_dir: Path, exists: bool) -> HistoryDatabase:
    """A read-write connection to *path* (checked already) that has written nothing yet."""
    try:
        conn = sqlite3.connect(str(path), timeout=2.0, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as error:
        raise _sqlite_failure(error, path, backup_dir) from None
    try:
        return HistoryDatabase(conn)
    except sqlite3.Error as error:
        conn.close()
        raise _sqlite_failure(error, path, backup_dir) from None


def _connect_readonly(path: Path, backup_dir: Path, use_wal: bool) -> HistoryDatabase:
    """A connection that cannot write, checkpoint or create sidecar files (unless reading a -wal)."""
    try:
        conn = sqlite3.connect(
            _readonly_uri(path, use_wal), uri=True, timeout=2.0, isolation_level=None, check_same_thread=False
        )
        conn.execute("PRAGMA query_only = ON")
        return HistoryDatabase(conn)
    except sqlite3.Error as error:
        raise _sqlite_failure(error, path, backup_dir) from None


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


def _migrate(book: Book, migration_set: MigrationSet | Migrations, applied: list[str]) -> None:
    """Back up (an existing file), then apply the pending migrations; stamp application_id/user_version."""
    db = book.db
    known = migration_names(migration_set)
    before = None
    if len(applied) < len(known):
        if applied:
            before = book.backup("before-migration")
        try:
            if isinstance(migration_set, MigrationSet):
                migration_set.apply(db)  # imports sqlite-utils: only when the file needs upgrading
            else:
                from jixiao.store.schema import sqlite_utils_database

                migration_set.apply(sqlite_utils_database(db))
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


def schema_version(db: Database, migration_set: MigrationSet | Migrations | None = None) -> int:
    """How many migrations of the jixiao set the file has applied."""
    return len(applied_names(db.conn, (migration_set or _default_migrations).name))


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
