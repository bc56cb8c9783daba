"""Putting the cursor into a named field of a page, wherever it sits (another tab, a scroll area)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea, QStackedWidget, QTabWidget, QWidget


def focus_field(page: QWidget, name: str) -> QWidget | None:
    """Show and focus the widget named *name* (its object name) inside *page*; returns it, or None.

    Tabs and stacked pages on the way are switched to it, scroll areas scrolled to it.
    """
    field = page.findChild(QWidget, name)
    if field is None:
        return None
    chain = []
    widget = field
    while widget is not None and widget is not page:
        chain.append(widget)
        widget = widget.parentWidget()
    for child in reversed(chain):  # outermost first: a tab must show before its contents can
        parent = child.parentWidget()
        if isinstance(parent, QStackedWidget):
            tabs = parent.parentWidget()
            if isinstance(tabs, QTabWidget):
                tabs.setCurrentWidget(child)
            else:
                parent.setCurrentWidget(child)
    for ancestor in chain:
        area = ancestor.parentWidget()
        while area is not None and area is not page and not isinstance(area, QScrollArea):
            area = area.parentWidget()
        if isinstance(area, QScrollArea):
            area.ensureWidgetVisible(field)
            break
    field.setFocus(Qt.FocusReason.OtherFocusReason)
    return field
