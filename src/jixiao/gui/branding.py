"""The application's name, version, organisation and icon, as the desktop shows them.

``apply_metadata(app)`` sets them on the QApplication (window icon of every window, the
``.desktop`` file name Wayland/X11 docks match windows with). The settings path depends on the
application and organisation *names*, so those stay the plain ``jixiao`` they always were; the
organisation people read is ``ORGANISATION`` (translated where shown).
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from jixiao import __version__
from jixiao.core.errors import N_
from jixiao.paths import resources_dir

APP_NAME = "jixiao"  # QSettings / data folder name: never change
ORGANISATION_ID = "jixiao"  # QSettings organisation: never change
DESKTOP_FILE = "jixiao"  # jixiao.desktop, as installed by the .deb
VERSION = __version__
DISPLAY_NAME = N_("jixiao")  # zh_CN: 绩效自评助手
ORGANISATION = N_("jixiao developers")
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def icon_path():
    """The application icon (SVG) among the shipped resources."""
    return resources_dir() / "icons" / "jixiao.svg"


def app_icon() -> QIcon:
    """The application icon, drawn from the SVG at every size (empty when the file is missing)."""
    icon = QIcon()
    path = icon_path()
    if path.is_file():
        for size in ICON_SIZES:
            icon.addFile(str(path), QSize(size, size))
    return icon


def apply_metadata(app: QApplication) -> None:
    """Name, version, organisation and icon of *app* (call once, right after creating it)."""
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORGANISATION_ID)
    app.setApplicationVersion(VERSION)
    app.setDesktopFileName(DESKTOP_FILE)
    app.setWindowIcon(app_icon())
