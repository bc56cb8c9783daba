"""Work-arounds for defects of the PySide6 release in use.

PySide6 6.12.0 on Python 3.11 returns two singletons without taking a reference to them:

- ``Signal.emit()`` returns ``True``: every emit from Python removes one reference from ``True``;
- every Qt method that returns nothing (``setText``, ``drawText``, ``QTimer.singleShot``,
  ``processEvents`` …) returns ``None``: every such call removes one reference from ``None``.

On Python 3.12+ these objects are immortal and nothing happens. On Python 3.11 their counts run down
to zero and the process aborts with "Fatal Python error: bool_dealloc" or "none_dealloc". Measured
here: 1,000 calls take ``sys.getrefcount`` down by exactly 1,000; ``None`` has ~8,000 references
after the window opens and one repaint of the overview makes ~170 such calls, so about fifty repaints
(scrolling, resizing) ended the program, and at the latest its exit after a large year had been read
(its released ``None`` fields then reach zero).

``pin_immortals()`` gives ``True``, ``False`` and ``None`` so many references that they outlive any
session (they are never freed anyway: the interpreter holds them until it ends). Call it before the
first Qt call.

PySide6 also looks for the word "PySide6" in the source of every module imported after it (to switch
its ``__feature__`` options per module, PYSIDE-2029), through ``inspect.getsource``: about 0.1 ms a
module, 10–15 ms of jixiao's start. ``quicker_feature_scan()`` reads a module's .py file as bytes
instead, which gives the same answer; modules without one still go through PySide6's own scan.
"""

from __future__ import annotations

import sys

_pinned = False
PINNED = (True, False, None)


def _add_references(count: int) -> None:
    import ctypes

    for value in PINNED:
        # ob_refcnt is the first field of every CPython object
        ctypes.c_ssize_t.from_address(id(value)).value += count


def quicker_feature_scan() -> None:
    """Replace PySide6's per-module source scan by a plain read of the module's file (idempotent; a
    PySide6 without that scan is left alone)."""
    feature = sys.modules.get("shibokensupport.feature")
    scan = getattr(feature, "_mod_uses_pyside", None)
    if scan is None or getattr(scan, "quicker", False):
        return

    def mod_uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if isinstance(path, str) and path.endswith(".py"):
            try:
                with open(path, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass
        return scan(module)

    mod_uses_pyside.quicker = True
    mod_uses_pyside.original = scan
    feature._mod_uses_pyside = mod_uses_pyside


def pin_immortals() -> None:
    """Make ``True``, ``False`` and ``None`` practically immortal on Python < 3.12 (idempotent;
    see above)."""
    global _pinned
    if _pinned or sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    _add_references(sys.maxsize >> 8)
    _pinned = True
