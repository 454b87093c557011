"""Back-testing: a forecast made from the history up to an earlier month end, set beside what
then happened, so a manager can judge how far to trust today's forecast.

The error is the mean absolute percentage error of the middle of the forecast (months
whose actual figure is 0 have no percentage and are left out), and the share of months
whose actual figure fell inside the band.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from irohub.forecasting.simulation import Projection

__all__ = ["BackTest", "BackTestMonth", "compare"]


@dataclass(frozen=True, slots=True)
class BackTestMonth:
    month: date
    actual: int
    forecast: float  # the middle of the forecast
    low: float
    high: float

    @property
    def inside(self) -> bool:
        return self.low <= self.actual <= self.high

    @property
    def error(self) -> float:
        """Forecast less actual: positive when the forecast was too high."""
        return self.forecast - self.actual

    @property
    def percentage_error(self) -> float | None:
        """|forecast − actual| ÷ actual × 100 (None when the actual is 0)."""
        return abs(self.error) / self.actual * 100 if self.actual else None


@dataclass(frozen=True)
class BackTest:
    name: str
    origin: date
    months: tuple[BackTestMonth, ...]

    @property
    def mape(self) -> float | None:
        """The mean absolute percentage error over the months with an actual above 0."""
        errors = [m.percentage_error for m in self.months if m.percentage_error is not None]
        return sum(errors) / len(errors) if errors else None

    @property
    def inside(self) -> int:
        return sum(1 for m in self.months if m.inside)

    @property
    def coverage(self) -> float | None:
        """The share of months whose actual fell inside the band (0 to 1)."""
        return self.inside / len(self.months) if self.months else None


def compare(projection: Projection, actual: Sequence[tuple[date, int]]) -> BackTest:
    """The projection's months that have an actual figure, each beside it."""
    known = dict(actual)
    months = tuple(
        BackTestMonth(month, known[month], middle, low, high)
        for month, middle, low, high in zip(
            projection.months, projection.median, projection.low, projection.high, strict=True
        )
        if month in known
    )
    return BackTest(projection.name, projection.origin, months)
