"""How the annual report writes numbers (spec measures.md §0.2).

Percentages are rounded half-up to one decimal place and always published with their
numerator and denominator ("292 of 300 (97.3%)"); a zero denominator is "n/a", never 0%.
The public version shows counts of 1 to 5 as "c" (irohub.reporting.suppression).

The functions read measures in the JSON shapes of `compute_measures` (the contract every
tool shares), so the report and `irohub measures` cannot disagree about a figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from irohub.reporting.numbers import (
    NOT_AVAILABLE,
    count_text,
    fte_text,
    half_up,
    percent,
    percent_text,
    rate,
    rate_of,
)
from irohub.reporting.numbers import figure_text as _figure_text
from irohub.reporting.suppression import DEFAULT_THRESHOLD, SUPPRESSED, suppress_figure

__all__ = [
    "NOT_AVAILABLE",
    "NOT_HELD",
    "NO_DATA",
    "change_text",
    "count_text",
    "figure_text",
    "fte_text",
    "half_up",
    "percent_text",
    "public_count",
    "rate_text",
    "result_number",
    "result_text",
    "small",
]

NO_DATA = "No data"
NOT_HELD = "Not held"


def small(value: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    return 1 <= value <= threshold


def public_count(value: int, *, public: bool, threshold: int = DEFAULT_THRESHOLD) -> str:
    return SUPPRESSED if public and small(value, threshold) else count_text(value)


def figure_text(numerator: int, denominator: int, *, public: bool = False) -> str:
    """ "292 of 300 (97.3%)"; in the public version "c of 300 (c%)" where a count (or its
    complement) is from 1 to 5."""
    if public:
        return suppress_figure(numerator, denominator).text()
    return _figure_text(numerator, denominator)


def rate_text(numerator: int, denominator: float) -> str:
    """A rate such as children per FTE: "85.2 (512 ÷ 6)"; "n/a" when nothing divides."""
    value = rate_of(numerator, denominator)
    if value is None:
        return f"{NOT_AVAILABLE} ({count_text(numerator)} ÷ 0)"
    return f"{value} ({count_text(numerator)} ÷ {fte_text(denominator)})"


def result_text(result: Mapping[str, object] | None, *, public: bool = False) -> str:
    """One measure's result (a `compute_measures` entry) as the report prints it."""
    if result is None:
        return NOT_HELD
    if result.get("status") == "no data":
        return NO_DATA
    if "count" in result:
        return public_count(int(result["count"]), public=public)  # type: ignore[call-overload]
    if "value" in result:
        if public and small(int(result["numerator"])):  # type: ignore[call-overload]
            return SUPPRESSED
        return rate_text(int(result["numerator"]), float(result["denominator"]))  # type: ignore[call-overload,arg-type]
    return figure_text(int(result["numerator"]), int(result["denominator"]), public=public)  # type: ignore[call-overload]


def result_number(result: Mapping[str, object] | None) -> float | None:
    """The number a chart plots for a result: the percentage, the count or the rate
    (unrounded; None when there is none)."""
    if result is None or result.get("status") == "no data":
        return None
    for key in ("percent", "count", "value"):
        if key in result:
            value = result[key]
            return None if value is None else float(value)  # type: ignore[arg-type]
    return None


def change_text(
    now: Mapping[str, object] | None, before: Mapping[str, object] | None, *, public: bool
) -> str:
    """How a result moved since last year, in percentage points for a percentage: worked
    out on the exact figures, then rounded (as the performance page does)."""
    if not now or not before or "status" in now or "status" in before:
        return ""
    if "count" in now and "count" in before:
        difference = int(now["count"]) - int(before["count"])  # type: ignore[call-overload]
        if public and (small(int(now["count"])) or small(int(before["count"]))):  # type: ignore[call-overload]
            return SUPPRESSED
        return f"{difference:+,}" if difference else "no change"
    exact_now, exact_before = _exact(now), _exact(before)
    if exact_now is None or exact_before is None or ("percent" in now) != ("percent" in before):
        return ""
    if "percent" in now:
        if public and (
            result_text(now, public=True).startswith(SUPPRESSED)
            or result_text(before, public=True).startswith(SUPPRESSED)
        ):
            return SUPPRESSED
        points = half_up(exact_now - exact_before)
        return f"{points:+} points" if points else "no change"
    difference = half_up(exact_now - exact_before)
    return f"{difference:+}" if difference else "no change"


def _exact(result: Mapping[str, object]) -> Fraction | None:
    """A percentage's or a rate's unrounded value from its numerator and denominator; None
    for a count, or when the denominator is 0 (n/a)."""
    if "percent" in result:
        return percent(int(result["numerator"]), int(result["denominator"]))  # type: ignore[call-overload]
    if "value" in result:
        return rate(int(result["numerator"]), float(result["denominator"]))  # type: ignore[call-overload,arg-type]
    return None
