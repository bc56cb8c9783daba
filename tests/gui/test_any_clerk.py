"""A clerk of a kind other than 工商联 starts from an empty file: a 妇联 unit, activities of three
types with their own count fields, a measure drafted in office Chinese (no raw ``{{``), and the
printed report; the indicator library's search and filters."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader
from PySide6.QtCore import QDate, Qt
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QLabel

from jixiao.gui.dialogs.indicator_library import LibraryDialog
from jixiao.services import tasks as task_service


def _pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _record(panel, qtbot, ime, task_title, measure_title, type_name, title, day, counts):
    dialog = panel.new_activity()
    dialog.task.setCurrentIndex(dialog.task.findText(task_title))
    dialog.measure.setCurrentIndex(dialog.measure.findText(measure_title))
    dialog.type.setCurrentIndex(dialog.type.findText(type_name))
    ime(dialog.title, title)
    dialog.date.setDate(QDate(2023, *day))
    shown = {name for name, edit in dialog.counts.items() if edit.isVisibleTo(dialog)}
    for name, value in counts.items():
        dialog.counts[name].clear()
        qtbot.keyClicks(dialog.counts[name], value)
    assert dialog.save(close=True) is not None, [e.text() for e in dialog.errors.values() if e.text()]
    return shown, dialog


def test_a_womens_federation_clerk_from_an_empty_file_to_the_printed_report(
    make_controller, qtbot, ime, retype
):
    controller = make_controller()
    controller.start(None)
    welcome = controller.window.stack.currentWidget()
    welcome.kind.setCurrentIndex(welcome.kind.findData("mass_org"))
    assert welcome.self_name.text() == "我会"  # suggested by the kind
    assert "妇女联合会" in welcome.full_name.placeholderText()
    ime(welcome.full_name, "某市某区妇女联合会")
    ime(welcome.short_name, "区妇联")
    welcome.year.setValue(2023)
    welcome.create_button.click()

    window, session = controller.window, controller.session
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    unit = session.unit()
    assert (unit.full_name, unit.kind, unit.self_name) == ("某市某区妇女联合会", "mass_org", "我会")
    types = {t.name: t for t in session.outline().activity_types}
    assert {"培训", "调解纠纷", "宣讲会"} <= set(types) and "走访企业" not in types
    level3 = {i.level3 for i in session.fiscal_year().indicators}
    assert "营商环境持续优化" not in level3 and "服务群众满意度" in level3

    task_id = session.call(task_service.add_task, session.year_id, "维护妇女儿童合法权益")
    session.call(task_service.add_measure, task_id, "化解婚姻家庭矛盾纠纷")
    window.go_to("work")
    panel = window.pages["work"].activities
    task, measure = "维护妇女儿童合法权益", "化解婚姻家庭矛盾纠纷"
    shown, dialog = _record(
        panel, qtbot, ime, task, measure, "培训", "妇女维权知识培训班", (3, 8), {"participants": "45"}
    )
    assert shown == {"sessions", "participants"}  # 培训 has no 企业数 or 件数
    assert dialog.amount_box.isVisibleTo(dialog) and "妇女" in dialog.title.placeholderText()
    assert dialog.count_labels["sessions"].text() == "数量（期）"
    shown, _ = _record(
        panel, qtbot, ime, task, measure, "调解纠纷", "婚姻家庭纠纷调解", (5, 9), {"sessions": "12"}
    )
    assert "enterprises" not in shown
    _record(panel, qtbot, ime, task, measure, "宣讲会", "法治宣讲进社区", (6, 1), {})
    fy = session.fiscal_year()
    mediation = next(a for a in fy.activities if a.title == "婚姻家庭纠纷调解")
    assert (mediation.sessions, mediation.participants, mediation.enterprises, mediation.amount_fen) == (
        12,
        None,  # left blank: blank, not 0
        None,
        None,
    )
    assert panel.model.rowCount() == 3
    hidden = [panel.model.headerData(c, Qt.Orientation.Horizontal) for c in range(panel.model.columnCount())]
    assert [h for c, h in enumerate(hidden) if panel.table.isColumnHidden(c)] == ["企业数"]

    window.go_to("work", tab="tasks")
    tasks = window.pages["work"].tasks
    tasks.tasks.select_key(task_id)
    tasks.measures.select_key(session.outline().tasks[0].measures[0].id)
    tasks.draft()
    edit = tasks.measure_text
    shown_text = edit.toPlainText()
    assert "{{" not in shown_text and "{{" in edit.value()  # chips on screen, live figures saved
    assert re.search(r"举办.*培训.*期", shown_text)
    assert shown_text.startswith("全年共举办培训1期、宣讲会1场，调解纠纷12件，累计参与45人次。")
    saved = session.outline().tasks[0].measures[0].text
    assert saved == edit.value()

    window.go_to("report")
    page = window.pages["report"]
    qtbot.waitUntil(
        lambda: page.current and page.document.status() == QPdfDocument.Status.Ready, timeout=60_000
    )
    text = re.sub(r"\s+", "", _pdf_text(page.result.pdf))
    assert "某市某区妇女联合会" in text
    assert "举办培训1期、宣讲会1场，调解纠纷12件" in text
    assert "{{" not in text


def test_the_library_searches_by_name_and_pinyin_and_filters_by_level(qtbot):
    dialog = LibraryDialog(lambda m: m, kind="mass_org")
    qtbot.addWidget(dialog)
    everything = dialog.list.count()
    assert everything > 10 and not any("涉企" in dialog.list.item(i).text() for i in range(everything))
    dialog.search.setText("pxrc")
    names = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert names and all("培训人次" in n for n in names)
    dialog.list.item(0).setSelected(True)
    dialog.search.setText("满意")  # the choice survives a new search
    assert dialog.list.count() >= 1 and "1 chosen" in dialog.count.text()
    dialog.search.clear()
    dialog.level1.setCurrentIndex(dialog.level1.findData("产出指标"))
    dialog.level2.setCurrentIndex(dialog.level2.findData("质量指标"))
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert texts and all("产出指标 › 质量指标" in t for t in texts)
    dialog.search.setText("企业诉求")
    assert dialog.list.count() == 0 and "No indicator" in dialog.count.text()
    dialog.all_kinds.setChecked(True)  # the 工商联's own, on request
    assert dialog.list.count() == 1
    assert [i.level3 for i in dialog.chosen()] == ["培训人次"]
    assert isinstance(dialog.count, QLabel)


def test_help_user_guide_explains_the_terms_in_both_languages(sample_controller, qtbot):
    from PySide6.QtGui import QAction

    window = sample_controller.window
    window.findChild(QAction, "actionGuide").trigger()
    guide = window.guide
    qtbot.waitExposed(guide)
    text = guide.browser.toPlainText()
    for words in ("使用说明", "创建单位", "自称", "举措", "实时数字", "根据活动生成草稿", "打印报告"):
        assert words in text, words
    guide.close()

    from jixiao.gui.dialogs.guide import guide_html

    english = guide_html(lambda m: m)
    for words in ("How to use jixiao", "Measure (举措)", "Live figure", "How it names itself (自称)"):
        assert words in english
    tips = window.pages["unit"].fields["self_name"].toolTip()
    assert tips.startswith("自称：") or tips.startswith("自称:")
