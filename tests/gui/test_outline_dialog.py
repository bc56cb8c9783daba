"""The report outline on the report page: choose one, copy it, rename a heading, add a section of
one's own with a live figure, and see both in the preview and in the exported year package."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from jixiao.core.livefigures import make_token
from jixiao.services.yearpackages import export_year


def _outline_dialog(controller, qtbot):
    """The outline dialog opened from the report page, its outlines listed."""
    controller.window.go_to("report")
    page = controller.window.pages["report"]
    qtbot.waitUntil(lambda: page.outline_box.count() >= 5)
    dialog = page.edit_outline()
    qtbot.waitExposed(dialog)
    return dialog


def test_copy_rename_and_add_a_custom_section_with_a_live_figure(sample_controller, qtbot, retype, ime):
    window = sample_controller.window
    window.go_to("report")
    page = window.pages["report"]
    qtbot.waitUntil(lambda: page.outline_box.count() >= 5)
    assert page.outline_box.currentData() == "guangzhou-2022"

    dialog = page.edit_outline()
    qtbot.waitExposed(dialog)
    assert not dialog.heading.isEnabled()  # a shipped outline is copied before it is changed
    assert "一、基本情况" in dialog.preview.toPlainText()
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert dialog.heading.isEnabled() and dialog.choice.currentData() == "__own__"

    dialog.sections.setCurrentRow(0)  # 基本情况
    retype(dialog.heading, "单位基本情况")
    dialog.heading.editingFinished.emit()
    qtbot.waitUntil(lambda: "一、单位基本情况" in dialog.preview.toPlainText())

    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)  # after 一、: becomes 二、
    assert dialog.selected()["block"] == "custom" and dialog.custom.isEnabled()
    retype(dialog.heading, "其他需要说明的情况")
    dialog.heading.editingFinished.emit()
    qtbot.waitUntil(lambda: "二、其他需要说明的情况" in dialog.preview.toPlainText())
    ime(dialog.custom.edit, "全年举办宣讲会")
    token = make_token({"source": "activities", "types": ["宣讲会"]}, "exact")
    dialog.custom.insert_token(token)  # what the live-figure picker inserts at the cursor (then saves)
    qtbot.waitUntil(lambda: "全年举办宣讲会2" in dialog.preview.toPlainText())
    preview = dialog.preview.toPlainText()
    assert (
        preview.index("一、单位基本情况")
        < preview.index("二、其他需要说明的情况")
        < preview.index("三、综合评价分析")
    )
    assert "【?】" not in preview

    package = json.loads(export_year(sample_controller.session.book, 2022))
    outline = package["report"]["outline"]
    assert outline["sections"][0]["heading"] == "单位基本情况"
    custom = outline["sections"][1]
    assert custom["heading"] == "其他需要说明的情况" and custom["block"] == "custom"
    assert custom["text"].startswith("全年举办宣讲会") and '"宣讲会"' in custom["text"]
    assert package["report"]["outline_key"] == "guangzhou-2022"

    dialog.close()
    page.outline_box.setCurrentIndex(page.outline_box.findData("guangxi-hengxian-2017"))
    page.outline_box.activated.emit(page.outline_box.currentIndex())
    qtbot.waitUntil(
        lambda: (
            json.loads(export_year(sample_controller.session.book, 2022))["report"].get("outline_key")
            == "guangxi-hengxian-2017"
        )
    )
    assert "outline" not in json.loads(export_year(sample_controller.session.book, 2022))["report"]


def test_a_readiness_jump_opens_the_report_figures_and_a_typed_figure_is_printed(
    sample_controller, qtbot, retype
):
    from jixiao.gui.pages.report_page import FINDING_ROLE

    window = sample_controller.window
    window.go_to("report")
    page = window.pages["report"]
    qtbot.waitUntil(lambda: page.outline_box.count() >= 5)
    page.outline_box.setCurrentIndex(page.outline_box.findData("guangxi-hengxian-2017"))
    page.outline_box.activated.emit(page.outline_box.currentIndex())
    qtbot.waitUntil(
        lambda: any(
            page.problems.item(i).data(FINDING_ROLE).where == ("report", "expenditure_fen")
            for i in range(page.problems.count())
        )
    )
    item = next(
        page.problems.item(i)
        for i in range(page.problems.count())
        if page.problems.item(i).data(FINDING_ROLE).where == ("report", "expenditure_fen")
    )
    assert "部门收支情况" in item.text()
    page.problems.itemActivated.emit(item)
    dialog = page.outline_dialog
    qtbot.waitExposed(dialog)
    field = dialog.figures["expenditure_fen"]
    assert dialog.tabs.currentIndex() == 1
    qtbot.waitUntil(lambda: dialog.focusWidget() is field)
    retype(field, "600.50")
    field.commit()
    retype(dialog.figures["previous.expenditure_fen"], "abc")
    dialog.figures["previous.expenditure_fen"].commit()  # refused with a message, nothing saved
    retype(dialog.figures["previous.expenditure_fen"], "650.50")
    dialog.figures["previous.expenditure_fen"].commit()
    qtbot.waitUntil(lambda: "本年支出600.50万元" in dialog.preview.toPlainText())
    assert "同比减少50.00万元，减少7.69%" in dialog.preview.toPlainText()


def test_the_picker_offers_year_on_year_figures(sample_controller, qtbot):
    from jixiao.gui.dialogs.figure_picker import FigurePicker

    fy = sample_controller.session.fiscal_year()
    fy.report.previous = {"income_fen": 500_000_000}
    picker = FigurePicker(fy, sample_controller.translator.gettext)
    qtbot.addWidget(picker)
    wanted = ("yoy", "income_fen", "change")
    picker.scope.setCurrentIndex(
        next(i for i in range(picker.scope.count()) if tuple(picker.scope.itemData(i) or ()) == wanted)
    )
    picker.style.setCurrentIndex(picker.style.findData("change"))
    assert '"source": "yoy"' in picker.token() and picker.token().endswith("| change}}")
    assert picker.value.text().endswith("增加116.04") or "增加116.04" in picker.value.text()


def test_sections_are_listed_in_the_clerks_words_not_block_keys(sample_controller, qtbot):
    from jixiao.core.outline import BLOCKS

    dialog = _outline_dialog(sample_controller, qtbot)
    labels = [dialog.sections.item(row).text() for row in range(dialog.sections.count())]
    assert any("年度工作和重点工作任务" in label for label in labels)
    assert not [label for label in labels for block in BLOCKS if block in label]
    dialog.close()


def test_the_outline_box_names_the_whole_outline_in_its_tooltip(sample_controller, qtbot):
    """Outline names are longer than the box (广州市花都区…): the box and each choice say it whole."""
    window = sample_controller.window
    window.go_to("report")
    box = window.pages["report"].outline_box
    qtbot.waitUntil(lambda: box.count() >= 5)
    assert box.toolTip() == box.currentText() and "广州" in box.toolTip()
    for index in range(box.count()):
        assert box.itemData(index, Qt.ItemDataRole.ToolTipRole) == box.itemText(index)
    box.setCurrentIndex(box.findData("guangxi-hengxian-2017"))
    assert box.toolTip() == box.currentText() != ""


def test_typing_goes_on_after_a_live_figure_inserted_in_a_section_of_ones_own(sample_controller, qtbot, ime):
    """Inserting a figure saves the outline, which rebuilds the section list: the cursor used to land
    at the start of the text, so what the clerk typed next went in front of it."""
    dialog = _outline_dialog(sample_controller, qtbot)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    dialog.sections.setCurrentRow(0)
    qtbot.mouseClick(dialog.add_button, Qt.MouseButton.LeftButton)
    ime(dialog.custom.edit, "全年举办宣讲会")
    dialog.custom.insert_token(make_token({"source": "activities", "types": ["宣讲会"]}, "exact"))
    qtbot.waitUntil(lambda: "全年举办宣讲会2" in dialog.preview.toPlainText())
    ime(dialog.custom.edit, "场")
    assert dialog.custom.edit.toPlainText() == "全年举办宣讲会2场"
    dialog.custom.commit()
    qtbot.waitUntil(lambda: "全年举办宣讲会2场" in dialog.preview.toPlainText())
    dialog.close()
