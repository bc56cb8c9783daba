"""The seed report's text, normalised for comparison with what jixiao prints.

The seed was extracted from a PDF: hard line breaks every ~26 characters and spaces around digits
are artefacts. Normalising removes every white-space character from both sides.
"""

from __future__ import annotations

import re
from pathlib import Path

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_d8175bff132402d7.txt"
HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
_PAGE_NUMBER = re.compile(r"—\d+—")


def normalise(text: str) -> str:
    """Drop all white space and "— N —" page numbers."""
    return _PAGE_NUMBER.sub("", re.sub(r"\s+", "", text))


def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def seed_headings() -> list[str]:
    """The seed's headings of levels 一、 and （一）, in order (normalised)."""
    found = []
    for line in seed_text().splitlines():
        line = line.strip()
        if re.match(r"^[一二三四五]、", line) or re.match(r"^（[一二三四]）[^，]{2,20}$", line):
            found.append(normalise(line))
    return found


def seed_sentences(min_length: int = 4) -> list[str]:
    """Every sentence of the seed body (split after 。；：), normalised, without the 2-line title."""
    body = normalise(seed_text())
    body = body.split("部门整体支出绩效自评报告", 1)[1]
    parts = re.split(r"(?<=[。；：])", body)
    return [p for p in parts if len(p) >= min_length]
