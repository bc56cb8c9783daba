"""The message catalogs are complete: every msgid in the code is translated in zh_CN and en,
with the same placeholders, and the template is up to date with the code."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
FIELD = re.compile(r"\{[a-z_]*\}|%\([a-z_]+\)[sdr]|%[sdr]")


def _catalog(lang: str):
    with (ROOT / "i18n" / lang / "LC_MESSAGES" / "jixiao.po").open("rb") as fp:
        return read_po(fp, locale=lang)


def _ids_in_code() -> set[str]:
    sys.path.insert(0, str(ROOT / "scripts"))
    from update_catalogs import extract

    return {m.id if isinstance(m.id, str) else m.id[0] for m in extract() if m.id}


@pytest.fixture(scope="module")
def code_ids():
    return _ids_in_code()


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_message_in_the_code_is_translated(lang, code_ids):
    catalog = _catalog(lang)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalog
        if m.id and (m.string if isinstance(m.string, str) else all(m.string))
    }
    missing = sorted(code_ids - translated)
    assert missing == [], (
        f"{len(missing)} untranslated in {lang} (run scripts/update_catalogs.py): {missing[:20]}"
    )


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_placeholders_match(lang):
    wrong = []
    for message in _catalog(lang):
        if not message.id or not message.string:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        msgstr = message.string if isinstance(message.string, str) else message.string[0]
        if sorted(FIELD.findall(msgid)) != sorted(FIELD.findall(msgstr)):
            wrong.append((msgid, msgstr))
    assert wrong == []


def test_chinese_catalog_is_chinese():
    catalog = _catalog("zh_CN")
    latin_only = [
        m.id
        for m in catalog
        if m.id
        and isinstance(m.string, str)
        and m.string
        and not re.search(r"[\u4e00-\u9fff（）：，。]", m.string)
        and re.search(r"[a-z]{4,}", m.id)
        and not FIELD.fullmatch(m.string.strip())
    ]
    # A few messages are legitimately without hanzi (pure placeholders, punctuation); keep it small.
    assert len(latin_only) <= 10, latin_only
