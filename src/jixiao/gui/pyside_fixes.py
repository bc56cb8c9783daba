"""Work-arounds for defects of the PySide6 release in use.

``Signal.emit()`` of PySide6 6.12.0 returns ``True`` without taking a reference to it, so every emit
from Python removes one reference from ``True``. On Python 3.12+ ``True`` is immortal and nothing
happens; on Python 3.11 a long session (or a test run) takes ``True``'s count to zero and the process
aborts with "Fatal Python error: bool_dealloc: deallocating True or False". Measured here: 100 emits
take ``sys.getrefcount(True)`` down by exactly 100, connected or not, from any thread.

``pin_bools()`` gives ``True`` and ``False`` so many references that they outlive any session (they
are never freed anyway: the interpreter holds them until it ends). Call it before the first emit.
"""

from __future__ import annotations

import sys

_pinned = False


def _add_references(count: int) -> None:
    import ctypes

    for value in (True, False):
        # ob_refcnt is the first field of every CPython object
        ctypes.c_ssize_t.from_address(id(value)).value += count


def pin_bools() -> None:
    """Make ``True``/``False`` practically immortal on Python < 3.12 (idempotent; see above)."""
    global _pinned
    if _pinned or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    _add_references(sys.maxsize >> 8)
    _pinned = True
