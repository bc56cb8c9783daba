"""The preview's child reads the year from the data file itself (``RenderRequest.source``), read-only."""

from __future__ import annotations

import pickle

import pytest

from jixiao.core.errors import NotFoundError, StorageError
from jixiao.services.report_job import RenderRequest, YearSource, render
from jixiao.services.sample import import_sample_year
from jixiao.services.years import load_year
from jixiao.store.snapshot import load_year_read_only


@pytest.fixture
def sample(book):
    return book, import_sample_year(book)


def test_a_source_makes_the_same_report_as_the_loaded_year(sample):
    book, year_id = sample
    from_source = render(RenderRequest(source=YearSource(str(book.path), year_id)))
    from_year = render(RenderRequest(load_year(book, year_id)))
    assert from_source.inputs_sha256 == from_year.inputs_sha256
    assert from_source.package_text == from_year.package_text
    assert from_source.pages == from_year.pages > 5


def test_the_request_the_window_sends_is_small(sample):
    book, year_id = sample
    request = RenderRequest(source=YearSource(str(book.path), year_id), project_tables=True)
    assert len(pickle.dumps(request)) < 1_000


def test_reading_while_the_window_has_the_file_open_changes_nothing(sample):
    book, year_id = sample

    def files() -> dict[str, bytes]:  # the -shm index changes with any reader's marks: not content
        return {p.name: p.read_bytes() for p in book.path.parent.iterdir() if not p.name.endswith("-shm")}

    before = files()
    assert load_year_read_only(book.path, year_id) == load_year(book, year_id)
    assert files() == before


def test_a_missing_file_or_year_is_a_clear_error(sample, tmp_path):
    book, year_id = sample
    with pytest.raises(StorageError):
        load_year_read_only(tmp_path / "gone.sqlite3", year_id)
    assert not (tmp_path / "gone.sqlite3").exists()
    with pytest.raises(NotFoundError):
        load_year_read_only(book.path, year_id + 99)
    with pytest.raises(StorageError):
        render(RenderRequest(source=YearSource(str(tmp_path / "gone.sqlite3"), year_id)))
