"""Faces load from the parsed-face cache exactly as parsed; fallbacks are read only when needed."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reportlab.pdfbase import pdfmetrics

from jixiao.report import fonts as F

KAI = F.bundled_fonts_dir() / "arphic-gkai00mp" / "gkai00mp.ttf"


def _fresh_copy(tmp_path: Path) -> Path:
    """A copy of a bundled face under a new path: a key no earlier test has registered or cached."""
    copy = tmp_path / "kai-copy.ttf"
    shutil.copyfile(KAI, copy)
    return copy


def _parsed_and_cached(tmp_path, monkeypatch, parsed_name: str, loaded_name: str):
    """A fresh copy of a bundled face, parsed, written to the cache and loaded back from it."""
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path / "cache"))
    path = _fresh_copy(tmp_path)
    key = F._file_key(path, 0)
    parsed = F._parse_face(parsed_name, path, key)
    F._store_cached_face(parsed, key)
    assert F._cache_file(key).is_file()
    loaded = F._load_cached_face(loaded_name, key)
    assert loaded is not None
    return parsed, loaded


def test_cached_face_equals_the_parsed_face(tmp_path, monkeypatch):
    parsed, loaded = _parsed_and_cached(tmp_path, monkeypatch, "JXparsed", "JXloaded")
    for name in ("ascent", "descent", "bbox", "flags", "defaultWidth", "unitsPerEm"):
        assert getattr(loaded.face, name) == getattr(parsed.face, name), name
    assert list(loaded.face.glyphPos) == parsed.face.glyphPos
    assert [loaded.face.hmetrics[i] for i in range(len(loaded.face.hmetrics))] == [
        (int(aw), int(lsb)) for aw, lsb in parsed.face.hmetrics
    ]
    # the character tables load cut down to the core characters, then in full on demand
    core = F.core_codes()
    assert loaded.face.charToGlyph == {c: g for c, g in parsed.face.charToGlyph.items() if c in core}
    loaded.face.complete()
    for name in ("charToGlyph", "charWidths", "glyphToChar"):
        assert getattr(loaded.face, name) == getattr(parsed.face, name), name
    assert loaded.face.familyName == parsed.face.familyName
    assert loaded.face._ttf_data[:] == parsed.face._ttf_data  # mapped, not read
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


def test_a_character_outside_the_core_loads_the_full_tables(tmp_path, monkeypatch):
    """镕 is not in GB2312 but the title face has it: a face from the cache still finds it."""
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path / "cache"))
    title = F.bundled_fonts_dir() / "noto-serif-sc-bold" / "JixiaoTitleSerifSC-Bold.ttf"
    path = tmp_path / "title-copy.ttf"
    shutil.copyfile(title, path)
    key = F._file_key(path, 0)
    F._store_cached_face(F._parse_face("JXtitleparsed", path, key), key)
    font = F._load_cached_face("JXtitlecached", key)
    assert ord("镕") not in F.core_codes() and ord("镕") not in font.face.charToGlyph
    assert F._face_has(font.face, ord("镕"))
    assert font.face.charToGlyph[ord("镕")] != 0 and ord("镕") in font.face.charWidths
    assert not F._face_has(font.face, 0x10FFFD)  # private use: in no face


def test_an_old_format_cache_entry_is_parsed_again(tmp_path, monkeypatch):
    import marshal

    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path / "cache"))
    path = _fresh_copy(tmp_path)
    key = F._file_key(path, 0)
    F._cache_file(key).parent.mkdir(parents=True)
    F._cache_file(key).write_bytes(marshal.dumps({"filename": key[0], "charToGlyph": {}}))  # format 1
    assert F._load_cached_face("JXold", key) is None
    F._cache_file(key).write_bytes(marshal.dumps((F._CACHE_FORMAT, {"filename": key[0]}, {}, b"")))
    assert F._load_cached_face("JXodd", key) is None
    name, _family = F.register_font(path)
    assert F.face_has(name, ord("绩"))


def test_the_file_is_read_only_when_a_subset_is_embedded(tmp_path, monkeypatch):
    monkeypatch.setenv("JIXIAO_CACHE_DIR", str(tmp_path / "cache"))
    path = _fresh_copy(tmp_path)
    key = F._file_key(path, 0)
    F._store_cached_face(F._parse_face("JXp", path, key), key)
    font = F._load_cached_face("JXlazy", key)
    assert "_jx_data" not in vars(font.face)
    assert font.face.makeSubset([ord("绩")])  # reads the file now
    assert len(vars(font.face)["_jx_data"]) == key[3]
    # a file changed after registration is refused rather than embedded from other bytes
    import os

    changed = F._load_cached_face("JXchanged", key)
    os.utime(path, ns=(key[2] + 10**9, key[2] + 10**9))
    with pytest.raises(F.NotAFontError):
        changed.face.makeSubset([ord("绩")])


def _report(db: Path, out: Path, cache: Path) -> None:
    import os

    env = {**os.environ, "JIXIAO_CACHE_DIR": str(cache)}
    command = [sys.executable, "-m", "jixiao", "--lang", "zh_CN", "report", "--db", str(db), "--year", "2022"]
    subprocess.run([*command, "--out", str(out), "--deterministic"], env=env, check=True, capture_output=True)


def test_the_sample_report_is_the_same_from_parsed_and_from_cached_faces(tmp_path):
    """Fresh processes: the first parses the fonts (and fills the cache), the second loads the
    cut-down faces from the cache. Same bytes, hence the same text, faces and embedded glyphs."""
    from pypdf import PdfReader

    db = tmp_path / "s.sqlite3"
    subprocess.run(
        [sys.executable, "-m", "jixiao", "sample", "--db", str(db)], check=True, capture_output=True
    )
    cache = tmp_path / "cache"
    _report(db, tmp_path / "parsed.pdf", cache)
    assert any((cache / "fonts").glob("*.face"))
    _report(db, tmp_path / "cached.pdf", cache)
    parsed = (tmp_path / "parsed.pdf").read_bytes()
    assert parsed == (tmp_path / "cached.pdf").read_bytes()
    # and the faces embedded are exactly the report's role faces, each with its glyphs
    reader = PdfReader(tmp_path / "cached.pdf")
    embedded = set()
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            descriptor = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor  # embedded TrueType
            embedded.add(str(font["/BaseFont"]).split("+", 1)[1])
    roles = F.default_fonts().roles
    expected = {
        F._text(pdfmetrics.getFont(roles[r].name).face.name)
        + F._text(pdfmetrics.getFont(roles[r].name).face.subfontNameX)
        for r in ("title", "heading1", "heading2", "body")
    }
    assert embedded == expected


def _pdf_with(font_name: str, text: str) -> bytes:
    from io import BytesIO

    from reportlab.pdfgen.canvas import Canvas

    out = BytesIO()
    canvas = Canvas(out, invariant=1)
    canvas.setFont(font_name, 16)
    canvas.drawString(72, 720, text)
    canvas.save()
    return out.getvalue()


def test_a_pdf_is_the_same_bytes_whether_its_face_was_parsed_or_loaded_from_the_cache(tmp_path, monkeypatch):
    parsed, loaded = _parsed_and_cached(tmp_path, monkeypatch, "JXsameA", "JXsameB")
    pdfmetrics.registerFont(parsed)
    pdfmetrics.registerFont(loaded)
    text = "部门整体支出绩效自评报告（续）118.73万元"
    from_parsed = _pdf_with("JXsameA", text)
    assert from_parsed == _pdf_with("JXsameB", text).replace(b"JXsameB", b"JXsameA")
    # the embedded program is the subset, compressed (FlateDecode) and complete
    import re
    import zlib

    stream = re.search(rb"/Length1 (\d+).*?stream\r?\n(.*?)endstream", from_parsed, re.S)
    assert stream is not None and b"/FlateDecode" in from_parsed
    program = zlib.decompress(stream.group(2))
    assert len(program) == int(stream.group(1))
    assert program.startswith(b"\x00\x01\x00\x00")  # a TrueType font program
