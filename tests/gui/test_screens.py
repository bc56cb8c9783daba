"""Every page with the sample year, in zh_CN and in en, rendered to PNG; the Chinese text must be
drawn with real glyphs (no tofu boxes). Set JIXIAO_SCREENSHOTS=DIR to keep the pictures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
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


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_page_renders_with_real_chinese_glyphs(sample_controller, lang, tmp_path, qtbot):
    controller = sample_controller
    if lang != controller.lang:
        controller.set_language(lang)
    window = controller.window
    window.resize(1280, 820)
    window.show()
    qtbot.waitExposed(window)
    out = Path(os.environ.get("JIXIAO_SCREENSHOTS") or tmp_path / "screens")
    out.mkdir(parents=True, exist_ok=True)
    all_text = []
    for name, show in _views(window):
        show()
        picture = window.grab()
        path = out / f"{lang}-{name}.png"
        assert picture.save(str(path)) and path.stat().st_size > 10_000
        all_text.append(visible_texts(window))
    window.go_to("work")
    dialog = window.pages["work"].activities.edit_row(0)  # the form, as the clerk sees it
    dialog.resize(860, 780)
    assert dialog.grab().save(str(out / f"{lang}-activity-form.png"))
    all_text.append(visible_texts(dialog))
    dialog.reject()
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
