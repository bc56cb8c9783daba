"""The indicator grid of a score table (from ``core.scoring``) as a read-only Qt table model.

Columns: levels 1–3, target, actual, points, formula score, the clerk's override, the score that
counts, and whether a deviation reason is due. Nothing is computed here.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from jixiao.core.numbers import format_decimal2, format_number
from jixiao.core.scoring import QUAL_BAND_LABELS, IndicatorRow

ID_ROLE = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()
COLUMN_KEYS = (
    "level1",
    "level2",
    "level3",
    "target",
    "actual",
    "points",
    "formula",
    "override",
    "score",
    "reason",
)


class IndicatorTableModel(QAbstractTableModel):
    def __init__(self, gettext: Callable[[str], str], parent=None) -> None:
        super().__init__(parent)
        self._ = _ = gettext
        self._headers = (
            _("Level 1"),
            _("Level 2"),
            _("Indicator"),
            _("Target"),
            _("Actual"),
            _("Points"),
            _("Formula score"),
            _("Override"),
            _("Score"),
            _("Deviation reason"),
        )
        self._rows: list[IndicatorRow] = []
        self.lang = "zh_CN"

    def set_rows(self, rows, lang: str = "zh_CN") -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.lang = lang
        self.endResetModel()

    def indicator_row(self, row: int) -> IndicatorRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, indicator_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.indicator_id == indicator_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMN_KEYS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(COLUMN_KEYS)
        ):
            return self._headers[section]
        return None

    def _text(self, row: IndicatorRow, key: str) -> str:
        _ = self._
        if key in ("level1", "level2", "level3"):
            return getattr(row, key)
        if key == "target":
            return (
                f"{row.target}{row.unit}"
                if row.target and row.unit and not row.target.endswith(row.unit)
                else row.target
            )
        if key == "actual":
            if row.kind == "qual":
                return _(QUAL_BAND_LABELS[row.qual_band]) if row.qual_band in QUAL_BAND_LABELS else ""
            text = row.actual_text
            return f"{text}{row.unit}" if text and row.unit and not text.endswith(row.unit) else text
        if key == "points":
            if not row.applicable:
                return _("n/a")
            return format_number(row.effective_points, self.lang)
        if key == "formula":
            return format_decimal2(row.computed_score, self.lang) if row.computed_score is not None else ""
        if key == "override":
            return format_decimal2(row.override, self.lang) if row.override is not None else ""
        if key == "score":
            return format_decimal2(row.score, self.lang) if row.score is not None else "—"
        if key == "reason":
            if row.deviation_reason:
                return row.deviation_reason
            return _("required") if row.deviation_reason_required else ""
        return ""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or not 0 <= index.column() < len(COLUMN_KEYS)
        ):
            return None
        row = self._rows[index.row()]
        key = COLUMN_KEYS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, key)
        if role == Qt.ItemDataRole.ToolTipRole:
            if row.issues:
                return "\n".join(message.translated(self._) for _code, message in row.issues)
            if key == "override" and row.override_note:
                return row.override_note
            if key in ("level1", "level2", "level3", "target", "actual", "reason"):  # may be cut
                return self._text(row, key) or None
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "reason" and row.deviation_reason_required and not row.deviation_reason:
                return QColor("#b3261e")
            if key == "override" and row.override is not None:
                return QColor("#1f618d")
            if not row.applicable:
                return QColor("#9aa5b1")
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("points", "formula", "override", "score"):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row.indicator_id
        return None

    def flags(self, index):
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
