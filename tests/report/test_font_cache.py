"""Faces load from the parsed-face cache exactly as parsed; fallbacks are read only when needed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from jixiao.report import fonts as F

KAI = F.bundled_fonts_dir() / "arphic-gkai00mp" / "gkai00mp.ttf"


def _fresh_copy(tmp_path: Path) -> Path:
    """A copy of a bundled face under a new path: a key no earlier test has registered or cached."""
    copy = tmp_path / "kai-copy.ttf"
    shutil.copyfile(KAI, copy)
    return copy


def test_cached_face_equals_the_parsed_face(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path / "cache"))
    path = _fresh_copy(tmp_path)
    key = F._file_key(path, 0)
    parsed = F._parse_face("JXparsed", path, key)
    F._store_cached_face(parsed, key)
    assert F._cache_file(key).is_file()
    loaded = F._load_cached_face("JXloaded", key)
    assert loaded is not None
    for name in ("charToGlyph", "charWidths", "glyphPos", "hmetrics", "ascent", "descent", "bbox", "flags"):
        assert getattr(loaded.face, name) == getattr(parsed.face, name), name
    assert loaded.face.familyName == parsed.face.familyName
    assert loaded.face._ttf_data == parsed.face._ttf_data
    text = "部门整体支出绩效自评报告 118.73万元"
    assert loaded.stringWidth(text, 16) == parsed.stringWidth(text, 16)
    # the subset embedded in a PDF is the same bytes
    glyphs = [ord(c) for c in "绩效自评"]
    assert loaded.face.makeSubset(glyphs) == parsed.face.makeSubset(glyphs)


def test_a_damaged_or_stale_cache_entry_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path / "cache"))
    path = _fresh_copy(tmp_path)
    key = F._file_key(path, 0)
    F._cache_file(key).parent.mkdir(parents=True)
    F._cache_file(key).write_bytes(b"\x00garbage")
    assert F._load_cached_face("JXbad", key) is None
    name, family = F.register_font(path)
    assert family.startswith("AR PL KaitiM GB")
    assert pdfmetrics.getFont(name).face.charToGlyph[ord("绩")] != 0
    # the registration rewrote the entry, and it now loads
    assert F._load_cached_face("JXgood", key) is not None


def test_the_cache_is_keyed_by_the_file_version(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path / "cache"))
    path = _fresh_copy(tmp_path)
    before = F._cache_file(F._file_key(path, 0))
    path.write_bytes(path.read_bytes() + b"\x00" * 4)  # another size: another entry
    assert F._cache_file(F._file_key(path, 0)) != before


def test_fallback_faces_are_not_read_until_a_character_needs_one():
    """In a fresh process: a report of common characters never parses the fallback faces."""
    probe = (
        "from jixiao.report.fonts import resolve_fonts, _REGISTERED\n"
        "fonts = resolve_fonts(search_dirs=[])\n"
        "paths = lambda: {k[0] for k in _REGISTERED}\n"
        "fallbacks = {str(c.path.resolve()) for c in fonts.fallbacks} - {str(c.path.resolve()) for c in fonts.roles.values()}\n"
        "print(len(fallbacks & paths()))\n"
        "fonts.runs('部门整体支出绩效自评报告（2022年）', 'body')\n"
        "print(len(fallbacks & paths()))\n"
        "print(fonts.font_for('\\U0001F600', 'body') in {c.name for c in fonts.fallbacks})\n"
        "print(len(fallbacks & paths()) > 0)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["0", "0", "True", "True"]
