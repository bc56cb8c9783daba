"""Developer step: extract msgids from ``src/`` into ``i18n/jixiao.pot`` and merge them into each catalog.

    python scripts/update_catalogs.py [--fill-from FILE.tsv]

- zh_CN: new msgids arrive untranslated (the catalog test fails until they are translated);
  ``--fill-from`` takes ``msgid<TAB>translation`` lines and fills the zh_CN msgstrs from them.
- en: msgids are English, so each msgstr is set to its msgid (the catalog is complete by construction).
Obsolete entries are dropped. Then the catalogs are compiled (``compile_catalogs.py``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "i18n"
KEYWORDS = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "format": None,
    "f": None,
}


def extract() -> Catalog:
    template = Catalog(project="jixiao", charset="utf-8")
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT / "src" / "jixiao",
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("TRANSLATORS:",),
        strip_comment_tags=True,
    ):
        if isinstance(message, (list, tuple)) and any(not m for m in message):
            continue
        if not message:
            continue
        template.add(
            message, None, [(f"src/jixiao/{filename}", lineno)], auto_comments=comments, context=context
        )
    return template


def merge(template: Catalog, lang: str, fills: dict[str, str]) -> tuple[int, int]:
    po_path = I18N / lang / "LC_MESSAGES" / "jixiao.po"
    po_path.parent.mkdir(parents=True, exist_ok=True)
    if po_path.exists():
        with po_path.open("rb") as fp:
            catalog = read_po(fp, locale=lang)
    else:
        catalog = Catalog(locale=lang, project="jixiao", charset="utf-8")
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    missing = 0
    for message in catalog:
        if not message.id:
            continue
        message.flags.discard("fuzzy")
        key = message.id if isinstance(message.id, str) else message.id[0]
        if lang == "en":
            message.string = message.id if isinstance(message.id, str) else tuple(message.id)
        elif key in fills:
            message.string = fills[key] if isinstance(message.id, str) else (fills[key], fills[key])
        if not message.string or (isinstance(message.string, tuple) and not all(message.string)):
            missing += 1
    with po_path.open("wb") as fp:
        write_po(fp, catalog, width=0, sort_output=True, omit_header=False)
    return len(catalog), missing


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--fill-from", type=Path, action="append", default=[])
    args = parser.parse_args()
    fills: dict[str, str] = {}
    for path in args.fill_from:
        for line in path.read_text(encoding="utf-8").splitlines():
            if "\t" in line and not line.startswith("#"):
                msgid, text = line.split("\t", 1)
                fills[msgid.replace("\\n", "\n")] = text.replace("\\n", "\n")
    template = extract()
    with (I18N / "jixiao.pot").open("wb") as fp:
        write_po(fp, template, width=0, sort_output=True)
    for lang in ("zh_CN", "en"):
        total, missing = merge(template, lang, fills)
        print(f"{lang}: {total} messages, {missing} untranslated")
    sys.path.insert(0, str(ROOT / "scripts"))
    from compile_catalogs import compile_all

    compile_all(I18N)
    return 0


if __name__ == "__main__":
    sys.exit(main())
