"""File › Import activities…: a spreadsheet with bad rows imports nothing and names each bad row."""

from __future__ import annotations

import pytest

from jixiao.gui.dialogs.import_dialog import ImportDialog

HEADER = "活动日期,活动名称,活动类型,重点工作任务,举措,参加人次,金额（元）"
ROWS = [
    "2022-3-5,导入的座谈会,座谈会,1,组织理论学习,35,1200",  # row 2
    "2022-13-1,日期错的,座谈会,,,10,",  # row 3
    "2022/4/18,导入的普法活动,普法活动,3,1,120,",  # row 4
    "2022年5月20日,类型错的,茶话会,,,很多,",  # row 5
    "44700,导入的走访,走访,二,加强企业走访调研,8,0",  # row 6
]


def _write(tmp_path, rows, name="活动清单.csv", encoding="gbk"):
    path = tmp_path / name
    path.write_bytes(("\r\n".join([HEADER, *rows]) + "\r\n").encode(encoding))
    return path


@pytest.fixture
def dialog_for(sample_controller, asker, qtbot):
    window = sample_controller.window

    def open_with(path) -> ImportDialog:
        asker.answers["open_file"] = [str(path)]
        window.import_activities_action.trigger()  # File › Import activities…
        dialog = window.import_dialog
        qtbot.waitExposed(dialog)
        dialog.choose_button.click()
        return dialog

    return open_with


def test_a_file_with_bad_rows_imports_nothing_and_names_each_row(
    sample_controller, dialog_for, tmp_path, asker
):
    window = sample_controller.window
    session = window.session
    _ = window._
    before = len(session.fiscal_year().activities)
    dialog = dialog_for(_write(tmp_path, ROWS))
    assert dialog.path_edit.text().endswith("活动清单.csv")
    assert "GBK" in dialog.info.text()
    # the guess fills every column of the file
    chosen = {
        field: combo.currentText() for field, combo in dialog.combos.items() if combo.currentIndex() > 0
    }
    assert chosen == {
        "date": "活动日期",
        "title": "活动名称",
        "type": "活动类型",
        "task": "重点工作任务",
        "measure": "举措",
        "participants": "参加人次",
        "amount_yuan": "金额（元）",
    }
    assert dialog.preview.rowCount() == 5 and dialog.preview.columnCount() == 7
    assert dialog.preview.item(1, 1).text() == "日期错的"
    assert dialog.preview.verticalHeaderItem(1).text() == "3"  # the spreadsheet's own row numbers

    dialog.import_button.click()
    assert dialog.isVisible()
    assert len(session.fiscal_year().activities) == before  # nothing imported
    lines = dialog.problem_rows()
    assert [(row, column) for row, column, _text in lines] == [
        ("3", "活动日期"),
        ("5", "活动类型"),
        ("5", "参加人次"),
    ]
    assert "茶话会" in lines[1][2]
    assert dialog.result_label.text() == _(
        "Nothing was imported: {rows} row(s) of the file have problems."
    ).format(rows=2)
    assert dialog.preview.item(1, 0).background().color().red() == 255  # bad rows are marked
    assert not dialog.problems.isHidden()

    # leaving the bad column out does not help: row 3's date is still wrong, and still nothing is written
    dialog.set_column("participants", None)
    assert dialog.check() is False
    assert [row for row, _c, _t in dialog.problem_rows()] == ["3", "5"]
    assert len(session.fiscal_year().activities) == before


def test_a_good_file_is_imported_and_shown(sample_controller, dialog_for, tmp_path, asker, qtbot):
    window = sample_controller.window
    session = window.session
    _ = window._
    good = [ROWS[0], ROWS[2], ROWS[4]]
    before = len(session.fiscal_year().activities)
    dialog = dialog_for(_write(tmp_path, good, name="good.csv", encoding="utf-8-sig"))
    assert dialog.check() is True
    assert dialog.result_label.text() == _("All {count} rows can be imported.").format(count=3)
    dialog.import_button.click()
    assert not dialog.isVisible() and dialog.imported == 3
    assert asker.asked[-1][0] == "inform"
    assert asker.asked[-1][1][1] == _("Imported {count} activities.").format(count=3)
    activities = session.fiscal_year().activities
    assert len(activities) == before + 3
    imported = {a.title: a for a in activities if a.title.startswith("导入的")}
    assert set(imported) == {"导入的座谈会", "导入的普法活动", "导入的走访"}
    assert imported["导入的座谈会"].amount_fen == 120000
    assert str(imported["导入的走访"].date) == "2022-05-19"  # Excel serial 44700
    window.go_to("work")
    panel = window.pages["work"].activities
    qtbot.waitUntil(lambda: panel.model.rowCount() == before + 3)
    # one undo takes the whole import back
    assert window.history_actions.undo_action.text() == _("&Undo {what}").format(
        what=_("import {count} activities").format(count=3)
    )
    window.history_actions.undo_action.trigger()
    qtbot.waitUntil(lambda: panel.model.rowCount() == before)


def test_an_unreadable_file_is_refused_with_a_message(sample_controller, dialog_for, tmp_path, asker):
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    dialog = dialog_for(old)
    assert dialog.sheet is None and not dialog.import_button.isEnabled()
    assert asker.asked[-1][0] == "error" and ".xlsx" in asker.asked[-1][1][1]
