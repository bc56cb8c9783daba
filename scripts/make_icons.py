"""Make the PNG sizes and the Windows .ico of the application icon from resources/icons/jixiao.svg.

    python scripts/make_icons.py OUT_DIR

Writes ``OUT_DIR/jixiao-<size>.png`` (16 … 256 px, for the Linux hicolor theme) and ``OUT_DIR/jixiao.ico``
(all sizes in one file, PNG-compressed entries, for the Windows executable and its shortcuts). Uses
Qt's own SVG renderer, so it needs nothing beyond the project's dependencies. The outputs are build products
(scripts/package.sh calls this): they are not committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

SIZES = (16, 24, 32, 48, 64, 128, 256)
SVG = Path(__file__).resolve().parents[1] / "resources" / "icons" / "jixiao.svg"


def make_icons(out: Path, svg: Path = SVG) -> list[Path]:
    """Render *svg* to PNGs and one ICO in *out*; returns the files written."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"not a valid SVG: {svg}")
    out.mkdir(parents=True, exist_ok=True)
    written = []
    images = []
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        path = out / f"jixiao-{size}.png"
        if not image.save(str(path), "PNG"):
            raise SystemExit(f"could not write {path}")
        written.append(path)
        images.append(image)
    ico = out / "jixiao.ico"
    _write_ico(ico, images)
    written.append(ico)
    return written


def _write_ico(path: Path, images) -> None:
    """An .ico holding *images* (PNG-compressed entries, as Windows Vista and later read them)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    blobs = []
    for image in images:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        blobs.append((image.width(), bytes(data)))
    header = (0).to_bytes(2, "little") + (1).to_bytes(2, "little") + len(blobs).to_bytes(2, "little")
    offset = 6 + 16 * len(blobs)
    entries, payload = b"", b""
    for size, blob in blobs:
        side = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += bytes([side, side, 0, 0]) + (1).to_bytes(2, "little") + (32).to_bytes(2, "little")
        entries += len(blob).to_bytes(4, "little") + offset.to_bytes(4, "little")
        offset += len(blob)
        payload += blob
    path.write_bytes(header + entries + payload)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    for path in make_icons(Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
