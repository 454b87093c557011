"""How the annual report writes numbers (spec measures.md §0.2).

Percentages are rounded half-up to one decimal place and always published with their
numerator and denominator ("292 of 300 (97.3%)"); a zero denominator is "n/a", never 0%.
The public version shows counts of 1 to 5 as "c" (irohub.reporting.suppression).

The functions read measures in the JSON shapes of `compute_measures` (the contract every
tool shares), so the report and `irohub measures` cannot disagree about a figure.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal

from irohub.reporting.suppression import DEFAULT_THRESHOLD, SUPPRESSED, suppress_figure

NOT_AVAILABLE = "n/a"
NO_DATA = "No data"
NOT_HELD = "Not held"


def half_up(value: Decimal | float, places: int = 1) -> Decimal:
    exponent = Decimal(1).scaleb(-places)
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    return number.quantize(exponent, rounding=ROUND_HALF_UP)


def percent_text(numerator: int, denominator: int) -> str:
    """ "97.3%" from 292 and 300, worked out exactly (no float on the way); "n/a" for 0."""
    if denominator == 0:
        return NOT_AVAILABLE
    return f"{half_up(Decimal(100 * numerator) / Decimal(denominator))}%"


def count_text(value: int) -> str:
    return f"{value:,}"


def fte_text(value: float) -> str:
    """FTE as people write it: 9.5, 6, 7.25."""
    return f"{half_up(value, 2).normalize():f}"


def small(value: int, threshold: int = DEFAULT_THRESHOLD) -> bool:
    return 1 <= value <= threshold


def public_count(value: int, *, public: bool, threshold: int = DEFAULT_THRESHOLD) -> str:
    return SUPPRESSED if public and small(value, threshold) else count_text(value)


def figure_text(numerator: int, denominator: int, *, public: bool = False) -> str:
    """ "292 of 300 (97.3%)"; in the public version "c of 300 (c%)" where a count (or its
    complement) is from 1 to 5."""
    if public:
        shown = suppress_figure(numerator, denominator)
        if shown.numerator == SUPPRESSED or shown.denominator == SUPPRESSED:
            percent = NOT_AVAILABLE if shown.percent == NOT_AVAILABLE else f"{shown.percent}%"
            return f"{shown.numerator} of {_shown(shown.denominator)} ({percent})"
    percent = percent_text(numerator, denominator)
    return f"{count_text(numerator)} of {count_text(denominator)} ({percent})"


def _shown(cell: int | str) -> str:
    return cell if isinstance(cell, str) else count_text(cell)


def rate_text(numerator: int, denominator: float) -> str:
    """A rate such as children per FTE: "85.2 (512 ÷ 6)"; "n/a" when nothing divides."""
    if not denominator:
        return f"{NOT_AVAILABLE} ({count_text(numerator)} ÷ 0)"
    value = half_up(Decimal(numerator) / Decimal(str(denominator)))
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
    """How a result moved since last year, in percentage points for a percentage."""
    if not now or not before or "status" in now or "status" in before:
        return ""
    if "percent" in now:
        if now["percent"] is None or before.get("percent") is None:
            return ""
        if public and (
            result_text(now, public=True).startswith(SUPPRESSED)
            or result_text(before, public=True).startswith(SUPPRESSED)
        ):
            return SUPPRESSED
        points = half_up(Decimal(str(now["percent"])) - Decimal(str(before["percent"])))
        return f"{points:+} points" if points else "no change"
    if "count" in now and "count" in before:
        difference = int(now["count"]) - int(before["count"])  # type: ignore[call-overload]
        if public and (small(int(now["count"])) or small(int(before["count"]))):  # type: ignore[call-overload]
            return SUPPRESSED
        return f"{difference:+,}" if difference else "no change"
    if "value" in now and now["value"] is not None and before.get("value") is not None:
        difference = half_up(float(now["value"]) - float(before["value"]))  # type: ignore[arg-type]
        return f"{difference:+}" if difference else "no change"
    return ""
