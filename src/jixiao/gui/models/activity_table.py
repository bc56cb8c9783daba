"""The activities of a year as a Qt table model over rows from ``services.activities.list_activities``.

Rows are plain tuples (``store.activities.LIST_COLUMNS``); the model only looks names up and
formats. It holds all the year's rows, sorted, and shows those passing ``core.activities.ActivityFilter`` — the
search box and filters narrow a list already in memory, so a keystroke over 100,000 rows takes
milliseconds, not a database round trip; sorting is done on the Python list (no proxy).

Each row carries its case-folded search text as an extra last field (``SEARCH``), so the text filter
is one comprehension with no look-up; a keystroke that extends the text narrows the rows shown
already instead of the whole year. Sorting is stable over the rows in (date, id) order with a
one-value key, which gives the order of the (value, date, id) key at a fraction of the compares.

A year of more than ``WINDOWED_ABOVE`` activities is not held: the model keeps only the ids of the
rows shown, in order (the store filters and sorts them in SQL, ``set_windowed``), and reads their
rows a block at a time as the view asks for them, keeping the latest few thousand.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from operator import itemgetter

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from jixiao.core.activities import (
    LARGE_YEAR,
    ROW_SEARCH,
    ActivityFilter,
    blank_list_row,
    with_search_text,
)
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
SEARCH = ROW_SEARCH  # the row's search text, appended by ``ActivityTableModel.set_rows``
NUMERIC = {SESSIONS, PARTICIPANTS, ENTERPRISES, ITEMS, AMOUNT, ATTACHMENTS}
ID_ROLE = Qt.ItemDataRole.UserRole
_ROOT = QModelIndex()
# roles and alignments as plain ints: data() runs for every visible cell and role on each paint
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_ID = int(ID_ROLE)
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_ALIGN_LEFT = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
_FIELDS = tuple(field for _name, field in COLUMNS)
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
_BY_DATE = itemgetter(DATE, ID)
_ID_OF = itemgetter(ID)
_NONE_FIRST = float("-inf")

WINDOWED_ABOVE = LARGE_YEAR  # a list of more activities is read from the file as it is shown
_BLOCK = 200  # rows read at a time when the view reaches a row not read yet
_KEPT = 20_000  # rows kept in memory at the most (the last blocks read)
# list column → the store's sort key (``store.activities.SORT_KEYS``)
_SORT_KEYS = {
    "date": "date",
    "task": "task_id",
    "type": "type_id",
    "title": "title",
    "place": "place",
    "sessions": "sessions",
    "participants": "participants",
    "enterprises": "enterprises",
    "items": "items",
    "amount": "amount_fen",
    "attachments": "attachments",
}
IdsOf = Callable[[ActivityFilter, str, bool], array]  # (filter, sort key, descending) → ids shown
RowsOf = Callable[[Sequence[int]], dict[int, tuple]]  # ids → their rows


class _WindowRows(Sequence[tuple]):
    """The rows of *ids*, in that order, read by *rows_of* a block at a time when first asked for."""

    def __init__(self, ids: array, rows_of: RowsOf, kept: dict[int, tuple] | None = None) -> None:
        self.ids = ids
        self._rows_of = rows_of
        self._kept: dict[int, tuple] = kept if kept is not None else {}

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self.ids)))]
        activity_id = self.ids[index]
        row = self._kept.get(activity_id)
        if row is None:
            if index < 0:
                index += len(self.ids)
            start = index - index % _BLOCK
            if len(self._kept) > _KEPT:
                self._kept.clear()
            self._kept.update(self._rows_of(self.ids[start : start + _BLOCK]))
            row = self._kept.get(activity_id)
            if row is None:  # gone from the file since the ids were read: shown blank until reloaded
                row = self._kept[activity_id] = blank_list_row(activity_id)
        return row


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
        self._rows: Sequence[tuple] = []  # shown (a ``_WindowRows`` when windowed)
        self._all: list[tuple] = []  # the year's, sorted (each row with its SEARCH field)
        self._by_date: list[tuple] = []  # the year's in (date, id) order
        self._orders: dict[int, list[tuple]] = {}  # field → the year's rows sorted on it (ascending)
        self._span: tuple[str, str] | None = None  # first and last date of the year's rows
        self._filter = ActivityFilter()
        self._task_names: dict[int, str] = {}
        self._measure_names: dict[int, str] = {}
        self._type_names: dict[int, str] = {}
        self._type_words: dict[int, str] = {}
        self._task_order: dict[int, int] = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._window: tuple[IdsOf, RowsOf, int] | None = None  # (ids_of, rows_of, total) of a windowed list

    # -- content ----------------------------------------------------------------------------------
    def set_names(self, tasks, activity_types) -> None:
        """Look-ups for task, measure and type names (from the year's outline)."""
        self._task_names = {t.id: t.title for t in tasks}
        self._task_order = {t.id: i for i, t in enumerate(tasks)}
        self._measure_names = {m.id: m.title for t in tasks for m in t.measures}
        self._type_names = {t.id: f"{t.name}" for t in activity_types}
        self._type_words = {t.id: t.measure_word for t in activity_types}
        self._orders.pop(TASK, None)  # orders by task or type name are made again on the next sort
        self._orders.pop(TYPE, None)

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
        self._window = None
        notes = notes or {}
        if activity_filter is not None:
            self._filter = activity_filter
        self._all = with_search_text(rows, notes)
        self._by_date = sorted(self._all, key=_BY_DATE)  # rows from the file come in this order
        self._orders = {}
        self._span = (min(r[DATE] for r in self._all), max(r[DATE] for r in self._all)) if self._all else None
        if self._sort is not None:
            self._all = self._sorted(*self._sort)
        self.beginResetModel()
        self._rows = self._filter.apply(self._all, self._span)
        self.endResetModel()

    def set_windowed(
        self, ids_of: IdsOf, rows_of: RowsOf, total: int, activity_filter: ActivityFilter
    ) -> None:
        """List a year too large to hold: *ids_of* gives the ids shown for a filter and sort (the
        filter's ``deleted`` chooses list or recycle bin), *rows_of* the rows of some ids, *total*
        the count of the whole list."""
        self._window = (ids_of, rows_of, total)
        self._filter = activity_filter
        self._all, self._by_date, self._orders, self._span = [], [], {}, None
        self.beginResetModel()
        self._rows = _WindowRows(self._window_ids(), rows_of)
        self.endResetModel()

    def _window_ids(self) -> array:
        assert self._window is not None
        column, order = self._sort or (0, Qt.SortOrder.AscendingOrder)
        key = _SORT_KEYS[COLUMNS[column][0]]
        return self._window[0](self._filter, key, order == Qt.SortOrder.DescendingOrder)

    def set_filter(self, activity_filter: ActivityFilter) -> None:
        """Show the rows passing *activity_filter* (order kept)."""
        if self._window is not None:
            self._filter = activity_filter
            kept = self._rows._kept if isinstance(self._rows, _WindowRows) else None
            self.beginResetModel()
            self._rows = _WindowRows(self._window_ids(), self._window[1], kept)
            self.endResetModel()
            return
        previous, self._filter = self._filter, activity_filter
        source = self._rows if activity_filter.narrows(previous) else self._all
        rows = activity_filter.apply(source, self._span)
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    @property
    def total_count(self) -> int:
        return self._window[2] if self._window is not None else len(self._all)

    @property
    def windowed(self) -> bool:
        """Whether the list is read from the file as it is shown (a year too large to hold)."""
        return self._window is not None

    def _shown_ids(self) -> Sequence[int]:
        rows = self._rows
        return rows.ids if isinstance(rows, _WindowRows) else list(map(_ID_OF, rows))

    def activity_id(self, row: int) -> int | None:
        if not 0 <= row < len(self._rows):
            return None
        rows = self._rows
        return rows.ids[row] if isinstance(rows, _WindowRows) else rows[row][ID]

    def row_of(self, activity_id: int) -> int:
        try:
            return self._shown_ids().index(activity_id)  # a C-level scan
        except ValueError:
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
        role = int(role)
        if role not in (_DISPLAY, _ALIGNMENT, _TOOLTIP, _ID):
            return None
        r, c = index.row(), index.column()
        if not index.isValid() or not 0 <= r < len(self._rows) or not 0 <= c < len(_FIELDS):
            return None
        field = _FIELDS[c]
        if role == _DISPLAY:
            return self._display(self._rows[r], field)
        if role == _ALIGNMENT:
            return _ALIGN_RIGHT if field in NUMERIC else _ALIGN_LEFT
        row = self._rows[r]
        if role == _TOOLTIP:
            if field == TASK and row[MEASURE] is not None:
                return f"{self._task_names.get(row[TASK], '')} · {self._measure_names.get(row[MEASURE], '')}"
            if field in (TASK, TYPE, TITLE, PLACE):  # the columns whose text may be cut
                return self._display(row, field) or None
            return None
        return row[ID]

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
        return _FLAGS

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(COLUMNS):
            return
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        shown = len(self._rows)
        old = {p.row(): self.activity_id(p.row()) for p in persistent if 0 <= p.row() < shown}
        self._sort = (column, order)
        if isinstance(self._rows, _WindowRows) and self._window is not None:
            self._rows = _WindowRows(self._window_ids(), self._window[1], self._rows._kept)
        else:
            self._all = self._sorted(column, order)
            if shown == len(self._all):
                self._rows = list(self._all)
            else:
                ids = {row[ID] for row in self._rows}
                self._rows = [row for row in self._all if row[ID] in ids]
        if persistent:
            order_ids = self._shown_ids()
            wanted = set(old.values())
            if len(wanted) <= 32:  # a few selected rows: found by C-level scans
                new_rows = {row_id: order_ids.index(row_id) for row_id in wanted if row_id in order_ids}
            else:
                new_rows = {row_id: n for n, row_id in enumerate(order_ids) if row_id in wanted}
            self.changePersistentIndexList(
                persistent,
                [
                    self.index(new_rows[old[p.row()]], p.column())
                    if old.get(p.row()) in new_rows
                    else QModelIndex()
                    for p in persistent
                ],
            )
        self.layoutChanged.emit()

    def _sorted(self, column: int, order: Qt.SortOrder) -> list[tuple]:
        """The year's rows ordered by *column* then date then id (all reversed when descending).

        A stable sort of the (date, id)-ordered rows on the column's value alone gives that order.
        """
        field = COLUMNS[column][1]
        ascending = self._orders.get(field)
        if ascending is None:
            ascending = self._orders[field] = self._ascending(field)
        rows = list(ascending)
        if order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
        return rows

    def _ascending(self, field: int) -> list[tuple]:
        if field == DATE:
            return self._by_date
        if field == TASK:
            order_of = self._task_order
            return sorted(self._by_date, key=lambda row: order_of.get(row[TASK], 1 << 30))
        if field == TYPE:
            names = self._type_names
            return sorted(self._by_date, key=lambda row: names.get(row[TYPE], ""))
        if field in NUMERIC:  # blank (None) sorts before 0
            return sorted(self._by_date, key=lambda row: _NONE_FIRST if row[field] is None else row[field])
        return sorted(self._by_date, key=itemgetter(field))


__all__ = ["COLUMNS", "ActivityFilter", "ActivityTableModel"]
