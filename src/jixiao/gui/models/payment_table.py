"""A project's payments as a read-only Qt table (date, amount in 元, note)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from jixiao.core.model import Payment
from jixiao.core.money import fen_to_yuan

ID_ROLE = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()


class PaymentTableModel(QAbstractTableModel):
    def __init__(self, gettext: Callable[[str], str], parent=None) -> None:
        super().__init__(parent)
        self._headers = (gettext("Date"), gettext("Amount (yuan)"), gettext("Note"))
        self._payments: list[Payment] = []

    def set_payments(self, payments: list[Payment]) -> None:
        self.beginResetModel()
        self._payments = sorted(payments, key=lambda p: (p.date, p.id or 0))
        self.endResetModel()

    def payment(self, row: int) -> Payment | None:
        return self._payments[row] if 0 <= row < len(self._payments) else None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._payments)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else 3

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < 3
        ):
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._payments) or not 0 <= index.column() < 3:
            return None
        payment = self._payments[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (payment.date.isoformat(), f"{fen_to_yuan(payment.amount_fen):,.2f}", payment.note)[
                index.column()
            ]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:  # a long note may be cut
            return payment.note or None
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return payment.id
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
