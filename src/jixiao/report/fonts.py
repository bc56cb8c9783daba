"""Fonts for the report: one TrueType-outline file per role, plus fallback faces for rare characters.

A role gets, in order: the file the user chose (validated), an official face installed on the machine
(仿宋_GB2312 ``simfang.ttf``, 黑体 ``simhei.ttf``, 楷体 ``simkai.ttf``, 宋体 ``simsun.ttc``, 方正小标宋
``FZXBSJW.TTF`` …, looked up by file name in the usual font folders), else the freely licensed face
shipped in ``resources/fonts`` (see ``docs/fonts.md``). Characters a role's face lacks are drawn in the
first fallback face that has them (LXGW WenKai, WenQuanYi Micro Hei, Symbola).

Fonts are registered with reportlab as ``TTFont`` by path, once per process and file. The built-in CID
font STSong-Light and the standard-14 fonts are never used: they are not embedded in the PDF.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import mmap
import os
import sys
import tempfile
import threading
import unicodedata
import weakref
import zlib
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics, ttfonts
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from jixiao.core.errors import N_, JixiaoError
from jixiao.paths import resources_dir

ROLES = ("title", "heading1", "heading2", "body", "page_number")
"""title 小标宋, heading1 黑体 (一、), heading2 楷体 (（一）), body 仿宋 (also 1. and （1）, tables), page_number 宋体."""

ROLE_LABELS = {
    "title": N_("Title (小标宋)"),
    "heading1": N_("Heading level 1 (黑体)"),
    "heading2": N_("Heading level 2 (楷体)"),
    "body": N_("Body text (仿宋)"),
    "page_number": N_("Page numbers (宋体)"),
}

# Official faces by file name (compared case-insensitively), best first: (file name, subfont index).
OFFICIAL_FILES: dict[str, tuple[tuple[str, int], ...]] = {
    "title": (
        ("FZXBSJW.TTF", 0),
        ("FZXBSJW--GB1-0.TTF", 0),
        ("方正小标宋简体.ttf", 0),
        ("方正小标宋_GBK.ttf", 0),
        ("FZXBSK.TTF", 0),
    ),
    "heading1": (("simhei.ttf", 0),),
    "heading2": (("simkai.ttf", 0), ("楷体_GB2312.ttf", 0), ("kaiti_gb2312.ttf", 0)),
    "body": (("simfang.ttf", 0), ("仿宋_GB2312.ttf", 0), ("fangsong_gb2312.ttf", 0)),
    "page_number": (("simsun.ttc", 0), ("simsun.ttf", 0)),
}

# Bundled faces, relative to resources/fonts: (path, subfont index).
BUNDLED: dict[str, tuple[str, int]] = {
    "title": ("noto-serif-sc-bold/JixiaoTitleSerifSC-Bold.ttf", 0),
    "heading1": ("wqy-microhei/wqy-microhei.ttc", 0),
    "heading2": ("arphic-gkai00mp/gkai00mp.ttf", 0),
    "body": ("fandol-fang/FandolFang-Regular.ttf", 0),
    "page_number": ("fandol-fang/FandolFang-Regular.ttf", 0),  # no free 宋体 regular is shipped
}
# Installed faces used as extra fallbacks when present (CJK Extension B and beyond).
OFFICIAL_FALLBACK_FILES: tuple[tuple[str, int], ...] = (("simsunb.ttf", 0), ("SimSun-ExtG.ttf", 0))
BUNDLED_FALLBACKS: tuple[tuple[str, int], ...] = (
    ("lxgw-wenkai/LXGWWenKai-Regular.ttf", 0),  # all 20,992 URO hanzi + Ext A subset, Latin, kana
    ("wqy-microhei/wqy-microhei.ttc", 0),  # Hangul, more symbols
    ("symbola/Symbola_hint.ttf", 0),  # emoji (Unicode 9), arrows, maths, dingbats
)

# Characters every Chinese face must have; a file lacking any of them is refused for a role.
_CJK_PROBE = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
_IGNORABLE_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")


def _unicode_hex(code: int) -> str:
    """*code* as the UTF-16BE hex a ToUnicode CMap wants (a surrogate pair beyond the BMP)."""
    if code <= 0xFFFF:
        return f"{code:04X}"
    code -= 0x10000
    return f"{0xD800 + (code >> 10):04X}{0xDC00 + (code & 0x3FF):04X}"


def _to_unicode_cmap(fontname: str, subset: list[int]) -> str:
    """reportlab's ``makeToUnicodeCMap`` with a fix: characters beyond the BMP (emoji, CJK Ext B)
    are written as UTF-16 surrogate pairs; reportlab writes ``<1F600>``, which text extraction
    rejects, so those characters could not be searched or copied from the PDF."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
        f"{len(subset)} beginbfchar",
        *(f"<{i:02X}> <{_unicode_hex(v)}>" for i, v in enumerate(subset)),
        "endbfchar",
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines)


ttfonts.makeToUnicodeCMap = _to_unicode_cmap  # used by TTFont.addObjects when a PDF is written


class FontError(JixiaoError):
    """A font file cannot be used for the report (missing, not TrueType outlines, no Chinese)."""


class FontFileMissingError(FontError):
    message = N_("The font file {path} does not exist or cannot be read.")


class PostScriptOutlinesError(FontError):
    message = N_(
        "The font file {path} has PostScript (CFF) outlines, which cannot be embedded in the PDF. "
        "Choose a TrueType font (.ttf, or .ttc with the face number)."
    )


class NotAFontError(FontError):
    message = N_("The file {path} is not a usable TrueType font ({detail}).")


class NoChineseGlyphsError(FontError):
    message = N_("The font {path} has no Chinese characters (for example {missing}); choose a Chinese font.")


class NoFontForRoleError(FontError):
    message = N_("No font was found for the role {role}; the bundled fonts are missing from {folder}.")


@dataclass(frozen=True)
class FontChoice:
    """The font a role got: file, face index, where it came from, and the reportlab name.

    ``name`` is known before the file is read (see ``font_name``); the face is registered with
    reportlab on first use (``ensure_registered``), so a fallback face no character needs is
    never parsed.
    """

    role: str
    path: Path
    subfont: int
    origin: str  # "user", "system" or "bundled"
    name: str  # the name it is (or will be) registered under with reportlab

    @property
    def family(self) -> str:
        """The font's family name from its name table, e.g. "FangSong" or "FandolFang" (registers it)."""
        return register_font(self.path, self.subfont)[1]

    def ensure_registered(self) -> None:
        """Register the face with reportlab if that has not happened yet in this process."""
        register_font(self.path, self.subfont)


@dataclass
class FontSet:
    """The fonts of one report: a face per role and the fallback faces, all registered.

    ``runs(text, role)`` splits text into (reportlab font name, text) runs so that every character
    is drawn in a face that has it.
    """

    roles: dict[str, FontChoice]
    fallbacks: tuple[FontChoice, ...]
    _cover: dict[str, dict[int, int]] = field(default_factory=dict, repr=False)
    _pick: dict[tuple[str, str], str] = field(default_factory=dict, repr=False)
    _order: list[str] | None = field(default=None, repr=False)

    def name(self, role: str) -> str:
        """The reportlab font name of *role*."""
        return self.roles[role].name

    def covers(self, font_name: str, char: str) -> bool:
        """Whether the font *font_name* (of this set) has a glyph for *char*; registers it first."""
        cmap = self._cover.get(font_name)
        if cmap is None:
            try:
                self._choice(font_name).ensure_registered()
                cmap = pdfmetrics.getFont(font_name).face.charToGlyph
            except FontError:  # an installed fallback that turned out unusable: it covers nothing
                cmap = {}
            self._cover[font_name] = cmap
        if cmap.get(ord(char), 0) != 0:  # glyph 0 is .notdef: see font_for
            return True
        return bool(cmap) and face_has(font_name, ord(char))  # a cut-down face loads the rest

    def _choice(self, font_name: str) -> FontChoice:
        for choice in (*self.roles.values(), *self.fallbacks):
            if choice.name == font_name:
                return choice
        raise KeyError(font_name)

    def font_for(self, char: str, role: str) -> str:
        """The font that draws *char* in *role*: the role's face, else the first face of ``_chain``
        that has it.

        A character no face has is drawn as the first fallback's .notdef box (a visible gap; the
        character stays in the PDF's text layer); ``uncovered`` lists such characters. Invisible
        characters stay in the role's face.
        """
        key = (role, char)
        found = self._pick.get(key)
        if found is None:
            found = own = self.roles[role].name
            own_has = self.covers(own, char)  # also loads a cut-down face's full tables if needed
            if not is_invisible(char) and not own_has:
                for candidate in self._chain():
                    if self.covers(candidate, char):
                        found = candidate
                        break
                else:  # no face has it: the first fallback's .notdef box shows the gap
                    found = self.fallbacks[0].name if self.fallbacks else own
                    self._choice(found).ensure_registered()
                    # Map the character to .notdef in that face: reportlab then gives it a code of
                    # its own whose ToUnicode entry keeps the character in the PDF's text layer
                    # (unmapped characters all become code 0, extracted as U+0000).
                    pdfmetrics.getFont(found).face.charToGlyph.setdefault(ord(char), 0)
            self._pick[key] = found
        return found

    def _chain(self) -> list[str]:
        """Faces tried, in order, for a character a role's face lacks: the fallbacks, then the
        other roles' faces (the body face first)."""
        if self._order is None:
            chain = [f.name for f in self.fallbacks]
            for role in ("body", "heading1", "heading2", "title", "page_number"):
                if self.roles[role].name not in chain:
                    chain.append(self.roles[role].name)
            self._order = chain
        return self._order

    def runs(self, text: str, role: str) -> list[tuple[str, str]]:
        """*text* split into maximal ``(font name, text)`` runs for *role*; spaces join the current run."""
        result: list[tuple[str, str]] = []
        current = None
        start = 0
        for i, char in enumerate(text):
            font = current if (char == " " and current is not None) else self.font_for(char, role)
            if font != current:
                if current is not None:
                    result.append((current, text[start:i]))
                current, start = font, i
        if current is not None:
            result.append((current, text[start:]))
        return result

    def uncovered(self, text: str, role: str = "body") -> str:
        """The distinct visible characters of *text* that no face of *role* or the fallbacks has."""
        seen = []
        for char in dict.fromkeys(text):
            if is_invisible(char):
                continue
            if not self.covers(self.font_for(char, role), char):
                seen.append(char)
        return "".join(seen)

    def describe(self) -> list[FontChoice]:
        """The role choices in ROLES order, then the fallbacks (for the UI and the docs)."""
        return [self.roles[r] for r in ROLES] + list(self.fallbacks)


def is_invisible(char: str) -> bool:
    """Control, format (ZWJ, variation selectors), surrogate, private-use or unassigned characters."""
    return unicodedata.category(char) in _IGNORABLE_CATEGORIES


def default_search_dirs() -> list[Path]:
    """The usual font folders of Windows, macOS and Linux for this user and the system."""
    home = Path.home()
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows"
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [home / "Library" / "Fonts", Path("/Library/Fonts"), Path("/System/Library/Fonts")]
    dirs += [home / ".fonts", home / ".local" / "share" / "fonts", Path("/usr/share/fonts")]
    dirs += [Path("/usr/local/share/fonts")]
    return dirs


def bundled_fonts_dir() -> Path:
    """``resources/fonts`` (in the wheel or the source checkout)."""
    return resources_dir() / "fonts"


_LOCK = threading.RLock()
_REGISTERED: dict[tuple[str, int, int, int], tuple[str, str]] = {}
_CACHE_FORMAT = 2  # bump when the cached fields change


def _file_key(path: Path, subfont: int) -> tuple[str, int, int, int]:
    """(resolved path, face index, mtime in ns, size): what identifies one face of one file version."""
    try:
        stat = path.stat()
        resolved = str(path.resolve())
    except OSError:
        raise FontFileMissingError(path=str(path)) from None
    return (resolved, subfont, stat.st_mtime_ns, stat.st_size)


def font_name(path: Path | str, subfont: int = 0) -> str:
    """The reportlab name ``register_font`` gives this face, known without reading the file."""
    key = _file_key(Path(path), subfont)
    return "JX" + hashlib.sha1(repr(key).encode()).hexdigest()[:10]


def register_font(path: Path | str, subfont: int = 0) -> tuple[str, str]:
    """Register *path* (face *subfont*) with reportlab once per process; return (name, family).

    The parsed face is kept in the user cache folder (see ``face_cache_dir``), so a later process
    loads it in a fraction of the time reportlab takes to parse the file. Raises a ``FontError``
    when the file is missing, has CFF outlines or is not a TrueType font.
    """
    path = Path(path)
    key = _file_key(path, subfont)
    with _LOCK:
        known = _REGISTERED.get(key)
        if known:
            return known
        name = font_name(path, subfont)
        font = _load_cached_face(name, key)
        if font is None:
            font = _parse_face(name, path, key)
            _store_cached_face(font, key)
        pdfmetrics.registerFont(font)
        family = _text(font.face.familyName) or _text(font.face.name)
        _REGISTERED[key] = (name, family)
        return name, family


def _parse_face(name: str, path: Path, key: tuple[str, int, int, int]) -> TTFont:
    try:
        font = TTFont(name, key[0], subfontIndex=key[1])
        font.face.__class__ = _EmbeddingFace  # embeds as a face loaded from the cache does
        return font
    except TTFError as exc:
        if "postscript outlines" in str(exc).lower():
            raise PostScriptOutlinesError(path=str(path)) from None
        raise NotAFontError(path=str(path), detail=str(exc)) from None
    except (OSError, ValueError, IndexError, KeyError, AssertionError, TypeError) as exc:
        raise NotAFontError(path=str(path), detail=f"{type(exc).__name__}: {exc}") from None


def face_cache_dir() -> Path:
    """Where parsed faces are cached: ``$JIXIAO_CACHE_DIR/fonts`` when set, else the user cache folder.

    The cache only saves time: a missing, stale or unreadable entry is parsed again from the font.
    """
    override = os.environ.get("JIXIAO_CACHE_DIR")
    if override:
        return Path(override) / "fonts"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("jixiao", appauthor=False)) / "fonts"


def _cache_file(key: tuple[str, int, int, int]) -> Path:
    import reportlab

    ident = repr((key, _CACHE_FORMAT, reportlab.Version, sys.version_info[:2]))
    return face_cache_dir() / (hashlib.sha1(ident.encode()).hexdigest()[:20] + ".face")


# Fields of reportlab's TTFontFace that are rebuilt on load rather than cached: the file's bytes
# (read on first need: only embedding a subset reads them) and the unit-scaling function (a closure).
_NOT_CACHED = ("_ttf_data", "_pdfScale")
_NAME_FIELDS = ("name", "familyName", "styleName", "fullName", "uniqueFontID")
# The per-character tables, cached twice: cut down to the characters of ``core_codes()`` (loaded
# with the face) and in full (loaded the first time a character outside the core is looked up).
_CHAR_TABLES = ("charToGlyph", "charWidths", "glyphToChar")


@cache
def core_codes() -> frozenset[int]:
    """The characters a report almost always draws from: ASCII and Latin-1 (with the control
    characters: reportlab gives U+0000 the first code of every subset), general punctuation,
    letter-like and number forms, enclosed numbers, CJK symbols, full-width forms and all of GB2312
    (its 6,763 hanzi, Greek, Cyrillic, kana, box drawing)."""
    codes = set(range(0x100))
    for start, end in (
        (0x2000, 0x2070),
        (0x2100, 0x2190),
        (0x2460, 0x2500),
        (0x3000, 0x3040),
        (0xFF00, 0xFFF0),
    ):
        codes.update(range(start, end))
    for high in range(0xA1, 0xF8):
        for low in range(0xA1, 0xFF):
            try:
                codes.add(ord(bytes((high, low)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return frozenset(codes)


class _Metrics:
    """reportlab's ``hmetrics`` list of (advance, left side bearing) pairs, held as two arrays.

    reportlab reads it only by index when it embeds a subset, and only through ``int()``.
    """

    __slots__ = ("_advance", "_lsb")

    def __init__(self, advance: array, lsb: array) -> None:
        self._advance = advance
        self._lsb = lsb

    def __len__(self) -> int:
        return len(self._advance)

    def __getitem__(self, index: int) -> tuple[int, int]:
        return self._advance[index], self._lsb[index]


class _FileWindow:
    """Bytes ``start`` to ``start + length`` of a mapped font file, copied out only where sliced.

    reportlab's subsetter takes the whole glyph table and then slices one glyph at a time out of it;
    given this window instead, it copies only the glyphs it embeds (not megabytes per subset).
    """

    __slots__ = ("_data", "_start", "_length")

    def __init__(self, data: mmap.mmap, start: int, length: int) -> None:
        self._data = data
        self._start = start
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index: slice) -> bytes:
        if not isinstance(index, slice):
            raise TypeError("a font table window is only sliced")
        start, stop, step = index.indices(self._length)
        if step != 1:
            raise ValueError("a font table window is sliced with step 1")
        return self._data[self._start + start : self._start + max(start, stop)]


class _FontFlate:
    """reportlab's Flate filter for embedded font programs, at zlib level 1 instead of 6.

    Glyph outlines compress poorly at any level: level 1 makes the file about 6% larger and
    compresses 2.5 times as fast (the sample report: 27 ms of its 75 ms of rendering at level 6).
    """

    pdfname = "FlateDecode"

    def encode(self, data: bytes) -> bytes:
        return zlib.compress(data, 1)

    def decode(self, encoded: bytes) -> bytes:
        return zlib.decompress(encoded)


_FONT_FLATE = _FontFlate()


class _EmbeddingFace(ttfonts.TTFontFace):
    """Every face jixiao registers: its embedded subsets are compressed with ``_FontFlate``."""

    def addSubsetObjects(self, doc, fontname, subset):  # noqa: N802 (reportlab's name)
        reference = super().addSubsetObjects(doc, fontname, subset)
        stream = doc.idToObject.get(f"fontFile:{self.filename}({fontname})")
        if stream is not None and stream.filters:
            stream.filters = [_FONT_FLATE]
        return reference


class _CachedFace(_EmbeddingFace):
    """A face loaded from the cache: the character tables start cut down to ``core_codes()``
    (``complete()`` loads the rest) and the file is mapped into memory (read-only) when a subset is
    first embedded, then kept mapped for the process (on Windows the file cannot be changed
    meanwhile, as with any font in use; on Linux a font updated by its package is a new file and the
    mapping keeps the old one, only a file overwritten in place while jixiao runs would fault)."""

    _jx_full: bytes | None = None  # the marshalled full character tables, until loaded
    _jx_key: tuple[str, int, int, int] = ("", 0, 0, 0)

    @property
    def _ttf_data(self) -> bytes | mmap.mmap:
        data = vars(self).get("_jx_data")
        if data is None:
            with _LOCK:
                data = vars(self).get("_jx_data")
                if data is None:
                    data = self._jx_data = _map_file(self._jx_key)
        return data

    @_ttf_data.setter
    def _ttf_data(self, value: bytes) -> None:
        self._jx_data = value

    def get_table(self, tag: str) -> bytes | _FileWindow:
        data = self._ttf_data
        if tag == "glyf" and isinstance(data, mmap.mmap):
            start, length = self.get_table_pos(tag)
            return _FileWindow(data, start, length)
        return super().get_table(tag)

    def complete(self) -> None:
        """Load the full character tables into the cut-down ones (in place: holders stay valid).

        Under the module lock, and ``charToGlyph`` last: a report rendering in another thread
        that finds a character there finds its width too.
        """
        with _LOCK:
            full = self._jx_full
            if full is None:
                return
            tables = marshal.loads(full)
            for name in ("charWidths", "glyphToChar", "charToGlyph"):
                getattr(self, name).update(tables[name])
            self._jx_full = None


def _map_file(key: tuple[str, int, int, int]) -> mmap.mmap:
    """The font file of *key* mapped read-only; ``NotAFontError`` when it changed since it was
    registered (its cached tables would no longer match its glyphs)."""
    path = Path(key[0])
    with path.open("rb") as handle:
        stat = os.fstat(handle.fileno())
        if (stat.st_mtime_ns, stat.st_size) != key[2:] or not stat.st_size:
            raise NotAFontError(path=str(path), detail="the file changed while in use")
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)


def face_has(font_name: str, code: int) -> bool:
    """Whether the registered font *font_name* has a glyph (not .notdef) for the character *code*."""
    return _face_has(pdfmetrics.getFont(font_name).face, code)


def _face_has(face: ttfonts.TTFontFace, code: int) -> bool:
    if face.charToGlyph.get(code, 0) != 0:
        return True
    if isinstance(face, _CachedFace) and face._jx_full is not None:
        face.complete()
        return face.charToGlyph.get(code, 0) != 0
    return False


def _store_cached_face(font: TTFont, key: tuple[str, int, int, int]) -> None:
    """Write *font*'s parsed face to the cache (atomically; errors are ignored: it is only a cache)."""
    face = font.face
    fields = {k: v for k, v in vars(face).items() if k not in _NOT_CACHED and k not in _CHAR_TABLES}
    fields = {k: (bytes(v) if isinstance(v, bytes) else v) for k, v in fields.items()}
    core = core_codes()
    full = {name: getattr(face, name) for name in _CHAR_TABLES}
    cut = {
        "charToGlyph": {c: g for c, g in face.charToGlyph.items() if c in core},
        "charWidths": {c: w for c, w in face.charWidths.items() if c in core},
        "glyphToChar": {},  # reportlab reads it only while parsing
    }
    target = _cache_file(key)
    try:
        fields["hmetrics"] = (
            array("q", [int(aw) for aw, _lsb in face.hmetrics]).tobytes(),
            array("q", [int(lsb) for _aw, lsb in face.hmetrics]).tobytes(),
        )
        fields["glyphPos"] = array("q", face.glyphPos).tobytes()
        blob = marshal.dumps((_CACHE_FORMAT, fields, cut, marshal.dumps(full)))
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".face-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(blob)
            os.replace(temp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temp)
            raise
    except (OSError, ValueError, OverflowError, TypeError):
        return


def _load_cached_face(name: str, key: tuple[str, int, int, int]) -> TTFont | None:
    """The face of *key* from the cache as a ready ``TTFont``, or None when there is no usable entry."""
    try:
        version, fields, cut, full = marshal.loads(_cache_file(key).read_bytes())
        if version != _CACHE_FORMAT or fields.get("filename") != key[0] or not isinstance(full, bytes):
            return None
        face = _CachedFace.__new__(_CachedFace)
        pdfmetrics.TypeFace.__init__(face, None)
        advance, lsb = fields.pop("hmetrics")
        glyph_pos = fields.pop("glyphPos")
        vars(face).update(fields)
        face.hmetrics = _Metrics(_array(advance), _array(lsb))
        face.glyphPos = _array(glyph_pos)
        for table in _CHAR_TABLES:
            if not isinstance(cut.get(table), dict):
                return None
            setattr(face, table, cut[table])
        face._jx_full = full
        face._jx_key = key
        for field_name in _NAME_FIELDS:
            if isinstance(fields.get(field_name), bytes):
                setattr(face, field_name, ttfonts.TTFNameBytes(fields[field_name]))
        scale = 1000 / face.unitsPerEm
        face._pdfScale = (lambda x: x) if face.unitsPerEm == 1000 else (lambda x: x * scale)
        font = TTFont.__new__(TTFont)
        font.fontName = name
        font.face = face
        font.encoding = ttfonts.TTEncoding()
        font.state = weakref.WeakKeyDictionary()
        font._asciiReadable = rl_config.ttfAsciiReadable
        font.shapable = True
        return font
    except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError, ZeroDivisionError):
        return None


def _array(data: bytes) -> array:
    values = array("q")
    values.frombytes(data)
    return values


def _text(value: bytes | str | None) -> str:
    if isinstance(value, bytes):
        for encoding in ("utf-8", "utf-16-be", "latin-1"):
            try:
                return value.decode(encoding)
            except UnicodeDecodeError:
                continue
    return value or ""


def validate_font_file(path: Path | str, subfont: int = 0) -> tuple[str, str]:
    """Check a user-chosen font: TrueType outlines and Chinese glyphs. Returns (name, family).

    Raises ``PostScriptOutlinesError``, ``NotAFontError``, ``FontFileMissingError`` or
    ``NoChineseGlyphsError`` (each with a translatable message).
    """
    name, family = register_font(path, subfont)
    missing = [c for c in _CJK_PROBE if not face_has(name, ord(c))]
    if len(missing) > len(_CJK_PROBE) // 20:
        raise NoChineseGlyphsError(path=str(path), missing="".join(missing[:5]))
    return name, family


@cache
def _index(directory: str) -> dict[str, str]:
    """Lower-case file name -> path for every file below *directory* (cached per process)."""
    found: dict[str, str] = {}
    for root, _dirs, files in os.walk(directory):
        for file in files:
            found.setdefault(file.lower(), os.path.join(root, file))
    return found


def _find_file(file_name: str, search_dirs: Iterable[Path]) -> Path | None:
    for directory in search_dirs:
        if Path(directory).is_dir():
            hit = _index(str(directory)).get(file_name.lower())
            if hit:
                return Path(hit)
    return None


def find_official(role: str, search_dirs: Iterable[Path]) -> tuple[Path, int] | None:
    """The first installed official face for *role* in *search_dirs*, or None."""
    dirs = list(search_dirs)
    for file_name, subfont in OFFICIAL_FILES[role]:
        hit = _find_file(file_name, dirs)
        if hit is not None:
            return hit, subfont
    return None


def _as_source(value: Path | str | tuple[Path | str, int]) -> tuple[Path, int]:
    if isinstance(value, tuple):
        return Path(value[0]), int(value[1])
    return Path(value), 0


def resolve_fonts(
    overrides: Mapping[str, Path | str | tuple[Path | str, int]] | None = None,
    search_dirs: Iterable[Path] | None = None,
) -> FontSet:
    """Resolve and register a font for every role.

    *overrides* maps a role to a user-chosen file (or ``(file, face index)``); it is validated and a
    bad choice raises a ``FontError``. *search_dirs* are where official faces are looked for
    (default: the system's font folders; pass ``[]`` to use only the bundled faces). An installed
    official face that cannot be used is skipped.
    """
    overrides = dict(overrides or {})
    unknown = set(overrides) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown font roles: {sorted(unknown)}")
    dirs = list(default_search_dirs() if search_dirs is None else search_dirs)
    folder = bundled_fonts_dir()
    roles: dict[str, FontChoice] = {}
    for role in ROLES:
        choice = None
        if role in overrides:
            path, subfont = _as_source(overrides[role])
            name, _family = validate_font_file(path, subfont)
            choice = FontChoice(role, path, subfont, "user", name)
        if choice is None:
            official = find_official(role, dirs)
            if official is not None:
                try:
                    name, _family = validate_font_file(*official)
                    choice = FontChoice(role, official[0], official[1], "system", name)
                except FontError:
                    choice = None
        if choice is None:
            relative, subfont = BUNDLED[role]
            path = folder / relative
            if not path.is_file():
                raise NoFontForRoleError(role=role, folder=str(folder))
            name, _family = register_font(path, subfont)
            choice = FontChoice(role, path, subfont, "bundled", name)
        roles[role] = choice
    # Fallback faces are registered only when a character needs one (see FontSet.covers).
    fallbacks = []
    for relative, subfont in BUNDLED_FALLBACKS:
        path = folder / relative
        if path.is_file():
            fallbacks.append(FontChoice("fallback", path, subfont, "bundled", font_name(path, subfont)))
    for file_name, subfont in OFFICIAL_FALLBACK_FILES:
        found = _find_file(file_name, dirs)
        if found is not None:
            fallbacks.append(FontChoice("fallback", found, subfont, "system", font_name(found, subfont)))
    return FontSet(roles, tuple(fallbacks))


_DEFAULT: dict[str, FontSet] = {}


def default_fonts() -> FontSet:
    """``resolve_fonts()`` with the system's font folders, cached for the process."""
    with _LOCK:
        if "default" not in _DEFAULT:
            _DEFAULT["default"] = resolve_fonts()
        return _DEFAULT["default"]
