"""The UI font: the system's Simplified Chinese font, or a bundled one when the system has none."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from jixiao.paths import resources_dir

log = logging.getLogger(__name__)
# Bundled faces for the UI, best first: a sans face suits the screen; any CJK face beats boxes.
BUNDLED_UI_FONTS = ("wqy-microhei/wqy-microhei.ttc", "lxgw-wenkai/LXGWWenKai-Regular.ttf")


def system_cjk_families() -> list[str]:
    """Font families the system offers for Simplified Chinese (application fonts excluded)."""
    return [
        f
        for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        if not _is_app_font(f)
    ]


_app_families: set[str] = set()


def _is_app_font(family: str) -> bool:
    return family in _app_families


def ensure_cjk_font(app: QApplication, font_dir: Path | None = None) -> str | None:
    """Register a bundled CJK font when the system has no Simplified Chinese family.

    Returns the family now used for the UI (None when the system's own font is fine).
    """
    if system_cjk_families():
        return None
    directory = font_dir or resources_dir() / "fonts"
    for relative in BUNDLED_UI_FONTS:
        path = directory / relative
        if not path.exists():
            continue
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if families:
            _app_families.update(families)
            font = QFont(app.font())
            font.setFamilies([families[0], *font.families()])
            app.setFont(font)
            return families[0]
    log.warning("no Chinese font on the system and none bundled in %s", directory)
    return None
