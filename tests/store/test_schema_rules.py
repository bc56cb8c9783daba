"""The schema's frozen copies of core rules (a migration never changes once released) still agree
with the core's definitions; a change to a rule needs a new migration."""

from __future__ import annotations

from jixiao.core import model
from jixiao.store import schema


def test_the_schema_checks_what_the_core_defines(book):
    assert schema.SCORE_RULES == model.SCORE_RULES
    assert schema.OPTIONAL_COUNTS == model.OPTIONAL_COUNTS
    sql = book.db.execute("SELECT sql FROM sqlite_master WHERE name = 'fiscal_year'").fetchone()[0]
    assert f"year BETWEEN {model.MIN_YEAR} AND {model.MAX_YEAR}" in sql
