"""Settings › Preferences: layout profile, font roles, backup folder and rotation, moving the data file."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from jixiao.gui.widgets.font_roles import font_choices
from jixiao.paths import resources_dir
from jixiao.store.backups import DEFAULT_RETENTION, Retention, list_backups
from jixiao.store.database import default_backup_dir
from jixiao.store.lock import lock_path_for


def open_preferences(controller):
    controller.preferences()
    return controller.preferences_dialog


def test_layout_backups_and_rotation_are_applied_and_remembered(sample_controller, tmp_path, qtbot):
    controller = sample_controller
    dialog = open_preferences(controller)
    assert dialog.layout_profile() == "gbt9704" and dialog.retention() == DEFAULT_RETENTION
    assert dialog.backup_edit.placeholderText() == str(default_backup_dir(controller.book.path))
    dialog.layout_box.setCurrentIndex(dialog.layout_box.findData("word"))
    folder = tmp_path / "elsewhere"
    dialog.backup_edit.setText(str(folder))
    dialog.keep_all.setValue(3)
    dialog.daily.setValue(5)
    dialog.weekly.setValue(0)
    dialog.monthly.setValue(6)
    dialog.accept()
    assert controller.session.fiscal_year().layout_profile == "word"
    assert controller.book.backup_dir == folder and controller.book.retention == Retention(3, 5, 0, 6)
    made = controller.backup_now()
    assert made.parent == folder
    # remembered: the next file opened uses them too
    path = controller.book.path
    qtbot.wait(20)
    controller.open_path(path)
    assert controller.book.backup_dir == folder and controller.book.retention == Retention(3, 5, 0, 6)
    assert open_preferences(controller).retention() == Retention(3, 5, 0, 6)


def test_font_roles_in_the_preferences(sample_controller, asker):
    controller = sample_controller
    dialog = open_preferences(controller)
    roles = [
        dialog.fonts.table.topLevelItem(i).data(0, 256) for i in range(dialog.fonts.table.topLevelItemCount())
    ]
    assert roles[:5] == ["title", "heading1", "heading2", "body", "page_number"]
    kai = resources_dir() / "fonts" / "lxgw-wenkai" / "LXGWWenKai-Regular.ttf"
    dialog.fonts.select_role("title")
    asker.answers["open_file"] = [str(kai)]
    assert dialog.fonts.choose_file()
    assert dialog.fonts_changed and font_choices(controller.settings) == {"title": (str(kai), 0)}
    title = dialog.fonts.table.topLevelItem(0)
    assert title.text(1) == "LXGW WenKai" and title.text(3) == str(kai)


def test_moving_the_data_file(sample_controller, asker, tmp_path, qtbot):
    controller = sample_controller
    old = controller.book.path
    count = len(controller.session.fiscal_year().activities)
    controller.backup_now()
    target_dir = tmp_path / "new home"
    target_dir.mkdir()
    dialog = open_preferences(controller)
    asker.answers["save_file"] = [str(target_dir / "年度记录")]
    dialog.move_button.click()
    target = target_dir / "年度记录.sqlite3"
    assert controller.book.path == target and target.exists()
    assert not old.exists() and not lock_path_for(old).exists()  # removed only after the copy opened
    assert len(controller.session.fiscal_year().activities) == count
    assert controller.settings.value("last_file") == str(target)
    assert dialog.findChild(QLabel, "dataFilePath").text() == str(target)
    moved = list_backups(target, controller.book.backup_dir)
    assert any(b.reason == "before-move" for b in moved) and any(b.reason == "manual" for b in moved)
    assert controller.window.session is controller.session

    # a name that is taken is refused, and the file stays where it is
    taken = tmp_path / "taken.sqlite3"
    taken.write_bytes(b"someone else's")
    qtbot.wait(20)
    assert not controller.move_data_file(taken)
    assert asker.asked[-1][0] == "error"
    assert taken.read_bytes() == b"someone else's" and controller.book.path == target
