"""The project's own golden text of the sample year's report, so a clone without ../shared still checks
that the sample reproduces the seed report.

``golden/sample-2022.txt`` holds, one per line and in the report's order, every sentence of the sample
report (normalised, split after 。；：) that also occurs in the seed report: the seed's sentences, headings
and figures as jixiao prints them. It is written by ``python tests/report/golden_text.py`` (run from the
project folder in the .venv), which needs the seed and refuses to write unless every seed sentence is
reproduced — the one review against the seed; tests compare against the file from then on.
"""

from __future__ import annotations

import io
import re
import sys
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden" / "sample-2022.txt"
_HEADER = "#"


def sentences(normalised_text: str) -> list[str]:
    """*normalised_text* split after every 。；： (the split seed_text.seed_sentences uses)."""
    return [part for part in re.split(r"(?<=[。；：])", normalised_text) if part]


def sample_report_text() -> str:
    """The normalised text of the sample year's (FY2022) report PDF, built in a scratch database."""
    from pypdf import PdfReader
    from seed_text import normalise

    from jixiao.core.i18n import Translator
    from jixiao.services.reports import build_report, load_fiscal_year, render_report
    from jixiao.services.sample import import_sample_year
    from jixiao.store.database import open_book

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "s.sqlite3"
        with open_book(path, create=True) as book:
            import_sample_year(book)
            pdf = render_report(
                build_report(load_fiscal_year(book, 2022), Translator("zh_CN")), deterministic=True
            )
    return normalise("".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))


def golden_lines() -> list[str]:
    """The golden sentences, in order (comment lines dropped)."""
    lines = GOLDEN.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith(_HEADER)]


def make_golden(
    report_text: str, seed_body: str, seed_sentences: list[str], known_differences: set[str]
) -> list[str]:
    """The golden lines for *report_text*: its sentences that occur in *seed_body*.

    Raises ValueError naming the seed sentences the lines do not reproduce (other than
    *known_differences*), so a golden file is never written from a report that lost part of the seed.
    """
    lines = [line for line in sentences(report_text) if line in seed_body]
    joined = "".join(lines)
    lost = [s for s in seed_sentences if s not in joined and s not in known_differences]
    if lost:
        raise ValueError("the report does not reproduce these seed sentences:\n" + "\n".join(lost))
    return lines


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from seed_text import SEED, normalise, seed_sentences, seed_text
    from test_report_sample import KNOWN_DIFFERENCES

    if not SEED.exists():
        print(f"the seed report is needed to (re)write the golden text: {SEED}", file=sys.stderr)
        return 1
    lines = make_golden(sample_report_text(), normalise(seed_text()), seed_sentences(), KNOWN_DIFFERENCES)
    header = [
        "# Golden text of the sample year's (FY2022) report: its sentences that occur in the seed report,",
        "# normalised (no white space), in the report's order. Written by tests/report/golden_text.py",
        "# after checking every seed sentence is reproduced; do not edit by hand.",
    ]
    GOLDEN.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    print(f"{GOLDEN}: {len(lines)} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main())
