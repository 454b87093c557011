"""How IRO Hub writes its figures (spec measures.md §0.2): one implementation for the
performance page, the annual report and small-number suppression.

A percentage is rounded half-up (halves away from zero, not to even as Python's round()
does) to one decimal place, worked out exactly on the numerator and denominator with no
float on the way: 292 of 300 is 97.3%, 1 of 16 is 6.3% (6.25 rounds up). A zero
denominator is "n/a", never 0%. Rounding is for display only: comparisons and changes are
worked out on the exact figures and rounded last.

A float (an FTE, a figure read back from the JSON of `compute_measures`) is taken as the
decimal it prints as, 0.8 as 8/10 rather than the binary 0.8000000000000000444…, so a
figure rounds the same whether it comes from the measures or from their JSON.

Pure Python (no Django).
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from math import floor
from typing import TypeAlias

__all__ = [
    "NOT_AVAILABLE",
    "count_text",
    "exact",
    "figure_text",
    "fte_text",
    "half_up",
    "of_text",
    "percent",
    "percent_of",
    "percent_text",
    "rate",
    "rate_of",
    "two_places",
]

NOT_AVAILABLE = "n/a"

Number: TypeAlias = Fraction | Decimal | int | float


def exact(value: Number) -> Fraction:
    """`value` as an exact fraction; a float as the decimal it prints as (0.1 → 1/10)."""
    if isinstance(value, float):
        return Fraction(repr(value))
    return Fraction(value)


def half_up(value: Number, places: int = 1) -> Decimal:
    """`value` rounded half-up (halves away from zero) to `places` decimal places, exactly;
    always written with that many places (0.0, 100.0) and never as -0.0."""
    number = exact(value)
    units = floor(abs(number) * 10**places + Fraction(1, 2))
    # Built from its digits, not by arithmetic, so the decimal context's 28-digit
    # precision cannot round it a second time.
    negative = number < 0 and units > 0
    return Decimal((int(negative), tuple(map(int, str(units))), -places))


# --- percentages and rates ---------------------------------------------------------------


def percent(numerator: int, denominator: int) -> Fraction | None:
    """100 × numerator / denominator exactly (unrounded); None (n/a) for a zero denominator."""
    return None if denominator == 0 else Fraction(100 * numerator, denominator)


def percent_of(numerator: int, denominator: int) -> Decimal | None:
    """The percentage to 1 decimal place, half-up: 97.3 for 292 of 300; None for 0 of 0."""
    value = percent(numerator, denominator)
    return None if value is None else half_up(value)


def percent_text(numerator: int, denominator: int) -> str:
    """ "97.3%" for 292 of 300; "n/a" for a zero denominator."""
    value = percent_of(numerator, denominator)
    return NOT_AVAILABLE if value is None else f"{value}%"


def rate(numerator: int, denominator: Number) -> Fraction | None:
    """numerator ÷ denominator exactly (e.g. children per FTE IRO); None (n/a) for 0."""
    return None if not denominator else Fraction(numerator) / exact(denominator)


def rate_of(numerator: int, denominator: Number) -> Decimal | None:
    """The rate to 1 decimal place, half-up; None (n/a) when nothing divides."""
    value = rate(numerator, denominator)
    return None if value is None else half_up(value)


# --- counts and figures in words ---------------------------------------------------------


def count_text(value: int | str) -> str:
    """1,234; a cell that is already text (a suppressed "c") as it is."""
    return value if isinstance(value, str) else f"{value:,}"


def of_text(numerator: int | str, denominator: int | str) -> str:
    """ "1,298 of 1,300" (either may be a suppressed "c")."""
    return f"{count_text(numerator)} of {count_text(denominator)}"


def figure_text(numerator: int, denominator: int) -> str:
    """ "292 of 300 (97.3%)", "0 of 0 (n/a)": a percentage always with its numerator and
    denominator."""
    return f"{of_text(numerator, denominator)} ({percent_text(numerator, denominator)})"


def two_places(value: Number) -> Decimal:
    """A rate's denominator (an FTE, a count of children) as downloads carry it: half-up
    to 2 decimal places at most, written as Python writes the number: 219, 10.0, 9.5,
    7.25."""
    rounded = half_up(value, 2)
    if isinstance(value, int):
        return rounded.quantize(Decimal(1))
    tenths = rounded.quantize(Decimal("0.1"))
    return tenths if tenths == rounded else rounded


def fte_text(value: Number) -> str:
    """FTE (or any rate's denominator) as people write it: 10, 9.5, 7.25, 1,207."""
    return f"{half_up(value, 2).normalize():,f}"
