"""First run: the welcome page creates the unit (typed in Chinese) or opens the sample year;
the file is reopened with everything in it; refusals become translated messages."""

from __future__ import annotations

import os

from jixiao.core.errors import FileLockedError
from jixiao.gui.app import DATA_FILE_NAME, SAMPLE_FILE_NAME
from jixiao.store.database import open_book


def test_create_unit_from_the_welcome_page_and_reopen(make_controller, tmp_path, qtbot, ime, retype):
    controller = make_controller()
    controller.start(None)
    welcome = controller.window.stack.currentWidget()
    assert welcome.objectName() == "welcomePage"
    assert controller.window.nav.isHidden()

    welcome.create_button.click()  # empty name: a message next to the field, nothing created
    assert welcome.errors["full_name"].isVisibleTo(welcome) and welcome.errors["full_name"].text()
    assert controller.session is None or controller.session.unit() is None

    ime(welcome.full_name, "广州市花都区工商业联合会")
    ime(welcome.short_name, "区工商联")
    retype(welcome.self_name, "我会")
    welcome.year.setValue(2023)
    welcome.create_button.click()

    window = controller.window
    assert not window.nav.isHidden() and list(window.pages)[0] == "overview"
    assert "2023" in window.year_box.currentText()
    fy = controller.session.fiscal_year()
    assert (fy.unit.full_name, fy.unit.short_name, fy.unit.self_name, fy.year) == (
        "广州市花都区工商业联合会",
        "区工商联",
        "我会",
        2023,
    )
    assert fy.activity_types and fy.indicators  # ready to record in

    controller.close_book()
    with open_book(tmp_path / "data" / DATA_FILE_NAME) as book:
        assert book.db.execute("SELECT full_name FROM unit").fetchall() == [("广州市花都区工商业联合会",)]
    again = make_controller()
    again.start(None)  # the last file is remembered
    assert again.session is not None and again.session.unit().full_name == "广州市花都区工商业联合会"


def test_open_sample_from_the_welcome_page(make_controller, tmp_path):
    controller = make_controller()
    controller.start(tmp_path / "new.sqlite3")
    controller.window.stack.currentWidget().sample_button.click()
    assert (tmp_path / "data" / SAMPLE_FILE_NAME).exists()
    fy = controller.session.fiscal_year()
    assert fy.year == 2022 and fy.unit.full_name == "广州市花都区工商业联合会"
    assert len(fy.activities) > 100


def test_a_locked_file_is_a_translated_message_not_a_crash(make_controller, tmp_path, asker, sample_template):
    path = tmp_path / "locked.sqlite3"
    path.write_bytes(sample_template.read_bytes())
    with open_book(path):  # another "process" holds it
        controller = make_controller(lang="zh_CN")
        controller.start(path)
    title, text = asker.asked[-1][1]
    assert asker.asked[-1][0] == "error"
    assert text == FileLockedError(path=str(path), pid=str(os.getpid())).translated(controller.gettext)
    assert controller.window.stack.currentWidget().objectName() == "welcomePage"


def test_a_damaged_file_is_refused_with_a_message(make_controller, tmp_path, asker):
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not a database" * 10)
    controller = make_controller()
    controller.start(path)
    box = controller.damaged_box  # the damaged-file message (no backup: no Restore button)
    assert box is not None and str(path) in box.text() and box.restore_button is None
    assert controller.window.stack.currentWidget().objectName() == "welcomePage"
    assert path.read_bytes() == b"this is not a database" * 10
