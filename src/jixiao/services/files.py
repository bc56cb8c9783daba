"""File operations of the GUI and the CLI: the data file (open, back up, restore, move) and
whole files written safely. ``gui/`` and ``cli.py`` reach the data file only through here.

Writing a whole file: the bytes go to a temporary file that ``tempfile.mkstemp`` creates in the target's folder with an
unpredictable name, exclusively (``O_EXCL``: an existing file or a symbolic link there is never
opened, so nothing is written through a link someone planted, e.g. in a shared temp folder). It is
flushed to disk and then renamed over the target: the target is either the old file or the new one.
A link at the target itself is replaced, not followed.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from jixiao.core.errors import N_, JixiaoError
from jixiao.store import backups as _backups
from jixiao.store import relocate as _relocate
from jixiao.store.backups import (
    BACKUP_EVERY,
    DEFAULT_RETENTION,
    RISKY_STORAGE_WARNING,
    BackupInfo,
    Retention,
)
from jixiao.store.database import DAMAGE_ERRORS, READ_ERRORS, Book, default_backup_dir, open_book, utc_now
from jixiao.store.integrity import read_failure_of

__all__ = [
    "BACKUP_EVERY",
    "DEFAULT_RETENTION",
    "RISKY_STORAGE_WARNING",
    "DAMAGE_ERRORS",
    "READ_ERRORS",
    "BackupInfo",
    "Book",
    "Retention",
    "default_backup_dir",
    "open_book",
    "utc_now",
    "damage_of",
    "list_backups",
    "has_backups",
    "newest_good_backup",
    "restore_backup",
    "copy_for_move",
    "finish_move",
    "write_atomically",
]


# -- the data file ----------------------------------------------------------------------------------
def damage_of(book: Book, error: BaseException) -> BaseException | None:
    """Whether *error*, raised while reading *book*, means the file is damaged: the failure to show
    (see ``Book.damaged``), or None when the data read fine (then *error* is a defect of jixiao)."""
    return read_failure_of(book.db, error)


def list_backups(path: Path, backup_dir: Path | None = None) -> list[BackupInfo]:
    """The backups of the data file *path* in *backup_dir* (default: its own backup folder), newest first."""
    path = Path(path).absolute()
    return _backups.list_backups(path, backup_dir or default_backup_dir(path))


def has_backups(path: Path, backup_dir: Path | None = None) -> bool:
    """True when the data file *path* has at least one backup."""
    return bool(list_backups(path, backup_dir))


def newest_good_backup(path: Path, backup_dir: Path | None = None) -> Path | None:
    """The newest backup of *path* that opens as a jixiao file, or None."""
    path = Path(path).absolute()
    return _backups.newest_good_backup(path, backup_dir or default_backup_dir(path))


def restore_backup(
    backup: Path,
    path: Path,
    backup_dir: Path | None = None,
    damaged: bool = False,
    now: dt.datetime | None = None,
) -> Path | None:
    """Put *backup* in place of the data file *path* (which must not be open), keeping the current
    file first in *backup_dir* (default: its own backup folder); with *path* a new name, the backup
    becomes a new data file. Returns where the current file was kept (None: there was none).

    :param damaged: the current file is known to be damaged: it is kept byte for byte, unread.
    :raises FileLockedError: the data file is open.
    :raises StorageError: the backup is not good, or a copy could not be written (nothing changed).
    """
    path = Path(path).absolute()
    return _backups.restore(
        Path(backup), path, backup_dir or default_backup_dir(path), now or utc_now(), damaged=damaged
    )


def copy_for_move(book: Book, target: Path) -> Path:
    """First half of moving the open data file: a backup, then a verified copy at *target* made while
    the file is still locked. The caller then closes *book* and opens the copy; ``finish_move``
    completes the move only once that worked."""
    book.backup("before-move")
    return _relocate.copy_book(book, Path(target).absolute())


def finish_move(old_path: Path, old_backup_dir: Path, new_book: Book) -> None:
    """Second half of a move, once the copy is open as *new_book*: the old file's backups are copied
    beside the new one, then the old data file is removed."""
    _relocate.copy_backups(old_path, old_backup_dir, new_book.path, new_book.backup_dir)
    _relocate.remove_data_file(old_path)


# -- whole files ------------------------------------------------------------------------------------


def in_existing_folder(path: str | os.PathLike) -> Path:
    """*path* made absolute; :raises JixiaoError: its folder does not exist (checked before a long
    export, so that it cannot end in a missing folder)."""
    path = Path(path).absolute()
    if not path.parent.is_dir():
        raise JixiaoError(N_("The folder {folder} does not exist."), folder=str(path.parent))
    return path


def save_file(
    path: str | os.PathLike, data: bytes, failure: str = N_("The file {path} could not be written: {detail}")
) -> Path:
    """*data* to *path* by ``write_atomically``, for an export the user asked for: a missing folder or
    a failed write is a ``JixiaoError`` (*failure*, a msgid with ``{path}`` and ``{detail}``)."""
    path = in_existing_folder(path)
    try:
        return write_atomically(path, data)
    except OSError as error:
        raise JixiaoError(failure, path=str(path), detail=error.strerror or str(error)) from None


def write_atomically(path: Path | str, data: bytes) -> Path:
    """Write *data* to *path* through a securely created temporary file; returns the absolute path.

    :raises OSError: the folder cannot be written (nothing is left behind).
    """
    return write_stream_atomically(path, lambda fp: fp.write(data))


def write_stream_atomically(path: Path | str, write: Callable[[BinaryIO], object]) -> Path:
    """Like ``write_atomically``, with the bytes written by ``write(binary_file)``, in pieces.

    :raises OSError: the folder cannot be written (nothing is left behind); so does whatever *write*
        raises.
    """
    path = Path(path).absolute()
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fp:
            write(fp)
            fp.flush()
            os.fsync(fp.fileno())
        with contextlib.suppress(OSError):
            os.chmod(temporary, 0o644 & ~_umask())  # mkstemp makes it 0600; give it the usual mode
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
