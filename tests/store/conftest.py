"""Store test fixtures: a fresh year book file, a settable clock, a year written straight into tables.

Two kinds of shared test data are put on ``sys.path``: ``tests/core/yeardata.py`` (whole years as
dataclasses, for the repos) and ``tests/fixtures/tablerows.py`` (a small year as table rows, for the
storage-safety tests).
"""

from __future__ import annotations

import datetime as dt
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


class FakeClock:
    """A settable UTC clock for ``open_book(clock=…)``."""

    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> dt.datetime:
        self.now += dt.timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    """Starts at 2022-06-01 08:00 UTC; ``clock.advance(hours=…)`` moves it."""
    return FakeClock(dt.datetime(2022, 6, 1, 8, 0, tzinfo=dt.UTC))


@pytest.fixture
def book_path(tmp_path) -> Path:
    """Where a test's data file goes (not created)."""
    return tmp_path / "year.sqlite3"


@pytest.fixture
def year(book) -> YearIds:
    """Fiscal year 2022 in ``book``: activity types, 2 tasks × 2 measures (tests/fixtures/tablerows.py)."""
    return make_year(book.db)
