"""Every page with the sample year, in zh_CN and in en, at 1280×800 and 1024×700, rendered to PNG;
the Chinese text must be drawn with real glyphs (no tofu boxes), and nothing may be laid out badly:
no form scrolling sideways, no widget sticking out of its parent, no label or button too narrow
for its text. Set JIXIAO_SCREENSHOTS=DIR to keep the pictures (and look at them); run with
QT_FONT_DPI=120 or 144 for 125 % / 150 % scaling."""

from __future__ import annotations

from pathlib import Path

import pytest
from pictures import pictures_folder
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTabBar,
    QTabWidget,
    QTreeWidget,
    QWidget,
)

MISSING = "\U0010fffd"  # a private-use code point no font has: drawn as the "missing glyph"


def _render(char: str, font: QFont) -> bytes:
    image = QImage(48, 48, QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QPoint(4, 36), char)
    painter.end()
    return bytes(image.constBits())


def tofu_characters(text: str, font: QFont) -> set[str]:
    """The CJK characters of *text* that *font* (with Qt's fallbacks) draws as the missing glyph or not at all."""
    missing = _render(MISSING, font)
    blank = _render(" ", font)
    bad = set()
    for char in {c for c in text if "\u3400" <= c <= "\u9fff"}:
        drawn = _render(char, font)
        if drawn in (missing, blank):
            bad.add(char)
    return bad


def visible_texts(root: QWidget) -> str:
    """Every text the widgets under *root* show (labels, buttons, fields, tabs, lists, tables)."""
    texts = [root.windowTitle()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, (QLabel, QAbstractButton)):
            texts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            texts.append(widget.text() + widget.placeholderText())
        elif isinstance(widget, QComboBox):
            texts.append(widget.currentText())
        elif isinstance(widget, QTabBar):
            texts.extend(widget.tabText(i) for i in range(widget.count()))
        elif isinstance(widget, QListWidget):
            texts.extend(widget.item(i).text() for i in range(min(widget.count(), 40)))
        elif isinstance(widget, QTreeWidget):
            texts.extend(widget.topLevelItem(i).text(0) for i in range(min(widget.topLevelItemCount(), 40)))
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            for row in range(min(model.rowCount(), 25)):
                for column in range(model.columnCount()):
                    value = model.index(row, column).data()
                    texts.append(value if isinstance(value, str) else "")
            texts.extend(
                str(model.headerData(c, Qt.Orientation.Horizontal) or "") for c in range(model.columnCount())
            )
    return "\n".join(t for t in texts if t)


def _views(window):
    """(name, how to show it) for every page and every tab of a page."""
    for key, page in window.pages.items():
        tabs = page.findChild(QTabWidget)
        if tabs is None:
            yield key, lambda k=key: window.go_to(k)
            continue
        for index in range(tabs.count()):

            def show(k=key, t=tabs, i=index):
                window.go_to(k)
                t.setCurrentIndex(i)

            yield f"{key}-{index}", show


def _in_layout(layout, widget: QWidget) -> bool:
    if layout is None:
        return False
    for index in range(layout.count()):
        item = layout.itemAt(index)
        if item.widget() is widget or _in_layout(item.layout(), widget):
            return True
    return False


def _width_for_text(widget: QWidget, text: str) -> int:
    """The narrowest *widget* can be and still show all of *text* (rich text as the label lays it out)."""
    if isinstance(widget, QPushButton):  # the style's minimum button width is not needed for the text
        plain = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
        return widget.fontMetrics().horizontalAdvance(plain) + 8
    return widget.minimumSizeHint().width() if isinstance(widget, QLabel) else widget.sizeHint().width()


def layout_problems(root: QWidget) -> list[str]:
    """What a clerk would see as broken layout under *root*: a form scrolling sideways, a widget
    sticking out of the one holding it, a label or button too narrow for its text."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.isWindow():
            continue
        name = f"{type(widget).__name__}#{widget.objectName()}"
        text = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
        if type(widget) is QScrollArea and widget.widget() is not None:
            inner, viewport = widget.widget().width(), widget.viewport().width()
            if widget.horizontalScrollBar().isVisible() or inner > viewport:
                problems.append(f"{name} scrolls sideways: {inner} > {viewport}")
        parent = widget.parentWidget()
        if parent is None or not _in_layout(parent.layout(), widget):
            continue  # only what a layout places
        box = widget.geometry()
        if box.right() > parent.width() or box.bottom() > parent.height():
            problems.append(
                f"{name} {text!r} sticks out of {type(parent).__name__}: {box} in {parent.size()}"
            )
        wraps = isinstance(widget, QLabel) and widget.wordWrap()
        if text and not wraps and widget.width() < _width_for_text(widget, text):
            problems.append(f"{name} {text!r} is cut: {widget.width()} < {_width_for_text(widget, text)}")
    return problems


SIZES = [(1280, 800), (1024, 700)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_page_renders_with_real_chinese_glyphs(sample_controller, lang, size, tmp_path, qtbot):
    controller = sample_controller
    if lang != controller.lang:
        controller.set_language(lang)
    window = controller.window
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    out = pictures_folder(tmp_path / "screens")
    suffix = "" if size == SIZES[0] else f"-{size[0]}x{size[1]}"
    all_text = []
    problems = []
    for name, show in _views(window):
        show()
        QApplication.processEvents()  # let the layouts settle, as they do before a real paint
        picture = window.grab()
        path = out / f"{lang}-{name}{suffix}.png"
        assert picture.save(str(path)) and path.stat().st_size > 10_000
        all_text.append(visible_texts(window))
        problems += [f"{name}: {problem}" for problem in layout_problems(window)]
    window.go_to("work")
    dialog = window.pages["work"].activities.edit_row(0)  # the form, as the clerk sees it
    dialog.resize(min(860, size[0] - 80), min(780, size[1] - 40))
    QApplication.processEvents()
    assert dialog.grab().save(str(out / f"{lang}-activity-form{suffix}.png"))
    all_text.append(visible_texts(dialog))
    problems += [f"activity form: {problem}" for problem in layout_problems(dialog)]
    dialog.reject()
    assert not problems, "\n".join(problems)
    text = "\n".join(all_text)
    assert "广州市花都区工商业联合会" in text  # data are Chinese in both languages
    if lang == "zh_CN":
        assert "概览" in text or "总览" in text
    bad = tofu_characters(text, window.font())
    assert not bad, f"drawn as boxes: {''.join(sorted(bad))}"


def test_the_check_itself_sees_tofu(qapp):
    """A face without Chinese, with fallbacks off, must be caught (so the test above can fail)."""
    font = QFont("DejaVu Sans")
    font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
    assert tofu_characters("绩效", font) == {"绩", "效"}


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_the_welcome_page_fits(make_controller, lang, size, tmp_path, qtbot):
    controller = make_controller(lang)
    controller.start(None)
    window = controller.window
    window.resize(*size)
    window.show()
    qtbot.waitExposed(window)
    QApplication.processEvents()
    out = pictures_folder(tmp_path / "screens")
    suffix = "" if size == SIZES[0] else f"-{size[0]}x{size[1]}"
    assert window.grab().save(str(out / f"{lang}-welcome{suffix}.png"))
    assert window.stack.currentWidget().objectName() == "welcomePage"
    assert not layout_problems(window), "\n".join(layout_problems(window))
    assert not tofu_characters(visible_texts(window), window.font())


def _womens_federation_file(path: Path) -> None:
    """A 妇联 year with a task, a measure, activities of three types and a drafted measure."""
    import datetime as dt

    from jixiao.core.drafts import draft_measure_text
    from jixiao.core.i18n import Translator
    from jixiao.core.model import Activity, Unit
    from jixiao.services import activities as activity_service
    from jixiao.services import tasks as task_service
    from jixiao.services import unit as unit_service
    from jixiao.services import years as year_service
    from jixiao.store.database import open_book

    with open_book(path, create=True) as book:
        unit = Unit("某市某区妇女联合会", short_name="区妇联", self_name="我会", kind="mass_org")
        _unit_id, year_id = unit_service.create_unit(book, unit, 2023)
        task_id = task_service.add_task(book, year_id, "维护妇女儿童合法权益")
        measure_id = task_service.add_measure(book, task_id, "化解婚姻家庭矛盾纠纷")
        types = {t.name: t.id for t in year_service.load_outline(book, year_id).activity_types}
        for day, type_name, title, counts in (
            (dt.date(2023, 3, 8), "培训", "妇女维权知识培训班", {"participants": 45}),
            (dt.date(2023, 5, 9), "调解纠纷", "婚姻家庭纠纷调解", {"sessions": 12}),
            (dt.date(2023, 6, 1), "宣讲会", "法治宣讲进社区", {"participants": 80}),
        ):
            activity = Activity(
                day, types[type_name], title, task_id=task_id, measure_id=measure_id, **counts
            )
            activity_service.add_activity(book, year_id, activity)
        fy = year_service.load_year(book, year_id)
        text = draft_measure_text(fy, 1, 1, Translator("zh_CN"))
        task_service.update_measure(book, measure_id, "化解婚姻家庭矛盾纠纷", text)


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_unit_of_another_kind_renders_every_page(make_controller, lang, tmp_path, qtbot):
    """A 妇联 (not the 工商联 of the sample): every page and tab, the activity form, the library,
    the guide; nothing cut, no tofu, no 工商联 wording, no raw live-figure syntax on screen."""
    from jixiao.gui.dialogs.indicator_library import LibraryDialog

    path = tmp_path / "fulian.sqlite3"
    _womens_federation_file(path)
    controller = make_controller(lang)
    controller.start(path)
    window = controller.window
    window.resize(1280, 800)
    window.show()
    qtbot.waitExposed(window)
    out = pictures_folder(tmp_path / "screens")
    all_text, problems = [], []
    for name, show in _views(window):
        show()
        QApplication.processEvents()
        assert window.grab().save(str(out / f"{lang}-fulian-{name}.png"))
        all_text.append(visible_texts(window))
        problems += [f"{name}: {problem}" for problem in layout_problems(window)]
    window.go_to("work", tab="tasks")
    tasks = window.pages["work"].tasks
    tasks.tasks.select_key(controller.session.outline().tasks[0].id)
    tasks.measures.select_key(controller.session.outline().tasks[0].measures[0].id)
    QApplication.processEvents()
    assert window.grab().save(str(out / f"{lang}-fulian-measure.png"))
    shown = tasks.measure_text.toPlainText()
    assert "举办培训1期" in shown and "{{" not in shown
    window.go_to("work")
    dialog = window.pages["work"].activities.new_activity()
    dialog.resize(860, 760)
    QApplication.processEvents()
    assert dialog.grab().save(str(out / f"{lang}-fulian-activity-form.png"))
    all_text.append(visible_texts(dialog))
    problems += [f"activity form: {p}" for p in layout_problems(dialog)]
    dialog.reject()
    library = LibraryDialog(controller.gettext, window, kind="mass_org")
    library.show()
    QApplication.processEvents()
    assert library.grab().save(str(out / f"{lang}-fulian-library.png"))
    all_text.append(visible_texts(library))
    library.close()
    window.show_guide()
    QApplication.processEvents()
    assert window.guide.grab().save(str(out / f"{lang}-guide.png"))
    window.guide.close()
    assert not problems, "\n".join(problems)
    text = "\n".join(all_text)
    assert "某市某区妇女联合会" in text
    for word in ("走访企业", "民营企业家", "商会指导", "营商环境"):
        assert word not in text, word
    assert "{{" not in text
    assert not tofu_characters(text, window.font())
