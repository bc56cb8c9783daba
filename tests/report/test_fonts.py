"""Font roles: bundled faces, official faces preferred, user choices validated, fallback runs."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest
import reportlab
from reportlab.pdfbase import pdfmetrics

from jixiao.core.i18n import Translator
from jixiao.report import fonts as F
from jixiao.report.fonts import (
    ROLES,
    FontError,
    NoChineseGlyphsError,
    NotAFontError,
    PostScriptOutlinesError,
    register_font,
    resolve_fonts,
    validate_font_file,
)

VERA = Path(reportlab.__file__).parent / "fonts" / "Vera.ttf"  # a Latin-only TrueType font


@pytest.fixture(scope="module")
def bundled():
    return resolve_fonts(search_dirs=[])


def test_bundled_faces_fill_every_role_with_licence_beside(bundled):
    expected_family = {
        "title": "Jixiao Title Serif SC",
        "heading1": "WenQuanYi Micro Hei",
        "heading2": "AR PL KaitiM GB",
        "body": "FandolFang",
        "page_number": "FandolFang",
    }
    for role in ROLES:
        choice = bundled.roles[role]
        assert choice.origin == "bundled"
        assert choice.path.is_file()
        assert choice.family.startswith(expected_family[role]), (role, choice.family)
        licences = [p for p in choice.path.parent.iterdir() if p.name.startswith(("LICENSE", "COPYING"))]
        assert licences, f"no licence beside {choice.path}"
    assert [f.family for f in bundled.fallbacks][:3] == ["LXGW WenKai", "WenQuanYi Micro Hei", "Symbola"]


def test_bundled_files_are_truetype_outlines():
    for path in F.bundled_fonts_dir().glob("*/*.tt[fc]"):
        head = path.read_bytes()[:4]
        assert head in (b"\x00\x01\x00\x00", b"ttcf", b"true"), f"{path.name} is not TrueType ({head!r})"


def test_official_face_is_preferred_when_installed(tmp_path, bundled):
    fonts_dir = tmp_path / "Fonts" / "nested"
    fonts_dir.mkdir(parents=True)
    # Stand-ins for the official files: names are matched case-insensitively, like on Windows.
    shutil.copyfile(bundled.roles["body"].path, fonts_dir / "SIMFANG.TTF")
    shutil.copyfile(bundled.roles["heading1"].path, fonts_dir / "simhei.ttf")
    (fonts_dir / "simkai.ttf").write_bytes(b"not a font at all")  # unusable: skipped, bundled used
    found = resolve_fonts(search_dirs=[tmp_path / "Fonts", tmp_path / "missing"])
    assert found.roles["body"].origin == "system"
    assert found.roles["body"].path == fonts_dir / "SIMFANG.TTF"
    assert found.roles["heading1"].origin == "system"
    assert found.roles["heading2"].origin == "bundled"
    assert found.roles["title"].origin == "bundled"


def test_user_choice_wins_over_system_and_bundled(tmp_path, bundled):
    (tmp_path / "simfang.ttf").write_bytes(bundled.roles["body"].path.read_bytes())
    choice = bundled.roles["heading2"].path
    found = resolve_fonts(overrides={"body": choice, "title": (str(choice), 0)}, search_dirs=[tmp_path])
    assert found.roles["body"].origin == "user" and found.roles["body"].path == choice
    assert found.roles["title"].origin == "user"
    with pytest.raises(ValueError):
        resolve_fonts(overrides={"footer": choice}, search_dirs=[])


def test_postscript_outlines_are_refused_with_a_translatable_message(tmp_path):
    otf = tmp_path / "SourceHan.otf"
    otf.write_bytes(b"OTTO" + b"\x00" * 60)  # the sfnt tag of CFF-outline OpenType
    with pytest.raises(PostScriptOutlinesError) as caught:
        resolve_fonts(overrides={"body": otf}, search_dirs=[])
    english = caught.value.translated(Translator("en").gettext)
    assert str(otf) in english and "CFF" in english


def test_latin_only_font_is_refused_for_chinese():
    with pytest.raises(NoChineseGlyphsError) as caught:
        validate_font_file(VERA)
    assert "Vera.ttf" in str(caught.value)


@pytest.mark.parametrize("content", [b"", b"garbage" * 100, b"\x00\x01\x00\x00" + b"\xff" * 20])
def test_broken_files_are_refused(tmp_path, content):
    path = tmp_path / "broken.ttf"
    path.write_bytes(content)
    with pytest.raises(NotAFontError):
        validate_font_file(path)


def test_missing_file_is_refused(tmp_path):
    with pytest.raises(FontError) as caught:
        validate_font_file(tmp_path / "nope.ttf")
    assert "nope.ttf" in caught.value.translated(Translator("en").gettext)


def test_runs_put_each_character_in_a_face_that_has_it(bundled):
    body = bundled.name("body")
    kai, hei, symbola = (f.name for f in bundled.fallbacks[:3])
    text = "花都区镕堃 ok 😀，"
    runs = bundled.runs(text, "body")
    assert "".join(t for _f, t in runs) == text
    assert runs == [(body, "花都区"), (kai, "镕堃 "), (body, "ok "), (symbola, "😀"), (body, "，")]
    for font, part in runs:
        for char in part:
            assert char == " " or bundled.covers(font, char)
    assert hei not in {f for f, _t in runs}


def test_uncovered_characters_are_listed_and_drawn_as_a_visible_box(bundled):
    ext_b = "\U00020000\U0002a6d6"  # CJK Extension B: no bundled face has them
    assert bundled.uncovered("镕" + ext_b + "\u200d😀") == ext_b
    first_fallback = bundled.fallbacks[0].name
    assert {f for f, _t in bundled.runs(ext_b, "body")} == {first_fallback}


def test_registration_is_cached_per_process(bundled):
    path = bundled.roles["body"].path
    started = time.perf_counter()
    for _ in range(50):
        name, _family = register_font(path)
    assert name == bundled.name("body")
    assert time.perf_counter() - started < 0.1
    assert pdfmetrics.getFont(name).face.charToGlyph[ord("中")]


def test_standard_fonts_are_never_chosen(bundled):
    names = {c.name for c in bundled.describe()}
    assert not names & {"STSong-Light", "Helvetica", "Times-Roman", "Courier"}
    for name in names:
        assert pdfmetrics.getFont(name)._dynamicFont  # TrueType, embedded as a subset
