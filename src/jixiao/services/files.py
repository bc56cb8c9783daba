"""Writing a whole file safely: never half written, never through a planted link.

The bytes go to a temporary file that ``tempfile.mkstemp`` creates in the target's folder with an
unpredictable name, exclusively (``O_EXCL``: an existing file or a symbolic link there is never
opened, so nothing is written through a link someone planted, e.g. in a shared temp folder). It is
flushed to disk and then renamed over the target: the target is either the old file or the new one.
A link at the target itself is replaced, not followed.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO


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
