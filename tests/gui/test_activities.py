"""Activities through the widgets: add, validate, edit, duplicate, filter, delete, attach."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage

from jixiao.core.model import Activity
from jixiao.gui.models.activity_table import ActivityFilter, ActivityTableModel
from jixiao.services import activities as activity_service


@pytest.fixture
def panel(sample_controller):
    sample_controller.window.go_to("work")
    page = sample_controller.window.pages["work"]
    return page.activities


def _fill(ime, dialog, qtbot, title="民营企业家座谈会", participants="35", type_name="座谈会"):
    ime(dialog.title, title)
    dialog.type.setCurrentIndex(dialog.type.findText(type_name))
    dialog.counts["participants"].clear()
    qtbot.keyClicks(dialog.counts["participants"], participants)
    dialog.date.setDate(QDate(2022, 6, 18))


def test_add_edit_duplicate_delete(panel, qtbot, asker, ime, retype):
    session = panel.session
    before = panel.model.rowCount()
    dialog = panel.new_activity()
    assert dialog.date.date() == QDate(2022, 12, 31)  # "today" clamped into the sample year
    task_index = dialog.task.findText(session.outline().tasks[1].title)
    dialog.task.setCurrentIndex(task_index)
    assert dialog.measure.isEnabled() and dialog.measure.count() > 1
    dialog.measure.setCurrentIndex(1)
    _fill(ime, dialog, qtbot)
    ime(dialog.place, "区工商联会议室")
    dialog.save_button.click()
    shown = {name: label.text() for name, label in dialog.errors.items() if not label.isHidden()}
    assert not dialog.isVisible(), (shown, dialog.form_error.text(), asker.asked)
    assert panel.model.rowCount() == before + 1
    new_id = panel.selected_ids()[0]
    saved = activity_service.get_activity(session.book, new_id)
    assert (saved.title, saved.place, saved.participants, saved.date) == (
        "民营企业家座谈会",
        "区工商联会议室",
        35,
        dt.date(2022, 6, 18),
    )
    assert (
        saved.task_id == session.outline().tasks[1].id
        and saved.measure_id == session.outline().tasks[1].measures[0].id
    )

    edit = panel.edit_row(panel.model.row_of(new_id))
    assert edit.title.text() == "民营企业家座谈会"
    retype(edit.title, "民营企业家座谈会（第二场）")
    edit.save_button.click()
    assert activity_service.get_activity(session.book, new_id).title == "民营企业家座谈会（第二场）"

    copy = panel.duplicate()
    assert copy is not None and panel.model.rowCount() == before + 2
    copy_id = copy.activity.id
    assert copy_id != new_id and copy.title.text() == "民营企业家座谈会（第二场）"
    copy.date.setDate(QDate(2022, 7, 2))
    copy.save_button.click()
    assert activity_service.get_activity(session.book, copy_id).date == dt.date(2022, 7, 2)

    panel.select_ids([copy_id])
    asker.answers["confirm"] = [False]
    panel.delete_selected()
    assert panel.model.row_of(copy_id) >= 0  # "no" keeps it
    panel.delete_selected()  # scripted default: yes
    assert panel.model.row_of(copy_id) == -1
    assert "recycle bin" in asker.asked[-1][1][1] or "回收站" in asker.asked[-1][1][1]
    panel.recycle.setChecked(True)
    assert panel.model.row_of(copy_id) >= 0
    panel.select_ids([copy_id])
    panel.restore_selected()
    panel.recycle.setChecked(False)
    assert panel.model.row_of(copy_id) >= 0


def test_validation_messages_stand_next_to_their_fields(panel, qtbot, asker, ime):
    dialog = panel.new_activity()
    dialog.date.setDate(QDate(2023, 1, 3))
    qtbot.keyClicks(dialog.counts["sessions"], "-2")
    dialog.counts["participants"].clear()
    qtbot.keyClicks(dialog.counts["participants"], "abc")
    qtbot.keyClicks(dialog.amount, "12x")
    before = panel.model.rowCount()
    dialog.save_button.click()
    assert dialog.isVisible() and panel.model.rowCount() == before
    shown = {name: label.text() for name, label in dialog.errors.items() if not label.isHidden()}
    assert set(shown) == {"date", "sessions", "participants", "amount_fen", "title"}
    assert "2023-01-03" in shown["date"]

    dialog.date.setDate(QDate(2022, 5, 5))
    dialog.counts["sessions"].setText("1")
    dialog.counts["participants"].setText("1000000")  # absurd: asks first
    dialog.amount.clear()
    ime(dialog.title, "全区民营企业培训")
    asker.answers["confirm"] = [False]
    dialog.save_button.click()
    assert dialog.isVisible() and panel.model.rowCount() == before
    assert asker.asked[-1][0] == "confirm" and "1000000" in asker.asked[-1][1][1]
    assert not dialog.errors["participants"].isHidden()
    dialog.save_button.click()  # confirmed this time
    assert not dialog.isVisible() and panel.model.rowCount() == before + 1


def test_save_and_new_keeps_the_series_fields(panel, qtbot, ime):
    dialog = panel.new_activity()
    dialog.task.setCurrentIndex(2)
    _fill(ime, dialog, qtbot, title="送法进企业（第一站）", type_name="普法活动")
    before = panel.model.rowCount()
    dialog.save_new_button.click()
    assert dialog.isVisible() and dialog.activity is None
    assert dialog.title.text() == "" and dialog.counts["sessions"].text() == "1"
    assert dialog.task.currentIndex() == 2 and dialog.type.currentText() == "普法活动"
    assert dialog.date.date() == QDate(2022, 6, 18)
    ime(dialog.title, "送法进企业（第二站）")
    qtbot.keyClick(
        dialog.title,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    if dialog.title.text():  # the shortcut needs an active window; fall back to the button
        dialog.save_new_button.click()
    assert panel.model.rowCount() == before + 2


def test_filters_search_sort(panel, qtbot, ime):
    session = panel.session
    fy = session.fiscal_year()
    total = panel.model.rowCount()
    assert total == len(fy.activities)
    ime(panel.search, "调解")
    qtbot.waitUntil(lambda: panel.model.rowCount() < total, timeout=2000)
    expected = [a for a in fy.activities if "调解" in a.title or "调解" in a.notes or "调解" in a.place]
    assert panel.model.rowCount() == len(expected) > 0
    panel.search.clear()
    panel.apply_filter()
    task = fy.tasks[0]
    panel.task_filter.setCurrentIndex(panel.task_filter.findData(task.id))
    panel.apply_filter()
    panel.date_from.setDate(QDate(2022, 3, 1))
    panel.date_to.setDate(QDate(2022, 3, 31))
    expected = [a for a in fy.activities if a.task_id == task.id and a.date.month == 3]
    assert panel.model.rowCount() == len(expected)
    assert str(len(expected)) in panel.count_label.text()
    panel.clear_filters()
    assert panel.model.rowCount() == total
    panel.table.sortByColumn(3, Qt.SortOrder.DescendingOrder)
    titles = [panel.model.index(r, 3).data() for r in range(panel.model.rowCount())]
    assert titles == sorted(titles, reverse=True)
    panel.table.sortByColumn(6, Qt.SortOrder.DescendingOrder)
    assert int(panel.model.index(0, 6).data()) == max(a.participants for a in fy.activities)


def test_attach_files_by_dialog_and_by_drop(panel, qtbot, tmp_path, asker, ime):
    photo = tmp_path / "现场照片.png"
    image = QImage(80, 60, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.darkCyan)
    image.save(str(photo))
    sheet = tmp_path / "签到表.pdf"
    sheet.write_bytes(b"%PDF-1.4 fake sign-in sheet")
    dialog = panel.new_activity()
    _fill(ime, dialog, qtbot, title="政企座谈会（附签到表）")
    asker.answers["open_files"] = [[str(sheet)]]
    dialog.choose_files()
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(photo))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Offscreen Qt has no drag manager to route a synthetic drop; hand it to the handler the platform calls.
    dialog.attachments.dropEvent(drop)
    assert drop.isAccepted()
    assert [a.filename for a in dialog.attachment_items()] == ["签到表.pdf", "现场照片.png"]
    assert not dialog.attachments.item(1).icon().isNull()  # a thumbnail
    dialog.save_button.click()
    activity_id = panel.selected_ids()[0]
    saved = activity_service.get_activity(panel.session.book, activity_id)
    assert [(a.filename, a.data) for a in saved.attachments] == [
        ("签到表.pdf", sheet.read_bytes()),
        ("现场照片.png", photo.read_bytes()),
    ]
    assert panel.model.index(panel.model.row_of(activity_id), 10).data() == "2"
    edit = panel.edit_row(panel.model.row_of(activity_id))
    edit.attachments.setCurrentRow(0)
    edit.remove_selected_file()
    edit.save_button.click()
    assert [
        a.filename for a in activity_service.get_activity(panel.session.book, activity_id).attachments
    ] == ["现场照片.png"]


def test_activity_model_passes_the_model_tester(panel, qtmodeltester):
    model = ActivityTableModel(panel._)
    outline = panel.session.outline()
    model.set_names(outline.tasks, outline.activity_types)
    model.set_rows(activity_service.list_activities(panel.session.book, panel.session.year_id)[:200])
    qtmodeltester.check(model, force_py=True)  # keeps watching the signals of what follows
    model.sort(1, Qt.SortOrder.DescendingOrder)
    model.set_filter(ActivityFilter(text="调解"))
    assert 0 < model.rowCount() < 200
    model.sort(6, Qt.SortOrder.AscendingOrder)
    model.set_filter(ActivityFilter())
    assert model.rowCount() == 200


def test_search_finds_text_in_notes(panel, ime):
    fy = panel.session.fiscal_year()
    noted = next(a for a in fy.activities if a.notes.strip() and a.notes.strip()[:4] not in a.title)
    ime(panel.search, noted.notes.strip()[:4])
    panel.apply_filter()
    assert panel.model.row_of(noted.id) >= 0


def test_no_key_task_filter_and_the_overviews_bar(sample_controller, qtbot):
    window = sample_controller.window
    session = sample_controller.session
    outline = session.outline()
    loose = [
        session.call(
            activity_service.add_activity,
            session.year_id,
            Activity(
                date=dt.date(2022, 6, day), type_id=outline.activity_types[0].id, title=f"临时走访{day}"
            ),
        )
        for day in (3, 17)
    ]
    session.call(  # no task, another month: not behind June's bar
        activity_service.add_activity,
        session.year_id,
        Activity(date=dt.date(2022, 9, 1), type_id=outline.activity_types[0].id, title="九月临时走访"),
    )
    window.go_to("overview")
    page = window.pages["overview"]
    page.grab()  # paint so the bars know where they are
    rect = next(r for r, key in page.months.hit_rects() if key == (None, 6))
    qtbot.mouseClick(page.months, Qt.MouseButton.LeftButton, pos=rect.center().toPoint())
    assert window.current_page_key() == "work"
    panel = window.pages["work"].activities
    assert panel.task_filter.currentText() == panel._("(no key task)")
    assert sorted(panel.model.activity_id(r) for r in range(panel.model.rowCount())) == loose

    panel.clear_filters()  # the same choice made by hand, over the whole year
    panel.task_filter.setCurrentIndex(panel.task_filter.findText(panel._("(no key task)")))
    panel.task_filter.activated.emit(panel.task_filter.currentIndex())
    assert panel.model.rowCount() == 3
    assert all(panel.model.index(r, 1).data() == "" for r in range(3))
    panel.task_filter.setCurrentIndex(0)
    panel.task_filter.activated.emit(0)
    assert panel.model.rowCount() == len(session.fiscal_year().activities)


def test_deleting_many_rows_is_one_transaction(panel, asker):
    session = panel.session
    ids = [panel.model.activity_id(r) for r in (0, 2, 5)]
    panel.select_ids(ids)
    changes, commits = [], []
    session.changed.connect(changes.append)
    connection = session.book.db.conn
    connection.set_trace_callback(
        lambda sql: commits.append(sql) if sql.strip().upper() == "COMMIT" else None
    )
    try:
        panel.delete_selected()  # scripted answer: yes
        assert (len(changes), len(commits)) == (1, 1)
        assert all(panel.model.row_of(i) == -1 for i in ids)
        assert "3" in asker.asked[-1][1][1]
        panel.recycle.setChecked(True)
        assert sorted(panel.model.activity_id(r) for r in range(panel.model.rowCount())) == sorted(ids)
        panel.select_ids(ids)
        panel.restore_selected()
        assert (len(changes), len(commits)) == (2, 2) and panel.model.rowCount() == 0
    finally:
        connection.set_trace_callback(None)
    panel.recycle.setChecked(False)
    assert all(panel.model.row_of(i) >= 0 for i in ids)


def test_full_width_counts_are_read_alike_by_the_form_and_the_import(panel, qtbot, ime):
    from jixiao.core import activity_import

    dialog = panel.new_activity()
    _fill(ime, dialog, qtbot, title="全角数字的座谈会")
    dialog.counts["participants"].selectAll()
    ime(dialog.counts["participants"], "１２")  # as an input method commits it
    dialog.amount.setText("１，２００")
    activity, problems = dialog.read_form()
    assert problems == []
    assert activity.participants == activity_import.parse_count("１２", 0) == 12
    assert activity.amount_fen == activity_import.parse_money("１，２００", "yuan") == 120_000
    dialog.counts["participants"].setText("１２．５")
    activity, problems = dialog.read_form()
    assert activity is None and [p[0] for p in problems] == ["participants"]
    with pytest.raises(activity_import._Bad):
        activity_import.parse_count("１２．５", 0)
    dialog.counts["participants"].setText("-3")  # read, then refused by the core's rule
    dialog.title.clear()
    _activity, problems = dialog.read_form()
    assert {(field, message) for field, message, _p in problems} == {
        ("participants", "The number cannot be negative."),
        ("title", "Enter a title."),
    }
    dialog.reject()
