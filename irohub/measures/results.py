"""What a measure gives back: a figure, or the reason it cannot be computed.

Spec measures.md §0.2: a percentage is always published with its numerator and
denominator, is kept unrounded for comparisons (rounding is for display only), and a zero
denominator is "n/a", never 0%.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

__all__ = [
    "Count",
    "Figure",
    "Fte",
    "MeasureResult",
    "NoData",
    "Rate",
    "figure_of",
    "result_from_json",
]


@dataclass(frozen=True, slots=True)
class Figure:
    """`numerator` of `denominator`, plus how many reviews or children could not be
    classified (their timeliness depends on reviews before the data's history began).
    The unclassified ones are in neither the numerator nor the denominator."""

    numerator: int
    denominator: int
    unclassified: int = 0

    def __post_init__(self) -> None:
        if not 0 <= self.numerator <= self.denominator or self.unclassified < 0:
            raise ValueError(
                f"not a figure: {self.numerator} of {self.denominator} "
                f"({self.unclassified} unclassified)"
            )

    @property
    def percent(self) -> float | None:
        """100 × numerator / denominator, unrounded; None when the denominator is 0."""
        if self.denominator == 0:
            return None
        return 100 * self.numerator / self.denominator

    def as_json(self) -> dict[str, object]:
        result: dict[str, object] = {
            "numerator": self.numerator,
            "denominator": self.denominator,
            "percent": self.percent,
        }
        # Only when there is something to say: most registers have a complete history.
        if self.unclassified:
            result["unclassified"] = self.unclassified
        return result


@dataclass(frozen=True, slots=True)
class NoData:
    """The data needed for the measure is not there at all (not the same as 0 of 0)."""

    reason: str

    def as_json(self) -> dict[str, object]:
        return {"status": "no data", "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Count:
    """How many: children, reviews, care periods (no denominator)."""

    value: int

    def as_json(self) -> dict[str, object]:
        return {"count": self.value}


@dataclass(frozen=True, slots=True)
class Rate:
    """`numerator` per unit of `denominator`, e.g. children per FTE IRO. A zero
    denominator gives None (n/a), as for a percentage."""

    numerator: int
    denominator: float

    @property
    def value(self) -> float | None:
        return None if not self.denominator else self.numerator / self.denominator

    def as_json(self) -> dict[str, object]:
        return {"numerator": self.numerator, "denominator": self.denominator, "value": self.value}


@dataclass(frozen=True, slots=True)
class Fte:
    """Full-time equivalents against a whole: `value` FTE of `of` FTE (the FTE in post
    against the establishment, the vacant FTE of it, the agency FTE of those in post). The
    headline is the share, a percentage; None (n/a) when `of` is 0. FTE are kept to the
    hundredth the register keeps."""

    value: float
    of: float

    @property
    def percent(self) -> float | None:
        return None if not self.of else 100 * self.value / self.of

    def as_json(self) -> dict[str, object]:
        return {"fte": self.value, "of_fte": self.of, "percent": self.percent}


MeasureResult = Figure | Count | Rate | Fte | NoData


def figure_of(outcomes: Iterable[bool | None]) -> Figure:
    """Count a measure's rows: True in the numerator, False only in the denominator, None
    unclassified."""
    numerator = denominator = unclassified = 0
    for outcome in outcomes:
        if outcome is None:
            unclassified += 1
        else:
            denominator += 1
            numerator += outcome
    return Figure(numerator, denominator, unclassified)


def result_from_json(data: Mapping[str, object]) -> MeasureResult:
    """The result whose `as_json()` is `data` (a figure read back from the JSON of
    `compute_measures`, as the annual report keeps them); breakdowns are ignored."""
    if data.get("status") == "no data":
        return NoData(str(data.get("reason", "")))
    if "fte" in data:
        return Fte(float(data["fte"]), float(data["of_fte"]))  # type: ignore[arg-type]
    if "count" in data:
        return Count(int(data["count"]))  # type: ignore[call-overload]
    if "value" in data:
        return Rate(int(data["numerator"]), float(data["denominator"]))  # type: ignore[call-overload,arg-type]
    if "numerator" in data and "denominator" in data:
        return Figure(
            int(data["numerator"]),  # type: ignore[call-overload]
            int(data["denominator"]),  # type: ignore[call-overload]
            int(data.get("unclassified", 0)),  # type: ignore[call-overload]
        )
    raise ValueError(f"not a measure's result: {dict(data)!r}")
