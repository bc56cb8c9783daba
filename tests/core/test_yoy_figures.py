"""Year-on-year live figures: computed from the previous year (file or typed), written by sign."""

from __future__ import annotations

import pytest
from yeardata import sample_year

from jixiao.core.figures import FigureError, compute_figure, figure_quantity
from jixiao.core.livefigures import make_token, render, write_value
from jixiao.core.model import YearReport
from jixiao.core.yoy import Change, previous_figures


def _year(previous=None, file_previous=None):
    fy = sample_year()
    fy.report = YearReport(expenditure_fen=176_420_000, previous=previous or {})
    fy.report.file_previous = file_previous or {}
    return fy


def test_change_figures_and_the_words_chosen_by_sign():
    fy = _year(previous={"expenditure_fen": 188_300_000})
    spec = {"source": "yoy", "figure": "expenditure_fen", "of": "change"}
    assert compute_figure(spec, fy) == -11_880_000 and figure_quantity(spec) == "fen"
    rate = {"source": "yoy", "figure": "expenditure_fen", "of": "change_rate"}
    assert figure_quantity(rate) == "percent"
    text = f"同比{make_token(spec, 'change')}万元，{make_token(rate, 'change')}。"
    assert render(text, fy)[0] == "同比减少11.88万元，减少6.31%。"
    up = _year(previous={"expenditure_fen": 150_000_000})
    assert render(text, up)[0] == "同比增加26.42万元，增加17.61%。"
    assert write_value(compute_figure(spec, up), "fen", "wan") == "26.42"


def test_the_file_wins_over_typed_figures_and_missing_ones_are_named():
    fy = _year(previous={"expenditure_fen": 1}, file_previous={"expenditure_fen": 176_420_000})
    assert previous_figures(fy) == ({"expenditure_fen": 176_420_000}, "file")
    spec = {"source": "yoy", "figure": "expenditure_fen", "of": "change"}
    assert render(f"同比{make_token(spec, 'change')}万元", fy)[0] == "同比增加0.00万元"
    none = _year()
    with pytest.raises(FigureError):
        compute_figure(spec, none)
    text, problems = render(make_token(spec, "change"), none)
    assert text == "【?】" and problems
    with pytest.raises(FigureError):
        compute_figure({"source": "yoy", "figure": "salary", "of": "change"}, fy)


def test_change_percent_is_of_the_previous_year():
    change = Change(current_fen=300, previous_fen=400)
    assert change.direction == "down" and change.difference_fen == -100 and change.percent == 0.25
    assert Change(5, 0).percent is None and Change(5, 5).direction == "same"
