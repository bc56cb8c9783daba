"""The window is always reached: a damaged last-opened file gives the damaged-file message with
Restore (not an exit); a read-only file opens under a banner and refuses saves (issue 9)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QToolBar

from jixiao.core.errors import StorageError
from jixiao.gui.app import SAMPLE_FILE_NAME
from jixiao.store.backups import newest_good_backup
from jixiao.store.database import default_backup_dir


def sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def opened_once(make_controller, sample_template, tmp_path, qtbot) -> Path:
    """The sample file, opened once in the app (now the last-opened file, with a backup) and closed."""
    data = tmp_path / "data"
    data.mkdir()
    path = data / SAMPLE_FILE_NAME
    shutil.copy(sample_template, path)
    controller = make_controller()
    controller.start(path)
    assert controller.book is not None and controller.session is not None
    controller.backup_now()
    controller.shutdown()
    assert controller.settings.value("last_file") == str(path)
    return path


def damage(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    "sql",
    [
        # bytes that are not UTF-8: quick_check passes, the open checks' text scan refuses it
        "UPDATE activity SET title = CAST(X'E5A4A7FF' AS TEXT) WHERE id = (SELECT min(id) FROM activity)",
        # a well-formed text the year's decoder refuses: found only when the pages load
        "UPDATE activity SET date = '2022-13-45' WHERE id = (SELECT min(id) FROM activity)",
    ],
    ids=["undecodable-text", "undecodable-date"],
)
def test_a_damaged_last_file_shows_the_message_with_restore_not_an_exit(
    opened_once, make_controller, asker, qtbot, sql
):
    path = opened_once
    damage(path, sql)
    damaged_bytes = sha(path)
    backup = newest_good_backup(path, default_backup_dir(path))
    assert backup is not None
    backups_before = {p.name: sha(p) for p in default_backup_dir(path).iterdir()}

    controller = make_controller()
    controller.start(None)  # the last-opened file
    controller.window.show()
    qtbot.waitExposed(controller.window)
    box = controller.damaged_box
    assert box is not None and box.isVisible()
    assert str(path) in box.text() and str(backup) in box.text()
    assert controller.book is None and controller.window.stack.currentWidget().objectName() == "welcomePage"
    assert sha(path) == damaged_bytes  # never written: no checkpoint, no closing backup
    assert {p.name: sha(p) for p in default_backup_dir(path).iterdir()} == backups_before
    assert not [a for a in asker.asked if a[0] == "error"]

    box.restore_button.click()
    assert controller.book is not None and controller.session is not None
    assert controller.session.fiscal_year().year == 2022
    kept = list(default_backup_dir(path).glob("*-damaged.sqlite3"))
    assert len(kept) == 1 and sha(kept[0]) == damaged_bytes  # the damaged file is kept as a copy
    assert controller.settings.value("last_file") == str(path)


def test_an_emptied_last_file_with_backups_gets_the_message_not_the_welcome_form(
    opened_once, make_controller, qtbot
):
    path = opened_once
    path.write_bytes(b"")
    controller = make_controller(lang="en")
    controller.start(None)
    box = controller.damaged_box
    assert (
        box is not None
        and f"The data file {path} is damaged or is not a jixiao file (the file is empty)" in box.text()
    )
    assert box.restore_button is not None
    assert path.stat().st_size == 0
    box.restore_button.click()
    assert controller.session is not None and controller.session.year_id is not None


def test_a_file_that_failed_to_load_is_not_reopened_as_the_last_file(
    make_controller, sample_template, tmp_path
):
    first = tmp_path / "first.sqlite3"
    shutil.copy(sample_template, first)
    controller = make_controller()
    controller.start(first)
    controller.shutdown()
    broken = tmp_path / "broken.sqlite3"
    shutil.copy(sample_template, broken)
    damage(broken, "UPDATE activity SET date = '2022-13-45' WHERE id = (SELECT min(id) FROM activity)")
    again = make_controller()
    assert not again.open_path(broken)
    assert again.damaged_box is not None and again.damaged_box.restore_button is None  # no backup
    assert again.settings.value("last_file") == str(first)


def test_a_read_only_file_opens_under_a_banner_and_refuses_saves(
    make_controller, sample_template, tmp_path, asker, qtbot
):
    path = tmp_path / "readonly.sqlite3"
    shutil.copy(sample_template, path)
    path.chmod(0o444)
    before = sha(path)
    try:
        controller = make_controller(lang="en")
        controller.start(path)
        assert controller.book is not None and controller.book.readonly
        banner = controller.window.findChild(QToolBar, "readonlyBanner")
        assert banner is not None and not banner.isHidden()
        text = banner.findChild(QLabel, "readonlyWarning").text()
        assert str(path) in text and "read-only" in text and "view, print and export" in text
        assert controller.session.fiscal_year().year == 2022  # viewing works
        with pytest.raises(StorageError) as refused, controller.book.atomic() as db:
            db.execute("DELETE FROM activity")
        assert "open read-only (the file is read-only); the change was not saved" in str(refused.value)
        controller.shutdown()
        assert sha(path) == before
        assert not Path(str(path) + "-wal").exists()
    finally:
        path.chmod(0o644)


def test_the_backups_dialog_marks_a_backup_dated_in_the_future(sample_controller):
    from jixiao.gui.dialogs.backups import BackupsDialog

    book = sample_controller.book
    made = book.backup("manual")
    future = made.with_name(made.name.replace(made.name.split("-")[-3], "20991231"))
    shutil.copyfile(made, future)
    dialog = BackupsDialog(sample_controller, sample_controller.window)
    rows = [dialog.list.topLevelItem(i) for i in range(dialog.list.topLevelItemCount())]
    assert rows[-1].toolTip(0) == str(future)
    assert "（日期在将来：当时电脑时钟有误）" in rows[-1].text(1)
    assert all("将来" not in row.text(1) for row in rows[:-1])


def test_a_damaged_value_met_by_a_page_later_closes_the_file_unwritten_with_the_message(
    sample_controller, asker
):
    path = sample_controller.book.path
    before = sha(path)
    sample_controller.damaged_while_open(UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"))
    assert sample_controller.book is None and sample_controller.session is None
    box = sample_controller.damaged_box
    assert box is not None and str(path) in box.text()
    assert sample_controller.window.stack.currentWidget().objectName() == "welcomePage"
    assert sha(path) == before
