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


def test_the_typesetter_warms_up_while_idle_and_gives_way_to_a_request(monkeypatch):
    """``serve`` makes an empty year's report before its first request (reportlab, the layout code
    and the fonts loaded); it stops at the next page when a request arrives, and a failure there is
    not raised (the render that needs the same thing reports it)."""
    import io

    from jixiao.services import report_job

    pages = []
    real = report_job.render_report

    def counting(built, page_progress, **options):
        def page_done(number):
            pages.append(number)
            page_progress(number)

        return real(built, page_progress=page_done, **options)

    monkeypatch.setattr(report_job, "render_report", counting)
    report_job.warm_up()
    assert pages == [1, 2, 3]  # the whole empty report
    pages.clear()
    report_job.warm_up(lambda: True)  # a request is waiting: nothing done
    assert pages == []
    asked = iter([False, True])
    report_job.warm_up(lambda: next(asked))  # a request came meanwhile: given up after a page
    assert pages == [1]

    def broken(built, **options):
        raise OSError("no fonts")

    monkeypatch.setattr(report_job, "render_report", broken)
    report_job.warm_up()  # nothing raised
    out = io.BytesIO()
    report_job.serve(io.BytesIO(), out, warm=True)  # no request: warms up, then ends with its input
    assert out.getvalue() == b""
