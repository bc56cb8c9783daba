"""A catalog is read once per process while its file is unchanged, and again once it changes."""

from __future__ import annotations

import os

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from jixiao.core.i18n import DOMAIN, Translator


def write_catalog(directory, text: str) -> None:
    folder = directory / "zh_CN" / "LC_MESSAGES"
    folder.mkdir(parents=True, exist_ok=True)
    catalog = Catalog(locale="zh_CN")
    catalog.add("Save", text)
    with (folder / f"{DOMAIN}.mo").open("wb") as out:
        write_mo(out, catalog)


def test_two_translators_share_one_reading_until_the_file_changes(tmp_path):
    write_catalog(tmp_path, "保存")
    first, second = Translator("zh_CN", tmp_path), Translator("zh_CN", tmp_path)
    assert first.gettext("Save") == "保存"
    assert first._translations is second._translations
    mo = tmp_path / "zh_CN" / "LC_MESSAGES" / f"{DOMAIN}.mo"
    stamp = mo.stat().st_mtime_ns
    write_catalog(tmp_path, "存盘")
    os.utime(mo, ns=(stamp + 10**9, stamp + 10**9))  # a later time, whatever the clock's resolution
    assert Translator("zh_CN", tmp_path).gettext("Save") == "存盘"
    assert first.gettext("Save") == "保存"  # a translator made earlier keeps what it read
