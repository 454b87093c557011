"""Local targets and red, amber and green (issue 17, item 4): THE rule, in one place.

A council sets a target for a measure, an amber margin and which way is better (Leicestershire:
repeat child protection plans "RAG rated red against the target of 19%"; York and Central
Bedfordshire report the same way). A figure is compared unrounded (measures.md §0.2: keep
unrounded values for comparisons against targets) with the target:

- **green**: on target or better (higher is better: figure ≥ target; lower: figure ≤ target);
- **amber**: worse than the target by no more than the amber margin;
- **red**: worse than the target by more than the margin;
- no rating when the measure has no figure (no data, or n/a: a zero denominator).

The headline compared is the one people see: a percentage for a percentage (and for FTE
against FTE), a count for a count, a rate for a rate. The words always say the rating, so
colour never carries the meaning alone. Pure Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

__all__ = ["Rating", "Target", "rate"]

Number = int | float | Decimal | Fraction


def _exact(value: Number) -> Fraction:
    return Fraction(repr(value)) if isinstance(value, float) else Fraction(value)


class Rating(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"

    @property
    def label(self) -> str:
        return self.value.capitalize()


def _shown(value: Decimal, percent: bool) -> str:
    text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
    return f"{text}%" if percent else text


@dataclass(frozen=True, slots=True)
class Target:
    """A local target for a measure: `value`, and an `amber_margin` (0 or more) within
    which a figure worse than the target is amber, not red."""

    measure_id: str
    value: Decimal
    amber_margin: Decimal = Decimal(0)
    higher_is_better: bool = True

    def __post_init__(self) -> None:
        if self.amber_margin < 0:
            raise ValueError(f"an amber margin is 0 or more, not {self.amber_margin}")

    def rate(self, figure: Number | None) -> Rating | None:
        """The rating of `figure` (unrounded); None when there is no figure."""
        if figure is None:
            return None
        # How far the figure is worse than the target (0 or less: on target or better).
        worse = _exact(self.value) - _exact(figure)
        if not self.higher_is_better:
            worse = -worse
        if worse <= 0:
            return Rating.GREEN
        if worse <= _exact(self.amber_margin):
            return Rating.AMBER
        return Rating.RED

    def text(self, *, percent: bool = False) -> str:
        """The target in words: "95% or more (amber within 5 below)"."""
        way = "or more" if self.higher_is_better else "or less"
        side = "below" if self.higher_is_better else "above"
        words = f"{_shown(self.value, percent)} {way}"
        if self.amber_margin:
            words += f" (amber within {_shown(self.amber_margin, False)} {side})"
        return words

    def words(self, rating: Rating | None, *, percent: bool = False) -> str:
        """The rating in words, for every reader (not colour alone): "Green: on target
        (95% or more)", "Amber: below the target of 95% by up to 5", "Red: below the target
        of 95% by more than 5", "No rating: no figure"."""
        target = _shown(self.value, percent)
        side = "below" if self.higher_is_better else "above"
        margin = _shown(self.amber_margin, False)
        if rating is None:
            return "No rating: no figure"
        if rating is Rating.GREEN:
            return f"Green: on target ({self.text(percent=percent)})"
        if rating is Rating.AMBER:
            return f"Amber: {side} the target of {target} by up to {margin}"
        if self.amber_margin:
            return f"Red: {side} the target of {target} by more than {margin}"
        return f"Red: {side} the target of {target}"


def rate(target: Target | None, figure: Number | None) -> Rating | None:
    """`target.rate(figure)`, or None without a target."""
    return None if target is None else target.rate(figure)
