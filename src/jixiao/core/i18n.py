"""Translations through babel gettext catalogs; a Translator object is passed in, never global.

Catalogs live in ``i18n/<lang>/LC_MESSAGES/jixiao.po``; msgids are English. The ``.mo`` files are
compiled at install (see ``scripts/compile_catalogs.py``); when a ``.mo`` is missing or older than
its ``.po`` (a source checkout being edited) the catalog is compiled in memory instead.
"""

from __future__ import annotations

import gettext as _gettext
import io
import locale as _locale
import os
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.paths import i18n_dir

if TYPE_CHECKING:
    from babel import Locale

DOMAIN = "jixiao"
SUPPORTED_LANGUAGES = ("zh_CN", "en")
DEFAULT_LANGUAGE = "zh_CN"


def normalize_language(lang: str | None) -> str:
    """Map a locale name like ``zh_CN.UTF-8``, ``zh-cn``, ``en_US`` to a supported language."""
    if not lang:
        return DEFAULT_LANGUAGE
    lang = lang.split(".")[0].replace("-", "_")
    if lang.lower().startswith("zh"):
        return "zh_CN"
    if lang.lower().startswith("en"):
        return "en"
    return DEFAULT_LANGUAGE


def system_language() -> str:
    """The language from ``LANGUAGE``/``LC_ALL``/``LANG`` or the OS locale; zh_CN when unknown."""
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return normalize_language(value.split(":")[0])
    try:
        found = _locale.getlocale()[0]
    except ValueError:
        found = None
    return normalize_language(found)


def _load_catalog(lang: str, directory: Path) -> _gettext.NullTranslations:
    """The compiled catalog of *lang*, read once per process while its files stay unchanged (the
    window's start makes two translators, the command line's and the window's: ~3 ms each)."""
    po_path = directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    mo_path = po_path.with_suffix(".mo")
    return _read_catalog(lang, po_path, mo_path, _stamp(po_path), _stamp(mo_path))


def _stamp(path: Path) -> tuple[int, int] | None:
    """(mtime in ns, size) of *path*; None when it does not exist."""
    try:
        found = path.stat()
    except OSError:
        return None
    return found.st_mtime_ns, found.st_size


@lru_cache(maxsize=8)
def _read_catalog(
    lang: str,
    po_path: Path,
    mo_path: Path,
    po_stamp: tuple[int, int] | None,
    mo_stamp: tuple[int, int] | None,
) -> _gettext.NullTranslations:
    """The catalog from *mo_path*, or compiled from *po_path* when that is newer (the stamps of
    ``_stamp`` say which exist and which is newer, and key the cache). babel's catalog reader is
    imported only to compile a ``.po`` in memory (it costs ~50 ms of start-up, which a compiled
    ``.mo`` does not need)."""
    if mo_stamp is not None and (po_stamp is None or mo_stamp[0] >= po_stamp[0]):
        with mo_path.open("rb") as fp:
            return _gettext.GNUTranslations(fp)
    if po_stamp is not None:
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        with po_path.open("rb") as fp:
            catalog = read_po(fp, locale=lang)
        buffer = io.BytesIO()
        write_mo(buffer, catalog, use_fuzzy=False)
        buffer.seek(0)
        return _gettext.GNUTranslations(buffer)
    return _gettext.NullTranslations()


class Translator:
    """One language's gettext functions plus its babel ``Locale`` for number and date formats."""

    def __init__(self, lang: str = DEFAULT_LANGUAGE, directory: Path | None = None) -> None:
        self.lang = normalize_language(lang)
        self._translations = _load_catalog(self.lang, directory or i18n_dir())

    @cached_property
    def locale(self) -> Locale:
        """babel's ``Locale`` of the language (babel is imported on first use: the window starts
        without it)."""
        from babel import Locale

        return Locale.parse(self.lang)

    def gettext(self, message: str) -> str:
        """The translation of *message* (the msgid itself when there is none)."""
        return self._translations.gettext(message)

    __call__ = gettext

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """Plural-aware translation."""
        return self._translations.ngettext(singular, plural, n)

    def format(self, message: str, /, **params: object) -> str:
        """Translate *message* and fill its ``{name}`` fields."""
        return self.gettext(message).format(**params)


def N_(message: str) -> str:
    """Mark *message* for extraction; it is translated later, where it is shown."""
    return message
