"""The collector pause (``core.collector``) and the report steps that run under it."""

from __future__ import annotations

import gc

import pytest
from yeardata import sample_year

import jixiao.report.pdf as pdf_module
import jixiao.services.reports as reports_module
from jixiao.core.collector import collector_paused
from jixiao.services.reports import build_report, render_report


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    gc.enable()


def test_the_collector_is_off_inside_and_back_on_after():
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_is_back_on_after_an_error():
    with pytest.raises(KeyError), collector_paused():
        raise KeyError("x")
    assert gc.isenabled()


def test_a_collector_switched_off_elsewhere_stays_off():
    gc.disable()
    with collector_paused():
        pass
    assert not gc.isenabled()


def test_assembly_and_typesetting_run_with_the_collector_paused(monkeypatch):
    seen: dict[str, bool] = {}
    assemble = reports_module._build_report

    def spy_assemble(*args, **kwargs):
        seen["assembly"] = gc.isenabled()
        return assemble(*args, **kwargs)

    def spy_typeset(*args, **kwargs) -> bytes:
        seen["typesetting"] = gc.isenabled()
        return b"%PDF"

    monkeypatch.setattr(reports_module, "_build_report", spy_assemble)
    monkeypatch.setattr(pdf_module, "render_pdf", spy_typeset)
    assert render_report(build_report(sample_year())) == b"%PDF"
    assert seen == {"assembly": False, "typesetting": False}
    assert gc.isenabled()
