"""How IRO Hub words a measure's result and its change since last year: one
implementation for the performance page, its CSV and Excel downloads, and the annual
report in every format (HTML, PDF, Word, the public version, the children's summary).

Plain English, as GOV.UK writes: "292 of 300 (97.3%)", "85.3 (512 ÷ 6)", "1,207",
"Up 3.0 percentage points", "Down 7", "No change", "No data". Rounding is measures.md
§0.2's (irohub.reporting.numbers): half-up to one decimal place, on the exact figures,
last; a change is worked out on the unrounded figures, then rounded. The public version
shows counts of 1 to 5 as "c" (irohub.reporting.suppression), and hides a change where
either figure is hidden.

A result is a `MeasureResult` or its JSON (what `compute_measures` writes and the annual
report keeps), so a figure reads the same whichever way it arrives. Pure Python.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TypeAlias

from irohub.measures.results import (
    Count,
    Figure,
    Fte,
    MeasureResult,
    NoData,
    Rate,
    result_from_json,
)
from irohub.measures.targets import Rating, Target
from irohub.reporting import numbers
from irohub.reporting.numbers import NOT_AVAILABLE, count_text, fte_text
from irohub.reporting.suppression import DEFAULT_THRESHOLD, SUPPRESSED, suppress_figure

__all__ = [
    "NOT_AVAILABLE",
    "NOT_HELD",
    "NO_CHANGE",
    "NO_DATA",
    "SUPPRESSED",
    "Result",
    "against_target",
    "change",
    "change_text",
    "exact",
    "figure_text",
    "hidden",
    "of_text",
    "parts",
    "public_count",
    "rate_text",
    "result_of",
    "result_text",
    "short_text",
    "small",
    "value",
]

Result: TypeAlias = MeasureResult | Mapping[str, object]

NO_DATA = "No data"  # the measure cannot be worked out from the data held
NOT_HELD = "Not held"  # the measure was not worked out for that year at all
NO_CHANGE = "No change"


def result_of(result: Result | None) -> MeasureResult | None:
    """A result as a `MeasureResult`, whichever shape it came in."""
    if result is None or isinstance(result, Figure | Count | Rate | Fte | NoData):
        return result
    return result_from_json(result)


# --- numbers -----------------------------------------------------------------------------


def exact(result: Result | None) -> Fraction | None:
    """The unrounded headline value, for comparisons and changes (measures.md §0.2); None
    for n/a and for no data."""
    result = result_of(result)
    if isinstance(result, Figure):
        return numbers.percent(result.numerator, result.denominator)
    if isinstance(result, Count):
        return Fraction(result.value)
    if isinstance(result, Rate):
        return numbers.rate(result.numerator, result.denominator)
    if isinstance(result, Fte):
        # The share, a percentage: FTE in post of the establishment, vacant FTE of it.
        return (
            None if not result.of else 100 * numbers.exact(result.value) / numbers.exact(result.of)
        )
    return None


def value(result: Result | None) -> Decimal | int | None:
    """The headline value as shown and as downloads carry it: a percentage or a rate to
    1 decimal place, a count; None for n/a or no data."""
    result = result_of(result)
    if isinstance(result, Count):
        return result.value
    figure = exact(result)
    return None if figure is None else numbers.half_up(figure)


def parts(result: Result | None) -> tuple[int | Decimal | None, int | Decimal | None]:
    """Numerator and denominator, when the result has them (a rate's denominator, an FTE,
    to 2 decimal places)."""
    result = result_of(result)
    if isinstance(result, Figure):
        return result.numerator, result.denominator
    if isinstance(result, Rate):
        return result.numerator, numbers.two_places(result.denominator)
    if isinstance(result, Fte):
        return numbers.two_places(result.value), numbers.two_places(result.of)
    return None, None


# --- small numbers (the public version) --------------------------------------------------


def small(count: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    return 1 <= count <= threshold


def public_count(count: int, *, public: bool, threshold: int = DEFAULT_THRESHOLD) -> str:
    return SUPPRESSED if public and small(count, threshold) else count_text(count)


def hidden(result: Result | None) -> bool:
    """Whether the public version hides the figure: a count, a rate's numerator, or a
    percentage's numerator or its complement from 1 to 5."""
    result = result_of(result)
    if isinstance(result, Count):
        return small(result.value)
    if isinstance(result, Rate):
        return small(result.numerator)
    if isinstance(result, Figure):
        return suppress_figure(result.numerator, result.denominator).suppressed
    return False


# --- a result in words -------------------------------------------------------------------


def figure_text(numerator: int, denominator: int, *, public: bool = False) -> str:
    """ "292 of 300 (97.3%)"; in the public version "c of 300 (c%)" where a count (or its
    complement) is from 1 to 5."""
    if public:
        return suppress_figure(numerator, denominator).text()
    return numbers.figure_text(numerator, denominator)


def rate_text(numerator: int, denominator: float) -> str:
    """A rate such as children per FTE: "85.2 (512 ÷ 6)"; "n/a" when nothing divides."""
    rate = numbers.rate_of(numerator, denominator)
    if rate is None:
        return f"{NOT_AVAILABLE} ({count_text(numerator)} ÷ 0)"
    return f"{rate} ({count_text(numerator)} ÷ {fte_text(denominator)})"


def short_text(result: Result | None) -> str:
    """The headline alone, where the numerator and denominator are shown beside it (the
    performance page's tables): "97.3%", "85.3", "1,207", "n/a", "No data"."""
    result = result_of(result)
    if result is None:
        return NOT_HELD
    if isinstance(result, NoData):
        return NO_DATA
    if isinstance(result, Figure):
        return numbers.percent_text(result.numerator, result.denominator)
    if isinstance(result, Fte):
        shown = value(result)
        return NOT_AVAILABLE if shown is None else f"{shown}%"
    shown = value(result)
    if shown is None:
        return NOT_AVAILABLE
    return count_text(shown) if isinstance(shown, int) else str(shown)


def of_text(result: Result | None) -> str:
    """What a figure is worked out from: "292 of 300", "610 ÷ 10.2" for a rate."""
    result = result_of(result)
    if isinstance(result, Figure):
        return numbers.of_text(result.numerator, result.denominator)
    if isinstance(result, Rate):
        return f"{result.numerator:,} ÷ {fte_text(result.denominator)}"
    if isinstance(result, Fte):
        return f"{fte_text(result.value)} of {fte_text(result.of)} FTE"
    return ""


def result_text(result: Result | None, *, public: bool = False) -> str:
    """The result in full, as a sentence or a report's table cell: "292 of 300 (97.3%)",
    "85.3 (512 ÷ 6)", "1,207", "No data"; in the public version with "c"."""
    result = result_of(result)
    if result is None:
        return NOT_HELD
    if isinstance(result, NoData):
        return NO_DATA
    if isinstance(result, Count):
        return public_count(result.value, public=public)
    if isinstance(result, Rate):
        if public and hidden(result):
            return SUPPRESSED
        return rate_text(result.numerator, result.denominator)
    if isinstance(result, Fte):
        # Staff, not children: never suppressed.
        return f"{of_text(result)} ({short_text(result)})"
    return figure_text(result.numerator, result.denominator, public=public)


# --- change since last year --------------------------------------------------------------


def change(result: Result | None, last: Result | None) -> Decimal | int | None:
    """This year's figure less last year's, from the unrounded figures (percentage points
    for a percentage), then rounded; None when either has no figure or they differ in kind."""
    result, last = result_of(result), result_of(last)
    if result is None or last is None or type(result) is not type(last):
        return None
    if isinstance(result, Count) and isinstance(last, Count):
        return result.value - last.value
    now, before = exact(result), exact(last)
    if now is None or before is None:
        return None
    return numbers.half_up(now - before)


def change_text(result: Result | None, last: Result | None, *, public: bool = False) -> str:
    """The change in words, so that no colour or arrow carries the meaning: "Up 3.0
    percentage points", "Down 7", "Up 1.2", "No change"; "" when there is none to give, and
    "c" in the public version where either figure is hidden."""
    shift = change(result, last)
    if shift is None:
        return ""
    if public and (hidden(result) or hidden(last)):
        return SUPPRESSED
    if shift == 0:
        return NO_CHANGE
    direction = "Up" if shift > 0 else "Down"
    size = abs(shift)
    if isinstance(result_of(result), Figure | Fte):
        return f"{direction} {size} percentage point{'' if size == 1 else 's'}"
    if isinstance(size, int):
        return f"{direction} {size:,}"
    return f"{direction} {size}"


# --- against a local target ----------------------------------------------------------------


def against_target(
    result: Result | None, target: Target, *, percent: bool
) -> tuple[Rating | None, str]:
    """The figure's rating against `target` (irohub.measures.targets: the unrounded figure,
    measures.md §0.2) and its words: "Amber: below the target of 95% by up to 5". `percent`:
    the measure's headline is a percentage (the target is worded with "%")."""
    rating = target.rate(exact(result))
    return rating, target.words(rating, percent=percent)
