"""Small layout pieces the pages share: a row of widgets as one form cell, a row of buttons, a splitter
sharing its width in a proportion, a scrolling column, a heading font."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QScrollArea,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)


def layout_widget(layout: QLayout) -> QWidget:
    """*layout* as a widget without margins (a form cell holding several widgets)."""
    widget = QWidget()
    layout.setContentsMargins(0, 0, 0, 0)
    widget.setLayout(layout)
    return widget


def row_widget(*items: tuple[QWidget, int] | QWidget, stretch_end: bool = False) -> QWidget:
    """Widgets side by side as one widget without margins; an item ``(widget, stretch)`` grows by
    *stretch*; *stretch_end* keeps them at their size on the left."""
    row = QHBoxLayout()
    for item in items:
        widget, stretch = item if isinstance(item, tuple) else (item, 0)
        row.addWidget(widget, stretch)
    if stretch_end:
        row.addStretch(1)
    return layout_widget(row)


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons side by side from the left."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def proportional_splitter(
    first: QWidget,
    second: QWidget,
    proportion: tuple[int, int],
    orientation: Qt.Orientation = Qt.Orientation.Horizontal,
) -> QSplitter:
    """Two panes sharing the room in *proportion*, none collapsible."""
    splitter = QSplitter(orientation)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, proportion[0])
    splitter.setStretchFactor(1, proportion[1])
    splitter.setSizes([1000 * proportion[0], 1000 * proportion[1]])  # the splitter scales it to its width
    splitter.setChildrenCollapsible(False)
    return splitter


def scrolling_column(owner: QWidget, *items: QWidget | QLayout) -> QScrollArea:
    """Fill *owner* with *items* one under the other (pushed up), scrolling when they do not fit."""
    inner = QWidget()
    column = QVBoxLayout(inner)
    for item in items:
        if isinstance(item, QLayout):
            column.addLayout(item)
        else:
            column.addWidget(item)
    column.addStretch(1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setWidget(inner)
    QVBoxLayout(owner).addWidget(scroll)
    return scroll


def heading_label(name: str, scale: float) -> QLabel:
    """A bold label *scale* times the normal size (a page's total or heading)."""
    label = QLabel()
    label.setObjectName(name)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    label.setFont(font)
    return label


def record_table(name: str, model: QAbstractItemModel, resize_precision: int) -> QTableView:
    """A table of records, one a row: whole rows selected, one line of a fixed height per row (cells
    never wrap); column widths fitted over *resize_precision* rows."""
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(False)
    vertical = table.verticalHeader()
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(table.fontMetrics().height() + 10)
    table.horizontalHeader().setResizeContentsPrecision(resize_precision)
    return table
