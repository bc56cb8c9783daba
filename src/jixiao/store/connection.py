"""The connection object every store function takes: a thin wrapper over ``sqlite3``.

jixiao uses only a handful of things from a database object: ``execute``, ``atomic()`` (a transaction,
a savepoint when nested), ``conn``, ``table_names`` and ``close``. This class gives exactly those on a
plain ``sqlite3`` connection, so that opening and reading a book never imports sqlite-utils (its import
costs ~100 ms per process: click, dateutil, pluggy …). sqlite-utils is imported only where its
helpers are needed: applying migrations (``store/schema.py``) and its table helpers (``db["table"]``).

Connections are expected in autocommit mode (``isolation_level=None``), as ``open_book`` makes them:
a statement outside ``atomic()`` commits by itself.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite_utils

_savepoints = itertools.count(1)


class Database:
    """A ``sqlite3`` connection with ``execute`` and nestable ``atomic()`` transactions."""

    def __init__(self, conn: sqlite3.Connection, recursive_triggers: bool = True) -> None:
        self.conn = conn
        if recursive_triggers:  # as sqlite-utils set it on every connection jixiao made before
            conn.execute("PRAGMA recursive_triggers = ON")

    def execute(self, sql: str, parameters: Sequence | dict[str, Any] | None = None) -> sqlite3.Cursor:
        """Run one statement; outside ``atomic()`` (autocommit mode) a write commits by itself."""
        if parameters is None:
            return self.conn.execute(sql)
        return self.conn.execute(sql, parameters)

    @contextlib.contextmanager
    def atomic(self) -> Iterator[Database]:
        """A transaction committed when the block ends, rolled back on any error; a savepoint when nested."""
        conn = self.conn
        if conn.in_transaction:
            name = f"jx_savepoint_{next(_savepoints)}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                if conn.in_transaction:  # an error may already have ended the whole transaction
                    conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        """Roll the open transaction back (nothing when none is open)."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def table_names(self) -> list[str]:
        """Names of the tables of the main database."""
        return [row[0] for row in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]

    def __getitem__(self, table: str) -> Any:
        """sqlite-utils' table helper for *table* on this connection (imports sqlite-utils)."""
        return self.sqlite_utils()[table]

    def sqlite_utils(self) -> sqlite_utils.Database:
        """A sqlite-utils ``Database`` on this same connection, for its table helpers (imported now)."""
        helper = self.__dict__.get("_sqlite_utils")
        if helper is None:
            import sqlite_utils

            helper = self.__dict__["_sqlite_utils"] = sqlite_utils.Database(
                self.conn, recursive_triggers=False, execute_plugins=False
            )
        return helper

    def close(self) -> None:
        self.conn.close()


__all__ = ["Database"]
