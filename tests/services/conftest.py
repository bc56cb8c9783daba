"""Services test fixtures: a fresh year book file; shared test data on ``sys.path``.

``tests/core/yeardata.py``: whole years as dataclasses; ``tests/fixtures/tablerows.py``: a small year
written straight into the tables (``year_ids``), for services that need a year to write into.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

_TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_TESTS / "core"))  # for ``import yeardata``
sys.path.insert(0, str(_TESTS / "fixtures"))  # for ``import tablerows``

from tablerows import YearIds, make_year  # noqa: E402

from jixiao.store.database import open_book  # noqa: E402


@pytest.fixture
def book(tmp_path):
    """An open, empty year book in a temporary folder (closed after the test)."""
    with open_book(tmp_path / "book.sqlite3", create=True) as opened:
        yield opened


@pytest.fixture
def year_ids(book) -> YearIds:
    """Fiscal year 2022 in ``book``: activity types, 2 tasks × 2 measures (tests/fixtures/tablerows.py)."""
    return make_year(book.db)
