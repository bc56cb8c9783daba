"""Choosing Qt's input-method module before the QApplication exists, so Chinese input works.

The PySide6 wheel's Qt carries only the ``ibus`` and ``compose`` input-context plugins (and the
virtual keyboard): no fcitx plugin, and a distribution's fcitx5 Qt6 plugin is built for another Qt
and does not load. Measured under Xvfb with real input methods:

- ibus (ibus-daemon + ibus-libpinyin): works with ``QT_IM_MODULE=ibus``.
- fcitx5 (统信UOS, 银河麒麟, Deepin): ``QT_IM_MODULE=fcitx`` gives raw pinyin; fcitx5's ibus frontend
  works with ``QT_IM_MODULE=ibus`` plus ``IBUS_USE_PORTAL=1`` (without it Qt's ibus plugin looks for
  ``ibus-daemon`` on PATH and gives up).
- fcitx 4: **not supported** — Qt 6 has no XIM and the wheel no fcitx plugin; the user sees raw
  pinyin. Switch the desktop to fcitx5 or ibus (both packaged on every supported distribution).

Rules (``decide``): an explicit ``QT_IM_MODULE`` naming a plugin this Qt has is kept as it is (only
``IBUS_USE_PORTAL=1`` is added when it is ``ibus`` and fcitx5, not ibus-daemon, is running); an
explicit choice of a plugin this Qt lacks (typically ``fcitx`` set system-wide) is replaced when a
running input method gives a working one, and kept otherwise. With no choice: fcitx5 → ibus + portal,
ibus-daemon → ibus, anything else → nothing set (Qt's default).
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass, field
from pathlib import Path

log = logging.getLogger(__name__)

FCITX5, IBUS, FCITX4 = "fcitx5", "ibus-daemon", "fcitx"


@dataclass(frozen=True)
class Decision:
    """What to set in the environment (``changes``, empty: nothing) and why (for the log)."""

    changes: dict[str, str] = field(default_factory=dict)
    reason: str = ""


def running_input_methods(proc: Path = Path("/proc")) -> set[str]:
    """Which of fcitx5, ibus-daemon and fcitx (4) run as this user (by process name; Linux only)."""
    found: set[str] = set()
    uid = os.getuid() if hasattr(os, "getuid") else None
    try:
        entries = list(proc.iterdir())
    except OSError:
        return found
    for entry in entries:
        if not entry.name.isdigit():
            continue
        try:
            if uid is not None and entry.stat().st_uid != uid:
                continue
            name = (entry / "comm").read_text(encoding="utf-8", errors="replace").strip()
        except OSError:
            continue  # the process ended meanwhile, or is not ours
        if name in (FCITX5, IBUS, FCITX4):
            found.add(name)
    return found


def available_modules(plugin_dirs: Iterable[Path]) -> set[str]:
    """The input-context plugin keys Qt can load from *plugin_dirs* (``…/plugins`` folders)."""
    keys: set[str] = set()
    for folder in plugin_dirs:
        try:
            names = [p.name.lower() for p in (Path(folder) / "platforminputcontexts").iterdir()]
        except OSError:
            continue
        for name in names:
            if "fcitx5" in name:
                keys.update({"fcitx5", "fcitx"})
            elif "fcitx" in name:
                keys.add("fcitx")
            elif "ibus" in name:
                keys.add("ibus")
            elif "compose" in name:
                keys.add("compose")
            elif "virtualkeyboard" in name:
                keys.add("qtvirtualkeyboard")
    return keys


def qt_plugin_dirs(environ: MutableMapping[str, str]) -> list[Path]:
    """Where this Qt looks for plugins: its own folder, then ``QT_PLUGIN_PATH``."""
    from PySide6.QtCore import QLibraryInfo  # QtCore only: no QApplication needed

    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))]
    dirs += [Path(p) for p in environ.get("QT_PLUGIN_PATH", "").split(os.pathsep) if p]
    return dirs


def decide(environ: MutableMapping[str, str], running: set[str], available: set[str]) -> Decision:
    """The environment changes that make Chinese input work (see the module docstring)."""
    explicit = environ.get("QT_IM_MODULE", "").strip()
    portal = {} if environ.get("IBUS_USE_PORTAL") else {"IBUS_USE_PORTAL": "1"}
    fcitx5_only = FCITX5 in running and IBUS not in running
    if explicit and (explicit in available or explicit == "none"):
        if explicit == "ibus" and fcitx5_only and portal:
            return Decision(portal, "QT_IM_MODULE=ibus kept; fcitx5 answers through the ibus portal")
        return Decision({}, f"QT_IM_MODULE={explicit} kept (set by the user)")
    if "ibus" not in available:
        return Decision({}, "this Qt has no ibus input-context plugin: nothing changed")
    if FCITX5 in running:
        changes = {"QT_IM_MODULE": "ibus"}
        if fcitx5_only:
            changes.update(portal)
        why = f"(QT_IM_MODULE={explicit} has no plugin in this Qt) " if explicit else ""
        return Decision(changes, why + "fcitx5 runs: its ibus frontend, through the portal")
    if IBUS in running:
        why = f"(QT_IM_MODULE={explicit} has no plugin in this Qt) " if explicit else ""
        return Decision({"QT_IM_MODULE": "ibus"}, why + "ibus-daemon runs")
    if FCITX4 in running:
        return Decision({}, "fcitx 4 runs: not supported (no XIM in Qt 6); use fcitx5 or ibus")
    return Decision({}, "no input method running: nothing changed")


def choose_input_method(environ: MutableMapping[str, str] | None = None) -> Decision:
    """Set ``QT_IM_MODULE`` (and ``IBUS_USE_PORTAL``) in *environ* (default: this process's) for
    the input method running on this Linux desktop. Call before the QApplication exists; does
    nothing on Windows and macOS, where Qt talks to the system's input methods itself."""
    environ = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return Decision({}, "not Linux: nothing to choose")
    decision = decide(environ, running_input_methods(), available_modules(qt_plugin_dirs(environ)))
    environ.update(decision.changes)
    if "not supported" in decision.reason:
        log.warning("input method: %s", decision.reason)
    else:
        log.info("input method: %s %s", decision.reason, decision.changes or "")
    return decision
