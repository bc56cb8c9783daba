"""Narrative text that may hold live figures (``core.livefigures``), edited so a clerk can read it.

The clerk never sees the ``{{spec | style}}`` syntax. ``NarrativeEdit`` shows each live figure as a
*chip*: the value the report writes there now ("3", "118.73"), shaded blue, or red "【?】" when it
cannot be written. The token itself rides along in the chip's character format and comes back in
``value()``, the text that is saved. A chip is one unit: Backspace/Delete remove it whole, typing
next to it or inside it writes plain text beside it, pasted tokens become chips, and a chip changed
in any other way (an input method rewriting it) turns into the plain text it shows. The tooltip
over a chip says what it writes and what it counts; figures are inserted with the picker.

``NarrativeEditor`` adds the "Insert a live figure…" picker and the text as printed today; the
measure narrative and the key task intro use it.

What a token writes and counts comes from the core (``livefigures.explain``); this module only
formats it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextFormat
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
NO_YEAR_TEXT = "…"  # a chip's text while no year is open to compute it in
RAW_PROPERTY = int(QTextFormat.Property.UserProperty) + 1  # the token, as saved
CHIP_ID_PROPERTY = int(QTextFormat.Property.UserProperty) + 2  # keeps neighbouring chips apart
SHOWN_PROPERTY = int(QTextFormat.Property.UserProperty) + 3  # the text the chip was given
OK_PROPERTY = int(QTextFormat.Property.UserProperty) + 4
MIME_TOKENS = "application/x-jixiao-narrative"  # copy and paste between editors keeps the figures
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def _utf16_length(text: str) -> int:
    """Length of *text* in Qt positions (UTF-16: rare hanzi take two)."""
    return len(text) + len(_ASTRAL.findall(text))


class NarrativeEdit(CommitTextEdit):
    """A narrative field that shows its live figures as chips, with a tooltip on each.

    *year* gives the fiscal year the figures are computed in (a page's ``open_year``). ``value()``
    is the text with its tokens (what is saved); ``toPlainText()`` what the clerk sees.
    """

    def __init__(
        self, gettext: Callable[[str], str], year: YearSource | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._ = gettext
        self.year: YearSource = year or (lambda: None)
        self._shown_fy: FiscalYear | None = None  # the year the chips' values come from
        self._fy: FiscalYear | None = None  # the year of the explanations kept
        self._explained: dict[str, Explanation] = {}
        self._next_id = 1
        self._fixing = False
        self.document().contentsChange.connect(self._check_chips)

    # -- saved text <-> what is shown ---------------------------------------------------------------
    def value(self) -> str:
        out: list[str] = []
        block = self.document().begin()
        while block.isValid():
            last_chip = None
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                chip_format = fragment.charFormat()
                raw = chip_format.property(RAW_PROPERTY)
                if raw:
                    chip = chip_format.property(CHIP_ID_PROPERTY)
                    if chip != last_chip:  # a chip may span fragments: write its token once
                        out.append(raw)
                    last_chip = chip
                else:
                    out.append(fragment.text())
                    last_chip = None
                iterator += 1
            block = block.next()
            if block.isValid():
                out.append("\n")
        return "".join(out)

    def _show(self, text: str) -> None:
        """Show *text* as loaded: not an edit, so Undo cannot take it (or a chip of it) away."""
        self._fixing = True
        self.document().setUndoRedoEnabled(False)
        try:
            self.setPlainText("")
            cursor = QTextCursor(self.document())
            self._insert_parts(cursor, text)
            self._shown_fy = self.year()
        finally:
            self.document().setUndoRedoEnabled(True)
            self._fixing = False
        self.moveCursor(QTextCursor.MoveOperation.Start)

    def _insert_parts(self, cursor: QTextCursor, text: str) -> None:
        plain = self.plain_format()
        for part in livefigures.parse(text):
            if isinstance(part, str):
                cursor.insertText(part, plain)
            else:
                shown, ok = self._chip_text(part)
                cursor.insertText(shown, self._chip_format(part.raw, shown, ok))
        cursor.setCharFormat(plain)

    def plain_format(self) -> QTextCharFormat:
        return QTextCharFormat()

    def _chip_format(self, raw: str, shown: str, ok: bool) -> QTextCharFormat:
        chip = QTextCharFormat()
        chip.setBackground(QColor(CHIP_BACKGROUND if ok else PROBLEM_BACKGROUND))
        chip.setForeground(QColor(CHIP_FOREGROUND if ok else PROBLEM_FOREGROUND))
        chip.setProperty(RAW_PROPERTY, raw)
        chip.setProperty(CHIP_ID_PROPERTY, self._next_id)
        chip.setProperty(SHOWN_PROPERTY, shown)
        chip.setProperty(OK_PROPERTY, ok)
        chip.setToolTip("")
        self._next_id += 1
        return chip

    def _chip_text(self, part: LiveFigure | TextProblem) -> tuple[str, bool]:
        """What the chip of *part* shows, and whether the report can write it."""
        explained = self.explanation(part)
        if explained is None:
            return (livefigures.UNRESOLVED, False) if isinstance(part, TextProblem) else (NO_YEAR_TEXT, True)
        return explained.written, explained.problem is None

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

    # -- the chips -----------------------------------------------------------------------------------
    def chips(self) -> list[tuple[int, int, LiveFigure | TextProblem, bool]]:
        """Every chip as ``(start, end, part, ok)`` in document positions, in order."""
        found: list[tuple[int, int, LiveFigure | TextProblem, bool]] = []
        last_chip = None
        block = self.document().begin()
        while block.isValid():
            iterator = block.begin()
            while not iterator.atEnd():
                fragment = iterator.fragment()
                chip_format = fragment.charFormat()
                raw = chip_format.property(RAW_PROPERTY)
                chip = chip_format.property(CHIP_ID_PROPERTY) if raw else None
                start, end = fragment.position(), fragment.position() + fragment.length()
                if raw and chip == last_chip and found and found[-1][1] == start:
                    found[-1] = (found[-1][0], end, found[-1][2], found[-1][3])  # the same chip, continued
                elif raw:
                    parts = livefigures.parse(raw)
                    part = parts[0] if len(parts) == 1 and not isinstance(parts[0], str) else None
                    if part is not None:
                        found.append((start, end, part, bool(chip_format.property(OK_PROPERTY))))
                last_chip = chip
                iterator += 1
            block = block.next()
        return found

    def chip_at(self, position: int) -> tuple[int, int, LiveFigure | TextProblem, bool] | None:
        """The chip covering the character at document *position*, or None."""
        for chip in self.chips():
            if chip[0] <= position < chip[1]:
                return chip
        return None

    def token_at(self, position: int) -> tuple[int, int, LiveFigure | TextProblem] | None:
        found = self.chip_at(position)
        return found[:3] if found else None

    def refresh(self) -> None:
        """Rewrite the chips whose value changed since the year they were written in (a save
        gives a new year object: usually nothing changes). The typist's cursor stays where it was
        relative to the text, in front of a chip when it was in front of it."""
        if self.year() is self._shown_fy:
            return
        self._shown_fy = self.year()
        changed = []
        for start, end, part, ok in self.chips():
            shown, now_ok = self._chip_text(part)
            if shown != self._plain_between(start, end) or now_ok != ok:
                changed.append((start, end, part, shown, now_ok))
        if not changed:
            return
        typist = self.textCursor()
        anchor, position = typist.anchor(), typist.position()
        self._fixing = True
        try:
            cursor = QTextCursor(self.document())
            cursor.beginEditBlock()
            for start, end, part, shown, ok in reversed(changed):
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.insertText(shown, self._chip_format(part.raw, shown, ok))
                grown = _utf16_length(shown) - (end - start)
                anchor = anchor + grown if anchor >= end else min(anchor, start)
                position = position + grown if position >= end else min(position, start)
            cursor.endEditBlock()
        finally:
            self._fixing = False
        typist.setPosition(anchor)
        typist.setPosition(position, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(typist)

    def set_year(self, year: YearSource) -> None:
        self.year = year
        self.refresh()

    def set_value(self, text: str) -> None:
        super().set_value(text)
        self.refresh()

    def insert_token(self, token: str) -> None:
        """Insert the live figure *token* as a chip at the cursor."""
        cursor = self.textCursor()
        self._fixing = True
        try:
            self._insert_parts(cursor, token)
        finally:
            self._fixing = False
        self.setTextCursor(cursor)
        self.setCurrentCharFormat(self.plain_format())

    def _check_chips(self, _position: int, _removed: int, _added: int) -> None:
        """A chip whose text was changed other than whole becomes the plain text it shows."""
        if self._fixing:
            return
        broken = []
        for start, end, _part, _ok in self.chips():
            cursor = QTextCursor(self.document())
            cursor.setPosition(start)
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            shown = cursor.charFormat().property(SHOWN_PROPERTY)
            if cursor.selectedText() != shown:
                broken.append((start, end))
        if not broken:
            return
        self._fixing = True
        try:
            for start, end in broken:
                cursor = QTextCursor(self.document())
                cursor.setPosition(start)
                cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(self.plain_format())
        finally:
            self._fixing = False

    # -- editing around chips ----------------------------------------------------------------------
    def _leave_chip(self) -> None:
        """Before typing: out of a chip (to its end) and with the plain format."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            inside = self.chip_at(cursor.position())
            if inside is not None and inside[0] < cursor.position():
                cursor.setPosition(inside[1])
                self.setTextCursor(cursor)
        self.setCurrentCharFormat(self.plain_format())

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        cursor = self.textCursor()
        key = event.key()
        if key in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete) and not cursor.hasSelection():
            at = cursor.position() - 1 if key == Qt.Key.Key_Backspace else cursor.position()
            chip = self.chip_at(at) if at >= 0 else None
            if chip is not None:
                cursor.setPosition(chip[0])
                cursor.setPosition(chip[1], QTextCursor.MoveMode.KeepAnchor)
                self._fixing = True
                try:
                    cursor.removeSelectedText()
                finally:
                    self._fixing = False
                self.setTextCursor(cursor)
                return
        if event.text() and event.text().isprintable():
            self._leave_chip()
        super().keyPressEvent(event)

    def inputMethodEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.commitString() or event.preeditString():
            self._leave_chip()
        super().inputMethodEvent(event)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802 - Qt's name
        data = QMimeData()  # not Qt's: its formats() leaves ours out
        cursor = self.textCursor()
        data.setText(cursor.selectedText().replace("\u2029", "\n"))
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        # Build the saved form of the selection: plain text outside chips, tokens for whole chips.
        pieces = []
        position = start
        for chip_start, chip_end, part, _ok in self.chips():
            if chip_end <= start or chip_start >= end:
                continue
            pieces.append(self._plain_between(position, max(chip_start, start)))
            pieces.append(part.raw if chip_start >= start and chip_end <= end else "")
            position = min(chip_end, end)
        pieces.append(self._plain_between(position, end))
        data.setData(MIME_TOKENS, "".join(pieces).encode("utf-8"))
        return data

    def _plain_between(self, start: int, end: int) -> str:
        if end <= start:
            return ""
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        return cursor.selectedText().replace("\u2029", "\n")

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt's name
        """Pasted text keeps its live figures (from another narrative field, or as raw tokens)."""
        if source.hasFormat(MIME_TOKENS):
            text = bytes(source.data(MIME_TOKENS)).decode("utf-8")
        elif source.hasText():
            text = source.text()
        else:
            return
        cursor = self.textCursor()
        self._fixing = True
        try:
            cursor.beginEditBlock()
            cursor.removeSelectedText()
            self._insert_parts(cursor, text)
            cursor.endEditBlock()
        finally:
            self._fixing = False
        self.setTextCursor(cursor)

    # -- tooltips ------------------------------------------------------------------------------------
    def tooltip_at(self, position: int) -> str:
        """The tooltip for the character at document *position*: "= 3 · what it counts", and why
        it cannot be written when it cannot; "" outside a chip."""
        found = self.chip_at(position)
        if found is None:
            return ""
        part = found[2]
        explained = self.explanation(part)
        if explained is None:  # no year open: at least say what is wrong with the token itself
            if isinstance(part, TextProblem) and part.reason is not None:
                return f"⚠ {part.reason.translated(self._)}"
            return ""
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
        """The text as saved (live figures as tokens)."""
        return self.edit.value()

    def commit(self) -> None:
        self.edit.commit()

    def setEnabled(self, enabled: bool) -> None:  # noqa: N802 - Qt's name
        super().setEnabled(enabled)
        if not enabled:
            self.preview.setText("")

    def update_preview(self) -> None:
        """Show the text as the report prints it today, and what cannot be written."""
        fy = self._year() if self.isEnabled() else None
        text, problems = livefigures.render(self.edit.value(), fy) if fy is not None else ("", [])
        lines = [text] + [f"⚠ {p.reason.translated(self._)}" for p in problems]  # never the raw token
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
        self.edit.insert_token(token)
        self.edit.commit()
