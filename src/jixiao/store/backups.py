"""Backups of a data file: made with the SQLite backup API, verified, rotated like Anki.

A backup is ``<backup dir>/<stem>-YYYYMMDD-HHMMSS-<reason>.sqlite3`` (UTC time). Retention keeps
every backup of the last 2 days, then one for each of 12 further days, 10 further weeks and 9 further
months; the rest is deleted. A backup is written to a temporary name, checked with
``integrity_check``, then renamed, so a listed backup is always a good one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path

from jixiao.core.errors import N_, StorageError

BACKUP_EVERY = dt.timedelta(minutes=30)
ROUTINE_BACKUP_AGE = dt.timedelta(days=1)
KEEP_ALL_FOR = dt.timedelta(days=2)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
RISKY_STORAGE_WARNING = N_(
    "The data file {path} lies on a network drive or in a synced folder (OneDrive, Dropbox …). "
    "SQLite files can be damaged there; please keep it on a local disk."
)
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.sqlite3$")
_SYNCED_FOLDER_NAMES = ("onedrive", "dropbox", "google drive", "googledrive", "icloud", "坚果云", "百度网盘", "nutstore")
_NETWORK_FS = ("nfs", "nfs4", "cifs", "smb", "smbfs", "smb3", "fuse.sshfs", "9p", "afs", "davfs", "fuse.rclone")


@dataclass(frozen=True)
class BackupInfo:
    """A backup file: where, when (UTC), why, how big (bytes)."""

    path: Path
    taken_at: dt.datetime
    reason: str
    size: int


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")


def make_backup(
    conn: sqlite3.Connection,
    data_path: Path,
    backup_dir: Path,
    reason: str,
    now: dt.datetime,
    out: Path | None = None,
) -> Path:
    """Copy the live database behind *conn* to a verified backup; prune old ones; return its path.

    With *out* the copy goes there instead and no pruning happens.
    :raises StorageError: the copy could not be written or does not verify.
    """
    if out is None:
        backup_dir.mkdir(parents=True, exist_ok=True)
        base = f"{data_path.stem}-{_stamp(now)}"
        target = backup_dir / f"{base}-{reason}.sqlite3"
        counter = 1
        while target.exists():
            target = backup_dir / f"{base}-{counter}-{reason}.sqlite3"
            counter += 1
    else:
        target = Path(out).absolute()
        if not target.parent.is_dir():
            raise StorageError(N_("The folder {folder} does not exist."), folder=str(target.parent))
    temporary = target.with_name(target.name + ".partial")
    try:
        destination = sqlite3.connect(str(temporary))
        try:
            conn.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
            check = destination.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            destination.close()
        if check != "ok":
            raise StorageError(N_("The backup {path} did not verify ({detail})."), path=str(target), detail=check)
        _fsync_file(temporary)
        os.replace(temporary, target)
    except (OSError, sqlite3.Error) as error:
        temporary.unlink(missing_ok=True)
        raise StorageError(N_("The backup could not be written to {path}: {detail}"), path=str(target), detail=str(error)) from None
    if out is None:
        prune(data_path, backup_dir, now)
    return target


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def list_backups(data_path: Path, backup_dir: Path) -> list[BackupInfo]:
    """The backups of *data_path* in *backup_dir*, newest first."""
    if not backup_dir.is_dir():
        return []
    found = []
    for entry in backup_dir.iterdir():
        match = _NAME.match(entry.name)
        if not match or match["stem"] != data_path.stem:
            continue
        taken = dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=dt.UTC)
        found.append(BackupInfo(entry, taken, match["reason"], entry.stat().st_size))
    found.sort(key=lambda b: (b.taken_at, int(_NAME.match(b.path.name)["n"] or 0)), reverse=True)
    return found


def backup_due(data_path: Path, backup_dir: Path, now: dt.datetime) -> bool:
    """True when there is no backup younger than a day."""
    existing = list_backups(data_path, backup_dir)
    return not existing or now - existing[0].taken_at >= ROUTINE_BACKUP_AGE


def backups_to_keep(backups: list[BackupInfo], now: dt.datetime) -> set[Path]:
    """Which of *backups* the retention rule keeps (see the module docstring)."""
    keep: set[Path] = set()
    days: set[dt.date] = set()
    weeks: set[tuple[int, int]] = set()
    months: set[tuple[int, int]] = set()
    for backup in sorted(backups, key=lambda b: b.taken_at, reverse=True):
        day = backup.taken_at.date()
        week = tuple(day.isocalendar())[:2]
        month = (day.year, day.month)
        if now - backup.taken_at < KEEP_ALL_FOR:
            kept = True
        elif day not in days and len(days) < KEEP_DAILY:
            kept = True
            days.add(day)
        elif day not in days and week not in weeks and len(weeks) < KEEP_WEEKLY:
            kept = True
            weeks.add(week)
        elif day not in days and week not in weeks and month not in months and len(months) < KEEP_MONTHLY:
            kept = True
            months.add(month)
        else:
            kept = False
        if kept:
            keep.add(backup.path)
            if now - backup.taken_at >= KEEP_ALL_FOR:
                days.add(day)
                weeks.add(week)
                months.add(month)
    return keep


def prune(data_path: Path, backup_dir: Path, now: dt.datetime) -> list[Path]:
    """Delete the backups the retention rule does not keep; returns the deleted paths."""
    backups = list_backups(data_path, backup_dir)
    keep = backups_to_keep(backups, now)
    deleted = []
    for backup in backups:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


def verify_backup(path: Path) -> bool:
    """True when *path* is an SQLite file that passes ``integrity_check``."""
    try:
        with path.open("rb") as fp:
            if not fp.read(16).startswith(b"SQLite format 3"):
                return False
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def newest_good_backup(data_path: Path, backup_dir: Path) -> Path | None:
    """The newest backup that verifies, or None."""
    for backup in list_backups(data_path, backup_dir):
        if verify_backup(backup.path):
            return backup.path
    return None


def restore(backup_path: Path, data_path: Path, backup_dir: Path, now: dt.datetime) -> Path | None:
    """Put *backup_path* in place of *data_path*, keeping the current file first.

    The current file (if any) is saved into *backup_dir* as ``…-before-restore.sqlite3`` (through the
    backup API when it opens, else as a byte copy, so even a damaged file is kept). The caller must
    hold no connection to *data_path*. Returns where the current file was saved (None if none).
    :raises StorageError: the backup does not verify, or the data file is in use.
    """
    from jixiao.store.lock import FileLock

    backup_path = Path(backup_path).absolute()
    data_path = Path(data_path).absolute()
    if not verify_backup(backup_path):
        raise StorageError(N_("{path} is not a good backup; nothing was changed."), path=str(backup_path))
    lock = FileLock(data_path)
    try:
        saved = None
        if data_path.exists():
            backup_dir.mkdir(parents=True, exist_ok=True)
            saved = backup_dir / f"{data_path.stem}-{_stamp(now)}-before-restore.sqlite3"
            try:
                source = sqlite3.connect(str(data_path))
                try:
                    if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                        raise sqlite3.DatabaseError("damaged")
                    destination = sqlite3.connect(str(saved))
                    source.backup(destination)
                    destination.close()
                finally:
                    source.close()
            except sqlite3.Error:
                saved.unlink(missing_ok=True)
                saved = saved.with_name(saved.name.replace("-before-restore", "-damaged"))
                shutil.copy2(data_path, saved)
        temporary = data_path.with_name(data_path.name + ".restoring")
        shutil.copyfile(backup_path, temporary)
        _fsync_file(temporary)
        for suffix in ("-wal", "-shm"):
            Path(str(data_path) + suffix).unlink(missing_ok=True)
        os.replace(temporary, data_path)
        return saved
    finally:
        lock.release()


def is_on_risky_storage(path: Path) -> bool:
    """True when *path* is on a network file system, a mapped network drive or a synced folder."""
    lowered = str(path).lower()
    if any(name in lowered for name in _SYNCED_FOLDER_NAMES):
        return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        if lowered.startswith("\\\\"):
            return True
        import ctypes

        drive = os.path.splitdrive(str(path))[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return False
    best, best_type = "", ""
    resolved = str(path.resolve())
    for line in mounts:
        parts = line.split()
        if len(parts) >= 3 and resolved.startswith(parts[1]) and len(parts[1]) > len(best):
            best, best_type = parts[1], parts[2]
    return best_type in _NETWORK_FS
