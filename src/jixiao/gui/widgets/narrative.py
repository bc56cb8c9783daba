"""Narrative text that may hold live figures (``core.livefigures``), edited so a clerk can read it.

- ``LiveFigureHighlighter`` shows every ``{{spec | style}}`` token of a document as a chip: blue when
  the report can write it, red when it cannot (malformed, or pointing at nothing in the year).
- ``NarrativeEdit`` is a ``CommitTextEdit`` with that highlighter and a tooltip over each token: what
  the report writes there now and what the figure counts ("= 3 · 宣讲会、党史学习教育的场次 · …").
- ``NarrativeEditor`` adds the "Insert a live figure…" picker and the text as printed today; the
  measure narrative and the key task intro use it.

What a token writes and counts comes from the core (``livefigures.explain``); this module only
formats it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QSyntaxHighlighter, QTextCharFormat, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from jixiao.core import livefigures
from jixiao.core.livefigures import Explanation, LiveFigure, TextProblem
from jixiao.core.model import FiscalYear
from jixiao.gui.widgets.fields import CommitTextEdit, VerticalScrollArea

YearSource = Callable[[], FiscalYear | None]
# Where the figure picker is opened from: 1-based (task, measure) positions, measure None for a
# task's own text; None when only whole-year figures make sense.
PositionSource = Callable[[], tuple[int, int | None] | None]

CHIP_BACKGROUND, CHIP_FOREGROUND = "#dce8f6", "#1d4f91"
PROBLEM_BACKGROUND, PROBLEM_FOREGROUND = "#fbe3e1", "#b3261e"
CHIP_FONT_SCALE = 0.85  # a little smaller than the prose: the sentence stays what the eye reads
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _utf16_offsets(text: str, offsets: list[int]) -> list[int]:
    """Python (code point) offsets into *text* as Qt's UTF-16 positions (rare hanzi take two)."""
    if not _ASTRAL.search(text):
        return offsets
    return [offset + len(_ASTRAL.findall(text, 0, offset)) for offset in offsets]


def _chip_format(background: str, foreground: str, point_size: float) -> QTextCharFormat:
    chip = QTextCharFormat()
    chip.setBackground(QColor(background))
    chip.setForeground(QColor(foreground))
    if point_size > 0:  # -1 when the font is sized in pixels: keep its size
        chip.setFontPointSize(point_size * CHIP_FONT_SCALE)
    return chip


class LiveFigureHighlighter(QSyntaxHighlighter):
    """Formats the live-figure tokens of a document as chips; ``ranges`` records where they are.

    ``ranges`` holds ``(start, end, part, ok)`` in document positions (UTF-16, as ``QTextCursor``
    counts), for the whole document. *year* gives the fiscal year the figures are computed in; with
    no year, only malformed tokens are marked as problems.
    """

    def __init__(self, document: QTextDocument, year: YearSource | None = None) -> None:
        super().__init__(document)
        self.year: YearSource = year or (lambda: None)
        self.ranges: list[tuple[int, int, LiveFigure | TextProblem, bool]] = []
        self._text: str | None = None
        self._scanned_fy: FiscalYear | None = None  # the year the chips were coloured for
        self._fy: FiscalYear | None = None  # the year of the explanations kept
        self._explained: dict[str, Explanation] = {}
        self._formats: tuple[float, QTextCharFormat, QTextCharFormat] | None = None

    def formats(self) -> tuple[QTextCharFormat, QTextCharFormat]:
        """The chip of a figure that can be written, and of one that cannot (for the editor's font)."""
        size = self.document().defaultFont().pointSizeF()
        if self._formats is None or self._formats[0] != size:
            self._formats = (
                size,
                _chip_format(CHIP_BACKGROUND, CHIP_FOREGROUND, size),
                _chip_format(PROBLEM_BACKGROUND, PROBLEM_FOREGROUND, size),
            )
        return self._formats[1], self._formats[2]

    def explanation(self, part: LiveFigure | TextProblem) -> Explanation | None:
        """What *part* writes and counts in the current year (None when there is no year)."""
        fy = self.year()
        if fy is not self._fy:
            self._fy, self._explained = fy, {}
        if fy is None:
            return None
        if part.raw not in self._explained:
            self._explained[part.raw] = livefigures.explain(part, fy)
        return self._explained[part.raw]

    def _ok(self, part: LiveFigure | TextProblem) -> bool:
        if isinstance(part, TextProblem):
            return False
        explained = self.explanation(part)
        return explained is None or explained.problem is None

    def _scan(self) -> None:
        """Find the tokens of the whole document (tokens may run over a line break) once per text."""
        fy = self.year()
        text = self.document().toPlainText()
        if text == self._text and fy is self._scanned_fy:
            return
        found = livefigures.spans(text)
        ends = _utf16_offsets(text, [offset for start, end, _ in found for offset in (start, end)])
        self.ranges = [
            (ends[2 * i], ends[2 * i + 1], part, self._ok(part)) for i, (_s, _e, part) in enumerate(found)
        ]
        self._text, self._scanned_fy = text, fy

    def refresh(self) -> None:
        """Redraw the chips when the year changed since they were drawn (figures may now resolve)."""
        if self.year() is not self._scanned_fy:
            self._text = None
            self.rehighlight()

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        self._scan()
        chip, problem = self.formats()
        block = self.currentBlock()
        first, last = block.position(), block.position() + block.length() - 1
        for start, end, _part, ok in self.ranges:
            if end <= first or start >= last:
                continue
            begin = max(start, first)
            self.setFormat(begin - first, min(end, last) - begin, chip if ok else problem)

    def token_at(self, position: int) -> tuple[int, int, LiveFigure | TextProblem] | None:
        """The token covering the character at document *position*, or None."""
        self._scan()
        for start, end, part, _ok in self.ranges:
            if start <= position < end:
                return start, end, part
        return None


class NarrativeEdit(CommitTextEdit):
    """A narrative field that shows its live figures as chips, with a tooltip on each.

    *year* gives the fiscal year the figures are computed in (a page's ``open_year``).
    """

    def __init__(
        self, gettext: Callable[[str], str], year: YearSource | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ = gettext
        self.highlighter = LiveFigureHighlighter(self.document(), year)

    def set_year(self, year: YearSource) -> None:
        self.highlighter.year = year
        self.highlighter.refresh()

    def set_value(self, text: str) -> None:
        super().set_value(text)
        self.highlighter.refresh()

    def tooltip_at(self, position: int) -> str:
        """The tooltip for the character at document *position*: "= 3 · what it counts", and why
        it cannot be written when it cannot; "" outside a token."""
        found = self.highlighter.token_at(position)
        if found is None:
            return ""
        part = found[2]
        explained = self.highlighter.explanation(part)
        if explained is None:  # no year open: at least say what is wrong with the token itself
            return f"⚠ {part.reason.translated(self._)}" if isinstance(part, TextProblem) else ""
        line = " · ".join([f"= {explained.written}", *(m.translated(self._) for m in explained.counts)])
        if explained.problem is not None:
            line += f"\n⚠ {explained.problem.translated(self._)}"
        return line

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.ToolTip:
            cursor = self.cursorForPosition(event.pos())
            position = cursor.position()
            if event.pos().x() < self.cursorRect(cursor).x():  # the mouse is on the character before
                position -= 1
            text = self.tooltip_at(position) if position >= 0 else ""
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)


class NarrativeEditor(QWidget):
    """A narrative field with the live-figure picker, extra tools, and the text as printed today.

    ``committed(text)`` is the field's (after a pause in typing, on leaving it, after inserting a
    figure). ``set_sources(year, positions)`` says which year figures are computed in and where the
    picker is opened from (see ``PositionSource``). ``add_tool(button)`` puts a button beside
    "Insert a live figure…".
    """

    committed = Signal(str)

    def __init__(
        self,
        gettext: Callable[[str], str],
        label: str = "",
        name: str = "narrative",
        compact: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """*label* heads the field, with the tools beside it; *name* prefixes the object names
        (``{name}Text``, ``{name}Preview``, ``{name}InsertFigure``). A *compact* editor is a few
        lines high, and its printed text is hidden while there is none."""
        super().__init__(parent)
        self._ = _ = gettext
        self.compact = compact
        self._year: YearSource = lambda: None
        self._positions: PositionSource = lambda: None
        self.picker = None
        self.edit = NarrativeEdit(gettext)
        self.edit.setObjectName(f"{name}Text")
        self.edit.committed.connect(self.committed)
        self.figure_button = QPushButton(_("Insert a live figure…"))
        self.figure_button.setObjectName(f"{name}InsertFigure")
        self.figure_button.clicked.connect(self.pick_figure)
        self.preview = QLabel()
        self.preview.setObjectName(f"{name}Preview")
        self.preview.setWordWrap(True)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setStyleSheet("background: palette(alternate-base); padding: 6px;")
        self.preview_scroll = VerticalScrollArea(self.preview)
        self.preview_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.preview_timer = QTimer(self, singleShot=True, interval=300)
        self.preview_timer.timeout.connect(self.update_preview)
        # Edits only: textChanged also fires when the highlighter recolours, e.g. after a redraw.
        self.edit.document().contentsChange.connect(
            lambda _at, removed, added: self.preview_timer.start() if removed or added else None
        )

        self.tools = QHBoxLayout()  # the label, then the buttons at the right
        self.tools.addWidget(QLabel(label))
        self.tools.addStretch(1)
        self.tools.addWidget(self.figure_button)
        self.printed_label = QLabel(_("As printed"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.tools)
        layout.addWidget(self.edit, 3)
        layout.addWidget(self.printed_label)
        layout.addWidget(self.preview_scroll, 2)
        if compact:
            lines = self.fontMetrics().lineSpacing()
            self.edit.setFixedHeight(lines * 4 + 12)
            self.preview_scroll.setMaximumHeight(lines * 4 + 12)

    def add_tool(self, button: QPushButton) -> None:
        self.tools.addWidget(button)

    def set_sources(self, year: YearSource, positions: PositionSource) -> None:
        self._year, self._positions = year, positions
        self.edit.set_year(year)

    # -- the text ---------------------------------------------------------------------------------
    def set_value(self, text: str) -> None:
        """Show *text* from the data (a field being typed in is left alone) and its printed form."""
        self.edit.set_value(text)
        self.update_preview()

    def text(self) -> str:
        return self.edit.toPlainText()

    def commit(self) -> None:
        self.edit.commit()

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - Qt's name
        super().setEnabled(enabled)
        if not enabled:
            self.preview.setText("")

    def update_preview(self) -> None:
        """Show the text as the report prints it today, and what cannot be written."""
        fy = self._year() if self.isEnabled() else None
        text, problems = livefigures.render(self.edit.toPlainText(), fy) if fy is not None else ("", [])
        lines = [text] + [f"⚠ {p.raw}: {p.reason.translated(self._)}" for p in problems]
        self.preview.setText("\n".join(lines).strip())
        if self.compact:
            self.printed_label.setVisible(bool(self.preview.text()))
            self.preview_scroll.setVisible(bool(self.preview.text()))

    # -- live figures -----------------------------------------------------------------------------
    def pick_figure(self) -> None:
        """Open the live-figure picker; OK inserts its token at the cursor and saves."""
        from jixiao.gui.dialogs.figure_picker import FigurePicker

        fy = self._year()
        if fy is None:
            return
        picker = FigurePicker(fy, self._, self._positions(), self)
        picker.accepted.connect(lambda: self.insert_token(picker.token()))
        picker.open()
        self.picker = picker

    def insert_token(self, token: str) -> None:
        """Insert a live figure at the cursor of the text and save."""
        if not token:
            return
        self.edit.insertPlainText(token)
        self.edit.commit()
