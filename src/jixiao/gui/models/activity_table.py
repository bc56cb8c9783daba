"""The activities of a year as a Qt table model over rows from ``services.activities.list_activities``.

Rows are plain tuples (``store.activities.LIST_COLUMNS``); the model only looks names up and
formats. It holds all the year's rows, sorted, and shows those passing ``ActivityFilter`` — the
search box and filters narrow a list already in memory, so a keystroke over 100,000 rows takes
milliseconds, not a database round trip; sorting is done on the Python list (no proxy).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from jixiao.core.numbers import format_wan

# indices into a row tuple (LIST_COLUMNS order)
(
    ID,
    DATE,
    TASK,
    MEASURE,
    TYPE,
    TITLE,
    PLACE,
    SESSIONS,
    PARTICIPANTS,
    ENTERPRISES,
    ITEMS,
    AMOUNT,
    ATTACHMENTS,
) = range(13)

COLUMNS = (
    ("date", DATE),
    ("task", TASK),
    ("type", TYPE),
    ("title", TITLE),
    ("place", PLACE),
    ("sessions", SESSIONS),
    ("participants", PARTICIPANTS),
    ("enterprises", ENTERPRISES),
    ("items", ITEMS),
    ("amount", AMOUNT),
    ("attachments", ATTACHMENTS),
)
NUMERIC = {SESSIONS, PARTICIPANTS, ENTERPRISES, ITEMS, AMOUNT, ATTACHMENTS}
ID_ROLE = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()


@dataclass(frozen=True)
class ActivityFilter:
    """What the list shows: text in title, place or notes (any case), a type, a task (or only the
    activities of no key task, ``without_task``), a date range."""

    text: str = ""
    type_id: int | None = None
    task_id: int | None = None
    without_task: bool = False
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def apply(self, rows: list[tuple], haystacks: dict[int, str]) -> list[tuple]:
        """The rows passing the filter, in their order (one comprehension per condition)."""
        if self.type_id is not None:
            rows = [r for r in rows if r[TYPE] == self.type_id]
        if self.task_id is not None:
            rows = [r for r in rows if r[TASK] == self.task_id]
        if self.without_task:
            rows = [r for r in rows if r[TASK] is None]
        if self.date_from is not None:
            low = self.date_from.isoformat()
            rows = [r for r in rows if r[DATE] >= low]
        if self.date_to is not None:
            high = self.date_to.isoformat()
            rows = [r for r in rows if r[DATE] <= high]
        text = self.text.strip().casefold()
        if text:
            rows = [r for r in rows if text in haystacks[r[ID]]]
        return rows


class ActivityTableModel(QAbstractTableModel):
    """Read-only table of activities; editing happens in the form dialog, never in cells."""

    def __init__(self, gettext: Callable[[str], str], parent=None) -> None:
        super().__init__(parent)
        _ = gettext
        self._headers = {
            "date": _("Date"),
            "task": _("Key task"),
            "type": _("Type"),
            "title": _("Title"),
            "place": _("Place"),
            "sessions": _("Number"),
            "participants": _("Participants"),
            "enterprises": _("Enterprises"),
            "items": _("Items"),
            "amount": _("Amount (10k yuan)"),
            "attachments": _("Files"),
        }
        self._rows: list[tuple] = []  # shown
        self._all: list[tuple] = []  # the year's, sorted
        self._haystacks: dict[int, str] = {}
        self._filter = ActivityFilter()
        self._task_names: dict[int, str] = {}
        self._measure_names: dict[int, str] = {}
        self._type_names: dict[int, str] = {}
        self._type_words: dict[int, str] = {}
        self._task_order: dict[int, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- content ----------------------------------------------------------------------------------
    def set_names(self, tasks, activity_types) -> None:
        """Look-ups for task, measure and type names (from the year's outline)."""
        self._task_names = {t.id: t.title for t in tasks}
        self._task_order = {t.id: i for i, t in enumerate(tasks)}
        self._measure_names = {m.id: m.title for t in tasks for m in t.measures}
        self._type_names = {t.id: f"{t.name}" for t in activity_types}
        self._type_words = {t.id: t.measure_word for t in activity_types}

    @staticmethod
    def unused_columns(activity_types) -> list[int]:
        """Indices of the count columns that none of *activity_types* records (hidden in the list)."""
        used = {name for t in activity_types for name in t.counts}
        names = {"participants": "participants", "enterprises": "enterprises", "items": "items"}
        names["amount"] = "amount_fen"
        return [i for i, (name, _f) in enumerate(COLUMNS) if name in names and names[name] not in used]

    def set_rows(
        self,
        rows: list[tuple],
        notes: dict[int, str] | None = None,
        activity_filter: ActivityFilter | None = None,
    ) -> None:
        """All the rows of the year (and the notes to search in), shown through *activity_filter*."""
        notes = notes or {}
        if activity_filter is not None:
            self._filter = activity_filter
        self._all = list(rows)
        self._haystacks = {
            r[ID]: f"{r[TITLE]}\n{r[PLACE]}\n{notes.get(r[ID], '')}".casefold() for r in self._all
        }
        if self._sort is not None:
            self._all.sort(
                key=self._sort_key(self._sort[0]), reverse=self._sort[1] == Qt.SortOrder.DescendingOrder
            )
        self.beginResetModel()
        self._rows = self._filter.apply(self._all, self._haystacks)
        self.endResetModel()

    def set_filter(self, activity_filter: ActivityFilter) -> None:
        """Show the rows passing *activity_filter* (order kept)."""
        self._filter = activity_filter
        self.beginResetModel()
        self._rows = self._filter.apply(self._all, self._haystacks)
        self.endResetModel()

    @property
    def total_count(self) -> int:
        return len(self._all)

    def activity_id(self, row: int) -> int | None:
        return self._rows[row][ID] if 0 <= row < len(self._rows) else None

    def row_of(self, activity_id: int) -> int:
        for index, row in enumerate(self._rows):
            if row[ID] == activity_id:
                return index
        return -1

    # -- Qt model ---------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = _ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return self._headers[COLUMNS[section][0]]
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self._rows):
            return str(section + 1)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if (
            not index.isValid()
            or not 0 <= index.row() < len(self._rows)
            or not 0 <= index.column() < len(COLUMNS)
        ):
            return None
        row = self._rows[index.row()]
        field = COLUMNS[index.column()][1]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, field)
        if role == Qt.ItemDataRole.ToolTipRole:
            if field == TASK and row[MEASURE] is not None:
                return f"{self._task_names.get(row[TASK], '')} · {self._measure_names.get(row[MEASURE], '')}"
            if field in (TASK, TYPE, TITLE, PLACE):  # the columns whose text may be cut
                return self._display(row, field) or None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if field in NUMERIC:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == ID_ROLE:
            return row[ID]
        return None

    def _display(self, row: tuple, field: int) -> str:
        value = row[field]
        if field == TASK:
            return self._task_names.get(value, "") if value is not None else ""
        if field == TYPE:
            return self._type_names.get(value, "")
        if field == AMOUNT:
            return format_wan(value) if value else ""
        if field == ATTACHMENTS:
            return str(value) if value else ""
        if field == SESSIONS:  # in the type's own measure word: "3 期"
            word = self._type_words.get(row[TYPE], "")
            return f"{value} {word}".strip()
        if field in NUMERIC:
            return "" if value is None else f"{value:,}"  # blank stays blank, not 0
        return value

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        old_ids = [row[ID] for row in self._rows]
        persistent = self.persistentIndexList()
        self._sort = (column, order)
        key = self._sort_key(column)
        reverse = order == Qt.SortOrder.DescendingOrder
        self._all.sort(key=key, reverse=reverse)
        self._rows.sort(key=key, reverse=reverse)
        if persistent:
            new_rows = {row[ID]: i for i, row in enumerate(self._rows)}
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(new_rows[old_ids[p.row()]], p.column())
                    if p.row() < len(old_ids)
                    else QModelIndex()
                    for p in persistent
                ],
            )
        self.layoutChanged.emit()

    def _sort_key(self, column: int):
        field = COLUMNS[column][1]
        if field == TASK:
            order_of = self._task_order

            def key(row):
                return (order_of.get(row[TASK], 1 << 30), row[DATE], row[ID])
        elif field == TYPE:
            names = self._type_names

            def key(row):
                return (names.get(row[TYPE], ""), row[DATE], row[ID])
        elif field == DATE:

            def key(row):
                return (row[DATE], row[ID])
        else:

            def key(row):  # blank (None) sorts before 0
                value = row[field]
                return (value is not None, value or 0, row[DATE], row[ID])

        return key
