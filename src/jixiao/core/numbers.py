"""How Chinese reports write numbers (``domain.md`` §5), on top of babel.

- amounts in 万元 with exactly 2 decimals ("0.80", "616.04"); no digit grouping, as the reports do;
- percentages with 2 decimals ("98.02%"); babel's default pattern would round to "98%";
- approximate counts: the exact number stays in the data, the text says "200多" / "10余";
- dates without zero padding ("2022年8月12日").
"""

from __future__ import annotations

import datetime as _dt
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from functools import cache

from jixiao.core.money import fen_to_wan

REPORT_LOCALE = "zh_CN"
APPROX_WORDS = ("多", "余")

# The patterns jixiao formats with, as (fewest, most) decimals: no digit grouping, "-" before a
# negative number, nothing else (tests/core/test_money_numbers.py compares with babel's parse).
_PLAIN_PATTERNS = {"0.00": (2, 2), "0.##########": (0, 10)}
# The decimal symbol of the languages jixiao speaks, as babel's CLDR data has it (a test compares):
# these numbers are formatted without loading babel's locale data, ~20 ms of the window's start.
_DECIMAL_SYMBOLS = {"zh_CN": ".", "en": "."}


@cache
def _pattern_and_locale(pattern: str, locale: str):
    from babel import Locale
    from babel.numbers import parse_pattern

    return parse_pattern(pattern), Locale.parse(locale)


def _babel_format_decimal(number, format: str, locale: str, decimal_quantization: bool = True) -> str:
    """babel's ``format_decimal`` with the pattern and locale parsed once (a table repaint formats
    hundreds of cells; parsing them each time costs ten times the formatting).

    The patterns and languages jixiao uses are formatted here as babel does (``_plain_format``);
    babel formats any other, and infinities and NaN.
    """
    frac_prec = _PLAIN_PATTERNS.get(format)
    symbol = _DECIMAL_SYMBOLS.get(locale)
    if frac_prec is not None and symbol is not None:
        text = _plain_format(number, frac_prec, symbol, decimal_quantization)
        if text is not None:
            return text
    pattern, parsed = _pattern_and_locale(format, locale)
    return pattern.apply(number, parsed, decimal_quantization=decimal_quantization)


def _plain_format(number, frac_prec: tuple[int, int], symbol: str, decimal_quantization: bool) -> str | None:
    """What babel's ``NumberPattern.apply`` (2.x) makes of *number* with a ``_PLAIN_PATTERNS``
    pattern, step by step; None where babel has more to do (infinity, NaN, grouping)."""
    value = number if isinstance(number, Decimal) else Decimal(str(number))
    if not value.is_finite():
        return None
    negative = value.is_signed()
    value = abs(value).normalize()  # rounded to the context's precision, as babel's value is
    fewest, most = frac_prec
    if not decimal_quantization:
        exponent = value.as_tuple().exponent
        most = max(most, -exponent if isinstance(exponent, int) and exponent < 0 else 0)
    rounded = value.quantize(Decimal(10) ** -most)
    integer, _point, fraction = f"{rounded:f}".partition(".")
    if len(integer) > 1000:  # babel's "no grouping" groups by 1000 digits
        return None
    fraction = fraction or "0"
    if len(fraction) < fewest:
        fraction += "0" * (fewest - len(fraction))
    if most == 0 or (fewest == 0 and int(fraction) == 0):
        text = integer
    else:
        while len(fraction) > fewest and fraction[-1] == "0":
            fraction = fraction[:-1]
        text = integer + symbol + fraction
    return ("-" if negative else "") + text


def format_wan(fen: int, locale: str = REPORT_LOCALE) -> str:
    """Fen as 万元 with 2 decimals, half-up: 616,040,000 fen → "616.04"; 800,000 fen → "0.80"."""
    return _babel_format_decimal(fen_to_wan(fen), format="0.00", locale=locale, decimal_quantization=True)


def format_decimal2(value: Decimal, locale: str = REPORT_LOCALE) -> str:
    """A score or amount with exactly 2 decimals, half-up ("98.02", "3.88")."""
    quantized = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return _babel_format_decimal(quantized, format="0.00", locale=locale)


def format_percent(rate: Decimal | None, locale: str = REPORT_LOCALE) -> str:
    """A ratio (0.98022…) as a percentage with 2 decimals, half-up: "98.02%"; "—" when unknown."""
    if rate is None:
        return "—"
    percent = (rate * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return _babel_format_decimal(percent, format="0.00", locale=locale) + "%"


def format_number(value: int | Decimal, locale: str = REPORT_LOCALE) -> str:
    """An exact count or measured value without grouping ("1024", "3782", "16.5")."""
    if isinstance(value, Decimal) and value == value.to_integral_value():
        value = int(value)
    return _babel_format_decimal(value, format="0.##########", locale=locale)


def approximate_floor(value: int | Decimal, step: int | None = None) -> int:
    """The round number below *value* that an approximate form states.

    With *step* None the value keeps its two leading digits (213 → 210, 1187 → 1100, 35 → 30);
    otherwise it is floored to a multiple of *step* (213, step 100 → 200). Values below 10 stay exact.
    """
    number = Decimal(value)
    if number < 10:
        return int(number.to_integral_value(rounding=ROUND_FLOOR))
    if step is None:
        digits = len(str(int(number)))
        step = 10 ** max(digits - 2, 1)
    return int((number / step).to_integral_value(rounding=ROUND_FLOOR)) * step


def format_approximate(value: int | Decimal, step: int | None = None, word: str = "多") -> str:
    """Approximate form like "200多" or "10余"; the exact number when nothing is above the round one.

    213 → "210多" (or "200多" with step 100); 200 → "200"; 7 → "7".
    """
    if word not in APPROX_WORDS:
        raise ValueError(f"approximation word must be one of {APPROX_WORDS}")
    floor = approximate_floor(value, step)
    if Decimal(value) == floor or Decimal(value) < 10:
        return format_number(Decimal(value))
    return f"{floor}{word}"


def _babel_format_date(day: _dt.date, format: str, locale: str) -> str:
    """babel's ``format_date``, imported on the first date (babel.dates costs ~20 ms to import)."""
    from babel.dates import format_date

    return format_date(day, format=format, locale=locale)


def format_date_cn(day: _dt.date, locale: str = REPORT_LOCALE) -> str:
    """A date as reports write it: "2022年8月12日" (zh_CN), "August 12, 2022" (en)."""
    return _babel_format_date(day, format="long", locale=locale)


def format_month_cn(day: _dt.date, locale: str = REPORT_LOCALE) -> str:
    """A month as "2022年12月" (zh_CN) or "December 2022" (en)."""
    if locale.startswith("zh"):
        return f"{day.year}年{day.month}月"
    return _babel_format_date(day, format="MMMM y", locale=locale)
