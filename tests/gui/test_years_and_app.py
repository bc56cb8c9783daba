"""Switching years, a new year from last year, reopening the file, language, About, backups."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from jixiao.gui.app import SAMPLE_FILE_NAME


def test_new_year_from_last_year_switch_and_reopen(sample_controller, make_controller, asker, tmp_path, ime):
    window = sample_controller.window
    session = sample_controller.session
    old = session.fiscal_year()
    asker.answers["get_int"] = [2023]
    window.new_year_from_last()
    assert session.year == 2023 and window.year_box.count() == 2
    assert "2023" in window.year_box.currentText()
    fy = session.fiscal_year()
    assert [t.title for t in fy.tasks] == [t.title for t in old.tasks] and fy.activities == []
    window.go_to("work")
    panel = window.pages["work"].activities
    assert panel.model.rowCount() == 0
    dialog = panel.new_activity()
    ime(dialog.title, "2023年第一次走访")
    dialog.type.setCurrentIndex(dialog.type.findText("走访"))
    dialog.save_button.click()
    assert panel.model.rowCount() == 1

    window.year_box.setCurrentIndex(window.year_box.findData(old.id))
    window.year_box.activated.emit(window.year_box.currentIndex())
    assert session.year == 2022 and panel.model.rowCount() == len(old.activities)
    assert window.windowTitle().count("2022") == 1

    sample_controller.close_book()
    again = make_controller()
    again.start(tmp_path / "data" / SAMPLE_FILE_NAME)
    years = [year for _id, _unit, year in again.session.years()]
    assert years == [2022, 2023]
    again.session.set_year(again.session.years()[-1][0])
    assert [a.title for a in again.session.fiscal_year().activities] == ["2023年第一次走访"]
    assert len(again.session.years()) == 2


def test_language_switch_rebuilds_the_window_in_english(sample_controller, qtbot):
    controller = sample_controller
    controller.window.go_to("budget")
    controller.preferences()
    dialog = controller.preferences_dialog
    dialog.language_box.setCurrentIndex(dialog.language_box.findData("en"))
    dialog.accept()
    window = controller.window
    assert controller.lang == "en" and controller.settings.value("language") == "en"
    assert window.current_page_key() == "budget"
    assert window.nav.item(0).text() == "Overview"
    assert window.menuBar().actions()[0].text() == "&File"
    controller.set_language("zh_CN")
    assert controller.window.nav.item(0).text() != "Overview"


def test_qt_buttons_are_translated_in_chinese(sample_controller):
    box = QMessageBox(
        QMessageBox.Icon.Question, "t", "t", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    )
    assert box.button(QMessageBox.StandardButton.Yes).text() in ("是", "是(&Y)")
    assert box.button(QMessageBox.StandardButton.No).text() in ("否", "否(&N)")


def test_about_box_and_backups(sample_controller, tmp_path):
    window = sample_controller.window
    window.findChild(type(window.new_year_action), "actionAbout").trigger()
    assert window.about_box.isVisible() and "0.1.0" in window.about_box.text()
    window.about_box.close()
    assert sample_controller.periodic_backup() is None  # nothing changed yet
    window.go_to("problems")
    page = window.pages["problems"]
    page.save("problems", ["一个新问题"])
    backup = sample_controller.periodic_backup()
    assert backup is not None and backup.exists()
    assert sample_controller.backup_timer.interval() == 30 * 60 * 1000


def test_export_this_year_writes_the_package_atomically(sample_controller, asker, tmp_path):
    from jixiao.services.yearpackages import export_year

    window = sample_controller.window
    target = tmp_path / "fy2022.json"
    target.write_text("an older export", encoding="utf-8")
    asker.answers["save_file"] = [str(target)]
    window.export_package()
    assert target.read_text(encoding="utf-8") == export_year(sample_controller.session.book, 2022)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("fy2022")) == ["fy2022.json"]
    assert "fy2022.json" in window.statusBar().currentMessage()
