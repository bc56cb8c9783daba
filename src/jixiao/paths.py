"""Where jixiao's shipped files are: ``resources/`` and ``i18n/`` (in a wheel, a source checkout, or
the self-contained app built by scripts/package.sh), and whether this is that frozen app."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent
REPORT_WORKER_ARG = "--jixiao-report-worker"  # hidden: the frozen app started as the preview's child


def is_frozen() -> bool:
    """True in the self-contained app (PyInstaller), where ``sys.executable`` is jixiao itself."""
    return bool(getattr(sys, "frozen", False))


def bundle_dir() -> Path:
    """The frozen app's data folder (``_internal`` beside the executable); the package folder otherwise."""
    return Path(getattr(sys, "_MEIPASS", _PACKAGE_DIR.parent))


def _find(name: str) -> Path:
    if is_frozen():  # packaging/jixiao.spec puts them in <bundle>/jixiao/<name>
        return bundle_dir() / "jixiao" / name
    installed = _PACKAGE_DIR / name  # wheel: force-included into the package
    if installed.is_dir():
        return installed
    checkout = _PACKAGE_DIR.parents[1] / name  # editable install or source checkout: <repo>/<name>
    return checkout


@cache
def resources_dir() -> Path:
    """The ``resources`` folder (sample year, fonts, icons, indicator library)."""
    return _find("resources")


@cache
def i18n_dir() -> Path:
    """The ``i18n`` folder with ``<lang>/LC_MESSAGES/jixiao.po`` (and compiled ``.mo``)."""
    return _find("i18n")
