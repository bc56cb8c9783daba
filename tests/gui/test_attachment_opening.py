"""Attachments that could run code are saved, never opened; opened copies are private and cleaned up."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from PySide6.QtGui import QDesktopServices

from jixiao.core.model import Attachment
from jixiao.gui.dialogs import activity_dialog
from jixiao.gui.dialogs.activity_dialog import ATTACHMENT_ROLE, is_viewable, remove_stale_temp_copies


@pytest.mark.parametrize(
    ("name", "viewable"),
    [
        ("签到表.pdf", True),
        ("现场照片.JPG", True),
        ("汇总.xlsx", True),
        ("说明.txt", True),
        ("安装.exe", False),
        ("run.bat", False),
        ("宏.docm", False),
        ("page.html", False),
        ("page.htm", False),
        ("script.js", False),
        ("x.hta", False),
        ("link.lnk", False),
        ("老格式.doc", False),  # may hold macros
        ("evil.exe.", False),  # Windows drops the trailing dot
        ("evil.pdf ", False),
        ("noext", False),
        ("..\\..\\evil.pdf.exe", False),
    ],
)
def test_which_kinds_are_opened(name, viewable):
    assert is_viewable(name) is viewable


@pytest.fixture
def dialog_with(sample_controller):
    page = sample_controller.window.pages["work"].activities

    def make(filename: str, data: bytes):
        dialog = page.new_activity()
        dialog._add_item(Attachment(filename=filename, data=data, media_type="application/octet-stream"))
        return dialog, dialog.attachments.item(dialog.attachments.count() - 1)

    return make


def test_an_executable_attachment_is_saved_with_a_warning_not_opened(
    dialog_with, asker, tmp_path, monkeypatch
):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog, item = dialog_with("报名表.docm", b"PK macro document")
    target = tmp_path / "saved.docm"
    asker.answers["save_file"] = [str(target)]
    dialog.preview(item)
    assert opened == []
    kinds = [name for name, _ in asker.asked]
    assert kinds[-2:] == ["inform", "save_file"]
    assert "报名表.docm" in asker.asked[-2][1][1]  # the warning names the file
    assert target.read_bytes() == b"PK macro document"
    asker.answers["save_file"] = [None]  # declined: nothing written anywhere
    dialog.preview(item)
    assert opened == []


def test_a_pdf_opens_from_a_private_copy_that_is_removed_later(dialog_with, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    dialog, item = dialog_with("签到表.pdf", b"%PDF-1.4 sheet")
    assert item.data(ATTACHMENT_ROLE).filename == "签到表.pdf"
    dialog.preview(item)
    (url,) = opened
    copy = Path(url.toLocalFile())
    assert copy.read_bytes() == b"%PDF-1.4 sheet" and copy.name == "签到表.pdf"
    root = copy.parent.parent
    assert root.name.startswith(activity_dialog.TEMP_PREFIX)
    assert os.stat(copy.parent).st_mode & 0o077 == 0  # a private folder (mkdtemp)
    old = time.time() - 2 * 24 * 3600
    os.utime(root, (old, old))
    assert remove_stale_temp_copies() >= 1
    assert not root.exists()
    dialog.preview(item)  # a new private folder is made when the old one is gone
    assert Path(opened[-1].toLocalFile()).read_bytes() == b"%PDF-1.4 sheet"
