"""Key tasks and measures (reorder by drag, rename, narrative with a live figure and the draft),
activity types, the unit profile, and the ordered text lists."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from jixiao.core import livefigures


def test_reorder_tasks_by_drag_rename_and_measure_text(sample_controller, qtbot, ime, retype):
    window = sample_controller.window
    window.go_to("work", tab="tasks")
    panel = window.pages["work"].tasks
    session = panel.session
    titles = [t.title for t in session.outline().tasks]
    panel.tasks.move_row(0, 2)  # drag the first task below the third
    qtbot.waitUntil(lambda: [t.title for t in session.outline().tasks][2] == titles[0], timeout=2000)
    assert [t.title for t in session.outline().tasks] == [titles[1], titles[2], titles[0], *titles[3:]]
    assert panel.tasks.list.item(2).text().startswith("3. ")

    ime(panel.tasks.new_text, "服务企业创新发展")
    panel.tasks.add_button.click()
    assert session.outline().tasks[-1].title == "服务企业创新发展"
    assert panel.tasks.current_key() == session.outline().tasks[-1].id
    retype(panel.task_title, "服务民营企业创新发展")
    panel.task_title.commit()
    assert session.outline().tasks[-1].title == "服务民营企业创新发展"

    ime(panel.measures.new_text, "组织创新沙龙")
    panel.measures.add_button.click()
    measure = session.outline().tasks[-1].measures[0]
    assert measure.title == "组织创新沙龙"
    ime(panel.measure_text, "全年举办创新沙龙")
    panel.measure_text.commit()
    assert session.outline().tasks[-1].measures[0].text == "全年举办创新沙龙"


def test_insert_a_live_figure_and_draft(sample_controller, qtbot):
    window = sample_controller.window
    window.go_to("work", tab="tasks")
    panel = window.pages["work"].tasks
    session = panel.session
    panel.tasks.select_key(session.outline().tasks[0].id)
    panel.measures.select_key(session.outline().tasks[0].measures[0].id)
    panel.measure_text.set_value("")
    panel.narrative.pick_figure()
    picker = panel.narrative.picker
    picker.scope.setCurrentIndex(picker.scope.findData("measure"))
    picker.aggregate.setCurrentIndex(picker.aggregate.findData("participants"))
    picker.style.setCurrentIndex(picker.style.findData("exact"))
    fy = session.fiscal_year()
    measure = fy.tasks[0].measures[0]
    expected = sum(a.participants for a in fy.activities if a.measure_id == measure.id)
    assert picker.value.text() == str(expected)
    picker.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    text = session.outline().tasks[0].measures[0].text
    assert text.startswith("{{") and '"participants"' in text
    assert livefigures.render(text, session.fiscal_year())[0] == str(expected)
    qtbot.waitUntil(lambda: panel.narrative.preview.text().startswith(str(expected)), timeout=2000)

    panel.draft()  # replaces after confirming (scripted yes)
    drafted = session.outline().tasks[0].measures[0].text
    assert drafted != text and "{{" in drafted
    assert "【?】" not in livefigures.render(drafted, session.fiscal_year())[0]


def test_activity_types_and_figures(sample_controller, ime, retype):
    window = sample_controller.window
    window.go_to("work")
    page = window.pages["work"]
    page.tabs.setCurrentWidget(page.types)
    types = page.types
    ime(types.list.new_text, "企业沙龙")
    types.list.add_button.click()
    retype(types.word, "场")
    types.word.commit()
    added = types.session.outline().activity_types[-1]
    assert (added.name, added.measure_word) == ("企业沙龙", "场")
    ime(types.list.new_text, "企业沙龙")
    types.list.add_button.click()  # a duplicate name: message next to the field
    assert types.errors["name"].text() and len(types.session.outline().activity_types) == len(
        [t for t in types.session.outline().activity_types]
    )
    page.tabs.setCurrentWidget(page.metrics)
    metrics = page.metrics
    ime(metrics.list.new_text, "新增会员数")
    metrics.list.add_button.click()
    retype(metrics.fields["value"], "128")
    metrics.fields["value"].commit()
    assert any(
        m.name == "新增会员数" and str(m.value) == "128" for m in metrics.session.fiscal_year().metrics
    )


def test_unit_profile_goals_texts_problems(sample_controller, ime, retype):
    window = sample_controller.window
    window.go_to("unit")
    page = window.pages["unit"]
    session = page.session
    retype(page.fields["contact_person"], "李明")
    page.fields["contact_person"].commit()
    assert session.unit().contact_person == "李明"
    retype(page.fields["full_name"], "")
    page.fields["full_name"].setText("")
    page.fields["full_name"].commit()
    assert page.errors["full_name"].text() and session.unit().full_name == "广州市花都区工商业联合会"

    duties = [*session.fiscal_year().unit.duties]
    page.duties.list.move_row(1, 0)
    from PySide6.QtCore import QCoreApplication

    QCoreApplication.processEvents()
    assert session.fiscal_year().unit.duties[:2] == [duties[1], duties[0]], (
        sample_controller.asker.asked,
        page.duties.items[:2],
    )

    page.tabs.setCurrentIndex(2)
    ime(page.texts["performance_management"], "我会按要求开展绩效管理。")
    page.texts["performance_management"].commit()
    assert (
        session.fiscal_year()
        .texts["performance_management"]
        .startswith("我会按要求开展绩效管理。我会按要求对")
    )

    window.go_to("problems")
    problems = window.pages["problems"]
    count = len(session.fiscal_year().problems)
    ime(problems.problems.list.new_text, "部分项目绩效目标不够细化")
    problems.problems.list.add_button.click()
    assert session.fiscal_year().problems[-1] == "部分项目绩效目标不够细化"
    problems.problems.list.select_key(count)
    retype(problems.problems.editor, "部分项目绩效目标设置不够细化、量化")
    problems.problems.editor.commit()
    assert session.fiscal_year().problems[-1] == "部分项目绩效目标设置不够细化、量化"
    problems.problems.list.move_row(count, 0)
    QCoreApplication.processEvents()
    assert session.fiscal_year().problems[0] == "部分项目绩效目标设置不够细化、量化"
