"""Name, version, organisation and icon: in the window title, the About box and on the application."""

from __future__ import annotations

import tomllib
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtSvg import QSvgRenderer

from jixiao import __version__
from jixiao.gui.branding import app_icon, apply_metadata, icon_path

ROOT = Path(__file__).resolve().parents[2]


def test_the_version_is_the_packages():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["version"] == __version__


def test_the_icon_is_a_valid_svg_drawn_at_every_size(qapp):
    assert QSvgRenderer(str(icon_path())).isValid()
    icon = app_icon()
    assert not icon.isNull()
    for size in (16, 32, 256):
        image = icon.pixmap(QSize(size, size)).toImage()
        assert image.width() == size
        assert image.pixelColor(size // 2, size // 10).alpha() == 255  # drawn, not empty


def test_metadata_on_the_application(qapp):
    apply_metadata(qapp)
    assert qapp.applicationName() == "jixiao" and qapp.organizationName() == "jixiao"
    assert qapp.applicationVersion() == __version__
    assert qapp.desktopFileName() == "jixiao"
    assert not qapp.windowIcon().isNull()


def test_title_and_about_box_show_name_version_and_organisation(sample_controller, qtbot):
    window = sample_controller.window
    assert window.windowTitle() == f"绩效自评助手 {__version__} — 2022年度"
    window.about()
    box = window.about_box
    qtbot.waitUntil(box.isVisible)
    assert "绩效自评助手" in box.text() and __version__ in box.text() and "绩效自评助手开发者" in box.text()
    assert box.windowTitle() == "关于绩效自评助手"
    assert not box.iconPixmap().isNull()
    box.close()


def test_english_title(make_controller, sample_template, tmp_path, qtbot):
    import shutil

    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(sample_template, data / "sample.sqlite3")
    controller = make_controller("en")
    controller.start(data / "sample.sqlite3")
    assert controller.window.windowTitle() == f"jixiao {__version__} — FY 2022"
