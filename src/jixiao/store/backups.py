"""Backups of a data file: made with the SQLite backup API, verified, rotated like Anki.

A backup is ``<backup dir>/<stem>-YYYYMMDD-HHMMSS-<reason>.sqlite3`` (UTC time). Retention (as in
Anki), going from the newest backup to the oldest: every backup younger than 2 days is kept; then the
newest backup of each older day, for 12 days; then the newest of each older ISO week, for 10 weeks;
then the newest of each older month, for 9 months; the rest is deleted. Days, weeks and months are
UTC. A backup is written to a temporary name, checked with ``integrity_check``, flushed to disk, then
renamed, so a listed backup is always a complete one.

A copy of a damaged data file kept by ``restore`` (``…-damaged.sqlite3``) is not a backup: it is
never listed, never restored from and never pruned.

Clocks go wrong: a backup whose name is later than now (beyond ``CLOCK_SLACK``) was made while the
PC clock was ahead. Its time cannot be trusted, so it is listed after every backup with a believable
time (flagged ``future``), is never "the newest good backup" while another one verifies, does not
make the routine backup wait, and is never pruned (it becomes an ordinary backup once the clock
passes it). A ``.partial`` left by a backup that was killed is removed when the file is next opened
for writing.
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
from jixiao.store.schema import APPLICATION_ID, MIGRATION_SET

BACKUP_EVERY = dt.timedelta(minutes=30)
CLOCK_SLACK = dt.timedelta(minutes=5)  # a backup named later than now + this is "from the future"
ROUTINE_BACKUP_AGE = dt.timedelta(days=1)
KEEP_ALL_FOR = dt.timedelta(days=2)
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY = 12, 10, 9
RISKY_STORAGE_WARNING = N_(
    "The data file {path} lies on a network drive or in a synced folder (OneDrive, Dropbox …). "
    "SQLite files can be damaged there; please keep it on a local disk."
)
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?-(?P<reason>[a-z-]+)\.sqlite3$")
DAMAGED_REASON = "damaged"
# A path component starting with one of these is a synced folder ("OneDrive - 某单位", "Dropbox (Personal)").
_SYNCED_FOLDER_NAMES = (
    "onedrive",
    "dropbox",
    "google drive",
    "googledrive",
    "my drive",
    "icloud",
    "icloud drive",
    "坚果云",
    "百度网盘",
    "baidunetdisk",
    "nutstore",
    "wpsdrive",
    "wps云盘",
)
_NETWORK_FS = (
    "nfs",
    "nfs4",
    "cifs",
    "smb",
    "smbfs",
    "smb3",
    "fuse.sshfs",
    "9p",
    "afs",
    "davfs",
    "fuse.rclone",
)


@dataclass(frozen=True)
class Retention:
    """How many older backups the rotation keeps (see the module docstring; the defaults are Anki's).

    Every backup younger than ``keep_all_days`` days is kept; then the newest of each older day for
    ``daily`` days, of each older ISO week for ``weekly`` weeks, of each older month for ``monthly``
    months.
    """

    keep_all_days: int = KEEP_ALL_FOR.days
    daily: int = KEEP_DAILY
    weekly: int = KEEP_WEEKLY
    monthly: int = KEEP_MONTHLY


DEFAULT_RETENTION = Retention()


@dataclass(frozen=True)
class BackupInfo:
    """A backup file: where, when (UTC), why, how big (bytes)."""

    path: Path
    taken_at: dt.datetime
    reason: str
    size: int
    future: bool = False  # named later than now: made while the clock was ahead (see the module docstring)


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S")


def _free_name(backup_dir: Path, stem: str, now: dt.datetime, reason: str) -> Path:
    base = f"{stem}-{_stamp(now)}"
    target = backup_dir / f"{base}-{reason}.sqlite3"
    counter = 1
    while target.exists():
        target = backup_dir / f"{base}-{counter}-{reason}.sqlite3"
        counter += 1
    return target


def make_backup(
    conn: sqlite3.Connection,
    data_path: Path,
    backup_dir: Path,
    reason: str,
    now: dt.datetime,
    out: Path | None = None,
    prune_old: bool = True,
    retention: Retention = DEFAULT_RETENTION,
) -> Path:
    """Copy the live database behind *conn* to a verified backup; prune old ones; return its path.

    With *out* the copy goes there instead (an existing file there is replaced) and no pruning
    happens; *prune_old* False also skips pruning; *retention* is the rotation applied.
    :raises StorageError: the copy could not be written or does not verify.
    """
    if out is None:
        try:
            backup_dir.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                N_("The backup could not be written to {path}: {detail}"),
                path=str(backup_dir),
                detail=error.strerror or str(error),
            ) from None
        target = _free_name(backup_dir, data_path.stem, now, reason)
    else:
        target = Path(out).absolute()
        if not target.parent.is_dir():
            raise StorageError(N_("The folder {folder} does not exist."), folder=str(target.parent))
        if target == Path(data_path).absolute():
            raise StorageError(N_("A backup cannot replace the data file itself."))
    temporary = target.with_name(target.name + ".partial")
    try:
        _unlink_with_sidecars(temporary)
        destination = sqlite3.connect(str(temporary), isolation_level=None)
        try:
            conn.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
            check = destination.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            destination.close()
        if check != "ok":
            raise StorageError(
                N_("The backup {path} did not verify ({detail})."), path=str(target), detail=check
            )
        _fsync_file(temporary)
        os.replace(temporary, target)
        _fsync_dir(target.parent)
    except (OSError, sqlite3.Error) as error:
        _unlink_with_sidecars(temporary)
        detail = getattr(error, "strerror", None) or str(error)
        raise StorageError(
            N_("The backup could not be written to {path}: {detail}"), path=str(target), detail=detail
        ) from None
    except StorageError:
        _unlink_with_sidecars(temporary)
        raise
    if out is None and prune_old:
        prune(data_path, backup_dir, now, retention)
    return target


def _unlink_with_sidecars(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    """Make a rename in *path* durable (POSIX; Windows has no directory handles for this)."""
    if os.name == "nt":  # pragma: no cover - Windows only
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse fsync on a directory; the rename is still atomic
    finally:
        os.close(fd)


def stamp_time(stamp: str) -> dt.datetime:
    """A backup name's ``YYYYmmdd-HHMMSS`` stamp (as ``_NAME`` matches it: 8 digits, "-", 6 digits) as a
    UTC time; ``ValueError`` when it is no time. What ``strptime(stamp, "%Y%m%d-%H%M%S")`` gives for
    such a stamp, without importing ``_strptime`` (~2 ms of the window's start)."""
    if not stamp.isascii():  # strptime reads ASCII digits only; _NAME's \d matches others too
        raise ValueError(f"not a backup time: {stamp!r}")
    return dt.datetime(
        int(stamp[0:4]),
        int(stamp[4:6]),
        int(stamp[6:8]),
        int(stamp[9:11]),
        int(stamp[11:13]),
        int(stamp[13:15]),
        tzinfo=dt.UTC,
    )


def list_backups(data_path: Path, backup_dir: Path, now: dt.datetime | None = None) -> list[BackupInfo]:
    """The backups of *data_path* in *backup_dir*, newest first; those named later than *now*
    (default: the current time) last, flagged ``future``."""
    if not backup_dir.is_dir():
        return []
    limit = (now or dt.datetime.now(dt.UTC)) + CLOCK_SLACK
    found = []
    for entry in backup_dir.iterdir():
        match = _NAME.match(entry.name)
        if not match or match["stem"] != data_path.stem or match["reason"] == DAMAGED_REASON:
            continue
        try:
            taken = stamp_time(match["stamp"])
            size = entry.stat().st_size
        except (ValueError, OSError):
            continue
        future = taken > limit
        info = BackupInfo(entry, taken, match["reason"], size, future)
        found.append((not future, taken, int(match["n"] or 0), info))
    found.sort(key=lambda item: item[:3], reverse=True)
    return [info for *_, info in found]


def backup_due(data_path: Path, backup_dir: Path, now: dt.datetime) -> bool:
    """True when there is no backup younger than a day (a backup from the future does not count)."""
    existing = [b for b in list_backups(data_path, backup_dir, now) if not b.future]
    return not existing or now - existing[0].taken_at >= ROUTINE_BACKUP_AGE


def backups_to_keep(
    backups: list[BackupInfo], now: dt.datetime, retention: Retention = DEFAULT_RETENTION
) -> set[Path]:
    """Which of *backups* the retention rule keeps (see the module docstring)."""
    keep: set[Path] = set()
    quota = {"day": retention.daily, "week": retention.weekly, "month": retention.monthly}
    keep_all_for = dt.timedelta(days=retention.keep_all_days)
    last: dict[str, tuple[int, ...] | None] = {"day": None, "week": None, "month": None}
    for backup in sorted(backups, key=lambda b: b.taken_at, reverse=True):
        day = backup.taken_at.astimezone(dt.UTC).date()
        periods = {
            "day": (day.toordinal(),),
            "week": tuple(day.isocalendar())[:2],
            "month": (day.year, day.month),
        }
        if now - backup.taken_at < keep_all_for:
            stage = "recent"
        else:
            due = next((name for name in ("day", "week", "month") if quota[name] > 0), None)
            if due is None or periods[due] == last[due]:
                continue
            stage = due  # beyond every quota, or its day/week/month already has a kept backup
            quota[stage] -= 1
        keep.add(backup.path)
        last.update(periods)
    return keep


def prune(
    data_path: Path, backup_dir: Path, now: dt.datetime, retention: Retention = DEFAULT_RETENTION
) -> list[Path]:
    """Delete the backups the retention rule does not keep; returns the deleted paths."""
    backups = list_backups(data_path, backup_dir)
    keep = backups_to_keep(backups, now, retention)
    deleted = []
    for backup in backups:
        if backup.path not in keep:
            try:
                backup.path.unlink(missing_ok=True)
            except OSError:
                continue  # e.g. held open by a virus scanner: try again at the next backup
            deleted.append(backup.path)
    return deleted


def _readonly_uri(path: Path) -> str:
    # immutable: read exactly the bytes of this one file (a -wal beside it is not part of a backup)
    return Path(path).absolute().as_uri() + "?mode=ro&immutable=1"


def verify_backup(path: Path) -> bool:
    """True when *path* is an SQLite file that passes ``integrity_check``."""
    try:
        with Path(path).open("rb") as fp:
            if not fp.read(16).startswith(b"SQLite format 3"):
                return False
        conn = sqlite3.connect(_readonly_uri(path), uri=True)
        try:
            return conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def is_jixiao_file(path: Path) -> bool:
    """True when the SQLite file at *path* is a jixiao data file (or a backup of one)."""
    try:
        conn = sqlite3.connect(_readonly_uri(path), uri=True)
        try:
            if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
                return True
            return (
                conn.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '_sqlite_migrations'"
                ).fetchone()[0]
                == 1
                and conn.execute(
                    "SELECT count(*) FROM _sqlite_migrations WHERE migration_set = ?", [MIGRATION_SET]
                ).fetchone()[0]
                > 0
            )
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def newest_good_backup(data_path: Path, backup_dir: Path, now: dt.datetime | None = None) -> Path | None:
    """The newest backup that verifies and is a jixiao file, or None (one from the future only
    when no other verifies)."""
    for backup in list_backups(data_path, backup_dir, now):
        if verify_backup(backup.path) and is_jixiao_file(backup.path):
            return backup.path
    return None


def remove_stale_partials(data_path: Path, backup_dir: Path) -> list[Path]:
    """Delete what killed backups of *data_path* left in *backup_dir* (``….sqlite3.partial`` and its
    journal); call only while holding the data file's lock. Returns what was deleted."""
    if not backup_dir.is_dir():
        return []
    removed = []
    for entry in backup_dir.iterdir():
        base = entry.name
        for suffix in ("-journal", "-wal", "-shm"):
            base = base.removesuffix(suffix)
        if not base.endswith(".sqlite3.partial"):
            continue
        match = _NAME.match(base.removesuffix(".partial"))
        if not match or match["stem"] != data_path.stem:
            continue
        try:
            entry.unlink()
        except OSError:
            continue
        removed.append(entry)
    return removed


def restore(
    backup_path: Path, data_path: Path, backup_dir: Path, now: dt.datetime, damaged: bool = False
) -> Path | None:
    """Put *backup_path* in place of *data_path*, keeping the current file first.

    Steps: the backup is verified (a good SQLite file of jixiao) and copied beside the data file;
    the current file (if any) is saved into *backup_dir* — as a verified ``…-before-restore``
    backup when it opens, else byte for byte (with its ``-wal``) as ``…-damaged.sqlite3`` — and
    only then replaced by the copy. Nothing is changed when any step before the replacement fails.
    The data file must not be open (its lock is taken for the whole restore). *damaged*: the
    current file is known to be damaged; it is kept byte for byte without trying to read it.
    Returns where the current file was saved (None when there was none).
    :raises FileLockedError: the data file is open in jixiao.
    :raises StorageError: the backup is not good, or a copy could not be written.
    """
    from jixiao.store.lock import FileLock

    backup_path = Path(backup_path).absolute()
    data_path = Path(data_path).absolute()
    backup_dir = Path(backup_dir).absolute()
    if backup_path == data_path:
        raise StorageError(N_("{path} is the data file itself, not a backup."), path=str(backup_path))
    if not verify_backup(backup_path) or not is_jixiao_file(backup_path) or not _schema_as_made(backup_path):
        raise StorageError(N_("{path} is not a good backup; nothing was changed."), path=str(backup_path))
    lock = FileLock(data_path)
    temporary = data_path.with_name(data_path.name + ".restoring")
    try:
        try:
            shutil.copyfile(backup_path, temporary)
            _fsync_file(temporary)
        except OSError as error:
            raise _copy_failed(temporary, error) from None
        if not verify_backup(temporary):
            raise StorageError(N_("{path} is not a good backup; nothing was changed."), path=str(backup_path))
        saved = _keep_current(data_path, backup_dir, now, damaged) if data_path.exists() else None
        try:
            for suffix in ("-wal", "-shm", "-journal"):
                # A -wal left beside the new file would be replayed into it.
                Path(str(data_path) + suffix).unlink(missing_ok=True)
            os.replace(temporary, data_path)
            _fsync_dir(data_path.parent)
        except OSError as error:
            raise _copy_failed(data_path, error) from None
        return saved
    finally:
        temporary.unlink(missing_ok=True)
        lock.release()


def _schema_as_made(path: Path) -> bool:
    """True when the file at *path* holds no schema object jixiao did not make (a planted trigger …)."""
    from jixiao.store.integrity import schema_problems

    try:
        conn = sqlite3.connect(_readonly_uri(path), uri=True)
        try:
            return not schema_problems(conn)
        finally:
            conn.close()
    except (OSError, sqlite3.Error, ValueError):
        return False


def _copy_failed(path: Path, error: OSError) -> StorageError:
    return StorageError(
        N_("The file {path} could not be written: {detail}. The data file was not changed."),
        path=str(path),
        detail=error.strerror or str(error),
    )


def _keep_current(data_path: Path, backup_dir: Path, now: dt.datetime, damaged: bool = False) -> Path:
    """Save the current data file before a restore: a verified backup, or a byte copy when damaged.

    The current file is read on a connection that cannot write or checkpoint, so a foreign ``-wal``
    beside it is never written into it; when anything about it is wrong, the file and its ``-wal``
    are kept byte for byte.
    """
    from jixiao.store.integrity import schema_problems, text_problems

    try:
        if damaged:
            raise sqlite3.DatabaseError("known to be damaged")
        source = sqlite3.connect(data_path.as_uri() + "?mode=ro", uri=True, isolation_level=None)
        try:
            healthy = source.execute("PRAGMA quick_check").fetchone()[0] == "ok"
            if not healthy or schema_problems(source) or text_problems(source):
                raise sqlite3.DatabaseError("quick_check failed")
            return make_backup(source, data_path, backup_dir, "before-restore", now, prune_old=False)
        finally:
            source.close()
    except (sqlite3.Error, StorageError, UnicodeDecodeError, ValueError):
        pass
    try:
        backup_dir.mkdir(parents=True, exist_ok=True)
        saved = _free_name(backup_dir, data_path.stem, now, DAMAGED_REASON)
        for suffix in ("", "-wal"):
            source_file = Path(str(data_path) + suffix)
            if source_file.exists():
                copy = Path(str(saved) + suffix)
                shutil.copyfile(source_file, copy)
                _fsync_file(copy)
        _fsync_dir(backup_dir)
    except OSError as error:
        raise _copy_failed(backup_dir, error) from None
    return saved


def _mount_points(table: Path = Path("/proc/mounts")) -> list[tuple[str, str]]:
    """(mount point, file system type) of every mount in *table* (Linux; octal escapes decoded)."""
    try:
        lines = table.read_text().splitlines()
    except OSError:
        return []
    mounts = []
    for line in lines:
        parts = line.split()
        if len(parts) >= 3:
            point = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m[1], 8)), parts[1])
            mounts.append((point, parts[2]))
    return mounts


def is_on_risky_storage(path: Path) -> bool:
    """True when *path* is on a network file system, a mapped network drive or a synced folder."""
    path = Path(path).absolute()
    for part in path.parts:
        lowered = part.lower()
        if any(lowered.startswith(name) for name in _SYNCED_FOLDER_NAMES):
            return True
    if sys.platform == "win32":  # pragma: no cover - Windows only
        if str(path).startswith("\\\\"):
            return True
        import ctypes

        drive = os.path.splitdrive(str(path))[0] + "\\"
        return ctypes.windll.kernel32.GetDriveTypeW(drive) == 4  # DRIVE_REMOTE
    resolved = path.resolve()
    best, best_type = None, ""
    for point, fs_type in _mount_points():
        mount = Path(point)
        if (resolved == mount or mount in resolved.parents) and (
            best is None or len(mount.parts) > len(best.parts)
        ):
            best, best_type = mount, fs_type
    return best_type in _NETWORK_FS or best_type.startswith("fuse.sshfs")
