"""core.indicators: the rules an indicator must meet to be saved, without a data file."""

from __future__ import annotations

from decimal import Decimal

from jixiao.core.indicators import normalise_indicator, validate_indicator
from jixiao.core.model import Indicator


def test_validate_indicator_names_each_field():
    good = Indicator("产出指标", "数量指标", "走访企业数", ">=", Decimal(10), target="200", unit="家")
    assert validate_indicator(good) == []
    bad = Indicator("产出指标", "数量指标", " ", "~", Decimal(101), target="很多")
    assert [field for field, _m, _p in validate_indicator(bad)] == ["level3", "kind", "points"]
    quantitative = Indicator("产出指标", "数量指标", "走访企业数", ">=", Decimal(10), target="很多")
    assert [field for field, _m, _p in validate_indicator(quantitative)] == ["target"]


def test_normalise_strips_texts_and_blank_actuals():
    indicator = Indicator(" 产出指标 ", "数量指标", " 满意度 ", "qual", Decimal(5), actual="  ")
    normalise_indicator(indicator)
    assert (indicator.level1, indicator.level3, indicator.actual) == ("产出指标", "满意度", None)


def test_read_decimal_folds_full_width_forms():
    import pytest

    from jixiao.core.fields import read_decimal

    assert read_decimal("１２．５") == Decimal("12.5") and read_decimal("1,234") == Decimal(1234)
    assert read_decimal("  ") is None
    for bad in ("abc", "NaN", "Infinity"):
        with pytest.raises(ValueError):
            read_decimal(bad)
