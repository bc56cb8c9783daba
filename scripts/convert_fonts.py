"""Developer step, run once: fetch the freely licensed fonts from Debian and write resources/fonts/.

Not an install step: its output (TrueType files and licence texts) is committed. It needs ``apt-get``
(Debian/Ubuntu, no root needed for ``apt-get download``), ``dpkg-deb`` and ``fonttools`` (``pip install
fonttools``; the application itself does not use fonttools).

reportlab embeds only TrueType-outline fonts, so the CFF-outline faces (Fandol, Noto Serif CJK) are
converted to quadratic TrueType outlines with fontTools' cu2qu (max error 1 font unit). The title face is
Noto Serif CJK SC Bold limited to the characters of GBK (plus punctuation and Latin): a full conversion of
its 65,535 glyphs would be far larger than every other bundled face together, and the fallback face
covers whatever a title holds beyond GBK. The modified Noto face is renamed ("Jixiao Title Serif SC"), as
the SIL OFL asks of modified versions.

Usage::

    python scripts/convert_fonts.py                  # apt-get download into a temporary folder
    python scripts/convert_fonts.py --root /tmp/x    # use packages already extracted under /tmp/x
    python scripts/convert_fonts.py --only fandol-fang
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "resources" / "fonts"

FANDOL = "usr/share/texlive/texmf-dist/fonts/opentype/public/fandol"
DOC = "usr/share/doc"

GPL_FONT_EXCEPTION = """\
The Fandol fonts are licensed under the GNU General Public License version 3 (see COPYING) with the
GPL font exception, as their README states ("These fonts's licensing is GPL + GPL font exception."):

  As a special exception, if you create a document which uses this font, and embed this font or
  unaltered portions of this font into the document, this font does not by itself cause the resulting
  document to be covered by the GNU General Public License. This exception does not however invalidate
  any other reasons why the document might be covered by the GNU General Public License. If you modify
  this font, you may extend this exception to your version of the font, but you are not obligated to do
  so. If you do not wish to do so, delete this exception statement from your version.

Fandol fonts: Copyright (C) 2013-2015 the Fandol team (Clerk Ma, Jie Su). Source: CTAN fonts/fandol,
as packaged by Debian in texlive-lang-chinese.

Modification made by jixiao (and the exception is extended to it): the CFF outlines of
{source} were converted to quadratic TrueType outlines by scripts/convert_fonts.py (fontTools cu2qu,
max error 1 unit); the glyph names were dropped (post table format 3). The corresponding source is the
original {source} plus that script.
"""

NOTO_NOTE = """\
This font is a modified version of Noto Serif CJK SC Bold (Copyright 2017-2022 Adobe), licensed under
the SIL Open Font License 1.1 (text below; Debian's copyright file is in COPYING).

Modifications made by jixiao with scripts/convert_fonts.py: limited to the characters of GBK plus
Latin and punctuation, OpenType layout and vertical tables removed, CFF outlines converted to quadratic
TrueType outlines (fontTools cu2qu), and renamed "Jixiao Title Serif SC" as the OFL requires of
modified versions.

"""


@dataclass
class Face:
    """One bundled face: where it comes from in a Debian package and what to write."""

    family: str  # folder under resources/fonts
    package: str
    source: str  # path inside the extracted package root
    output: str  # file name written
    convert: bool = False  # CFF -> TrueType
    subfont: int = 0  # in a .ttc source that is converted
    gbk_only: bool = False
    rename: str = ""  # new family name for a modified OFL face
    licences: list[tuple[str, Callable[[Path], str]]] = field(default_factory=list)


def _read(path: Path) -> str:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    for encoding in ("utf-8", "gb18030", "latin-1"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise AssertionError("unreachable")


def _file(relative: str) -> Callable[[Path], str]:
    return lambda root: _read(root / relative)


def _debian_licence(copyright_file: str, name: str, prefix: str = "") -> Callable[[Path], str]:
    """The stand-alone ``License: name`` paragraph of a Debian copyright file, as plain text."""

    def get(root: Path) -> str:
        lines = _read(root / copyright_file).splitlines()
        # the stand-alone paragraph is the last "License: name" line (the first is inside "Files:")
        start = len(lines) - 1 - lines[::-1].index(f"License: {name}")
        body = []
        for line in lines[start + 1 :]:
            if not line.startswith(" "):
                break
            body.append("" if line.strip() == "." else line[1:])
        return prefix + "\n".join(body).strip() + "\n"

    return get


def _system(path: str) -> Callable[[Path], str]:
    return lambda root: Path(path).read_text(encoding="utf-8")


FACES = [
    Face(
        "fandol-fang",
        "texlive-lang-chinese",
        f"{FANDOL}/FandolFang-Regular.otf",
        "FandolFang-Regular.ttf",
        convert=True,
        licences=[
            ("COPYING", _file(f"{DOC}/texlive-doc/fonts/fandol/COPYING.gz")),
            ("LICENSE", lambda root: GPL_FONT_EXCEPTION.format(source="FandolFang-Regular.otf")),
            ("README", _file(f"{DOC}/texlive-doc/fonts/fandol/README")),
        ],
    ),
    Face(
        "wqy-microhei",
        "fonts-wqy-microhei",
        "usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "wqy-microhei.ttc",
        licences=[
            ("COPYING", _file(f"{DOC}/fonts-wqy-microhei/copyright")),
            ("LICENSE-Apache-2.0", _system("/usr/share/common-licenses/Apache-2.0")),
        ],
    ),
    Face(
        "arphic-gkai00mp",
        "fonts-arphic-gkai00mp",
        "usr/share/fonts/truetype/arphic-gkai00mp/gkai00mp.ttf",
        "gkai00mp.ttf",
        licences=[
            ("LICENSE", _file(f"{DOC}/fonts-arphic-gkai00mp/license/english/ARPHICPL.TXT.gz")),
            ("LICENSE.zh_CN", _file(f"{DOC}/fonts-arphic-gkai00mp/license/gb/ARPHICPL.TXT")),
            ("COPYING", _file(f"{DOC}/fonts-arphic-gkai00mp/copyright")),
        ],
    ),
    Face(
        "noto-serif-sc-bold",
        "fonts-noto-cjk",
        "usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
        "JixiaoTitleSerifSC-Bold.ttf",
        convert=True,
        subfont=2,  # JP, KR, SC, TC, HK
        gbk_only=True,
        rename="Jixiao Title Serif SC",
        licences=[
            ("LICENSE", _debian_licence(f"{DOC}/fonts-noto-cjk/copyright", "SIL-1.1", NOTO_NOTE)),
            ("COPYING", _file(f"{DOC}/fonts-noto-cjk/copyright")),
        ],
    ),
    Face(
        "lxgw-wenkai",
        "fonts-lxgw-wenkai",
        "usr/share/fonts/truetype/lxgw-wenkai/LXGWWenKai-Regular.ttf",
        "LXGWWenKai-Regular.ttf",
        licences=[
            ("LICENSE", _debian_licence(f"{DOC}/fonts-lxgw-wenkai/copyright", "OFL-1.1")),
            ("COPYING", _file(f"{DOC}/fonts-lxgw-wenkai/copyright")),
        ],
    ),
    Face(
        "symbola",
        "fonts-symbola",
        "usr/share/fonts/truetype/ancient-scripts/Symbola_hint.ttf",
        "Symbola_hint.ttf",
        licences=[("COPYING", _file(f"{DOC}/fonts-symbola/copyright"))],
    ),
]


def _gbk_codepoints(cmap: dict[int, str]) -> set[int]:
    keep = set()
    for cp in cmap:
        ch = chr(cp)
        if cp < 0x250 or 0x2000 <= cp <= 0x2BFF or 0x3000 <= cp <= 0x303F or 0xFF00 <= cp <= 0xFFEF:
            keep.add(cp)
            continue
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            continue
        keep.add(cp)
    return keep


def _to_truetype(font) -> None:
    """Replace the CFF table of *font* (a fontTools TTFont) with quadratic TrueType glyf outlines."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, max_err=1.0, reverse_direction=True))
        glyphs[name] = pen.glyph()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = glyphs
    for tag in ("CFF ", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        advance = hmtx[name][0]
        hmtx[name] = (advance, getattr(glyph, "xMin", 0))
    maxp = font["maxp"] = newTable("maxp")
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones",
        "maxTwilightPoints",
        "maxStorage",
        "maxFunctionDefs",
        "maxInstructionDefs",
        "maxStackElements",
        "maxSizeOfInstructions",
    ):
        setattr(maxp, attr, 1 if attr == "maxZones" else 0)
    maxp.maxComponentElements = max(
        (len(getattr(g, "components", []) or []) for g in glyphs.values()), default=0
    )
    post = font["post"]
    post.formatType = 3.0
    post.extraNames = []
    post.mapping = {}
    font.sfntVersion = "\x00\x01\x00\x00"
    font["head"].glyphDataFormat = 0


def _rename(font, family: str) -> None:
    name = font["name"]
    style = name.getDebugName(2) or "Regular"
    full = f"{family} {style}"
    postscript = full.replace(" ", "")
    for record in list(name.names):
        if record.nameID in (1, 16):
            name.setName(family, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 6):
            name.setName(postscript, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 4:
            name.setName(full, record.nameID, record.platformID, record.platEncID, record.langID)
        elif record.nameID == 17:
            name.setName(style, record.nameID, record.platformID, record.platEncID, record.langID)


def convert(face: Face, source: Path, target: Path) -> None:
    """Write *face* from *source* to *target* (converted or copied)."""
    if not face.convert:
        shutil.copyfile(source, target)
        return
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source, fontNumber=face.subfont, recalcTimestamp=False, lazy=False)
    if face.gbk_only:
        options = subset.Options()
        options.layout_features = []
        options.drop_tables += ["GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG"]
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.glyph_names = False
        options.hinting = False
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=_gbk_codepoints(font.getBestCmap()))
        subsetter.subset(font)
    _to_truetype(font)
    if face.rename:
        _rename(font, face.rename)
    font.save(target)


def extract(packages: list[str], root: Path) -> None:
    """``apt-get download`` each package into *root* and unpack it there (no installation)."""
    debs = root / "debs"
    debs.mkdir(parents=True, exist_ok=True)
    subprocess.run(["apt-get", "download", *packages], cwd=debs, check=True)
    for deb in sorted(debs.glob("*.deb")):
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, help="folder where the Debian packages are already extracted")
    parser.add_argument("--only", action="append", help="family folder to (re)build; repeatable")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    faces = [f for f in FACES if not args.only or f.family in args.only]
    with tempfile.TemporaryDirectory() as tmp:
        root = args.root
        if root is None:
            root = Path(tmp)
            extract(sorted({f.package for f in faces}), root)
        for face in faces:
            folder = args.out / face.family
            folder.mkdir(parents=True, exist_ok=True)
            started = time.perf_counter()
            convert(face, root / face.source, folder / face.output)
            for name, text in face.licences:
                (folder / name).write_text(text(root), encoding="utf-8")
            size = (folder / face.output).stat().st_size / 1e6
            print(f"{face.family}: {face.output} {size:.1f} MB in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
