"""store.connection.Database and the migration set read without sqlite-utils."""

from __future__ import annotations

import sqlite3

import pytest
from sqlite_utils import Database as SqliteUtilsDatabase

from jixiao.store import integrity
from jixiao.store.connection import Database
from jixiao.store.schema import migrations


@pytest.mark.parametrize("count", range(len(migrations.names()) + 1))
def test_schema_built_without_sqlite_utils_is_what_sqlite_utils_makes(count):
    names = migrations.names()
    made = SqliteUtilsDatabase(memory=True, execute_plugins=False)
    migrations.apply(made, stop_before=names[count:] or None)
    assert integrity._expected_light(migrations, count) == integrity._schema_of(made.conn)
    assert [m.name for m in migrations.applied(made)] == names[:count]


def test_atomic_commits_rolls_back_and_nests():
    db = Database(sqlite3.connect(":memory:", isolation_level=None))
    db.execute("CREATE TABLE t (v INTEGER)")
    with db.atomic():
        db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(ZeroDivisionError), db.atomic():
            db.execute("INSERT INTO t VALUES (2)")
            raise ZeroDivisionError
        db.execute("INSERT INTO t VALUES (3)")
    with pytest.raises(ValueError), db.atomic():
        db.execute("INSERT INTO t VALUES (4)")
        raise ValueError
    assert [row[0] for row in db.execute("SELECT v FROM t ORDER BY v")] == [1, 3]
    assert not db.conn.in_transaction
    assert db["t"].count == 2  # sqlite-utils' table helpers on the same connection
