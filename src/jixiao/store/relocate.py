"""Moving the data file to another folder, safely.

``copy_book`` writes a copy of the open book to the new place with the SQLite backup API (never a
byte copy of a live file) and checks it: ``integrity_check``, jixiao's application id, the same
migrations and the same number of rows in every table. The caller then closes the book, opens the
copy, and only after that succeeds removes the old file with ``remove_data_file``.
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from jixiao.core.errors import N_, StorageError
from jixiao.store import backups as _backups
from jixiao.store.database import Book
from jixiao.store.lock import lock_path_for
from jixiao.store.schema import APPLICATION_ID

_SIDECARS = ("-wal", "-shm", "-journal")


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        )
    ]


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in _tables(conn)}


def copy_book(book: Book, target: Path) -> Path:
    """Write a verified copy of the open *book* to *target* (which must not exist); returns it.

    :raises StorageError: *target* exists or is the data file, its folder is missing, or the copy
        cannot be written or does not match the book (the partial copy is removed).
    """
    target = Path(target).absolute()
    if target == book.path:
        raise StorageError(N_("{path} is the data file itself."), path=str(target))
    if target.exists():
        raise StorageError(N_("{path} already exists; choose a new file name."), path=str(target))
    book.backup("move", out=target)  # backup API, integrity_check, fsync, atomic rename
    try:
        copy = sqlite3.connect(_backups._readonly_uri(target), uri=True)
        try:
            same = copy.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID and _counts(
                copy
            ) == _counts(book.db.conn)
        finally:
            copy.close()
    except sqlite3.Error:
        same = False
    if not same:
        target.unlink(missing_ok=True)
        raise StorageError(
            N_("The copy at {path} does not match the data file; nothing was moved."), path=str(target)
        )
    return target


def copy_backups(data_path: Path, backup_dir: Path, new_path: Path, new_backup_dir: Path) -> int:
    """Copy the backups of *data_path* to *new_backup_dir*, named for *new_path*; returns how many.

    The originals stay where they are. A backup that cannot be copied is skipped.
    """
    copied = 0
    if Path(backup_dir).absolute() == Path(new_backup_dir).absolute():
        return 0
    for backup in _backups.list_backups(data_path, backup_dir):
        name = new_path.stem + backup.path.name[len(data_path.stem) :]
        try:
            new_backup_dir.mkdir(parents=True, exist_ok=True)
            if not (new_backup_dir / name).exists():
                shutil.copy2(backup.path, new_backup_dir / name)
                copied += 1
        except OSError:
            continue
    return copied


def remove_data_file(path: Path) -> None:
    """Delete a data file that is no longer used, with its SQLite sidecars and its lock file.

    :raises StorageError: the file could not be deleted (it is then still complete and usable).
    """
    path = Path(path)
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise StorageError(
            N_("The old data file {path} could not be deleted: {detail}"),
            path=str(path),
            detail=error.strerror or str(error),
        ) from None
    for extra in [Path(str(path) + suffix) for suffix in _SIDECARS] + [lock_path_for(path)]:
        try:
            extra.unlink(missing_ok=True)
        except OSError:
            pass
