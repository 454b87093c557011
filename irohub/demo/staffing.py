"""The IRO workforce of the synthetic council and who reviews whom (pure Python).

A month-by-month simulation: the service recruits when caseloads rise above about 93
children in care per full-time IRO and lets posts go when they fall below about 74, so
caseloads stay near 85; IROs also leave at random (about one in ten a year) and their
children are re-allocated. Brothers and sisters are one family case: whenever any of them
is in care they have the same IRO, and a child coming back into care goes back to their
previous IRO where that IRO is still in post and has room.

Changes of IRO besides leavers, as the councils' reports describe them: long-term absence
(sickness, parental leave: about one IRO in twelve a year, for two to six months), when
colleagues cover the IRO's children and hand them back on the IRO's return, with an agency
IRO hired for the time when nobody else is there to cover; and single re-allocations (a
placement far away, a young person's request, a conflict of interest: about one family in
thirty a year). These draw on their own random numbers, so that the rest of the demo
(care, reviews) is the same council whatever they do.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from irohub.demo.names import staff_name

TARGET_PER_FTE = 85
RECRUIT_ABOVE = 93
SHRINK_BELOW = 74
FLOOR = 65  # a recruit may not take caseloads below this ...
CEILING = 110  # ... unless they have risen above this
TEAM_SIZE = 7
YEARLY_LEAVING = 0.10
YEARLY_ABSENCE = 0.08
ABSENCE_MONTHS = (2, 3, 3, 4, 6)
YEARLY_SINGLE_MOVES = 0.03  # per family
FTE_CHOICES = (Decimal("1.00"), Decimal("0.80"), Decimal("0.60"))
FTE_WEIGHTS = (70, 15, 15)
# Part-time contracts that fit what a small council needs.
FTE_TOP_UPS = (Decimal("0.40"), Decimal("0.50"), Decimal("0.60"), Decimal("0.80"))
TEAM_NAMES = (
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Riverside",
    "Permanence",
    "Valley",
    "Forest",
    "Harbour",
    "Castle",
    "Meadow",
)


@dataclass(slots=True)
class Stint:
    """A child's time needing an IRO: one care period from the day of allocation."""

    child: int
    family: int
    start: date
    end: date | None  # None: still in care at as_of


@dataclass(slots=True)
class IRODraft:
    key: int
    team: int
    fte: Decimal
    start: date
    end: date | None
    first_name: str
    last_name: str
    load: int = 0  # children in care allocated today
    families: dict[int, None] = field(default_factory=dict)  # ordered set
    back_on: date | None = None  # away (long-term absence) until this day
    away_families: list[int] = field(default_factory=list)  # covered while away
    locum: bool = False  # an agency IRO covering an absence, not part of the establishment
    # Each long-term absence: [first day, last day] (last None while it lasts at as_of).
    absences: list[list[date | None]] = field(default_factory=list)

    @property
    def ratio(self) -> float:
        return self.load / float(self.fte)


@dataclass(slots=True)
class Span:
    """A family's IRO from `start` to `end` inclusive (None: still allocated at as_of)."""

    family: int
    iro: int
    start: date
    end: date | None = None


@dataclass
class Workforce:
    iros: list[IRODraft]
    teams: list[str]
    spans: dict[int, list[Span]]  # family -> spans in date order


def _months_after(day: date, months: int) -> date:
    """The first of the month `months` after `day`'s month."""
    month = day.month - 1 + months
    return date(day.year + month // 12, month % 12 + 1, 1)


def _month_starts(first: date, last: date) -> list[date]:
    day = date(first.year, first.month, 1)
    out = []
    while day <= last:
        if day > first:
            out.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return out


class _Service:
    def __init__(self, rng: Random, changes: Random | None = None) -> None:
        self.rng = rng
        self.today = date.min  # the day being simulated
        # Absences, cover and single re-allocations: their own random numbers (see above).
        self.changes = changes or Random(0)
        self.iros: list[IRODraft] = []
        self.active: list[IRODraft] = []
        self.teams: list[str] = []
        self.team_sizes: list[int] = []
        self.spans: dict[int, list[Span]] = {}
        self.family_iro: dict[int, IRODraft] = {}
        self.family_load: dict[int, int] = {}
        self.last_iro: dict[int, IRODraft] = {}
        self.used_names: set[tuple[str, str]] = set()

    # --- workforce -------------------------------------------------------------------
    @property
    def in_care(self) -> int:
        return sum(iro.load for iro in self.active)

    @property
    def fte(self) -> float:
        """The establishment in post: an IRO away stays in it, an agency locum does not."""
        return float(sum(iro.fte for iro in self.active if not iro.locum))

    @property
    def available(self) -> list[IRODraft]:
        """IROs who can take children now (in post and not away)."""
        return [iro for iro in self.active if iro.back_on is None]

    def _fte_for(self, children: int) -> Decimal:
        need = children / TARGET_PER_FTE - self.fte
        if need < 0.9:
            # Fit a part-time post to what is needed so caseloads stay near the target.
            return min(FTE_TOP_UPS, key=lambda f: abs(float(f) - need))
        return self.rng.choices(FTE_CHOICES, weights=FTE_WEIGHTS)[0]

    def hire(self, day: date, fte: Decimal, *, locum: bool = False) -> IRODraft:
        if not self.teams or min(self.team_sizes) >= TEAM_SIZE + 1:
            number, name = divmod(len(self.teams), len(TEAM_NAMES))
            self.teams.append(f"{TEAM_NAMES[name]} Team" + (f" {number + 1}" if number else ""))
            self.team_sizes.append(0)
        team = min(range(len(self.teams)), key=lambda t: (self.team_sizes[t], t))
        self.team_sizes[team] += 1
        while True:
            name = staff_name(self.changes if locum else self.rng)
            if name not in self.used_names:
                self.used_names.add(name)
                break
        iro = IRODraft(len(self.iros), team, fte, day, None, *name, locum=locum)
        self.iros.append(iro)
        self.active.append(iro)
        return iro

    def leave(self, iro: IRODraft, day: date) -> None:
        iro.end = day - timedelta(days=1)
        self.active.remove(iro)
        self.team_sizes[iro.team] -= 1
        if not [i for i in self.active if not i.locum]:
            self.hire(day, self._fte_for(iro.load))
        self.today = day
        for family in list(iro.families):
            self.move(family, self.least_loaded(), day)
        # Children covered while the leaver was away stay with whoever covers them.
        iro.away_families = []
        if iro.back_on is not None and iro.absences:
            iro.absences[-1][1] = iro.end  # away until they left
        iro.back_on = None

    # --- cases ---------------------------------------------------------------------
    def least_loaded(self, exclude: IRODraft | None = None) -> IRODraft:
        choices = [i for i in self.available if i is not exclude]
        if not choices:  # everyone else is away: an agency IRO covers
            choices = [self.hire(self.today, Decimal("1.00"), locum=True)]
        return min(choices, key=lambda i: (i.ratio, i.key))

    def move(self, family: int, to: IRODraft, day: date) -> None:
        old = self.family_iro[family]
        if old is to:
            return
        count = self.family_load[family]
        old.load -= count
        del old.families[family]
        to.load += count
        to.families[family] = None
        self.family_iro[family] = to
        spans = self.spans[family]
        last = spans[-1]
        if last.start == day:
            # Moved twice in one day: only the second move happened.
            spans.pop()
            if spans and spans[-1].iro == to.key and spans[-1].end == day - timedelta(days=1):
                spans[-1].end = None  # straight back to the IRO the family had
            else:
                spans.append(Span(family, to.key, day))
        else:
            last.end = day - timedelta(days=1)
            spans.append(Span(family, to.key, day))

    def child_in(self, family: int, day: date) -> None:
        self.today = day
        if self.family_load.get(family, 0) == 0:
            iro = self._choose_for_family(family)
            self.family_iro[family] = iro
            self.family_load[family] = 0
            iro.families[family] = None
            self.spans.setdefault(family, []).append(Span(family, iro.key, day))
        self.family_load[family] += 1
        self.family_iro[family].load += 1

    def child_out(self, family: int, day: date) -> None:
        iro = self.family_iro[family]
        iro.load -= 1
        self.family_load[family] -= 1
        if self.family_load[family] == 0:
            self.spans[family][-1].end = day - timedelta(days=1)
            del iro.families[family]
            del self.family_iro[family]
            self.last_iro[family] = iro

    def _choose_for_family(self, family: int) -> IRODraft:
        previous = self.last_iro.get(family)
        if previous is not None and previous in self.active and previous.back_on is None:
            mean = self.in_care / self.fte if self.fte else 0.0
            if previous.ratio <= mean * 1.15 + 1:
                return previous
        return self.least_loaded()

    # --- the monthly workforce meeting ----------------------------------------------
    def review_workforce(self, day: date, *, follow_demand: bool) -> None:
        """Leavers, recruits and rebalancing on the first of the month.

        Before the window opens (`follow_demand` false) the service only replaces leavers:
        the children it then had are only those still in care when the window opens, so
        caseloads are light and say nothing about demand.
        """
        rng = self.rng
        self.today = day
        self._absences(day)
        monthly_leaving = 1 - (1 - YEARLY_LEAVING) ** (1 / 12)
        for iro in [i for i in self.active if not i.locum]:
            if (day - iro.start).days > 180 and rng.random() < monthly_leaving:
                self.leave(iro, day)
                if not follow_demand:
                    self.hire(day, iro.fte)
                    self._fill(self.active[-1], day)
        if not follow_demand:
            return
        while self.in_care / self.fte > RECRUIT_ABOVE:
            fte = self._fte_for(self.in_care)
            # In a small service one more post can halve caseloads: tolerate a while longer.
            if self.in_care / (self.fte + float(fte)) < FLOOR and self.in_care / self.fte < CEILING:
                break
            self._fill(self.hire(day, fte), day)
        if self.in_care / self.fte < SHRINK_BELOW:
            self._shrink(day)
        self._rebalance(day)

    def _absences(self, day: date) -> None:
        """Returns from absence, then new absences and single re-allocations."""
        for iro in [i for i in self.active if i.back_on is not None and i.back_on <= day]:
            iro.absences[-1][1] = iro.back_on - timedelta(days=1)
            iro.back_on = None
            for family in iro.away_families:
                if family in self.family_iro:  # still in care: back to their own IRO
                    self.move(family, iro, day)
            iro.away_families = []
        if not any(i.back_on is not None for i in self.active):
            for locum in [i for i in self.active if i.locum]:
                self.leave(locum, day)
        monthly_absence = 1 - (1 - YEARLY_ABSENCE) ** (1 / 12)
        for iro in [i for i in self.active if not i.locum and i.back_on is None]:
            if (day - iro.start).days > 180 and self.changes.random() < monthly_absence:
                months = self.changes.choice(ABSENCE_MONTHS)
                iro.back_on = _months_after(day, months)
                iro.absences.append([day, None])
                iro.away_families = list(iro.families)
                for family in iro.away_families:
                    self.move(family, self.least_loaded(exclude=iro), day)
        monthly_move = 1 - (1 - YEARLY_SINGLE_MOVES) ** (1 / 12)
        for family in list(self.family_iro):
            if self.changes.random() < monthly_move and len(self.available) > 1:
                self.move(family, self.least_loaded(exclude=self.family_iro[family]), day)

    def _shrink(self, day: date) -> None:
        """Let a post go, or (in a small service) replace a leaver on a smaller contract."""
        settled = [i for i in self.active if (day - i.start).days > 365]
        candidates = [
            i
            for i in settled
            if len([i for i in self.active if not i.locum]) > 1
            and self.in_care / (self.fte - float(i.fte)) <= RECRUIT_ABOVE - 3
        ]
        if candidates:
            self.leave(self.rng.choice(candidates), day)
            return
        for iro in sorted(settled, key=lambda i: (-i.fte, i.key)):
            rest = self.fte - float(iro.fte)
            smaller = [
                f
                for f in FTE_TOP_UPS
                if f < iro.fte and FLOOR <= self.in_care / (rest + float(f)) <= RECRUIT_ABOVE
            ]
            if smaller and self.rng.random() < 0.25:  # not every month: people move on
                new = self.hire(day, max(smaller))
                self.leave(iro, day)  # the newcomer, least loaded, takes the cases first
                self._fill(new, day)
                return

    def _fill(self, new: IRODraft, day: date) -> None:
        """Give a new IRO a fair share by moving families from the busiest IROs."""
        mean = self.in_care / self.fte
        for _ in range(10_000):
            busiest = max(self.active, key=lambda i: (i.ratio, -i.key))
            if busiest is new or new.ratio >= mean * 0.95:
                return
            family = self._smallest_family(busiest)
            if family is None:
                return
            self.move(family, new, day)

    def _rebalance(self, day: date) -> None:
        if len(self.active) < 2:
            return
        mean = self.in_care / self.fte
        busiest = max(self.active, key=lambda i: (i.ratio, -i.key))
        if busiest.ratio > 1.3 * mean and len(busiest.families) > 1:
            family = self._smallest_family(busiest)
            if family is not None:
                self.move(family, self.least_loaded(exclude=busiest), day)

    def _smallest_family(self, iro: IRODraft) -> int | None:
        if not iro.families:
            return None
        return min(iro.families, key=lambda f: (self.family_load[f], f))


def simulate_workforce(
    rng: Random, stints: list[Stint], *, history_start: date, window_start: date, as_of: date
) -> Workforce:
    """Run the service from `history_start` to `as_of`.

    The service starts with the team it needs for the children in care on the first day of
    the window; before the window it only replaces leavers, from then on it also recruits
    and lets posts go as the number of children in care changes.
    """
    # The changes' own random numbers, fixed by the council's (without drawing on them).
    service = _Service(rng, Random(repr(rng.getstate()[1][:4])))
    in_care_at_window = sum(
        1 for s in stints if s.start <= window_start and (s.end is None or s.end >= window_start)
    )
    while not service.active or in_care_at_window / service.fte > RECRUIT_ABOVE - 5:
        service.hire(history_start, service._fte_for(in_care_at_window))
    for iro in service.iros:
        # The first team did not all start on one day.
        iro.start = history_start - timedelta(days=rng.randrange(0, 6 * 365))

    # Events: (day, order, sequence, kind, family); leaving care before the monthly
    # meeting, coming into care after it.
    events: list[tuple[date, int, int, str, int]] = []
    for n, stint in enumerate(stints):
        events.append((stint.start, 2, n, "in", stint.family))
        if stint.end is not None:
            events.append((stint.end + timedelta(days=1), 0, n, "out", stint.family))
    for n, day in enumerate(_month_starts(history_start, as_of)):
        events.append((day, 1, n, "month", -1))
    events.sort()
    for day, _, _, kind, family in events:
        if kind == "in":
            service.child_in(family, day)
        elif kind == "out":
            service.child_out(family, day)
        else:
            service.review_workforce(day, follow_demand=day > window_start)

    for spans in service.spans.values():
        if spans[-1].end is not None and spans[-1].end > as_of:
            spans[-1].end = None  # still allocated on as_of
    return Workforce(service.iros, service.teams, service.spans)
