"""Undo and redo of the session's saves, kept by SQLite itself.

This is SQLite's "automatic undo/redo" technique (https://www.sqlite.org/undoredo.html): when a book
opens, TEMP triggers on every user table write, for each row inserted, updated or deleted, the SQL
statement that reverses it into a TEMP log, tagged with the current *step*. Every row change is
logged, foreign-key cascades and BLOBs (``quote()`` writes them as ``X'…'``) included, so replaying
a step's statements newest first puts every row back exactly as it was.

A step is one user save: the outermost ``db.atomic()`` block of a ``HistoryDatabase`` (services use
``book.db.atomic()`` or ``Book.atomic(label=…)``). ``History.undo`` replays the newest undo step in
one transaction; while it runs, the triggers log the inverse of the replay under a new step, which
goes on the redo stack (and ``redo`` does the same the other way). A new save clears the redo stack;
only the newest ``limit`` steps are kept. The log lives in TEMP tables: it belongs to this
connection and this session, and never reaches the data file or its backups.

A write made outside any ``atomic()`` block cannot be told apart from its neighbours; it is logged
as "untracked", and the history is dropped at the next step rather than undo something half-way.
A step that creates the unit or marks a report final (``BARRIER_TABLES``) is a checkpoint: it
clears the history and cannot itself be undone.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from jixiao.core.errors import N_, StorageError
from jixiao.store.connection import Database

LOG = "_jx_undo_log"
STEPS = "_jx_undo_step"
STEP_FUNCTION = "jx_undo_step"
DEFAULT_LIMIT = 100
UNTRACKED = 0  # the step of a write made outside any atomic() block
EXCLUDED_TABLES = frozenset({"_sqlite_migrations"})
# Inserting a row here is a checkpoint: the history is cleared and the save cannot be undone.
# ``unit``: the book starts; ``final_report``: a report marked final must stay reproducible.
BARRIER_TABLES = frozenset({"unit", "final_report"})


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Step:
    """One entry of the undo or redo stack.

    ``label``/``params``: the message id given to ``atomic(label=…)`` (None: describe it from
    ``changes``). ``changes``: ``(table, op, rows)`` of the original save, in the order the tables
    were first touched; *op* is ``insert``, ``update``, ``delete``, or for tables with a
    ``deleted_at`` column ``trash``/``untrash``.
    """

    id: int
    label: str | None
    params: dict
    changes: tuple[tuple[str, str, int], ...]

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(table for table, _op, _count in self.changes)


class HistoryDatabase(Database):
    """A ``store.connection.Database`` whose outermost ``atomic()`` block is one undoable step."""

    history: History | None = None

    @contextlib.contextmanager
    def atomic(self, label: str | None = None, params: dict | None = None) -> Iterator[Database]:
        """A transaction (savepoint when nested); the outermost one records an undo step.

        :param label: a msgid naming the save for "Undo …" (ignored when nested).
        :param params: the label's ``{name}`` fields (JSON-able).
        """
        history = self.history
        if history is None or self.conn.in_transaction:
            with super().atomic():
                yield self
            return
        with super().atomic():
            history._begin()
            try:
                yield self
                history._finish(label, params or {})
            finally:
                history._recording = None


class History:
    """The undo and redo stacks of one open book (see the module docstring)."""

    def __init__(self, db: HistoryDatabase, limit: int = DEFAULT_LIMIT) -> None:
        self.db = db
        self.limit = limit
        self._recording: int | None = None
        self._ids = itertools.count(1)
        self.tables: list[str] = []
        self._committed: list[tuple[str, str, int]] = []  # changes of the saves since take_committed()

    @classmethod
    def install(cls, db: HistoryDatabase, limit: int = DEFAULT_LIMIT) -> History:
        """Create the TEMP log and triggers on *db* and start recording its saves."""
        history = cls(db, limit)
        conn = db.conn
        conn.create_function(STEP_FUNCTION, 0, history._step_now)
        conn.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {LOG} (seq INTEGER PRIMARY KEY, step INTEGER NOT NULL,"
            " tbl TEXT NOT NULL, op TEXT NOT NULL, sql TEXT NOT NULL)"
        )
        conn.execute(f"CREATE INDEX IF NOT EXISTS temp.{LOG}_step ON {LOG}(step)")
        conn.execute(
            f"CREATE TEMP TABLE IF NOT EXISTS {STEPS} (id INTEGER PRIMARY KEY,"
            " stack TEXT NOT NULL CHECK (stack IN ('undo', 'redo')), label TEXT,"
            " params TEXT NOT NULL, changes TEXT NOT NULL)"
        )
        for table, has_rowid in _user_tables(conn):
            for statement in _trigger_sql(conn, table, has_rowid):
                conn.execute(statement)
            history.tables.append(table)
        db.history = history
        return history

    # -- recording --------------------------------------------------------------------------------
    def _step_now(self) -> int:
        return self._recording or UNTRACKED

    def _begin(self) -> None:
        self._drop_if_untracked()
        self._recording = next(self._ids)

    def _finish(self, label: str | None, params: dict) -> None:
        step = self._recording
        assert step is not None, "_finish outside a recording"
        changes = self._changes(step)
        if not changes:
            return  # nothing changed: no step
        self._committed.extend(changes)  # kept even when the step is a checkpoint (below)
        if any(table in BARRIER_TABLES and op == "insert" for table, op, _n in changes):
            self._clear()
            return
        conn = self.db.conn
        conn.execute(
            f"DELETE FROM temp.{LOG} WHERE step IN (SELECT id FROM temp.{STEPS} WHERE stack = 'redo')"
        )
        conn.execute(f"DELETE FROM temp.{STEPS} WHERE stack = 'redo'")
        conn.execute(
            f"INSERT INTO temp.{STEPS} (id, stack, label, params, changes) VALUES (?, 'undo', ?, ?, ?)",
            [step, label, json.dumps(params, ensure_ascii=False), json.dumps(changes, ensure_ascii=False)],
        )
        old = [
            row[0]
            for row in conn.execute(
                f"SELECT id FROM temp.{STEPS} WHERE stack = 'undo' ORDER BY id DESC LIMIT -1 OFFSET ?",
                [self.limit],
            )
        ]
        if old:
            marks = ", ".join("?" for _ in old)
            conn.execute(f"DELETE FROM temp.{LOG} WHERE step IN ({marks})", old)
            conn.execute(f"DELETE FROM temp.{STEPS} WHERE id IN ({marks})", old)

    def _changes(self, step: int) -> list[tuple[str, str, int]]:
        return [
            tuple(row)
            for row in self.db.conn.execute(
                f"SELECT tbl, op, count(*) FROM temp.{LOG} WHERE step = ? GROUP BY tbl, op ORDER BY min(seq)",
                [step],
            )
        ]

    def _untracked(self) -> bool:
        return (
            self.db.conn.execute(f"SELECT 1 FROM temp.{LOG} WHERE step = ? LIMIT 1", [UNTRACKED]).fetchone()
            is not None
        )

    def _drop_if_untracked(self) -> None:
        if self._untracked():
            self._clear()

    def _clear(self) -> None:
        self.db.conn.execute(f"DELETE FROM temp.{LOG}")
        self.db.conn.execute(f"DELETE FROM temp.{STEPS}")

    def take_committed(self) -> tuple[tuple[str, str, int], ...]:
        """The ``(table, op, rows)`` of every save recorded since the last call, and forget them.

        A rolled-back block adds nothing; a block whose final commit fails may leave its changes
        here, so a caller takes (and drops) them before the save it wants to report.
        """
        taken, self._committed = tuple(self._committed), []
        return taken

    # -- reading the stacks -------------------------------------------------------------------------
    def peek(self, stack: str) -> Step | None:
        """The step ``undo()`` (*stack* ``"undo"``) or ``redo()`` (``"redo"``) would replay, or None."""
        if self.db.conn.in_transaction and self._recording is not None:
            return None  # inside a save: nothing to undo until it is committed
        if self._untracked():
            return None
        row = self.db.conn.execute(
            f"SELECT id, label, params, changes FROM temp.{STEPS} WHERE stack = ? ORDER BY id DESC LIMIT 1",
            [stack],
        ).fetchone()
        if row is None:
            return None
        step_id, label, params, changes = row
        return Step(step_id, label, json.loads(params), tuple(tuple(c) for c in json.loads(changes)))

    def depth(self, stack: str) -> int:
        """How many steps the undo (or redo) stack holds."""
        if self._untracked():
            return 0
        return self.db.conn.execute(f"SELECT count(*) FROM temp.{STEPS} WHERE stack = ?", [stack]).fetchone()[
            0
        ]

    def clear(self) -> None:
        """Forget every step (the data stay as they are)."""
        with Database.atomic(self.db):
            self._clear()

    # -- replaying ----------------------------------------------------------------------------------
    def undo(self) -> Step | None:
        """Reverse the newest save in one transaction; returns it (None when there is none)."""
        return self._replay("undo", "redo")

    def redo(self) -> Step | None:
        """Repeat the newest undone save in one transaction; returns it (None when there is none)."""
        return self._replay("redo", "undo")

    def _replay(self, source: str, target: str) -> Step | None:
        if self.db.conn.in_transaction:
            raise StorageError(N_("Undo and redo are not possible while a change is being saved."))
        conn = self.db.conn
        try:
            with Database.atomic(self.db):
                step = self.peek(source)
                if step is None:
                    self._drop_if_untracked()
                    return None
                statements = [
                    row[0]
                    for row in conn.execute(
                        f"SELECT sql FROM temp.{LOG} WHERE step = ? ORDER BY seq DESC", [step.id]
                    )
                ]
                conn.execute("PRAGMA defer_foreign_keys = ON")  # rows come back parents or children first
                self._recording = next(self._ids)
                try:
                    for statement in statements:
                        conn.execute(statement)
                    new_id = self._recording
                finally:
                    self._recording = None
                conn.execute(f"DELETE FROM temp.{LOG} WHERE step = ?", [step.id])
                conn.execute(f"DELETE FROM temp.{STEPS} WHERE id = ?", [step.id])
                conn.execute(
                    f"INSERT INTO temp.{STEPS} (id, stack, label, params, changes) VALUES (?, ?, ?, ?, ?)",
                    [
                        new_id,
                        target,
                        step.label,
                        json.dumps(step.params, ensure_ascii=False),
                        json.dumps(step.changes, ensure_ascii=False),
                    ],
                )
        except sqlite3.Error as error:
            message = (
                N_("The change could not be undone ({detail}); nothing was changed.")
                if source == "undo"
                else N_("The change could not be redone ({detail}); nothing was changed.")
            )
            raise StorageError(message, detail=str(error)) from error
        return step


# -- triggers -------------------------------------------------------------------------------------------


def _user_tables(conn: sqlite3.Connection) -> list[tuple[str, bool]]:
    """``(name, has_rowid)`` of every ordinary table of the main database that holds user data."""
    found = []
    for _schema, name, kind, _ncol, without_rowid, _strict in conn.execute("PRAGMA main.table_list"):
        if kind != "table" or name.startswith("sqlite_") or name in EXCLUDED_TABLES:
            continue
        found.append((name, not without_rowid))
    return sorted(found)


def _trigger_sql(conn: sqlite3.Connection, table: str, has_rowid: bool) -> list[str]:
    """The three TEMP triggers that log the inverse of every change to *table*."""
    info = conn.execute(f"PRAGMA main.table_info({_ident(table)})").fetchall()
    columns = [row[1] for row in info]
    pks = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
    rowid_alias = (
        has_rowid and len(pks) == 1 and info[[r[1] for r in info].index(pks[0])][2].upper() == "INTEGER"
    )
    # The row's identity: rowid (or its alias), else the primary key columns.
    if has_rowid:
        key_columns = ["rowid"]
    else:
        key_columns = [_ident(name) for name in pks]
    stored = list(columns) if rowid_alias or not has_rowid else ["rowid", *columns]
    stored_sql = [c if c == "rowid" else _ident(c) for c in stored]
    name = _ident(table)
    lit_table = _literal(table)

    def where(row: str) -> str:
        parts = [
            f"{_literal(('' if i == 0 else ' AND ') + key + '=')} || quote({row}.{key})"
            for i, key in enumerate(key_columns)
        ]
        return " || ".join(parts)

    def log(op_sql: str, body: str) -> str:
        return f"INSERT INTO {LOG} (step, tbl, op, sql) VALUES ({STEP_FUNCTION}(), {lit_table}, {op_sql}, {body});"

    insert_inverse = f"{_literal(f'DELETE FROM {name} WHERE ')} || {where('new')}"
    values = " || ',' || ".join(f"quote(old.{column})" for column in stored_sql)
    delete_inverse = (
        f"{_literal(f'INSERT INTO {name} (' + ', '.join(stored_sql) + ') VALUES (')} || {values} || ')'"
    )
    assignments = " || ', ' || ".join(
        f"{_literal(column + '=')} || quote(old.{column})" for column in stored_sql
    )
    update_inverse = (
        f"{_literal(f'UPDATE {name} SET ')} || {assignments} || {_literal(' WHERE ')} || {where('new')}"
    )
    changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in stored_sql)
    if "deleted_at" in columns:
        update_op = (
            "CASE WHEN old.deleted_at IS NULL AND new.deleted_at IS NOT NULL THEN 'trash'"
            " WHEN old.deleted_at IS NOT NULL AND new.deleted_at IS NULL THEN 'untrash' ELSE 'update' END"
        )
    else:
        update_op = "'update'"
    prefix = "_jx_undo_" + "".join(ch if ch.isalnum() else "_" for ch in table)
    return [
        f"DROP TRIGGER IF EXISTS temp.{_ident(prefix + '_insert')}",
        f"DROP TRIGGER IF EXISTS temp.{_ident(prefix + '_update')}",
        f"DROP TRIGGER IF EXISTS temp.{_ident(prefix + '_delete')}",
        f"CREATE TEMP TRIGGER {_ident(prefix + '_insert')} AFTER INSERT ON {name} BEGIN "
        f"{log(_literal('insert'), insert_inverse)} END",
        f"CREATE TEMP TRIGGER {_ident(prefix + '_update')} AFTER UPDATE ON {name} WHEN {changed} BEGIN "
        f"{log(update_op, update_inverse)} END",
        f"CREATE TEMP TRIGGER {_ident(prefix + '_delete')} AFTER DELETE ON {name} BEGIN "
        f"{log(_literal('delete'), delete_inverse)} END",
    ]


__all__ = ["History", "HistoryDatabase", "Step", "DEFAULT_LIMIT", "BARRIER_TABLES"]
