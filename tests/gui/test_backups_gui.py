"""File › Backups and restore: list, back up now, restore (in place and to a copy), export, and the
warning when the data file lies in a synced folder."""

from __future__ import annotations

import dataclasses
import json
import shutil

from PySide6.QtWidgets import QLabel, QToolBar

from jixiao.gui.app import SAMPLE_FILE_NAME
from jixiao.gui.dialogs.backups import PATH_ROLE
from jixiao.services import unit as unit_service
from jixiao.store.backups import list_backups


def rename_unit(controller, name: str) -> None:
    unit = dataclasses.replace(controller.session.unit(), full_name=name)
    controller.session.call(unit_service.update_unit, unit)


def open_dialog(controller):
    controller.window.findChild(type(controller.window.backup_action), "actionBackups").trigger()
    return controller.backups_dialog


def test_list_back_up_now_and_restore_a_backup(sample_controller, asker, qtbot):
    controller = sample_controller
    book = controller.book
    original = controller.session.unit().full_name
    dialog = open_dialog(controller)
    assert dialog.isVisible() and not dialog.warning.isVisible()
    before = len(list_backups(book.path, book.backup_dir))
    made = dialog.backup_now()
    assert made is not None and made.exists()
    assert dialog.list.topLevelItemCount() == len(list_backups(book.path, book.backup_dir)) == before + 1
    item = dialog.list.currentItem()
    assert item.data(0, PATH_ROLE) == str(made)
    assert item.text(0).startswith("20") and item.text(2).endswith("KB")  # date and size

    rename_unit(controller, "改过名字的单位")
    assert controller.session.unit().full_name == "改过名字的单位"
    dialog.select(made)
    saved = dialog.restore()
    assert asker.asked[-1][0] == "confirm"
    assert saved is not None and saved.exists() and "before-restore" in saved.name
    assert controller.book is not book and controller.book.path == book.path  # closed and opened again
    assert controller.session.unit().full_name == original
    assert controller.window.session is controller.session and controller.window.pages
    qtbot.wait(20)  # the pages finish loading, as they would before the clerk clicks again
    # the file as it was before the restore is itself a backup that can be restored
    dialog.select(saved)
    assert dialog.restore() is not None
    assert controller.session.unit().full_name == "改过名字的单位"


def test_a_restore_that_is_declined_changes_nothing(sample_controller, asker):
    controller = sample_controller
    dialog = open_dialog(controller)
    made = dialog.backup_now()
    book = controller.book
    asker.answers["confirm"] = [False]
    dialog.select(made)
    assert dialog.restore() is None and controller.book is book


def test_restore_to_a_copy_leaves_the_open_file_alone(sample_controller, asker, tmp_path):
    controller = sample_controller
    dialog = open_dialog(controller)
    made = dialog.backup_now()
    rename_unit(controller, "新名字")
    target = tmp_path / "copy"
    asker.answers["save_file"] = [str(target)]
    asker.answers["confirm"] = [False]  # do not open it
    dialog.select(made)
    assert dialog.restore_copy()
    copy = tmp_path / "copy.sqlite3"
    assert copy.exists() and controller.session.unit().full_name == "新名字"
    asker.answers["save_file"] = [str(copy)]  # an existing file is never overwritten
    dialog.select(made)
    assert not dialog.restore_copy()
    assert asker.asked[-1][0] == "error"
    controller.open_path(copy)
    assert controller.session.unit().full_name != "新名字"


def test_export_the_year_package_from_the_dialog(sample_controller, asker, tmp_path):
    dialog = open_dialog(sample_controller)
    asker.answers["save_file"] = [str(tmp_path / "fy2022.json")]
    dialog.export_button.click()
    package = json.loads((tmp_path / "fy2022.json").read_text(encoding="utf-8"))
    assert (
        package["year"] == 2022 and package["unit"]["full_name"] == sample_controller.session.unit().full_name
    )


def test_a_file_in_a_synced_folder_shows_a_warning_banner(
    make_controller, sample_template, tmp_path, asker, qtbot
):
    synced = tmp_path / "OneDrive - 某单位"
    synced.mkdir()
    shutil.copy(sample_template, synced / SAMPLE_FILE_NAME)
    controller = make_controller()
    controller.start(synced / SAMPLE_FILE_NAME)
    banner = controller.window.findChild(QToolBar, "storageBanner")
    assert banner is not None and not banner.isHidden()
    text = banner.findChild(QLabel, "storageWarning").text()
    assert "OneDrive" in text and text.startswith("⚠")
    assert not [a for a in asker.asked if a[0] == "inform"]  # a banner, not a box to click away
    dialog = open_dialog(controller)
    assert not dialog.warning.isHidden() and "OneDrive" in dialog.warning.text()
    controller.set_language("en")  # the banner survives the rebuilt window
    assert controller.window.findChild(QToolBar, "storageBanner") is not None
    qtbot.wait(20)
    shutil.copy(sample_template, tmp_path / "local.sqlite3")
    assert controller.open_path(tmp_path / "local.sqlite3")  # a file on a local disk: no banner
    assert controller.window.findChild(QToolBar, "storageBanner") is None
