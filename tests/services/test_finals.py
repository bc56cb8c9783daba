"""Reports marked final (services.finals) and the preview's render job (services.report_job)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import pickle
import threading

import pytest
from pypdf import PdfReader

from jixiao.core.errors import JixiaoError, Message
from jixiao.report.fonts import PostScriptOutlinesError
from jixiao.services import finals
from jixiao.services import indicators as indicator_service
from jixiao.services.report_job import RenderRequest, read_frame, render, serve, write_frame
from jixiao.services.reports import build_report, render_report, save_pdf
from jixiao.services.sample import import_sample_year
from jixiao.services.years import load_year


def pdf_text(data: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def sample(book):
    """The sample year (FY2022) in the book: ``(book, year_id)``."""
    return book, import_sample_year(book)


@pytest.fixture
def made(sample):
    """The sample year's report made by the render job: ``(book, year_id, RenderResult)``."""
    book, year_id = sample
    return book, year_id, render(RenderRequest(load_year(book, year_id)))


def first_indicator(fy):
    return fy.indicators[0]


def test_render_job_makes_the_pdf_and_freezes_its_inputs(made):
    book, year_id, result = made
    assert result.pdf.startswith(b"%PDF-") and result.pages >= 10
    assert "部门整体支出绩效自评报告" in pdf_text(result.pdf)
    text, digest = finals.report_inputs(load_year(book, year_id))
    assert (result.package_text, result.inputs_sha256) == (text, digest)
    roles = [f.role for f in result.fonts]
    assert roles[:5] == ["title", "heading1", "heading2", "body", "page_number"]
    assert all(f.path and f.family for f in result.fonts)


def test_mark_final_keeps_the_pdf_and_shows_later_edits(made):
    book, year_id, result = made
    assert finals.latest_final(book, year_id) is None
    when = dt.datetime(2023, 2, 10, 9, 30, tzinfo=dt.UTC)
    final = finals.mark_final(book, year_id, result.pdf, result.package_text, clock=lambda: when)
    assert (final.created_at, final.pdf_size) == (when, len(result.pdf))
    assert finals.latest_final(book, year_id) == final
    assert not final.changed(result.inputs_sha256)

    fy = load_year(book, year_id)
    indicator = first_indicator(fy)
    assert indicator.actual_source is not None  # counted from the records
    indicator_service.update_indicator(book, dataclasses.replace(indicator, actual_source=None, actual="1"))
    _text, now = finals.report_inputs(load_year(book, year_id))
    assert final.changed(now)
    # the submitted report is still there, byte for byte, and can be made again from its inputs
    assert finals.final_pdf(book, final.id) == result.pdf
    frozen = finals.final_year(book, final.id)
    assert first_indicator(frozen).actual_source == indicator.actual_source
    again = render_report(build_report(frozen), deterministic=True)
    assert pdf_text(again) == pdf_text(result.pdf)


def test_a_pdf_made_before_the_last_edit_is_not_marked_final(made):
    book, year_id, result = made
    indicator = first_indicator(load_year(book, year_id))
    indicator_service.update_indicator(book, dataclasses.replace(indicator, deviation_reason="新的说明"))
    with pytest.raises(JixiaoError) as raised:
        finals.mark_final(book, year_id, result.pdf, result.package_text)
    assert raised.value.message == finals.MSG_STALE
    with pytest.raises(JixiaoError):
        finals.mark_final(book, year_id, b"not a pdf", result.package_text)
    assert finals.list_finals(book, year_id) == []


def test_several_finals_newest_first(made):
    book, year_id, result = made
    times = iter([dt.datetime(2023, 1, 5, tzinfo=dt.UTC), dt.datetime(2023, 3, 1, tzinfo=dt.UTC)])
    first = finals.mark_final(book, year_id, result.pdf, result.package_text, clock=lambda: next(times))
    second = finals.mark_final(book, year_id, result.pdf, result.package_text, clock=lambda: next(times))
    assert [f.id for f in finals.list_finals(book, year_id)] == [second.id, first.id]


def test_save_pdf_writes_whole_files_only(tmp_path):
    path = save_pdf(tmp_path / "r.pdf", b"%PDF-1.4 x")
    assert path.read_bytes() == b"%PDF-1.4 x" and not list(tmp_path.glob("*.partial"))
    with pytest.raises(JixiaoError):
        save_pdf(tmp_path / "missing" / "r.pdf", b"%PDF-1.4")


def test_render_job_refuses_a_font_file_that_cannot_be_embedded(sample, tmp_path):
    book, year_id = sample
    bad = tmp_path / "bad.ttf"
    bad.write_bytes(b"OTTO" + b"\0" * 200)  # an OpenType/CFF header
    request = RenderRequest(load_year(book, year_id), fonts={"body": (str(bad), 0)})
    with pytest.raises(Exception) as raised:
        render(request)
    assert isinstance(raised.value, (PostScriptOutlinesError, JixiaoError))


class _Requests(io.RawIOBase):
    """A request stream that blocks at its end until released (like a pipe still open)."""

    def __init__(self, data: bytes) -> None:
        self.data, self.released = io.BytesIO(data), threading.Event()

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        chunk = self.data.read(size)
        if not chunk:
            self.released.wait(30)
        return chunk


def test_serve_gives_an_older_job_up_when_a_newer_one_waits(sample):
    book, year_id = sample
    fy = load_year(book, year_id)
    frames = io.BytesIO()
    write_frame(frames, ("render", 1, RenderRequest(fy)))
    write_frame(frames, ("render", 2, RenderRequest(fy, layout="word")))
    requests = _Requests(frames.getvalue())
    results = io.BytesIO()
    server = threading.Thread(target=serve, args=(requests, results), daemon=True)
    server.start()
    deadline = dt.datetime.now() + dt.timedelta(seconds=30)
    news: list = []
    while dt.datetime.now() < deadline and not any(n[0] == "done" for n in news):
        server.join(0.05)
        stream = io.BytesIO(results.getvalue())
        news = []
        try:
            while True:
                news.append(read_frame(stream))
        except EOFError:
            pass
    requests.released.set()
    server.join(10)
    assert not server.is_alive()
    done = [n for n in news if n[0] == "done"]
    assert [n[1] for n in done] == [2]  # job 1 was given up, job 2 finished
    assert all(isinstance(n[2], Message) for n in news if n[0] == "progress")
    assert pickle.loads(pickle.dumps(done[0][2])).pdf.startswith(b"%PDF-")
