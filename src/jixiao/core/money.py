"""Money: integer fen (分) in storage, ``Decimal`` in arithmetic, 万元 in reports.

Never a float. Every rounding is ROUND_HALF_UP (Python's ``round`` rounds half to even).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

FEN_PER_YUAN = 100
FEN_PER_WAN_YUAN = 1_000_000
TWO_PLACES = Decimal("0.01")


class MoneyParseError(ValueError):
    """A text that is not an amount of money (the message is the offending text)."""


def quantize2(value: Decimal) -> Decimal:
    """Round *value* half-up to 2 decimal places."""
    return value.quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def fen_to_yuan(fen: int) -> Decimal:
    """Exact amount in 元 (2 decimals) for *fen*."""
    return Decimal(fen) / FEN_PER_YUAN


def fen_to_wan(fen: int) -> Decimal:
    """Amount in 万元, rounded half-up to 2 decimals (118.73 for 118,730,000 fen)."""
    return quantize2(Decimal(fen) / FEN_PER_WAN_YUAN)


def wan_to_fen(wan: Decimal | str | int) -> int:
    """Fen for an amount in 万元 (Decimal or text like "616.04"); rounds half-up to whole fen."""
    return _to_fen(wan, FEN_PER_WAN_YUAN)


def yuan_to_fen(yuan: Decimal | str | int) -> int:
    """Fen for an amount in 元 (Decimal or text like "1,180.50"); rounds half-up to whole fen."""
    return _to_fen(yuan, FEN_PER_YUAN)


def _to_fen(amount: Decimal | str | int, factor: int) -> int:
    if isinstance(amount, float):
        raise TypeError("money is never a float")
    if isinstance(amount, str):
        text = amount.strip().replace(",", "").replace("，", "")
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise MoneyParseError(amount) from None
    if not isinstance(amount, Decimal):
        amount = Decimal(amount)
    if not amount.is_finite():
        raise MoneyParseError(str(amount))
    return int((amount * factor).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def ratio(numerator: int | Decimal, denominator: int | Decimal) -> Decimal | None:
    """Unrounded ``numerator / denominator`` as Decimal; None when the denominator is 0."""
    if not denominator:
        return None
    return Decimal(numerator) / Decimal(denominator)
