"""store/expected_schema.py holds what jixiao's migrations make; opening a file compares with it."""

from __future__ import annotations

import pytest

from jixiao.store import expected_schema, integrity
from jixiao.store.schema import Migration, MigrationSet
from jixiao.store.schema import migrations as own


def test_stored_schema_is_what_the_migrations_make():
    """Fails after a migration is added or changed: run scripts/update_expected_schema.py."""
    names = tuple(migration.name for migration in own._migrations)
    assert expected_schema.MIGRATIONS == names
    stored = {(kind, name): sql for kind, name, sql in expected_schema.SCHEMA}
    assert stored == integrity._run_in_memory(own, len(names))


def test_the_stored_schema_is_used_only_for_exactly_jixiaos_migrations(monkeypatch):
    count = len(own._migrations)
    computed = []
    real = integrity._run_in_memory
    monkeypatch.setattr(integrity, "_run_in_memory", lambda s, n: computed.append(n) or real(s, n))
    assert integrity._expected_light(own, count) == real(own, count)
    assert computed == []  # read from the file
    assert integrity._expected_light(own, count - 1) == real(own, count - 1)
    assert computed == [count - 1]  # an older file: its schema is made

    other = MigrationSet(own.name)  # same names, one migration does something else
    other._migrations = list(own._migrations)
    last = own._migrations[-1]

    def changed(db):
        last.fn(db)
        db.execute("CREATE TABLE planted (x)")

    other._migrations[-1] = Migration(last.name, changed, last.transactional)
    schema = integrity._expected_light(other, count)
    assert computed == [count - 1, count]
    assert ("table", "planted") in schema


@pytest.mark.parametrize("count", [0, 1])
def test_small_counts_are_made(count):
    assert integrity._stored_schema(own, count) is None
