"""Narrative editors: a key task's intro (typed, saved, previewed, with a live figure), live figures
shown as chips with a tooltip of their current value, in every editor whose text the report renders."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QEvent, QMimeData, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QToolTip, QWidget

from jixiao.core import livefigures
from jixiao.core.model import Activity, ActivityType, FiscalYear, Measure, Metric, Task, Unit
from jixiao.gui.widgets.narrative import (
    CHIP_BACKGROUND,
    PROBLEM_BACKGROUND,
    PROBLEM_FOREGROUND,
    NarrativeEdit,
)

SAMPLE_INTRO_5 = (
    "2022年，单独或联合其他部门深入调研520余家非公企业，截至目前，全区已建立非公企业党组织468个。"
)


def _tasks_panel(controller):
    window = controller.window
    window.go_to("work", tab="tasks")
    return window.pages["work"].tasks


def _chip_colours(edit: NarrativeEdit) -> list[tuple[str, str]]:
    """(background, foreground) of each chip, from the document's own character formats."""
    colours = []
    for start, _end, _part, _ok in edit.chips():
        cursor = QTextCursor(edit.document())
        cursor.setPosition(start + 1)
        chip = cursor.charFormat()
        colours.append((chip.background().color().name(), chip.foreground().color().name()))
    return colours


def _small_year() -> FiscalYear:
    fy = FiscalYear(year=2022, unit=Unit("测试单位"))
    fy.activity_types = [ActivityType("宣讲会", "场", id=1)]
    fy.tasks = [Task("加强思想政治引导", measures=[Measure("组织理论学习", id=11)], id=10)]
    fy.activities = [Activity(dt.date(2022, 3, 1), 1, "宣讲", task_id=10, measure_id=11, sessions=3, id=1)]
    fy.metrics = [Metric("会员人数", Decimal(3782), "人")]
    return fy


def test_figures_show_as_chips_with_their_values_never_as_syntax(qtbot, ime):
    fy = _small_year()
    good = livefigures.make_token({"source": "activities", "aggregate": "sessions", "task": 1}, "exact")
    missing = livefigures.make_token({"source": "metric", "name": "无此数据"}, "exact")
    malformed = '{{{"source": "activities" | exact}}'
    split = '{{{"source": "metric",\n"name": "会员人数"} | exact}}'  # a valid token over a line break
    text = f"举办𠀾宣讲会{good}场，\n会员{missing}人，{malformed}。\n{split}人"
    edit = NarrativeEdit(lambda m: m, lambda: fy)
    qtbot.addWidget(edit)
    edit.set_value(text)

    assert edit.toPlainText() == "举办𠀾宣讲会3场，\n会员【?】人，【?】。\n3782人"
    assert "{{" not in edit.toPlainText() and edit.value() == text  # shown as values, saved as tokens
    chips = edit.chips()
    assert [ok for _s, _e, _p, ok in chips] == [True, False, False, True]
    assert [(s, e) for s, e, _p, _ok in chips][0] == (7, 8)  # the extension-B hanzi takes two positions
    colours = _chip_colours(edit)
    assert colours[0] == colours[3] == (CHIP_BACKGROUND, "#1d4f91")
    assert colours[1] == colours[2] == (PROBLEM_BACKGROUND, PROBLEM_FOREGROUND)

    # Typing right after a chip writes plain text; Backspace takes the chip away whole.
    cursor = edit.textCursor()
    cursor.setPosition(chips[0][1])
    edit.setTextCursor(cursor)
    qtbot.keyClicks(edit, "x")
    assert edit.value() == text.replace(f"{good}场", f"{good}x场")
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.value() == text.replace(f"{good}场", "场") and len(edit.chips()) == 3

    # Typing inside a chip goes after it; a token pasted as text becomes a chip.
    start, end, _part, _ok = edit.chips()[-1]
    cursor.setPosition(start + 1)
    edit.setTextCursor(cursor)
    ime(edit, "约")  # as an input method commits it
    assert edit.value().endswith(f"{split}约人")
    cursor.movePosition(QTextCursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    data = QMimeData()
    data.setText(f"，计{good}场")
    edit.insertFromMimeData(data)
    assert edit.toPlainText().endswith("，计3场") and edit.value().endswith(f"，计{good}场")

    # Copy and paste between editors keeps the figure.
    edit.selectAll()
    copied = edit.createMimeDataFromSelection()
    other = NarrativeEdit(lambda m: m, lambda: fy)
    qtbot.addWidget(other)
    other.insertFromMimeData(copied)
    assert other.value() == edit.value()


def test_typing_a_task_intro_saves_it_and_shows_it_as_printed(sample_controller, qtbot, ime):
    panel = _tasks_panel(sample_controller)
    session = panel.session
    first = session.outline().tasks[0]
    panel.tasks.select_key(first.id)
    assert first.intro == "" and panel.intro.text() == "" and panel.intro.isEnabled()

    ime(panel.intro.edit, "全年围绕中心工作，")
    panel.intro.commit()
    assert session.outline().tasks[0].intro == "全年围绕中心工作，"
    assert panel.intro.preview.text() == "全年围绕中心工作，"

    # A live figure from the intro's picker: this task's activities (no measure to choose from).
    panel.intro.edit.moveCursor(QTextCursor.MoveOperation.End)
    panel.intro.pick_figure()
    picker = panel.intro.picker
    scopes = [picker.scope.itemData(i) for i in range(picker.scope.count())]
    assert "measure" not in scopes and scopes[:2] == ["task", "year"]
    picker.aggregate.setCurrentIndex(picker.aggregate.findData("sessions"))
    picker.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    ime(panel.intro.edit, "场")
    panel.intro.commit()
    fy = session.fiscal_year()
    sessions = sum(a.sessions for a in fy.activities if a.task_id == first.id and not a.deleted)
    intro = session.outline().tasks[0].intro
    assert intro.startswith("全年围绕中心工作，{{") and intro.endswith("}}场") and '"task": 1' in intro
    assert fy.tasks[0].intro == intro
    assert panel.intro.preview.text() == f"全年围绕中心工作，{sessions}场"
    assert len(panel.intro.edit.chips()) == 1 and "{{" not in panel.intro.edit.toPlainText()

    panel.tasks.select_key(session.outline().tasks[1].id)  # another task: its own (empty) intro
    assert panel.intro.text() == "" and panel.intro.preview.text() == ""
    panel.tasks.select_key(first.id)
    assert panel.intro.text() == intro


def test_the_sample_task_5_shows_its_intro_with_chips(sample_controller):
    panel = _tasks_panel(sample_controller)
    task = panel.session.outline().tasks[4]
    panel.tasks.select_key(task.id)
    assert panel.intro.text() == task.intro and task.intro.startswith("2022年，单独或联合其他部门深入调研{{")
    assert panel.intro.preview.text() == SAMPLE_INTRO_5
    assert [ok for _s, _e, _p, ok in panel.intro.edit.chips()] == [True, True]


def test_tooltip_of_the_sample_first_measure(sample_controller, qtbot):
    panel = _tasks_panel(sample_controller)
    tasks = panel.session.outline().tasks
    panel.tasks.select_key(tasks[0].id)
    panel.measures.select_key(tasks[0].measures[0].id)
    edit = panel.measure_text
    (start, end, _part, ok), *others = edit.chips()
    assert ok and len(others) == 1
    expected = "= 3 · 宣讲会、党史学习教育的场次 · 举措1.1“组织理论学习”"
    assert edit.tooltip_at(start) == edit.tooltip_at(end - 1) == expected
    assert edit.tooltip_at(start - 1) == edit.tooltip_at(end) == ""

    # The real thing: a tooltip event over the middle of the token.
    panel.window().activateWindow()
    cursor = edit.textCursor()
    cursor.setPosition((start + end) // 2)
    point = edit.cursorRect(cursor).center() + QPoint(2, 0)
    event = QHelpEvent(QEvent.Type.ToolTip, point, edit.viewport().mapToGlobal(point))
    QApplication.sendEvent(edit.viewport(), event)
    qtbot.waitUntil(lambda: QToolTip.isVisible(), timeout=2000)
    assert QToolTip.text() == expected
    QToolTip.hideText()


def test_a_figure_that_cannot_be_written_is_red_and_says_why(sample_controller):
    panel = _tasks_panel(sample_controller)
    tasks = panel.session.outline().tasks
    panel.tasks.select_key(tasks[0].id)
    panel.measures.select_key(tasks[0].measures[0].id)
    token = livefigures.make_token({"source": "metric", "name": "无此数据"}, "exact")
    panel.narrative.set_value("共" + token + "个")
    panel.narrative.commit()
    (start, _end, _part, ok), *_ = panel.measure_text.chips()
    assert not ok
    assert panel.measure_text.tooltip_at(start) == "= 【?】 · 数据：无此数据\n⚠ 没有名为无此数据的统计数据。"


def test_every_editor_of_a_rendered_text_shows_live_figures(sample_controller):
    window = sample_controller.window
    names = {"text_" + key for key in window.pages["unit"].texts} | {"projectPerformance"}
    found = {
        edit.objectName()
        for page in window.pages.values()
        for edit in page.findChildren(NarrativeEdit)
        if edit.objectName()
    }
    assert names | {"measureText", "taskIntroText"} <= found
    problems = window.pages["problems"]
    assert isinstance(problems.problems.editor, NarrativeEdit)
    assert isinstance(problems.improvements.editor, NarrativeEdit)
    unit = window.pages["unit"]
    assert not isinstance(unit.duties.editor, NarrativeEdit)  # duties are printed as typed


def test_the_cursor_stays_where_the_typist_left_it_after_a_save(sample_controller, ime):
    panel = _tasks_panel(sample_controller)
    tasks = panel.session.outline().tasks
    panel.tasks.select_key(tasks[1].id)
    panel.measures.select_key(tasks[1].measures[0].id)
    edit = panel.measure_text
    edit.setFocus()
    edit.moveCursor(QTextCursor.MoveOperation.End)
    ime(edit, "（续）")
    edit.commit()  # what the pause in typing does; the page redraws from the saved data
    assert panel.session.outline().tasks[1].measures[0].text.endswith("（续）")
    assert edit.textCursor().position() == len(edit.toPlainText())


def test_a_checklist_item_on_a_task_intro_opens_that_intro(sample_controller):
    window = sample_controller.window
    from jixiao.core.errors import Problem
    from jixiao.gui.pages.report_page import fix_target

    task = sample_controller.session.outline().tasks[4]
    page, target, field = fix_target(Problem("live_figure", None, ("task", task.id), "error", 2022))
    window.go_to(page, focus=field, **target)
    panel = window.pages["work"].tasks
    assert panel.current_task().id == task.id
    assert QApplication.focusWidget() is panel.findChild(QWidget, "taskIntroText") is panel.intro.edit
    measure = sample_controller.session.outline().tasks[2].measures[1]
    page, target, field = fix_target(Problem("live_figure", None, ("measure", measure.id), "error", 2022))
    window.go_to(page, focus=field, **target)
    assert panel.current_measure().id == measure.id and QApplication.focusWidget() is panel.measure_text


def test_the_picker_offers_the_scopes_of_where_it_is_opened(qtbot):
    from jixiao.gui.dialogs.figure_picker import FigurePicker

    fy = _small_year()
    scopes = {}
    for positions in ((1, 1), (1, None), None):
        picker = FigurePicker(fy, lambda m: m, positions)
        qtbot.addWidget(picker)
        scopes[positions] = [picker.scope.itemData(i) for i in range(picker.scope.count())]
    assert scopes[(1, 1)][:3] == ["measure", "task", "year"]
    assert scopes[(1, None)][:2] == ["task", "year"] and "measure" not in scopes[(1, None)]
    assert scopes[None][0] == "year" and not {"task", "measure"} & set(scopes[None])
    picker.aggregate.setCurrentIndex(picker.aggregate.findData("sessions"))
    assert picker.spec() == {"source": "activities", "aggregate": "sessions"}
    assert picker.value.text() == "3"


def _edit_at(qtbot, text: str, position: int, year=None) -> NarrativeEdit:
    """A focused narrative field showing *text*, the cursor at document *position*."""
    fy = year or _small_year()
    edit = NarrativeEdit(lambda m: m, lambda: fy)
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    edit.set_value(text)
    cursor = edit.textCursor()
    cursor.setPosition(position)
    edit.setTextCursor(cursor)
    return edit


FIGURE = livefigures.make_token({"source": "activities", "aggregate": "sessions", "task": 1}, "exact")


def test_typing_before_after_and_between_figures_keeps_every_token(qtbot, ime):
    two = f"共{FIGURE}{FIGURE}场"  # shown "共33场": chips at 1 and 2
    for position, shown, saved in (
        (1, "共ab33场", f"共ab{FIGURE}{FIGURE}场"),  # before the first figure
        (2, "共3ab3场", f"共{FIGURE}ab{FIGURE}场"),  # between them
        (3, "共33ab场", f"共{FIGURE}{FIGURE}ab场"),  # after the second
    ):
        edit = _edit_at(qtbot, two, position)
        qtbot.keyClicks(edit, "ab")
        assert edit.toPlainText() == shown and edit.value() == saved and len(edit.chips()) == 2
    edit = _edit_at(qtbot, f"{FIGURE}场", 0)  # a figure first in its paragraph
    ime(edit, "全年举办")
    assert edit.value() == f"全年举办{FIGURE}场" and edit.toPlainText() == "全年举办3场"
    edit = _edit_at(qtbot, f"共\n{FIGURE}场", 2)  # first in the second paragraph
    ime(edit, "计")
    qtbot.keyClicks(edit, "x")
    assert edit.value() == f"共\n计x{FIGURE}场" and len(edit.chips()) == 1
    edit = _edit_at(qtbot, two, 2)  # an input method between two figures
    ime(edit, "与")
    assert edit.value() == f"共{FIGURE}与{FIGURE}场"
    edit = _edit_at(qtbot, f"共{FIGURE}场", 1)  # plain text pasted in front
    data = QMimeData()
    data.setText("计")
    edit.insertFromMimeData(data)
    assert edit.value() == f"共计{FIGURE}场" and edit.textCursor().position() == 2


def test_backspace_and_delete_next_to_a_figure_remove_one_character(qtbot):
    text = f"共计{FIGURE}场次"
    edit = _edit_at(qtbot, text, 2)  # right in front of the chip
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    assert edit.value() == f"共{FIGURE}场次"
    edit = _edit_at(qtbot, text, 3)  # right after it
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert edit.value() == f"共计{FIGURE}次"
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # the chip itself goes whole, never half a token
    assert edit.value() == "共计次" and edit.chips() == []
    edit.undo()
    assert edit.value() == f"共计{FIGURE}次" and len(edit.chips()) == 1
    edit.undo()
    assert edit.value() == text
    edit.undo()  # nothing more: the loaded text is not an edit to undo
    assert edit.value() == text


def test_undo_after_typing_in_front_of_a_figure_never_takes_the_figure(qtbot, ime):
    edit = _edit_at(qtbot, f"{FIGURE}场", 0)
    ime(edit, "全年")
    edit.undo()
    assert edit.value() == f"{FIGURE}场"
    for _ in range(3):
        edit.undo()
    assert edit.value() == f"{FIGURE}场" and len(edit.chips()) == 1
    edit.redo()
    assert edit.value() == f"全年{FIGURE}场"


def test_a_save_while_typing_in_front_of_a_figure_leaves_the_cursor_in_front(qtbot, ime):
    """What a page does after the pause in typing: save, then redraw from a new year object. The
    typist's cursor stays in front of the figure and undo takes back only what was typed."""
    years = [_small_year()]
    edit = NarrativeEdit(lambda m: m, lambda: years[-1])
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    edit.committed.connect(lambda text: (years.append(_small_year()), edit.set_value(text)))
    edit.set_value(f"{FIGURE}场")
    ime(edit, "全")
    edit.commit()
    assert edit.textCursor().position() == 1
    ime(edit, "年")
    edit.commit()
    assert edit.value() == f"全年{FIGURE}场" and edit.textCursor().position() == 2
    edit.undo()
    assert edit.value() == f"全{FIGURE}场"
    edit.undo()
    assert edit.value() == f"{FIGURE}场" and len(edit.chips()) == 1

    # A figure whose value did change is rewritten; the cursor keeps its place in the text.
    cursor = edit.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.End)
    edit.setTextCursor(cursor)
    more = _small_year()
    more.activities[0].sessions = 12
    years.append(more)
    edit.refresh()
    assert edit.toPlainText() == "12场" and edit.textCursor().position() == 3
    assert edit.value() == f"{FIGURE}场"


def test_copy_and_paste_a_chip_in_front_of_another(qtbot):
    edit = _edit_at(qtbot, f"共{FIGURE}场", 1)
    cursor = edit.textCursor()
    cursor.setPosition(2, QTextCursor.MoveMode.KeepAnchor)  # the chip alone
    edit.setTextCursor(cursor)
    copied = edit.createMimeDataFromSelection()
    assert copied.text() == "3"
    cursor.setPosition(1)
    edit.setTextCursor(cursor)
    edit.insertFromMimeData(copied)
    assert edit.value() == f"共{FIGURE}{FIGURE}场" and len(edit.chips()) == 2
    qtbot.keyClicks(edit, "x")  # between the pasted chip and the first one
    assert edit.value() == f"共{FIGURE}x{FIGURE}场"
