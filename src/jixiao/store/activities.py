"""SQL for activity records and their attachments (rows ↔ ``Activity``). Callers own transactions."""

from __future__ import annotations

import datetime as dt
from array import array
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from jixiao.core.activities import LIST_FIELDS, ROW_SEARCH, ActivityFilter, search_text
from jixiao.core.collector import collector_paused
from jixiao.core.model import Activity, Attachment
from jixiao.store import rows
from jixiao.store.connection import Database
from jixiao.store.rows import ACTIVITY, new_row_id

ACTIVITY_FIELDS = rows.ACTIVITY.fields  # the activity columns that are Activity fields of the same name


def _now() -> str:
    """UTC now in the format of the schema's defaults (``strftime('%Y-%m-%dT%H:%M:%fZ')``: milliseconds),
    so timestamps written by SQLite and by Python compare correctly as text."""
    now = dt.datetime.now(dt.UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def insert_activity(db: Database, year_id: int, activity: Activity) -> int:
    """Insert *activity* (and its attachments) into year *year_id*; returns the new id."""
    row = rows.ACTIVITY.row(activity)
    row["year_id"] = year_id
    cursor = db.execute(
        f"INSERT INTO activity ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
    )
    activity_id = new_row_id(cursor)
    for position, attachment in enumerate(activity.attachments):
        insert_attachment(db, activity_id, attachment, position)
    return activity_id


_REFS = ("task_id", "measure_id", "type_id")
_BATCH, _BATCH_BYTES = 5000, 32 << 20  # activities, or bytes of attachments, written at a time


def insert_many(
    db: Database,
    year_id: int,
    activities: Iterable[Activity],
    refs: Callable[[Activity], tuple[int | None, int | None, int]] | None = None,
) -> int:
    """Bulk insert *activities* (with attachments; deleted ones stay deleted); returns how many.

    Ids are allocated here (the book is locked to this process, and this runs in a transaction).
    *refs* maps an activity to the row ids of its ``(task, measure, type)`` when its own ids are not
    row ids yet (a year being imported). *activities* may be a generator: it is consumed once.
    """
    conn = db.conn
    next_id = conn.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM activity").fetchone()[0]
    first_id = next_id
    deleted_at = _now()
    positions = [3 + ACTIVITY_FIELDS.index(name) for name in _REFS]  # after id, year_id, deleted_at
    insert = ACTIVITY.insert_sql("id", "year_id", "deleted_at")
    rows: list[list] = []
    attachments: list[tuple] = []
    attachment_bytes = 0

    def flush() -> None:
        nonlocal attachment_bytes
        conn.executemany(insert, rows)
        conn.executemany(ATTACHMENT_INSERT, attachments)  # after their activities: foreign key
        rows.clear()
        attachments.clear()
        attachment_bytes = 0

    for activity in activities:  # in batches: a generator of a million records never piles up
        values = [next_id, year_id, deleted_at if activity.deleted else None, *ACTIVITY.values(activity)]
        if refs is not None:
            for index, value in zip(positions, refs(activity), strict=True):
                values[index] = value
        rows.append(values)
        for position, attachment in enumerate(activity.attachments):
            attachments.append(attachment_values(next_id, position, attachment))
            attachment_bytes += len(attachment.data)
        next_id += 1
        if len(rows) >= _BATCH or attachment_bytes >= _BATCH_BYTES:
            flush()
    flush()
    return next_id - first_id


def load_many(db: Database, year_id: int) -> list[Activity]:
    """The year's activities that are not deleted, by date then id, each with its attachments.

    The cyclic garbage collector is paused while the objects are made: they hold no cycles, and
    its passes over a growing heap cost half the time of a 1,000,000-activity year.
    """
    build = ACTIVITY.build
    with collector_paused():
        activities = [
            build(row[1:], id=row[0])
            for row in db.execute(
                f"SELECT id, {ACTIVITY.columns()} FROM activity "
                "WHERE year_id = ? AND deleted_at IS NULL ORDER BY date, id",
                [year_id],
            )
        ]
    by_id = {activity.id: activity for activity in activities}
    for attachment_id, activity_id, filename, media_type, data in db.execute(
        "SELECT at.id, at.activity_id, at.filename, at.media_type, at.data FROM attachment at "
        "JOIN activity a ON a.id = at.activity_id WHERE a.year_id = ? AND a.deleted_at IS NULL "
        "ORDER BY at.activity_id, at.position, at.id",
        [year_id],
    ):
        by_id[activity_id].attachments.append(Attachment(filename, bytes(data), media_type, attachment_id))
    return activities


def iter_many(db: Database, year_id: int, batch: int = 2000) -> Iterator[Activity]:
    """The year's activities that are not deleted, by date then id, with attachments, one at a time:
    what ``load_many`` gives, for a year too large to hold (an export streams it to the file)."""
    conn = db.conn
    build = ACTIVITY.build
    activities = conn.execute(
        f"SELECT id, {ACTIVITY.columns()} FROM activity WHERE year_id = ? AND deleted_at IS NULL ORDER BY date, id",
        [year_id],
    )
    attachments = conn.execute(
        "SELECT at.activity_id, at.id, at.filename, at.media_type, at.data FROM attachment at "
        "JOIN activity a ON a.id = at.activity_id WHERE a.year_id = ? AND a.deleted_at IS NULL "
        "ORDER BY a.date, a.id, at.position, at.id",
        [year_id],
    )
    pending = attachments.fetchone()  # attachments come in the same order: merge them in
    while rows := activities.fetchmany(batch):
        for row in rows:
            activity = build(row[1:], id=row[0])
            while pending is not None and pending[0] == row[0]:
                activity.attachments.append(Attachment(pending[2], bytes(pending[4]), pending[3], pending[1]))
                pending = attachments.fetchone()
            yield activity


def update_activity(db: Database, activity: Activity) -> bool:
    """Overwrite the fields of activity ``activity.id`` (not its attachments); False if it is gone."""
    row = rows.ACTIVITY.row(activity)
    assignments = ", ".join(f"{name} = ?" for name in row)
    cursor = db.execute(
        f"UPDATE activity SET {assignments}, updated_at = ? WHERE id = ?",
        [*row.values(), _now(), activity.id],
    )
    return cursor.rowcount == 1


def set_deleted(db: Database, activity_id: int, deleted: bool) -> bool:
    """Move an activity to (or back from) the 回收站; False if there is no such activity."""
    cursor = db.execute(
        "UPDATE activity SET deleted_at = ?, updated_at = ? WHERE id = ?",
        [_now() if deleted else None, _now(), activity_id],
    )
    return cursor.rowcount == 1


def purge_activity(db: Database, activity_id: int) -> bool:
    """Delete an activity and its attachments for good."""
    return db.execute("DELETE FROM activity WHERE id = ?", [activity_id]).rowcount == 1


def set_deleted_many(db: Database, activity_ids: list[int], deleted: bool) -> list[int]:
    """Move several activities to (or back from) the 回收站; returns the ids that do not exist."""
    stamp = _now()
    missing = []
    for activity_id in activity_ids:
        cursor = db.execute(
            "UPDATE activity SET deleted_at = ?, updated_at = ? WHERE id = ?",
            [stamp if deleted else None, stamp, activity_id],
        )
        if cursor.rowcount != 1:
            missing.append(activity_id)
    return missing


def purge_activities(db: Database, activity_ids: list[int]) -> list[int]:
    """Delete several activities and their attachments for good; returns the ids that do not exist."""
    return [
        activity_id
        for activity_id in activity_ids
        if db.execute("DELETE FROM activity WHERE id = ?", [activity_id]).rowcount != 1
    ]


ATTACHMENT_INSERT = (
    "INSERT INTO attachment (activity_id, position, filename, media_type, size, sha256, data) "
    "VALUES (?, ?, ?, ?, ?, ?, ?)"
)


def attachment_values(activity_id: int, position: int, attachment: Attachment) -> tuple:
    """The values of ``ATTACHMENT_INSERT`` for *attachment* (size and SHA-256 computed here)."""
    import hashlib  # imported when first needed: opening a file does not

    data = bytes(attachment.data)
    return (
        activity_id,
        position,
        attachment.filename,
        attachment.media_type,
        len(data),
        hashlib.sha256(data).hexdigest(),
        data,
    )


def insert_attachment(
    db: Database, activity_id: int, attachment: Attachment, position: int | None = None
) -> int:
    """Store *attachment*'s bytes with activity *activity_id*; returns its id."""
    if position is None:
        position = db.execute(
            "SELECT coalesce(max(position) + 1, 0) FROM attachment WHERE activity_id = ?", [activity_id]
        ).fetchone()[0]
    cursor = db.execute(ATTACHMENT_INSERT, attachment_values(activity_id, position, attachment))
    return new_row_id(cursor)


def delete_attachment(db: Database, attachment_id: int) -> bool:
    """Remove one attachment."""
    return db.execute("DELETE FROM attachment WHERE id = ?", [attachment_id]).rowcount == 1


def get_activity(db: Database, activity_id: int, with_data: bool = True) -> Activity | None:
    """The activity *activity_id* with its attachments (bytes only when *with_data*), or None."""
    row = db.execute(
        f"SELECT id, {', '.join(ACTIVITY_FIELDS)}, deleted_at FROM activity WHERE id = ?", [activity_id]
    ).fetchone()
    if row is None:
        return None
    activity = rows.ACTIVITY.build(row[1:-1], id=row[0], deleted=row[-1] is not None)
    data_column = "data" if with_data else "x''"
    for att_id, filename, media_type, data in db.execute(
        f"SELECT id, filename, media_type, {data_column} FROM attachment WHERE activity_id = ? ORDER BY position, id",
        [activity_id],
    ):
        activity.attachments.append(
            Attachment(filename=filename, data=bytes(data), media_type=media_type, id=att_id)
        )
    return activity


def year_id_of_activity(db: Database, activity_id: int) -> int | None:
    row = db.execute("SELECT year_id FROM activity WHERE id = ?", [activity_id]).fetchone()
    return row[0] if row else None


ActivityQuery = ActivityFilter  # the store lists by the one activity filter of ``core.activities``
LIST_COLUMNS = LIST_FIELDS


# Reaching a row through an index costs about as much as scanning four rows (measured on 100,000
# activities): an index is only worth it when the filter keeps less than about a quarter of the year.
_INDEX_WORTHWHILE = 0.25


def _access_path(db: Database, year_id: int, query: ActivityQuery, type_ids: tuple[int, ...]) -> str:
    """Which index should drive the listing: ``"date"`` (year, date), ``"type"``, or ``"scan"``.

    SQLite's planner, knowing nothing of how the rows spread, always walks the (year, date) index,
    which visits every row of a wide date range one lookup at a time (3–4× slower than a scan when
    a text filter must read every row anyway). The estimate here assumes activities spread evenly
    over the year's days and types; task and measure filters are left to the planner.
    """
    year, type_count = db.execute(
        "SELECT (SELECT year FROM fiscal_year WHERE id = ?), (SELECT count(*) FROM activity_type WHERE year_id = ?)",
        [year_id, year_id],
    ).fetchone()
    shares = {"scan": _INDEX_WORTHWHILE}
    if year is not None and (query.date_from is not None or query.date_to is not None):
        first = query.date_from or dt.date(year, 1, 1)
        last = query.date_to or dt.date(year, 12, 31)
        shares["date"] = max(0, (last - first).days + 1) / 365
    if type_ids and type_count:
        shares["type"] = len(type_ids) / type_count
    return min(shares, key=lambda name: (shares[name], name != "scan"))


def _like_is_exact(needle: str) -> bool:
    """Whether SQL ``LIKE`` (case-insensitive for ASCII letters only) finds exactly the rows whose
    case-folded text contains *needle* (already case-folded): true when no character of it is made
    by case folding another one (not ASCII or other cased letters, nor ⅱ from Ⅱ, ⓐ from Ⓐ, ʼ from
    ŉ) and it holds no line break, e.g. 差旅 or 2022."""
    if "\n" in needle:  # the filter's text joins the fields with line breaks; LIKE looks at each
        return False
    made_by_folding = _made_by_folding()
    return not any(c in made_by_folding for c in needle)


FOLDING_BELOW = 0x1F000  # every character with a case folding lies below (a test checks the rest)


@cache
def _made_by_folding() -> frozenset[str]:
    """Every character that ``str.casefold`` writes for another character (~1,400; computed once,
    ~25 ms)."""
    made: set[str] = set()
    for code in range(FOLDING_BELOW):
        char = chr(code)
        folded = char.casefold()
        if folded != char:
            made.update(folded)
    return frozenset(made)


def _where(
    db: Database, year_id: int, query: ActivityFilter, exact_text: bool, dates_only: bool = False
) -> tuple[str, str, list]:
    """The table to read (``activity a``, with the access path chosen here), the SQL condition and
    its parameters of *query*; the text is matched with ``LIKE`` when that finds exactly the rows
    the filter keeps, else (with *exact_text*) by ``jixiao_contains``, which must be registered on
    the connection (see ``_contains``), else not at all (the caller matches it). *dates_only*: the
    caller reads only ids and dates (then the list's own index is read alone, without the rows).

    A table scan is asked for with ``NOT INDEXED``: the list's partial index (migration 0005)
    matches every listing's ``deleted_at IS NULL``, and walking it fetches each row one lookup at
    a time (at 1,000,000 activities a text filter took 2.1 s that way, 0.5 s as a scan)."""
    type_ids = tuple(dict.fromkeys(query.type_ids))
    if type_ids:
        year_types = {
            row[0] for row in db.execute("SELECT id FROM activity_type WHERE year_id = ?", [year_id])
        }
        if year_types and year_types <= set(type_ids):
            type_ids = ()  # every type of the year: no filter at all
    only_dates = not (query.needle or type_ids or query.task_id or query.without_task or query.measure_id)
    if dates_only and only_dates and not query.deleted:
        path = "date"  # the ids alone, in date order: the list's index (migration 0005) holds them all
    else:
        path = _access_path(db, year_id, query, type_ids)
    scan = path == "scan" and query.task_id is None and query.measure_id is None  # else: the planner's
    source = "activity a NOT INDEXED" if scan else "activity a"
    by_date = "" if path == "date" else "+"
    where = [
        f"{by_date}a.year_id = ?",
        "a.deleted_at IS NOT NULL" if query.deleted else "a.deleted_at IS NULL",
    ]
    params: list = [year_id]
    needle = query.needle
    if needle and _like_is_exact(needle):
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(
            "(a.title LIKE ? ESCAPE '\\' OR a.notes LIKE ? ESCAPE '\\' OR a.place LIKE ? ESCAPE '\\')"
        )
        params += [pattern, pattern, pattern]
    elif needle and exact_text:
        where.append("jixiao_contains(?, a.title, a.place, a.notes)")
        params.append(needle)
    if type_ids:
        by_type = "" if path == "type" else "+"
        where.append(f"{by_type}a.type_id IN ({', '.join('?' for _ in type_ids)})")
        params += list(type_ids)
    if query.task_id is not None:
        where.append("a.task_id = ?")
        params.append(query.task_id)
    if query.without_task:
        where.append("a.task_id IS NULL")
    if query.measure_id is not None:
        where.append("a.measure_id = ?")
        params.append(query.measure_id)
    if query.date_from is not None:
        where.append(f"{by_date}a.date >= ?")
        params.append(query.date_from.isoformat())
    if query.date_to is not None:
        where.append(f"{by_date}a.date <= ?")
        params.append(query.date_to.isoformat())
    return source, " AND ".join(where), params


def _contains(needle: str, title: str, place: str, notes: str) -> bool:
    """``jixiao_contains``: the filter's own text match (``core.activities.search_text``) in SQL."""
    return needle in search_text(title, place, notes)


_ATTACHMENT_COUNT = "(SELECT count(*) FROM attachment t WHERE t.activity_id = a.id)"


def list_activities(db: Database, year_id: int, query: ActivityFilter | None = None) -> list[tuple]:
    """Rows (``LIST_COLUMNS`` order) of the year's activities matching *query*, by date then id.

    Types, task, measure and dates are SQL conditions; the index to use is chosen by
    ``_access_path`` (a ``+`` before a column keeps SQLite from using an index on it). The text is
    matched by ``ActivityFilter.apply`` itself, on the rows SQL found; ``LIKE`` narrows them first
    when it finds exactly the same rows (see ``_like_is_exact``: a text of Chinese characters and
    digits). ``%``, ``_`` and ``\\`` in the text match themselves.
    """
    query = query or ActivityFilter()
    source, where, params = _where(db, year_id, query, exact_text=False)
    sql = f"""
        SELECT a.id, a.date, a.task_id, a.measure_id, a.type_id, a.title, a.place, a.sessions,
               a.participants, a.enterprises, a.items, a.amount_fen, {_ATTACHMENT_COUNT}, a.notes
        FROM {source} WHERE {where} ORDER BY a.date, a.id
    """
    rows = db.execute(sql, params).fetchall()
    needle = query.needle
    if needle:  # the text, matched by the filter itself
        found = ActivityFilter(text=needle).apply([(*r[:-1], search_text(r[5], r[6], r[-1])) for r in rows])
        return [r[:ROW_SEARCH] for r in found]
    return [r[:ROW_SEARCH] for r in rows]


# list column (``LIST_COLUMNS`` name) → the SQL value it sorts by, as the list sorts it in memory:
# a task by its place in the year's outline (no task last), a type by its name, a blank count first.
SORT_KEYS = {
    "date": None,
    "task_id": "coalesce((SELECT k.position FROM task k WHERE k.id = a.task_id), 1073741824)",
    "type_id": "(SELECT y.name FROM activity_type y WHERE y.id = a.type_id)",
    "title": "a.title",
    "place": "a.place",
    "sessions": "a.sessions",
    "participants": "a.participants",
    "enterprises": "a.enterprises",
    "items": "a.items",
    "amount_fen": "a.amount_fen",
    "attachments": _ATTACHMENT_COUNT,
}


def list_activity_ids(
    db: Database, year_id: int, query: ActivityFilter, sort: str = "date", descending: bool = False
) -> array:
    """The ids of the activities matching *query* (the text too, exactly as the filter matches it),
    ordered by the list column *sort* (a ``SORT_KEYS`` name) then date then id, all reversed when
    *descending*: what a list too large to hold shows, its rows then read by ``list_rows``."""
    if sort not in SORT_KEYS:
        raise ValueError(f"no list column {sort!r}")
    db.conn.create_function("jixiao_contains", 4, _contains, deterministic=True)
    source, where, params = _where(db, year_id, query, exact_text=True, dates_only=SORT_KEYS[sort] is None)
    way = " DESC" if descending else ""
    keys = [f"{key}{way}" for key in (SORT_KEYS[sort], "a.date", "a.id") if key is not None]
    ids = array("q")
    cursor = db.conn.execute(f"SELECT a.id FROM {source} WHERE {where} ORDER BY {', '.join(keys)}", params)
    with collector_paused():  # a million one-number rows, with perhaps a million activities held
        while chunk := cursor.fetchmany(50_000):
            ids.extend(row[0] for row in chunk)
    return ids


def list_rows(db: Database, ids: Sequence[int]) -> dict[int, tuple]:
    """id → list row (``LIST_COLUMNS`` order) of the activities *ids* (those that still exist)."""
    found: dict[int, tuple] = {}
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        for row in db.conn.execute(
            f"""SELECT a.id, a.date, a.task_id, a.measure_id, a.type_id, a.title, a.place, a.sessions,
                       a.participants, a.enterprises, a.items, a.amount_fen, {_ATTACHMENT_COUNT}
                FROM activity a WHERE a.id IN ({", ".join("?" * len(chunk))})""",
            chunk,
        ):
            found[row[0]] = row
    return found


def count_activities(db: Database, year_id: int, deleted: bool = False) -> int:
    """How many activities the year has in its list (or, *deleted*, in its recycle bin)."""
    condition = "IS NOT NULL" if deleted else "IS NULL"
    return db.execute(
        f"SELECT count(*) FROM activity WHERE year_id = ? AND deleted_at {condition}", [year_id]
    ).fetchone()[0]


@dataclass(frozen=True)
class YearContext:
    """What validating an activity needs to know about its year."""

    year_id: int
    year: int
    type_ids: frozenset[int]
    measures_by_task: dict[int, set[int]]


def year_context(db: Database, year_id: int) -> YearContext | None:
    """The year number, type ids and task → measure ids of year *year_id* (None if no such year)."""
    row = db.execute("SELECT year FROM fiscal_year WHERE id = ?", [year_id]).fetchone()
    if row is None:
        return None
    type_ids = frozenset(
        r[0] for r in db.execute("SELECT id FROM activity_type WHERE year_id = ?", [year_id])
    )
    measures: dict[int, set[int]] = {
        r[0]: set() for r in db.execute("SELECT id FROM task WHERE year_id = ?", [year_id])
    }
    for task_id, measure_id in db.execute(
        "SELECT m.task_id, m.id FROM measure m JOIN task t ON t.id = m.task_id WHERE t.year_id = ?", [year_id]
    ):
        measures[task_id].add(measure_id)
    return YearContext(year_id, row[0], type_ids, measures)
