"""Services test fixtures: a fresh year book file and a year to write into.

``tests/core/yeardata.py``: whole years as dataclasses; ``tests/fixtures/tablerows.py``: a small year
written straight into the tables (``year_ids``), for services that need a year to write into.
"""

from __future__ import annotations

import pytest
from tablerows import YearIds, make_year

from jixiao.core.model import Unit
from jixiao.services import unit as unit_svc
from jixiao.store.database import open_book


@pytest.fixture
def book(tmp_path):
    """An open, empty year book in a temporary folder (closed after the test)."""
    with open_book(tmp_path / "book.sqlite3", create=True) as opened:
        yield opened


@pytest.fixture
def year_ids(book) -> YearIds:
    """Fiscal year 2022 in ``book``: activity types, 2 tasks × 2 measures (tests/fixtures/tablerows.py)."""
    return make_year(book.db)


@pytest.fixture
def year_id(book) -> int:
    """A unit 某局 with fiscal year 2022 created through the unit service (default types, indicators)."""
    return unit_svc.create_unit(book, Unit(full_name="某局"), 2022)[1]
