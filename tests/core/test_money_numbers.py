import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.money import MoneyParseError, fen_to_wan, wan_to_fen, yuan_to_fen
from jixiao.core.numbers import (
    approximate_floor,
    format_approximate,
    format_date_cn,
    format_month_cn,
    format_number,
    format_percent,
    format_wan,
)


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (616_040_000, "616.04"),
        (628_470_000, "628.47"),
        (800_000, "0.80"),
        (118_730_000, "118.73"),
        (0, "0.00"),
        (5_000, "0.01"),
        (4_999, "0.00"),
        (123_456_789_012, "123456.79"),
    ],
)
def test_format_wan_two_decimals_half_up(fen, text):
    assert format_wan(fen) == text


def test_money_parsing_rounds_half_up_and_refuses_floats():
    assert wan_to_fen("616.04") == 616_040_000
    assert yuan_to_fen("1,180.505") == 118_051
    assert yuan_to_fen("0.005") == 1
    with pytest.raises(TypeError):
        yuan_to_fen(1.5)
    with pytest.raises(MoneyParseError):
        yuan_to_fen("一百")


@given(st.integers(min_value=0, max_value=10**14))
def test_wan_round_trip_within_half_a_unit(fen):
    assert abs(wan_to_fen(fen_to_wan(fen)) - fen) <= 5_000


def test_percent_two_decimals_not_babel_default():
    assert format_percent(Decimal(61604) / Decimal(62847)) == "98.02%"
    assert format_percent(Decimal(1)) == "100.00%"
    assert format_percent(None) == "—"
    assert format_percent(Decimal("0.388492")) == "38.85%"


@pytest.mark.parametrize(
    ("value", "step", "word", "text"),
    [
        (213, 100, "多", "200多"),
        (213, None, "多", "210多"),
        (200, 100, "多", "200"),
        (12, 10, "余", "10余"),
        (7, None, "多", "7"),
        (637, 100, "多", "600多"),
        (1024, None, "多", "1000多"),
        (33, 10, "多", "30多"),
        (520, 10, "余", "520"),
        (527, 10, "余", "520余"),
    ],
)
def test_approximate_forms(value, step, word, text):
    assert format_approximate(value, step, word) == text


@given(st.integers(min_value=10, max_value=10**9), st.sampled_from([None, 10, 100]))
def test_approximate_floor_is_never_above_the_value(value, step):
    floor = approximate_floor(value, step)
    assert floor <= value
    text = format_approximate(value, step)
    assert text.endswith("多") == (floor < value)


def test_dates_and_numbers():
    assert format_date_cn(dt.date(2022, 8, 12)) == "2022年8月12日"
    assert format_date_cn(dt.date(2022, 8, 12), "en") == "August 12, 2022"
    assert format_month_cn(dt.date(2022, 12, 31)) == "2022年12月"
    assert format_number(Decimal("3782.0")) == "3782"
    assert format_number(1024) == "1024"


def test_plain_patterns_and_symbols_are_babels():
    """The patterns and decimal symbols numbers.py formats with itself are what babel parses and has."""
    from babel import Locale
    from babel.numbers import parse_pattern

    from jixiao.core import numbers
    from jixiao.core.i18n import SUPPORTED_LANGUAGES

    assert set(numbers._DECIMAL_SYMBOLS) == set(SUPPORTED_LANGUAGES)
    for lang, symbol in numbers._DECIMAL_SYMBOLS.items():
        assert Locale.parse(lang).number_symbols["latn"]["decimal"] == symbol
    for text, frac_prec in numbers._PLAIN_PATTERNS.items():
        pattern = parse_pattern(text)
        assert pattern.frac_prec == frac_prec
        assert (pattern.prefix, pattern.suffix) == (("", "-"), ("", ""))
        assert (pattern.grouping, pattern.int_prec, pattern.exp_prec, pattern.scale) == (
            (1000, 1000),
            (1, 1),
            None,
            0,
        )


_DECIMALS = st.decimals(
    allow_nan=False, allow_infinity=False, places=None, min_value=-(10**12), max_value=10**12
)


@settings(max_examples=400)
@given(
    value=st.one_of(
        _DECIMALS,
        st.integers(-(10**15), 10**15),
        st.decimals(),
        st.sampled_from(
            [
                Decimal("-0"),
                Decimal("0E-7"),
                Decimal("1E+3"),
                Decimal("-0.005"),
                Decimal("0.125"),
                Decimal("2.675"),
            ]
        ),
    ),
    pattern=st.sampled_from(["0.00", "0.##########"]),
    lang=st.sampled_from(["zh_CN", "en"]),
    quantize=st.booleans(),
)
def test_numbers_format_as_babel_does(value, pattern, lang, quantize):
    from babel import Locale
    from babel.numbers import parse_pattern

    from jixiao.core.numbers import _babel_format_decimal

    def outcome(format_it):
        try:
            return format_it()
        except ArithmeticError as error:  # the same failure (a signalling NaN, too many digits)
            return type(error)

    expected = outcome(
        lambda: parse_pattern(pattern).apply(value, Locale.parse(lang), decimal_quantization=quantize)
    )
    assert outcome(lambda: _babel_format_decimal(value, pattern, lang, quantize)) == expected
