"""Money fields: typed in 万元 (or 元), stored in fen, shown with 2 decimals."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from jixiao.core.money import MoneyParseError, fen_to_wan, fen_to_yuan, wan_to_fen, yuan_to_fen
from jixiao.gui.widgets.fields import CommitLineEdit


class MoneyEdit(CommitLineEdit):
    """A line edit for an amount; emits ``amountCommitted(fen)`` or ``invalid()`` when editing ends."""

    amountCommitted = Signal(int)
    invalid = Signal()

    def __init__(self, in_wan: bool = True, parent=None) -> None:
        super().__init__("", parent)
        self.in_wan = in_wan
        self.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.committed.connect(self._parse)

    def set_fen(self, fen: int) -> None:
        """Show *fen*: 万元 with 2 decimals, or more decimals when the amount is finer than that."""
        if self.in_wan:
            text = (
                f"{fen_to_wan(fen):,f}"
                if fen % 10_000 == 0
                else f"{(fen_to_yuan(fen) / 10_000).normalize():,f}"
            )
        else:
            text = f"{fen_to_yuan(fen):,.2f}"  # grouped: "437,500.00" (typing commas is fine too)
        self.set_value(text)

    def fen(self) -> int | None:
        """The amount typed, in fen (None when it is not an amount). Empty is 0."""
        text = self.text().strip()
        if not text:
            return 0
        try:
            return wan_to_fen(text) if self.in_wan else yuan_to_fen(text)
        except MoneyParseError:
            return None

    def _parse(self, _text: str) -> None:
        fen = self.fen()
        if fen is None:
            self.invalid.emit()
        else:
            self.amountCommitted.emit(fen)
