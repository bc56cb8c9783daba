"""Compile every ``i18n/<lang>/LC_MESSAGES/*.po`` to a ``.mo`` beside it (babel, no msgfmt needed)."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po


def compile_all(i18n_dir: Path) -> list[Path]:
    """Compile all catalogs under *i18n_dir*; returns the written ``.mo`` paths."""
    written = []
    for po_path in sorted(i18n_dir.glob("*/LC_MESSAGES/*.po")):
        mo_path = po_path.with_suffix(".mo")
        with po_path.open("rb") as po_file:
            catalog = read_po(po_file, locale=po_path.parts[-3])
        with mo_path.open("wb") as mo_file:
            write_mo(mo_file, catalog, use_fuzzy=False)
        written.append(mo_path)
    return written


if __name__ == "__main__":
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1] / "i18n"
    for path in compile_all(root):
        print(path)
