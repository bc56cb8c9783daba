"""Charts drawn with QPainter (QtCharts is deprecated): every bar knows the records behind it.

The charts only draw what they are given (already computed by ``core.overview``); geometry is in
floats, values and labels come in ready. A click on a bar emits ``activated(key)``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetricsF, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

PALETTE = (
    "#3366cc",
    "#dc7633",
    "#2e8b57",
    "#8e44ad",
    "#c0392b",
    "#16a085",
    "#b7950b",
    "#5d6d7e",
    "#d35400",
    "#1f618d",
)
MUTED = "#9aa5b1"


def fill(painter: QPainter, rect: QRectF, color: QColor) -> None:
    """What ``painter.fillRect(rect, color)`` draws (the same pixels, antialiased or not) when the
    painter's pen is ``NoPen``, which the caller sets. Not ``fillRect``: PySide resolves its
    overloads by trying the ``QGradient`` ones, and so creates ``QGradient``'s five enums (~1.5 ms,
    before the window's first frame)."""
    painter.setBrush(color)
    painter.drawRect(rect)


def series_color(index: int) -> QColor:
    return QColor(PALETTE[index % len(PALETTE)])


def axis_ticks(highest: float, most: int = 5) -> list[int]:
    """Distinct whole-number ticks from 0 covering *highest*: steps of 1, 2 or 5 × 10ⁿ, at most
    *most* + 1 ticks (2 → [0, 1, 2]; 7 → [0, 2, 4, 6, 8]; 213 → [0, 50, 100, 150, 200, 250])."""
    top = max(1, math.ceil(highest))
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(top / step) <= most:
                return list(range(0, math.ceil(top / step) * step + 1, step))
        magnitude *= 10


@dataclass
class Series:
    """One stacked series: a name for the legend, one value per column, a key per column."""

    name: str
    values: list[float]
    keys: list[object]
    color: QColor


@dataclass
class HBar:
    """One horizontal bar: label, length as a share (1.0 = full), its text, a key, a colour."""

    label: str
    share: float | None
    text: str
    key: object
    color: QColor = field(default_factory=lambda: QColor(PALETTE[0]))
    tooltip: str = ""


class _Chart(QWidget):
    activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._hits: list[tuple[QRectF, object, str]] = []
        self.empty_text = ""

    def hit(self, point: QPointF) -> tuple[object, str] | None:
        for rect, key, tip in self._hits:
            if rect.contains(point):
                return key, tip
        return None

    def hit_rects(self) -> list[tuple[QRectF, object]]:
        """Where each clickable bar was drawn (for tests and accessibility)."""
        return [(rect, key) for rect, key, _ in self._hits]

    def mousePressEvent(self, event: QMouseEvent) -> None:
        found = self.hit(event.position())
        if found is not None and event.button() == Qt.MouseButton.LeftButton:
            self.activated.emit(found[0])
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        found = self.hit(event.position())
        self.setCursor(Qt.CursorShape.PointingHandCursor if found else Qt.CursorShape.ArrowCursor)
        if found and found[1]:
            QToolTip.showText(event.globalPosition().toPoint(), found[1], self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def _draw_empty(self, painter: QPainter) -> None:
        painter.setPen(self.palette().placeholderText().color())
        painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self.empty_text)


class StackedColumns(_Chart):
    """Columns (e.g. the 12 months) with stacked series (e.g. key tasks) and a legend."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns: list[str] = []
        self.series: list[Series] = []
        self.setMinimumHeight(self.fontMetrics().height() * 16)

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 33, line * 20)

    def set_data(self, columns: list[str], series: list[Series], empty_text: str = "") -> None:
        self.columns, self.series, self.empty_text = columns, series, empty_text
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._hits = []
        totals = [sum(s.values[i] for s in self.series) for i in range(len(self.columns))]
        if not self.columns or not any(totals):
            self._draw_empty(painter)
            return
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        legend_rows = self._legend_layout(metrics)
        top, bottom = line * 0.6, line * 1.6 + len(legend_rows) * line * 1.3
        ticks = axis_ticks(max(totals))
        highest = ticks[-1]
        left = metrics.horizontalAdvance(f"{highest:,}") + 8
        plot = QRectF(left, top, max(self.width() - left - 8, 10), max(self.height() - top - bottom, 10))
        text_pen = QPen(self.palette().text().color())
        grid_pen = QPen(QColor(MUTED))
        grid_pen.setStyle(Qt.PenStyle.DotLine)
        for value in ticks:
            y = plot.bottom() - plot.height() * value / highest
            painter.setPen(grid_pen)
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(text_pen)
            painter.drawText(
                QRectF(0, y - line / 2, left - 4, line), Qt.AlignmentFlag.AlignRight, f"{value:,}"
            )
        width = plot.width() / len(self.columns)
        for i, name in enumerate(self.columns):
            x = plot.left() + i * width + width * 0.15
            y = plot.bottom()
            painter.setPen(Qt.PenStyle.NoPen)
            for series in self.series:
                value = series.values[i]
                if not value:
                    continue
                height = plot.height() * value / highest
                rect = QRectF(x, y - height, width * 0.7, height)
                fill(painter, rect, series.color)
                self._hits.append((rect, series.keys[i], f"{name} · {series.name}: {value:.0f}"))
                y -= height
            painter.setPen(text_pen)
            painter.drawText(
                QRectF(plot.left() + i * width, plot.bottom() + 2, width, line),
                Qt.AlignmentFlag.AlignHCenter,
                name,
            )
        y = plot.bottom() + line * 1.5
        for row in legend_rows:
            x = plot.left()
            for series, text_width in row:
                painter.setPen(Qt.PenStyle.NoPen)
                fill(painter, QRectF(x, y + line * 0.2, line * 0.8, line * 0.8), series.color)
                painter.setPen(text_pen)
                painter.drawText(QPointF(x + line, y + metrics.ascent()), series.name)
                x += line * 1.6 + text_width
            y += line * 1.3

    def _legend_layout(self, metrics: QFontMetricsF) -> list[list[tuple[Series, float]]]:
        rows: list[list[tuple[Series, float]]] = [[]]
        used, available = 0.0, max(self.width() - 60, 100)
        for series in self.series:
            text_width = metrics.horizontalAdvance(series.name)
            needed = text_width + metrics.height() * 1.6
            if rows[-1] and used + needed > available:
                rows.append([])
                used = 0.0
            rows[-1].append((series, text_width))
            used += needed
        return rows if rows[0] else []


class HorizontalBars(_Chart):
    """Labelled horizontal bars on a 0 … 100% scale with an optional marker (e.g. the calendar)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bars: list[HBar] = []
        self.marker: float | None = None
        self.marker_text = ""

    def set_data(
        self, bars: list[HBar], marker: float | None = None, marker_text: str = "", empty_text: str = ""
    ) -> None:
        self.bars, self.marker, self.marker_text, self.empty_text = bars, marker, marker_text, empty_text
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()
        return QSize(int(line * 33), int(line * 1.6 * max(len(self.bars), 2) + line * 2.5))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().height() * 12, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._hits = []
        if not self.bars:
            self._draw_empty(painter)
            return
        metrics = QFontMetricsF(self.font())
        line = metrics.height()
        label_width = min(max(metrics.horizontalAdvance(b.label) for b in self.bars) + 8, self.width() * 0.4)
        value_width = max(metrics.horizontalAdvance(b.text) for b in self.bars) + 8
        top = line * 1.4
        plot = QRectF(
            label_width,
            top,
            max(self.width() - label_width - value_width - 8, 20),
            line * 1.6 * len(self.bars),
        )
        text_pen = QPen(self.palette().text().color())
        scale = max([1.0] + [b.share for b in self.bars if b.share is not None])
        for i, bar in enumerate(self.bars):
            y = plot.top() + i * line * 1.6
            painter.setPen(text_pen)
            label = metrics.elidedText(bar.label, Qt.TextElideMode.ElideMiddle, label_width - 8)
            painter.drawText(
                QRectF(0, y, label_width - 6, line * 1.3),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                label,
            )
            track = QRectF(plot.left(), y + line * 0.15, plot.width(), line)
            painter.setPen(Qt.PenStyle.NoPen)
            fill(painter, track, QColor("#eef1f4"))
            if bar.share is not None:
                rect = QRectF(
                    track.left(), track.top(), track.width() * max(bar.share, 0) / scale, track.height()
                )
                fill(painter, rect, bar.color)
            painter.setPen(text_pen)
            painter.drawText(
                QRectF(plot.right() + 6, y, value_width, line * 1.3), Qt.AlignmentFlag.AlignVCenter, bar.text
            )
            self._hits.append(
                (QRectF(0, y, self.width(), line * 1.5), bar.key, bar.tooltip or f"{bar.label}: {bar.text}")
            )
        if scale > 1.0:
            x = plot.left() + plot.width() / scale
            painter.setPen(QPen(QColor(MUTED), 1, Qt.PenStyle.DashLine))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
        if self.marker is not None:
            x = plot.left() + plot.width() * self.marker / scale
            painter.setPen(QPen(QColor("#c0392b"), 2))
            painter.drawLine(QPointF(x, plot.top() - 2), QPointF(x, plot.bottom()))
            text_width = metrics.horizontalAdvance(self.marker_text) + 8
            left = min(max(x - text_width / 2, 0), self.width() - text_width)
            painter.drawText(
                QRectF(left, 0, text_width, line * 1.2), Qt.AlignmentFlag.AlignHCenter, self.marker_text
            )


class ScoreBadge(_Chart):
    """The total score as a large number with its grade and a ring showing it out of 100."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.score_text, self.grade_text, self.share, self.caption = "", "", None, ""
        line = self.fontMetrics().height()
        self.setMinimumSize(line * 11, line * 11)

    def set_data(
        self, score_text: str, grade_text: str, share: float | None, caption: str, key: object
    ) -> None:
        self.score_text, self.grade_text, self.share, self.caption, self.key = (
            score_text,
            grade_text,
            share,
            caption,
            key,
        )
        self.update()

    def sizeHint(self) -> QSize:
        line = self.fontMetrics().height()
        return QSize(line * 13, line * 13)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        stroke = max(self.fontMetrics().height() * 0.7, 4.0)  # scales with the font (high DPI)
        side = min(self.width(), self.height()) - stroke - 4
        ring = QRectF((self.width() - side) / 2, (stroke + 4) / 2, side, side)
        painter.setPen(QPen(QColor("#eef1f4"), stroke))
        painter.drawArc(ring, 0, 360 * 16)
        if self.share is not None:
            pen = QPen(QColor(PALETTE[2]), stroke)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            painter.drawArc(ring, 90 * 16, -int(360 * 16 * max(0.0, min(self.share, 1.0))))
        big = self.font()
        big.setPointSizeF(self.font().pointSizeF() * 2.6)
        big.setBold(True)
        painter.setFont(big)
        painter.setPen(self.palette().text().color())
        painter.drawText(
            ring.adjusted(0, -side * 0.12, 0, -side * 0.12), Qt.AlignmentFlag.AlignCenter, self.score_text
        )
        small = self.font()
        small.setPointSizeF(self.font().pointSizeF() * 1.2)
        painter.setFont(small)
        painter.drawText(
            ring.adjusted(0, side * 0.14, 0, side * 0.14), Qt.AlignmentFlag.AlignCenter, self.grade_text
        )
        painter.setFont(self.font())
        painter.drawText(
            ring.adjusted(0, side * 0.27, 0, side * 0.27), Qt.AlignmentFlag.AlignCenter, self.caption
        )
        self._hits = [(QRectF(self.rect()), getattr(self, "key", None), self.caption)]
