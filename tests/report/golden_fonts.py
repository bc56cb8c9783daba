"""The project's golden record of which characters the sample year's report draws in which font.

``golden/sample-2022-fonts.txt`` holds one line per embedded face: the face's PostScript name (the
subset tag ``AAAAAA+`` removed), then every distinct character the report draws with it, in code
point order. It is made with the bundled faces only (no system fonts), so it is the same on every
machine. A change to font loading, subsetting or compression must leave it unchanged: the same
characters in the same faces, each face embedded (a face that is not embedded fails the record).

Written by ``python tests/report/golden_fonts.py`` (run from the project folder in the .venv); the
file in the repository was written before issue 16's font work and is compared with from then on.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden" / "sample-2022-fonts.txt"
_HEADER = "#"


def sample_report_pdf() -> bytes:
    """The sample year's (FY2022) report PDF with the bundled faces, built in a scratch database."""
    from jixiao.core.i18n import Translator
    from jixiao.report.fonts import resolve_fonts
    from jixiao.services.reports import build_report, load_fiscal_year, render_report
    from jixiao.services.sample import import_sample_year
    from jixiao.store.database import open_book

    with tempfile.TemporaryDirectory() as folder:
        with open_book(Path(folder) / "s.sqlite3", create=True, routine_backup=False) as book:
            import_sample_year(book)
            built = build_report(load_fiscal_year(book, 2022), Translator("zh_CN"))
        return render_report(built, deterministic=True, fonts=resolve_fonts(search_dirs=[]))


def font_record(pdf: bytes) -> list[str]:
    """``name<TAB>characters`` per face of *pdf* (see the module), sorted by name; a face drawn with
    but not embedded is recorded as ``name<TAB>NOT EMBEDDED``."""
    from pypdf import PdfReader

    drawn: dict[str, set[str]] = {}
    embedded: dict[str, bool] = {}

    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text, _cm, _tm, font, _size) -> None:
            if not font or not text:
                return
            name = str(font.get("/BaseFont", "?")).lstrip("/")
            name = name.split("+", 1)[1] if "+" in name[:7] else name
            descriptor = font.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor is not None else {}
            embedded[name] = embedded.get(name, True) and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            drawn.setdefault(name, set()).update(c for c in text if not c.isspace())

        page.extract_text(visitor_text=visit)
    return [
        f"{name}\t{''.join(sorted(chars)) if embedded[name] else 'NOT EMBEDDED'}"
        for name, chars in sorted(drawn.items())
        if chars
    ]


def golden_record() -> list[str]:
    return [line for line in GOLDEN.read_text(encoding="utf-8").splitlines() if not line.startswith(_HEADER)]


def main() -> int:
    lines = font_record(sample_report_pdf())
    header = f"{_HEADER} written by tests/report/golden_fonts.py: face<TAB>characters drawn with it"
    GOLDEN.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN} ({len(lines)} faces)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
