"""Where jixiao's shipped files are: ``resources/`` and ``i18n/`` (in a wheel, or in a source checkout)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _find(name: str) -> Path:
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
