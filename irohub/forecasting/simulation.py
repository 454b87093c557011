"""Simulated futures of a stock (children in care, children on plans, approved households)
from its own history: a stock-and-flow model.

Fitting, on the `window` months before the origin (a month end):
- **entries**: how many spells began in each month and were still open at its end (the
  forecast counts month ends, so a spell that began and ended inside one month never
  shows), and the entrants themselves, to resample;
- **exits**: for each cell (a child's DfE age band and legal status when the care period
  began; a plan's time on the plan; a household's kind), the chance that a spell open at a
  month end has ended by the next: exits over spell-months at risk. A cell with little
  history borrows from all cells together (`PRIOR_MONTHS` of the pooled chance), so one
  rare cell cannot swing the forecast. Children leave care at 18 for certain: those months
  are not chances, they are the rule (`Clock.cap`).

Simulating, `runs` times with one seeded generator (same inputs, same futures):
- each month's entries are a month drawn at random from the window's months (bootstrapped
  flows: busy and quiet months in the proportions the council had), scaled by a
  scenario's change, each entrant one of the window's entrants drawn at random and moved to
  the new month;
- each spell's exit month is drawn from its cell's monthly chance (a geometric draw per run
  of equal chances, exact because a constant monthly chance has no memory).

The band is the spread of the runs at each month end: by default the middle 90%.
"""

from __future__ import annotations

import calendar
import math
import random
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import Enum
from functools import cached_property

from irohub.measures.dimensions import age_on, dfe_age_band

__all__ = [
    "DEFAULT_LEVEL",
    "DEFAULT_RUNS",
    "DEFAULT_SEED",
    "PRIOR_MONTHS",
    "Clock",
    "Flow",
    "Projection",
    "Spell",
    "fit",
    "month_end",
    "month_ends",
    "quantile",
    "simulate",
    "stock_on",
]

DEFAULT_RUNS = 200
DEFAULT_SEED = 17  # any fixed number: the same history gives the same forecast
DEFAULT_LEVEL = 0.9  # the band holds the middle 90% of the simulated futures
PRIOR_MONTHS = 12  # spell-months of the pooled exit chance each cell starts from
POOLED = ("", "*")  # the key of the pooled chance among a run's drawn chances


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_ends(origin: date, first: int, last: int) -> list[date]:
    """The month ends `first`..`last` months after the month of `origin` (0 is its own)."""
    ends = []
    for offset in range(first, last + 1):
        months = origin.year * 12 + origin.month - 1 + offset
        ends.append(month_end(months // 12, months % 12 + 1))
    return ends


@dataclass(frozen=True, slots=True)
class Spell:
    """One stretch in the stock: a care period, a child protection plan or a household's
    approval, from `start` until `end` (not in the stock on `end`; None while open, OQ-14).
    `group` is fixed for the spell (legal status at the start, a household's kind); `born`
    is a child's date of birth (the age band, and leaving care at 18)."""

    start: date
    end: date | None = None
    group: str = ""
    born: date | None = None

    def open_on(self, day: date) -> bool:
        return self.start <= day and (self.end is None or self.end > day)

    def moved(self, days: int) -> Spell:
        """The same spell `days` later (an entrant resampled into another month)."""
        shift = timedelta(days=days)
        return replace(
            self,
            start=self.start + shift,
            end=None,
            born=None if self.born is None else self.born + shift,
        )


class Clock(Enum):
    """What a spell's exit chance depends on besides its group."""

    AGE = "age band"  # children in care: DfE age band on the day; out of care at 18
    TIME_ON_PLAN = "time on plan"  # child protection plans: how long the plan has run
    NONE = "none"  # households: their kind only

    def cell(self, spell: Spell, day: date) -> tuple[str, str]:
        if self is Clock.AGE:
            assert spell.born is not None, "a child's spell needs a date of birth"
            return dfe_age_band(age_on(spell.born, day)), spell.group
        if self is Clock.TIME_ON_PLAN:
            return _time_on_plan((day - spell.start).days), spell.group
        return "", spell.group

    def cap(self, spell: Spell) -> date | None:
        """The day the spell ends by rule: a child's 18th birthday."""
        if self is not Clock.AGE or spell.born is None:
            return None
        born = spell.born
        try:
            return born.replace(year=born.year + 18)
        except ValueError:  # born on 29 February: 18 on 1 March
            return date(born.year + 18, 3, 1)


def _time_on_plan(days: int) -> str:
    # Conferences review a plan at 3 months and then 6-monthly; plans of 2 years and more
    # are a measure of their own (M-CP), so these are the natural steps.
    if days < 91:
        return "under 3 months"
    if days < 365:
        return "3 to 12 months"
    if days < 730:
        return "1 to 2 years"
    return "2 years or more"


@dataclass(frozen=True)
class Flow:
    """A stock fitted at `origin` (a month end): what was in it then, the entries of each of
    the `window` months before, the entrants, and the monthly exit chance of each cell."""

    clock: Clock
    origin: date
    window: int
    stock: tuple[Spell, ...]
    entries: tuple[int, ...]
    entrants: tuple[tuple[date, Spell], ...]  # (the month end it entered by, the spell)
    counts: dict[tuple[str, str], tuple[int, int]]  # cell: (exits, spell-months at risk)
    pooled: float  # all cells together: exits over spell-months at risk

    def chance(self, cell: tuple[str, str]) -> float:
        """The cell's estimated monthly exit chance, drawn toward the pooled one."""
        if cell not in self.counts:
            return self.pooled
        exits, months = self.counts[cell]
        return (exits + PRIOR_MONTHS * self.pooled) / (months + PRIOR_MONTHS)


def stock_on(spells: Sequence[Spell], day: date) -> int:
    return sum(1 for spell in spells if spell.open_on(day))


def fit(spells: Sequence[Spell], clock: Clock, origin: date, window: int = 36) -> Flow:
    """The flow at `origin` from what was known then: only spells begun by `origin`, and
    each open unless it had ended by the day looked at (nothing after `origin` is read)."""
    if window < 1:
        raise ValueError(f"the history window must be a month or more, not {window}")
    ends = month_ends(origin, -window, 0)
    if ends[-1] != origin:
        raise ValueError(f"a forecast starts at a month end, not {origin}")
    exposure: Counter[tuple[str, str]] = Counter()
    exits: Counter[tuple[str, str]] = Counter()
    entries = [0] * window
    entrants: list[tuple[date, Spell]] = []
    known: list[Spell] = []
    for spell in spells:
        if spell.start > origin:
            continue
        if spell.end is not None and spell.end > origin:
            spell = replace(spell, end=None)  # still open as far as the origin knew
        known.append(spell)
        cap = clock.cap(spell)
        for k in range(window):
            before, after = ends[k], ends[k + 1]
            if spell.open_on(before):
                if cap is not None and cap <= after:
                    continue  # leaving at 18 is the rule, not a chance
                cell = clock.cell(spell, before)
                exposure[cell] += 1
                if not spell.open_on(after):
                    exits[cell] += 1
            elif before < spell.start <= after and spell.open_on(after):
                entries[k] += 1
                entrants.append((after, spell))
    at_risk = sum(exposure.values())
    pooled = sum(exits.values()) / at_risk if at_risk else 0.0
    return Flow(
        clock=clock,
        origin=origin,
        window=window,
        stock=tuple(spell for spell in known if spell.open_on(origin)),
        entries=tuple(entries),
        entrants=tuple(entrants),
        counts={cell: (exits[cell], months) for cell, months in exposure.items()},
        pooled=pooled,
    )


@dataclass(frozen=True)
class Projection:
    """The simulated futures of one stock: `paths[r][t]` is run r's count at the end of
    month t+1 after the origin (`months[t]`)."""

    name: str
    origin: date
    months: tuple[date, ...]
    paths: tuple[tuple[int, ...], ...]
    level: float = DEFAULT_LEVEL

    def at(self, t: int) -> list[int]:
        return [path[t] for path in self.paths]

    # Worked out once (the page's table reads them month by month).
    @cached_property
    def median(self) -> list[float]:
        return [quantile(self.at(t), 0.5) for t in range(len(self.months))]

    @cached_property
    def low(self) -> list[float]:
        return [quantile(self.at(t), (1 - self.level) / 2) for t in range(len(self.months))]

    @cached_property
    def high(self) -> list[float]:
        return [quantile(self.at(t), (1 + self.level) / 2) for t in range(len(self.months))]

    def combined(self, other: Projection, weight: Callable[[date], int]) -> Projection:
        """This stock plus `weight(month)` times the other, run by run (the runs are
        independent, so pairing them keeps the spread of the sum honest)."""
        if self.months != other.months or len(self.paths) != len(other.paths):
            raise ValueError("projections combine only over the same months and runs")
        weights = [weight(month) for month in self.months]
        return Projection(
            f"{self.name} and {other.name}",
            self.origin,
            self.months,
            tuple(
                tuple(a + w * b for a, b, w in zip(mine, theirs, weights, strict=True))
                for mine, theirs in zip(self.paths, other.paths, strict=True)
            ),
            self.level,
        )


def quantile(values: Sequence[float], p: float) -> float:
    """The p-quantile by linear interpolation between order statistics (numpy's default)."""
    if not values:
        raise ValueError("no values")
    ordered = sorted(values)
    where = p * (len(ordered) - 1)
    below = math.floor(where)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (where - below)


def simulate(
    flow: Flow,
    *,
    name: str,
    horizon: int,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    level: float = DEFAULT_LEVEL,
    entry_factor: Callable[[date], float] = lambda _month: 1.0,
) -> Projection:
    """`runs` futures of the stock for `horizon` months after the flow's origin. Entries in
    a month are multiplied by `entry_factor(month end)` (a scenario's rise or fall)."""
    if not 1 <= horizon <= 120:
        raise ValueError(f"a forecast runs 1 to 120 months ahead, not {horizon}")
    if runs < 1:
        raise ValueError(f"a forecast needs one run or more, not {runs}")
    if not 0 < level < 1:
        raise ValueError(f"the band's level is between 0 and 1, not {level}")
    ends = month_ends(flow.origin, 0, horizon)  # ends[t]: the end of month t (0: origin)
    factors = [entry_factor(day) for day in ends]
    rng = random.Random(seed)
    stock_cells = [_cells(flow, spell, ends) for spell in flow.stock]
    entrant_cells: dict[tuple[int, int], tuple[list[tuple[int, tuple[str, str]]], int]] = {}
    paths = []
    for _ in range(runs):
        # Each run redraws what history only estimates: the exit chance of each cell (from
        # its exits and months at risk) and the entries (the window's months resampled).
        stays = _drawn_stays(flow, rng)
        pool = [rng.choice(flow.entries) for _ in flow.entries]
        change = [0] * (horizon + 2)  # +1 at the month a spell is first counted, -1 after
        for cells, leaves_by in stock_cells:
            change[0] += 1
            change[_exit_month(cells, stays, leaves_by, horizon, rng)] -= 1
        for t in range(1, horizon + 1):
            if not pool or not flow.entrants:
                break
            expected = rng.choice(pool) * factors[t]
            count = math.floor(expected) + (rng.random() < expected - math.floor(expected))
            for _ in range(count):
                pick = rng.randrange(len(flow.entrants))
                key = (pick, t)
                if key not in entrant_cells:
                    entered, spell = flow.entrants[pick]
                    moved = spell.moved((ends[t] - entered).days)
                    entrant_cells[key] = _cells(flow, moved, ends, first=t)
                cells, leaves_by = entrant_cells[key]
                if leaves_by <= t:
                    continue  # would be 18 by the month's end: never counted
                change[t] += 1
                change[_exit_month(cells, stays, leaves_by, horizon, rng)] -= 1
        path, count = [], 0
        for t in range(horizon + 1):
            count += change[t]
            if t:
                path.append(count)
        paths.append(tuple(path))
    return Projection(name, flow.origin, tuple(ends[1:]), tuple(paths), level)


def _drawn_stays(flow: Flow, rng: random.Random) -> dict[tuple[str, str], float]:
    """Each cell's monthly exit chance drawn from what its history allows (a beta
    distribution with its exits and stays, plus the pooled prior, as its two counts), kept
    as log(1 − chance): the geometric draw's divisor, worked out once a run."""
    drawn = {POOLED: _stay(flow.pooled)}
    for cell, (exits, months) in flow.counts.items():
        a = exits + PRIOR_MONTHS * flow.pooled
        b = months - exits + PRIOR_MONTHS * (1 - flow.pooled)
        drawn[cell] = _stay(0.0 if a <= 0 else 1.0 if b <= 0 else rng.betavariate(a, b))
    return drawn


def _stay(chance: float) -> float:
    """log(1 − chance): 0 for no chance (or one too small to move a float, a beta draw of
    1e-17), −inf for a certain exit."""
    return -math.inf if chance >= 1 else math.log1p(-chance)


def _cells(
    flow: Flow, spell: Spell, ends: list[date], first: int = 0
) -> tuple[list[tuple[int, tuple[str, str]]], int]:
    """A spell counted at the end of month `first`: its cell for each later month, as runs
    of (first month, cell), and the month at whose end it is out by rule (a month after the
    horizon when none)."""
    horizon = len(ends) - 1
    cap = flow.clock.cap(spell)
    leaves_by = horizon + 1
    if cap is not None:
        leaves_by = next((t for t in range(first, horizon + 1) if cap <= ends[t]), horizon + 1)
    runs_of: list[tuple[int, tuple[str, str]]] = []
    for t in range(first + 1, min(leaves_by, horizon + 1)):
        cell = flow.clock.cell(spell, ends[t - 1])
        if not runs_of or runs_of[-1][1] != cell:
            runs_of.append((t, cell))
    return runs_of, leaves_by


def _exit_month(
    runs_of: list[tuple[int, tuple[str, str]]],
    stays: dict[tuple[str, str], float],
    leaves_by: int,
    horizon: int,
    rng: random.Random,
) -> int:
    """The month at whose end the spell is first out (horizon + 1: still in at the end)."""
    end = min(leaves_by, horizon + 1)
    for i, (first, cell) in enumerate(runs_of):
        stay = stays.get(cell)
        if stay is None:
            stay = stays[POOLED]
        if stay == 0:
            continue  # no chance of leaving in this run of months
        # Months survived before the exit: geometric, P(survive n months) = (1 - chance)^n.
        survived = 0 if stay == -math.inf else math.floor(math.log(1.0 - rng.random()) / stay)
        last = runs_of[i + 1][0] - 1 if i + 1 < len(runs_of) else end - 1
        if first + survived <= last:
            return first + survived
    return end
