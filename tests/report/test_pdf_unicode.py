"""Any Unicode text in any field renders, appears in the PDF's text and is drawn in a face that has it."""

from __future__ import annotations

import io
import itertools
import re
import unicodedata

import pypdf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics

from jixiao.report.document import Heading, Paragraph, ReportDocument, Table, TableCell, Title
from jixiao.report.fonts import is_invisible, resolve_fonts
from jixiao.report.pdf import render_pdf

SPECIAL = list("镕堃玥喆昇赟焜&<>\"'&amp;<b></para>😀🎉👍，。《》（）“”——……、；：！？%‰℃\u00a0\u3000") + [
    "\U00020000",  # CJK Extension B: no bundled face has it
    "\u200d",  # zero-width joiner
    "\ufe0f",  # variation selector
    "\x00",
    "\x07",
    "\r",
    "\n",
    "\t",
]
ALPHABET = st.one_of(
    st.characters(codec="utf-8"),  # anything but surrogates
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),  # CJK unified ideographs
    st.characters(min_codepoint=0x3400, max_codepoint=0x4DBF),  # Extension A
    st.sampled_from(SPECIAL),
)
TEXT = st.text(ALPHABET, max_size=120)


@pytest.fixture(scope="module")
def fonts():
    return resolve_fonts(search_dirs=[])


def _printable(text: str) -> set[str]:
    return {c for c in text if not is_invisible(c) and not c.isspace() and unicodedata.category(c)[0] != "Z"}


def _base_names(fonts) -> dict[str, str]:
    """PDF BaseFont (without the subset tag) → reportlab font name."""
    out = {}
    for choice in fonts.describe():
        choice.ensure_registered()  # fallbacks are registered only when a character needed one
        face = pdfmetrics.getFont(choice.name).face
        out[(face.name + face.subfontNameX).decode("latin-1")] = choice.name
    return out


def check(pdf: bytes, fonts, texts: list[str]) -> None:
    """Every printable character of *texts* is in the PDF's text, in a font that has its glyph."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    names = _base_names(fonts)
    drawn: list[tuple[str, str]] = []
    for page in reader.pages:

        def visit(text, cm, tm, font, size):
            if text and font:
                base = str(font["/BaseFont"]).lstrip("/").split("+", 1)[-1]
                drawn.append((names[base], text))

        page.extract_text(visitor_text=visit)
    extracted = "".join(t for _f, t in drawn)
    all_faces = [c.name for c in fonts.describe()]
    no_face = {
        c for text in texts for c in _printable(text) if not any(fonts.covers(n, c) for n in all_faces)
    }
    for text in texts:
        missing = _printable(text) - set(extracted)
        assert not missing, f"not in the PDF text: {sorted(missing)!r}"
    for font, text in drawn:
        for char in _printable(text):
            if char in no_face:
                assert font == fonts.fallbacks[0].name  # drawn as a visible .notdef box
            else:
                assert fonts.covers(font, char), (char, font)


def _document(fields: list[str]) -> ReportDocument:
    f = itertools.cycle(fields)
    return ReportDocument(
        title=Title([next(f), next(f)]),
        body=[
            Heading(next(f), 1),
            Heading(next(f), 2),
            Paragraph(next(f), lead=next(f)),
            Heading(next(f), 3),
            Heading(next(f), 4),
            Paragraph(next(f)),
        ],
        attachments=[
            Table(
                [next(f), next(f)],
                [
                    [TableCell(next(f), colspan=2, bold=True), TableCell(next(f), align="right")],
                    [TableCell(next(f), align="left"), TableCell(next(f)), TableCell(next(f), rowspan=2)],
                    [TableCell(next(f)), TableCell(next(f))],
                ],
                [1, 2, 1],
                note=next(f),
            )
        ],
        author=next(f),
        subject=next(f),
        keywords=[next(f)],
    )


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TEXT, min_size=1, max_size=22))
def test_any_text_in_any_field_renders_and_every_character_is_drawn(fonts, fields):
    doc = _document(fields)
    pdf = render_pdf(doc, fonts=fonts)
    texts = (
        doc.title.lines + [b.text for b in doc.body] + [b.lead for b in doc.body if isinstance(b, Paragraph)]
    )
    table = doc.attachments[0]
    texts += table.title + [c.text for row in table.rows for c in row] + [table.note]
    check(pdf, fonts, texts)
    meta = pypdf.PdfReader(io.BytesIO(pdf)).metadata
    assert _printable(meta.author or "") == _printable(doc.author)


def test_ten_thousand_character_fields_everywhere(fonts):
    base = "广州市花都区工商业联合会镕堃玥喆 A&B <b> 616.04 万元，完成 98.02%。😀"
    big = (base * (10_000 // len(base) + 1))[:10_000]
    doc = _document([big])
    pdf = render_pdf(doc, fonts=fonts)
    check(pdf, fonts, [big])
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) > 40
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in reader.pages))
    assert text.count("镕堃玥喆") >= 15 * (10_000 // len(base))  # every copy of every field, in full


def test_empty_fields_everywhere_render(fonts):
    pdf = render_pdf(_document([""]), fonts=fonts)
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) == 2  # the report page and the table page
