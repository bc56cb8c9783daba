"""Edit › Undo / Redo through the keyboard: the table follows, the actions' labels and states too."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QWidget

from jixiao.services import activities as activity_service
from jixiao.services import indicators as indicator_service


def label(_, template: str, verb: str, noun: str) -> str:
    """The action text the window's own translation gives (Chinese once the catalog has it)."""
    return _(template).format(what=_(verb).format(thing=_(noun)))


def _window_and_panel(controller, qtbot):
    window = controller.window
    window.go_to("work")
    panel = window.pages["work"].activities
    window.activateWindow()
    qtbot.waitUntil(lambda: panel.isVisible())
    return window, panel


def test_add_an_activity_then_ctrl_z_and_ctrl_shift_z(sample_controller, qtbot, ime, asker):
    window, panel = _window_and_panel(sample_controller, qtbot)
    undo, redo = window.history_actions.undo_action, window.history_actions.redo_action
    assert undo.shortcuts() == [QKeySequence("Ctrl+Z")]
    assert redo.shortcuts() == [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")]
    assert not undo.isEnabled() and not redo.isEnabled()  # nothing done yet in this session
    before = panel.model.rowCount()

    dialog = panel.new_activity()
    ime(dialog.title, "撤销测试座谈会")
    dialog.type.setCurrentIndex(dialog.type.findText("座谈会"))
    dialog.date.setDate(QDate(2022, 6, 18))
    dialog.save_button.click()
    assert not dialog.isVisible(), asker.asked
    assert panel.model.rowCount() == before + 1
    new_id = panel.selected_ids()[0]
    _ = window._
    assert undo.isEnabled() and undo.text() == label(_, "&Undo {what}", "add {thing}", "activity")

    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.model.rowCount() == before)
    assert panel.model.row_of(new_id) == -1
    assert redo.isEnabled() and redo.text() == label(_, "&Redo {what}", "add {thing}", "activity")
    assert not undo.isEnabled()
    assert window.statusBar().currentMessage() == _("Undone: {what}").format(
        what=_("add {thing}").format(thing=_("activity"))
    )

    qtbot.keyClick(
        panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    qtbot.waitUntil(lambda: panel.model.rowCount() == before + 1)
    assert panel.model.row_of(new_id) >= 0
    assert activity_service.get_activity(panel.session.book, new_id).title == "撤销测试座谈会"
    assert undo.isEnabled() and not redo.isEnabled()


def test_undo_a_deletion_and_redo_with_ctrl_y(sample_controller, qtbot, asker):
    window, panel = _window_and_panel(sample_controller, qtbot)
    before = panel.model.rowCount()
    first_id = panel.model.activity_id(0)
    panel.select_ids([first_id])
    panel.delete_selected()  # the scripted asker confirms
    assert panel.model.rowCount() == before - 1
    assert window.history_actions.undo_action.text() == label(
        window._, "&Undo {what}", "move {thing} to the recycle bin", "activity"
    )
    panel.table.setFocus()
    qtbot.keyClick(panel.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.model.rowCount() == before)
    assert panel.model.row_of(first_id) >= 0
    qtbot.keyClick(panel.table, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: panel.model.rowCount() == before - 1)


def test_undo_reloads_the_page_on_screen_and_the_actions_follow_the_file(sample_controller, qtbot):
    window, _panel = _window_and_panel(sample_controller, qtbot)
    _ = window._
    session = window.session
    window.go_to("indicators")
    page = window.pages["indicators"]
    qtbot.waitUntil(page.isVisible)
    indicator = session.fiscal_year().indicators[0]
    old_target = indicator.target
    indicator.target = "999"
    session.call(indicator_service.update_indicator, indicator)
    assert window.history_actions.undo_action.text() == label(_, "&Undo {what}", "edit {thing}", "indicator")
    refreshed = []
    original = page.refresh
    page.refresh = lambda: (refreshed.append(1), original())
    window.history_actions.undo_action.trigger()
    assert refreshed, "the indicators page on screen redraws after an undo"
    assert session.fiscal_year().indicators[0].target == old_target
    window.show_welcome(QWidget(), "")  # no file shown: both actions off
    assert not window.history_actions.undo_action.isEnabled()
    assert not window.history_actions.redo_action.isEnabled()


def test_one_save_with_an_edit_and_a_new_file_is_one_undo_step(sample_controller, qtbot, ime, tmp_path):
    window, panel = _window_and_panel(sample_controller, qtbot)
    _ = window._
    session = window.session
    activity_id = panel.model.activity_id(0)
    before = activity_service.get_activity(session.book, activity_id)
    sheet = tmp_path / "签到表.pdf"
    sheet.write_bytes(b"%PDF-1.4 fake sign-in sheet")
    saves, changes = [], []
    session.saved.connect(saves.append)
    session.changed.connect(changes.append)
    depth = session.book.history.depth("undo")

    dialog = panel.edit_row(panel.model.row_of(activity_id))
    dialog.title.clear()
    ime(dialog.title, "改过标题的座谈会")
    dialog.add_files([str(sheet)])
    signals = []
    dialog.saved.connect(signals.append)
    dialog.save_button.click()
    assert not dialog.isVisible()
    after = activity_service.get_activity(session.book, activity_id)
    assert after.title == "改过标题的座谈会"
    assert len(after.attachments) == len(before.attachments) + 1
    assert (len(saves), len(changes), len(signals)) == (1, 1, 1)
    assert changes[0] == frozenset({"activities"})
    assert session.book.history.depth("undo") == depth + 1
    assert window.history_actions.undo_action.text() == _("&Undo {what}").format(what=_("edit activity"))

    window.history_actions.undo_action.trigger()
    undone = activity_service.get_activity(session.book, activity_id)
    assert undone.title == before.title
    assert [a.filename for a in undone.attachments] == [a.filename for a in before.attachments]
    assert panel.model.index(panel.model.row_of(activity_id), 0).data() is not None


def test_every_page_reads_areas_that_changes_name():
    import importlib
    import pkgutil

    import jixiao.gui.pages as pages_package
    from jixiao.gui.pages.base import Page
    from jixiao.gui.session import KINDS

    for module in pkgutil.iter_modules(pages_package.__path__):
        importlib.import_module(f"jixiao.gui.pages.{module.name}")
    found, todo = [], [Page]
    while todo:
        for sub in todo.pop().__subclasses__():
            found.append(sub)
            todo.append(sub)
    assert len(found) > 5
    for page in found:
        assert set(page.kinds) <= set(KINDS), (page.__name__, page.kinds)
