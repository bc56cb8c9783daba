"""An exclusive, OS-level lock on a sidecar file ``<data file>.lock``.

The OS releases the lock when the holding process dies, so a crash never leaves a lock that blocks
the next start; the file itself may stay behind and is simply reused. The lock file records the
holder's process id so the refusal can name it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from jixiao.core.errors import N_, FileLockedError, StorageError

if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


class LockUnavailableError(StorageError):
    """The lock file cannot be created or opened (a read-only folder, no permission …)."""

    message = N_("The lock file {path} cannot be created: {detail}")


def lock_path_for(data_path: Path) -> Path:
    """The sidecar lock file of *data_path*."""
    return data_path.with_name(data_path.name + ".lock")


class FileLock:
    """Hold the lock of *data_path* until ``release()``; raises FileLockedError when held elsewhere."""

    def __init__(self, data_path: Path) -> None:
        self.path = lock_path_for(data_path)
        self._fd: int | None = None
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError as error:
            raise LockUnavailableError(
                path=str(self.path),
                detail=error.strerror or str(error),
            ) from None
        if not _try_lock(fd):
            holder = _read_holder(fd)
            os.close(fd)
            raise FileLockedError(path=str(data_path), pid=holder or "?")
        try:
            # The pid goes after byte 0 so Windows' byte lock on byte 0 stays valid. It only names
            # the holder in a refusal, so failing to write it is not an error.
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, f" {os.getpid()}\n".encode())
        except OSError:
            pass
        self._fd = fd

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Give the lock up (idempotent). The lock file stays; it is harmless."""
        if self._fd is None:
            return
        try:
            _unlock(self._fd)
        finally:
            os.close(self._fd)
            self._fd = None


def _read_holder(fd: int) -> str | None:
    try:
        os.lseek(fd, 1, os.SEEK_SET)  # past byte 0, which Windows keeps locked
        text = os.read(fd, 64).decode(errors="replace").strip()
    except OSError:
        return None
    return text or None
