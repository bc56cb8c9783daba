"""Form fields that commit by themselves (no Save button to forget) and show their own errors."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

IDLE_COMMIT_MS = 1200


class CommitLineEdit(QLineEdit):
    """A line edit that emits ``committed(text)`` when editing finishes and the text changed."""

    committed = Signal(str)

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._last = text
        self.editingFinished.connect(self.commit)

    def set_value(self, text: str) -> None:
        """Show *text* (from the data) without committing it; a field being edited is left alone."""
        if self.hasFocus() and self.text() != self._last:
            return
        self._last = text
        self.setText(text)
        self.setCursorPosition(0)  # a long text shows its beginning, not its end

    def commit(self) -> None:
        if self.text() != self._last:
            self._last = self.text()
            self.committed.emit(self.text())

    def pending(self) -> bool:
        return self.text() != self._last


class CommitTextEdit(QPlainTextEdit):
    """Multi-line text that emits ``committed(text)`` after a pause in typing and on leaving the field.

    Enter makes a new line (never saves), as Chinese input needs.
    """

    committed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._last = ""
        self._timer = QTimer(self, singleShot=True, interval=IDLE_COMMIT_MS)
        self._timer.timeout.connect(self.commit)
        self.textChanged.connect(self._timer.start)
        self.setTabChangesFocus(True)

    def value(self) -> str:
        """The text as saved (a subclass may show it differently, see ``NarrativeEdit``)."""
        return self.toPlainText()

    def _show(self, text: str) -> None:
        """Put the saved *text* into the editor (subclasses: how it is shown)."""
        self.setPlainText(text)

    def set_value(self, text: str) -> None:
        if self.hasFocus() and self.value() != self._last:
            return
        self._last = text
        if text == self.value():
            return  # the text just saved: the cursor stays where the typist left it
        self.blockSignals(True)
        self._show(text)
        self.blockSignals(False)

    def replace_value(self, text: str) -> None:
        """Show *text* even while the field is being edited (a draft the clerk asked for)."""
        self._last = self.value()
        self._show(text)

    def commit(self) -> None:
        self._timer.stop()
        text = self.value()
        if text != self._last:
            self._last = text
            self.committed.emit(text)

    def pending(self) -> bool:
        return self.value() != self._last

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)


class ErrorLabel(QLabel):
    """The red message shown right under a field; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fieldError")
        self.setWordWrap(True)
        self.setStyleSheet("color: #b3261e;")
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))


def with_error(field: QWidget, error: ErrorLabel) -> QWidget:
    """A field with its error label underneath, as one form cell."""
    box = QWidget()
    box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(error)
    return box


def flush_edits(root: QWidget) -> None:
    """Commit every field under *root* that is still being typed in (before leaving a page or closing)."""
    for edit in root.findChildren(CommitTextEdit) + root.findChildren(CommitLineEdit):
        edit.commit()


class VerticalScrollArea(QScrollArea):
    """Scrolls a form up and down, never sideways: it is never narrower than the form's minimum
    width (so a splitter or a small window cannot squeeze the fields out of sight)."""

    def __init__(self, widget: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(widget)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        inner = self.widget()
        if inner is None:
            return hint
        width = (
            inner.minimumSizeHint().width()
            + self.verticalScrollBar().sizeHint().width()
            + 2 * self.frameWidth()
        )
        return QSize(max(hint.width(), width), hint.height())


def join_messages(messages) -> str:
    """Messages as one line: full sentences follow each other ("金额不能为负。请输入日期。", "A. B."),
    never "。；"; a message without a final stop is followed by "; "."""
    out = ""
    for message in messages:
        message = message.strip()
        if not message:
            continue
        if out:
            out += "" if out[-1] in "。！？；" else (" " if out[-1] in ".!?;" else "; ")
        out += message
    return out
