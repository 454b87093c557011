"""Care periods and their episode chains for the synthetic council (pure Python).

A care period is planned once for a family (siblings come into care together, share the
court timetable and usually go home together) and then realised for each child: the legal
status path, placement moves and the way the period ends, clipped at the 18th birthday.
Chains follow SSDA903: the first episode has RNE S, every later episode starts the day the
previous one ended (REC X1 on it), and the RNE says what changed (L, P, T, B or U).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from random import Random

from irohub.statutory import add_years

ONE_DAY = timedelta(days=1)
FAR_FUTURE = date(2999, 12, 31)
# Supported accommodation became regulated (K3) on 28 October 2023; before that 16- and
# 17-year-olds lived in semi-independent accommodation (H5).
SUPPORTED_ACCOMMODATION_FROM = date(2023, 10, 28)
FOSTER = frozenset({"U1", "U2", "U3", "U4", "U5", "U6"})
KIN_FOSTER = frozenset({"U1", "U2", "U3"})
ADOPTION = frozenset({"A3", "A4", "A5", "A6"})
# Periods ending like this may be followed by a return to care.
RETURN_HOME_REASONS = frozenset({"E4A", "E4B", "E13", "E41", "E14", "E8"})
STABLE_PLACEMENTS = ADOPTION | {"P1", "R5", "K1"}


def days(n: float) -> timedelta:
    return timedelta(days=int(n))


def weighted(rng: Random, table: dict[str, float]) -> str:
    """A key of `table` drawn with probability proportional to its weight (one draw)."""
    x = rng.random() * sum(table.values())
    for code, weight in table.items():
        x -= weight
        if x < 0:
            return code
    return code  # rounding at the very top end


def lognormal_days(rng: Random, median: float, sigma: float, low: int, high: int) -> int:
    return max(low, min(high, int(rng.lognormvariate(math.log(median), sigma))))


@dataclass(slots=True)
class EpisodeDraft:
    start: date
    rne: str
    legal_status: str
    placement: str
    provider: str
    urn: str
    category_of_need: str
    end: date | None = None
    reason_ceased: str = ""
    reason_place_change: str = ""


@dataclass(slots=True)
class PeriodDraft:
    start: date
    end: date | None
    reason_ceased: str
    episodes: list[EpisodeDraft]
    adoption_placed: date | None = None  # prompts an early review (AAR 2005 reg 36)

    @property
    def short_break(self) -> bool:
        return all(e.legal_status in ("V3", "V4") for e in self.episodes)


@dataclass(frozen=True, slots=True)
class ChildFacts:
    dob: date
    sex: str
    disabled: bool
    uasc: bool

    @property
    def birthday_16(self) -> date:
        return add_years(self.dob, 16)

    @property
    def birthday_18(self) -> date:
        return add_years(self.dob, 18)

    def age_on(self, day: date) -> int:
        years = day.year - self.dob.year
        return years - 1 if (day.month, day.day) < (self.dob.month, self.dob.day) else years


@dataclass(slots=True)
class PeriodPlan:
    """What a family's care period looks like, decided once for the siblings together."""

    start: date
    route: str  # court, s20, remand, uasc
    category_of_need: str
    prelude: str | None = None  # L1, L2 or V2 before the interim care order
    prelude_end: date | None = None
    hearing: date | None = None  # final hearing of care proceedings
    outcome: str = "home"  # court: home, sgo, adopt, longterm; s20: home, court, to18
    exit_date: date | None = None
    exit_reason: str = ""
    with_parents_until: date | None = None  # placed with parents on a care order first
    adoption_placement: date | None = None
    adoption_order: date | None = None
    never_placed_until: date | None = None  # adoption plan changed to long-term fostering
    remand_then: str = ""  # E14, E9 or V2 (stays accommodated)


@dataclass
class ProviderPools:
    """Ofsted URNs of the settings the council uses (invented, fixed per council)."""

    own_fostering: str
    own_adoption: str
    agencies: list[str] = field(default_factory=list)
    homes: list[str] = field(default_factory=list)
    supported: list[str] = field(default_factory=list)
    secure: list[str] = field(default_factory=list)
    family_centres: list[str] = field(default_factory=list)
    schools: list[str] = field(default_factory=list)
    adoption_agencies: list[str] = field(default_factory=list)

    @classmethod
    def invent(cls, rng: Random) -> ProviderPools:
        numbers = iter(rng.sample(range(500000, 999999), 80))

        def sc(k: int) -> list[str]:
            return [f"SC{next(numbers)}" for _ in range(k)]

        return cls(
            own_fostering=sc(1)[0],
            own_adoption=sc(1)[0],
            agencies=sc(12),
            homes=sc(25),
            supported=sc(10),
            secure=sc(3),
            family_centres=sc(3),
            schools=[str(1000000 + rng.randrange(8999999)) for _ in range(4)],
            adoption_agencies=sc(4),
        )


def provider_and_urn(rng: Random, placement: str, pools: ProviderPools) -> tuple[str, str]:
    """PLACE_PROVIDER and URN for a new placement (URN left blank where the return forbids
    it: P1, R1, R5 and temporary placements)."""
    if placement == "P1":
        return "PR0", ""
    if placement in KIN_FOSTER:
        return ("PR1" if rng.random() < 0.95 else "PR2"), pools.own_fostering
    if placement in FOSTER:
        provider = weighted(rng, {"PR1": 55, "PR4": 40, "PR5": 5})
        urn = pools.own_fostering if provider == "PR1" else rng.choice(pools.agencies)
        return provider, urn
    if placement in ADOPTION:
        provider = weighted(rng, {"PR1": 60, "PR2": 25, "PR5": 15})
        urn = pools.own_adoption if provider == "PR1" else rng.choice(pools.adoption_agencies)
        return provider, urn
    if placement == "K2":
        return weighted(rng, {"PR4": 75, "PR1": 20, "PR5": 5}), rng.choice(pools.homes)
    if placement == "K1":
        return weighted(rng, {"PR1": 50, "PR2": 50}), rng.choice(pools.secure)
    if placement in ("K3", "H5"):
        return weighted(rng, {"PR4": 70, "PR5": 25, "PR1": 5}), rng.choice(pools.supported)
    if placement == "R3":
        return weighted(rng, {"PR4": 60, "PR5": 40}), rng.choice(pools.family_centres)
    if placement == "S1":
        return weighted(rng, {"PR4": 60, "PR5": 40}), rng.choice(pools.schools)
    if placement == "R1":
        return weighted(rng, {"PR4": 70, "PR5": 30}), ""
    if placement == "R5":
        return "PR3", ""
    return "", ""


def supported_accommodation(day: date) -> str:
    return "K3" if day >= SUPPORTED_ACCOMMODATION_FROM else "H5"


def draw_placement(rng: Random, child: ChildFacts, day: date, legal_status: str) -> str:
    """A placement type fit for the child's age and legal status on `day`."""
    age = child.age_on(day)
    if legal_status == "J1":
        return weighted(rng, {"U6": 30, "K2": 35, "K1": 10, "R5": 25})
    if age < 1:
        table = {"U6": 52, "U3": 22, "U5": 6, "R3": 8, "P1": 4}
    elif age < 5:
        table = {"U6": 55, "U3": 24, "U4": 8, "U1": 4, "U5": 3, "P1": 5}
    elif age < 12:
        table = {"U6": 46, "U3": 13, "U4": 18, "U1": 7, "K2": 7, "P1": 5}
    elif age < 16:
        table = {"U6": 36, "U3": 7, "U4": 15, "U1": 5, "K2": 31, "P1": 5, "K1": 1}
    else:
        table = {"U6": 23, "U3": 4, "U4": 12, "U1": 4, "K2": 18, "SA": 36, "P1": 3}
    if child.disabled:
        table["R1"] = 4
        if age >= 4:
            table["S1"] = 3
    if legal_status not in ("C1", "C2"):
        table.pop("P1", None)  # placed with parents needs an order (903 rule 378)
    code = weighted(rng, table)
    return supported_accommodation(day) if code == "SA" else code


def reason_at_18(rng: Random, placement: str, disabled: bool) -> str:
    if placement in FOSTER:
        return weighted(rng, {"E17": 45, "E5": 25, "E6": 5, "E8": 25})
    if placement in ("K3", "H5"):
        return weighted(rng, {"E5": 60, "E6": 25, "E8": 15})
    if placement in ("K2", "K1"):
        table = {"E5": 50, "E6": 10, "E8": 35}
        if disabled:
            table["E7"] = 25
        return weighted(rng, table)
    if placement in ("R1", "S1"):
        return weighted(rng, {"E7": 50, "E8": 50})
    return "E8"


def sgo_reason(rng: Random, placement: str) -> str:
    # E45/E46 need a U1-U6 placement (903 rule 516).
    if placement in KIN_FOSTER:
        return weighted(rng, {"E45": 75, "E47": 25})
    if placement in FOSTER:
        return weighted(rng, {"E46": 30, "E47": 50, "E48": 20})
    return weighted(rng, {"E47": 70, "E48": 30})


PLACE_CHANGE_REASONS = {
    "CARPL": 34,
    "CREQB": 14,
    "CREQO": 12,
    "CHILD": 8,
    "LAREQ": 8,
    "STAND": 3,
    "ALLEG": 3,
    "CLOSE": 5,
    "APPRR": 1,
    "OTHER": 12,
}


class Chain:
    """An episode chain being built forwards in time."""

    def __init__(
        self,
        rng: Random,
        pools: ProviderPools,
        child: ChildFacts,
        start: date,
        legal_status: str,
        placement: str,
        category_of_need: str,
    ) -> None:
        self.rng = rng
        self.pools = pools
        self.child = child
        provider, urn = provider_and_urn(rng, placement, pools)
        self.episodes = [
            EpisodeDraft(start, "S", legal_status, placement, provider, urn, category_of_need)
        ]

    @property
    def last(self) -> EpisodeDraft:
        return self.episodes[-1]

    def change(
        self,
        day: date,
        *,
        legal_status: str | None = None,
        placement: str | None = None,
        same_carer: bool = False,
        reason: str | None = None,
    ) -> None:
        """Start a new episode on `day` (the caller keeps `day` after the last start)."""
        last = self.last
        new_ls = legal_status or last.legal_status
        if placement is None and last.placement == "P1" and new_ls not in ("C1", "C2"):
            placement, reason = "U6", "CARPL"  # placed with parents needs a care order
        ls_changed = new_ls != last.legal_status
        place_changed = placement is not None and (placement != last.placement or not same_carer)
        if not (ls_changed or place_changed):
            return
        if ls_changed and place_changed:
            rne = "U" if same_carer else "B"
        elif ls_changed:
            rne = "L"
        else:
            rne = "T" if same_carer else "P"
        new_place = placement if place_changed and placement else last.placement
        if place_changed and same_carer and last.provider not in ("", "PR0"):
            provider, urn = last.provider, last.urn  # same carer, same provider
            if new_place in ADOPTION and provider == "PR1":
                urn = self.pools.own_adoption
        elif place_changed:
            provider, urn = provider_and_urn(self.rng, new_place, self.pools)
        else:
            provider, urn = last.provider, last.urn
        last.end = day
        last.reason_ceased = "X1"
        if place_changed:
            last.reason_place_change = reason or weighted(self.rng, PLACE_CHANGE_REASONS)
        self.episodes.append(
            EpisodeDraft(day, rne, new_ls, new_place, provider, urn, last.category_of_need)
        )


Step = Callable[[Chain, date], None]


def plan_period(rng: Random, start: date, youngest: ChildFacts, kind: str) -> PeriodPlan:
    """Decide the shape of a care period for a family whose youngest child is `youngest`."""
    age = youngest.age_on(start)
    if kind == "uasc":
        return _plan_uasc(rng, start)
    cin = weighted(
        rng,
        {
            "N1": 64,
            "N2": 3 + (20 if youngest.disabled else 0),
            "N3": 4,
            "N4": 9,
            "N5": 14,
            "N6": 3 if age >= 10 else 0,
            "N7": 0.5,
            "N8": 2.5,
        },
    )
    if age < 5:
        route = weighted(rng, {"court": 70, "s20": 30})
    elif age < 10:
        route = weighted(rng, {"court": 50, "s20": 50})
    elif age < 16:
        route = weighted(rng, {"court": 45, "s20": 52, "remand": 3 if age >= 12 else 0})
    else:
        route = weighted(rng, {"court": 6, "s20": 89, "remand": 5})
    plan = PeriodPlan(start=start, route=route, category_of_need=cin)
    if route == "court":
        _plan_court(rng, plan, youngest, start)
    elif route == "s20":
        _plan_s20(rng, plan, youngest, age)
    else:
        plan.category_of_need = "N6"
        plan.exit_date = start + days(lognormal_days(rng, 35, 0.8, 2, 180))
        plan.remand_then = weighted(rng, {"E14": 60, "E9": 15, "V2": 25})
        if plan.remand_then == "V2":
            plan.outcome = weighted(rng, {"home": 55, "to18": 45})
            plan.hearing = plan.exit_date + days(lognormal_days(rng, 150, 0.9, 7, 1500))
            plan.exit_reason = weighted(rng, {"E4A": 50, "E4B": 20, "E13": 20, "E8": 10})
    return plan


def _plan_court(rng: Random, plan: PeriodPlan, youngest: ChildFacts, start: date) -> None:
    age = youngest.age_on(start)
    prelude = weighted(
        rng,
        {"": 70 if age < 5 else 60, "V2": 20 if age < 5 else 33, "L1": 5, "L2": 3},
    )
    icos_from = start
    if prelude:
        plan.prelude = prelude
        length = {"V2": rng.randint(14, 150), "L1": rng.randint(1, 3), "L2": rng.randint(5, 21)}[
            prelude
        ]
        plan.prelude_end = start + days(length)
        icos_from = plan.prelude_end
    # Care proceedings aim for 26 weeks; many take longer.
    plan.hearing = icos_from + days(max(110, min(700, rng.gauss(240, 70))))
    age_at_hearing = youngest.age_on(plan.hearing)
    if age_at_hearing < 2:
        outcomes = {"adopt": 45, "sgo": 22, "home": 14, "longterm": 19}
    elif age_at_hearing < 5:
        outcomes = {"adopt": 22, "sgo": 27, "home": 21, "longterm": 30}
    elif age_at_hearing < 10:
        outcomes = {"sgo": 22, "home": 28, "longterm": 50}
    else:
        outcomes = {"sgo": 8, "home": 30, "longterm": 62}
    plan.outcome = weighted(rng, outcomes)
    if plan.outcome == "home":
        plan.exit_reason = weighted(rng, {"E4A": 72, "E13": 10, "E41": 18})
        plan.exit_date = plan.hearing
        if rng.random() < 0.35:
            plan.with_parents_until = plan.hearing + days(rng.randint(90, 400))
            plan.exit_date = plan.with_parents_until
            plan.exit_reason = "E4A"
    elif plan.outcome == "sgo":
        plan.exit_date = plan.hearing
    elif plan.outcome == "adopt":
        if rng.random() < 0.08:
            plan.never_placed_until = plan.hearing + days(rng.randint(360, 720))
        else:
            plan.adoption_placement = plan.hearing + days(rng.randint(60, 330))
            plan.adoption_order = plan.adoption_placement + days(rng.randint(150, 420))
            plan.exit_date = plan.adoption_order
            plan.exit_reason = weighted(rng, {"E11": 65, "E12": 35})


def _plan_s20(rng: Random, plan: PeriodPlan, youngest: ChildFacts, age: int) -> None:
    if age < 10:
        outcomes = {"home": 65, "court": 35}
        median = 50
    elif age < 14:
        outcomes = {"home": 74, "court": 16, "to18": 10}
        median = 120
    elif age < 16:
        outcomes = {"home": 72, "court": 10, "to18": 18}
        median = 120
    else:
        outcomes = {"home": 55, "court": 5, "to18": 40}
        median = 60
    plan.outcome = weighted(rng, outcomes)
    if plan.outcome == "home":
        plan.exit_date = plan.start + days(lognormal_days(rng, median, 1.0, 2, 1200))
        plan.exit_reason = weighted(
            rng, {"E4A": 55, "E4B": 15, "E13": 14, "E8": 8, "E3": 4, "E41": 4}
        )
    elif plan.outcome == "court":
        # Accommodated first, then care proceedings: the period carries on (RNE L).
        plan.prelude = "V2"
        plan.prelude_end = plan.start + days(rng.randint(20, 180))
        sub = PeriodPlan(start=plan.start, route="court", category_of_need=plan.category_of_need)
        _plan_court(rng, sub, youngest, plan.start)
        plan.hearing = plan.prelude_end + days(max(110, min(700, rng.gauss(240, 70))))
        shift = plan.hearing - (sub.hearing or plan.hearing)
        plan.outcome = sub.outcome
        plan.exit_reason = sub.exit_reason
        plan.route = "court"

        def moved(day: date | None) -> date | None:
            return None if day is None else day + shift

        plan.exit_date = moved(sub.exit_date)
        plan.with_parents_until = moved(sub.with_parents_until)
        plan.adoption_placement = moved(sub.adoption_placement)
        plan.adoption_order = moved(sub.adoption_order)
        plan.never_placed_until = moved(sub.never_placed_until)


def _plan_uasc(rng: Random, start: date) -> PeriodPlan:
    plan = PeriodPlan(
        start=start,
        route="uasc",
        category_of_need="N8" if rng.random() < 0.9 else "N1",
        outcome="to18",
    )
    ending = weighted(rng, {"to18": 83, "E15": 5, "E3": 6, "E8": 5, "E16": 1})
    if ending != "to18":
        plan.outcome = "early"
        plan.exit_reason = ending
        low, high = {"E15": (30, 240), "E3": (7, 60), "E8": (20, 400), "E16": (60, 500)}[ending]
        plan.exit_date = start + days(rng.randint(low, high))
    return plan


def realise_period(
    rng: Random, plan: PeriodPlan, child: ChildFacts, pools: ProviderPools
) -> PeriodDraft:
    """The child's own care period under the family plan, ending by the 18th birthday."""
    start = plan.start
    steps: list[tuple[date, int, Step]] = []
    end: date | None = None
    reason: str | Callable[[Chain], str] = ""
    adoption_placed: date | None = None
    b16, b18 = child.birthday_16, child.birthday_18

    def add(day: date | None, step: Step, priority: int = 0) -> None:
        if day is not None:
            steps.append((day, priority, step))

    if plan.route == "uasc":
        first_ls = "V2"
        first_place = (
            weighted(rng, {"SA": 60, "U6": 30, "K2": 10})
            if child.age_on(start) >= 16
            else weighted(rng, {"U6": 80, "K2": 20})
        )
        if first_place == "SA":
            first_place = supported_accommodation(start)
        if plan.outcome == "early":
            end, reason = plan.exit_date, plan.exit_reason
    elif plan.route == "remand":
        first_ls = "J1"
        first_place = draw_placement(rng, child, start, "J1")
        if plan.remand_then in ("E14", "E9"):
            end, reason = plan.exit_date, plan.remand_then
        else:
            add(
                plan.exit_date,
                lambda chain, day: chain.change(
                    day,
                    legal_status="V2",
                    placement=draw_placement(rng, child, day, "V2"),
                    reason="CARPL",
                ),
            )
            if plan.outcome == "home":
                end, reason = plan.hearing, plan.exit_reason
    elif plan.route == "s20":
        first_ls = "V2"
        first_place = draw_placement(rng, child, start, "V2")
        if plan.outcome == "home":
            end, reason = plan.exit_date, plan.exit_reason
    else:  # court
        first_ls = plan.prelude or "C1"
        first_place = draw_placement(rng, child, start, first_ls)
        if first_ls in ("L1", "L2") or first_place == "P1":
            first_place = "U6" if first_ls != "L1" or rng.random() < 0.8 else "K2"
        if plan.outcome == "adopt" and child.age_on(start) < 1 and rng.random() < 0.4:
            first_place = "U5"  # fostering for adoption
        add(plan.prelude_end, lambda chain, day: chain.change(day, legal_status="C1"), -1)
        end, reason = _court_outcome(rng, plan, child, add)
        if plan.outcome == "adopt" and child.age_on(plan.hearing or start) < 5:
            adoption_placed = plan.adoption_placement

    if first_place == "R3":
        # Mother and baby placements are assessments lasting weeks, not months.
        add(
            start + days(rng.randint(50, 120)),
            lambda chain, day: chain.change(
                day,
                placement=weighted(rng, {"U6": 60, "U3": 25, "U5": 15}),
                reason="CARPL",
            ),
        )

    # Many young people move to supported accommodation in the year after turning 16.
    if start < b16 and rng.random() < (0.55 if child.uasc else 0.3):
        add(b16 + days(rng.randint(0, 330)), _move_to_supported, 1)
    if child.uasc and start >= b16 and first_place not in ("H5", "K3") and rng.random() < 0.5:
        add(start + days(rng.randint(30, 300)), _move_to_supported, 1)
    # Supported accommodation became a regulated placement type on 28 October 2023.
    add(SUPPORTED_ACCOMMODATION_FROM, _regulated_supported, 2)

    hard_end = min(end or FAR_FUTURE, b18)
    _add_moves(rng, child, start, hard_end, add)
    chain = Chain(rng, pools, child, start, first_ls, first_place, plan.category_of_need)
    steps.sort(key=lambda s: (s[0], s[1]))
    for day, _, step in steps:
        when = max(day, chain.last.start + ONE_DAY)
        if when >= hard_end:
            continue
        step(chain, when)
    if end is None or end >= b18:
        final_reason = reason_at_18(rng, chain.last.placement, child.disabled)
        final_end = b18
    else:
        final_end = end
        final_reason = reason(chain) if callable(reason) else reason
    chain.last.end = final_end
    chain.last.reason_ceased = final_reason
    if adoption_placed is not None and adoption_placed >= final_end:
        adoption_placed = None
    return PeriodDraft(start, final_end, final_reason, chain.episodes, adoption_placed)


def _court_outcome(
    rng: Random,
    plan: PeriodPlan,
    child: ChildFacts,
    add: Callable[..., None],
) -> tuple[date | None, str | Callable[[Chain], str]]:
    hearing = plan.hearing
    assert hearing is not None
    outcome = plan.outcome
    if outcome == "adopt" and child.age_on(hearing) >= 5:
        outcome = "longterm"  # an older sibling stays in long-term foster care
    if outcome == "home":
        if plan.with_parents_until is not None:
            add(
                hearing,
                lambda chain, day: chain.change(
                    day, legal_status="C2", placement="P1", reason="CARPL"
                ),
            )
        return plan.exit_date, plan.exit_reason
    if outcome == "sgo":
        return hearing, lambda chain: sgo_reason(rng, chain.last.placement)
    if outcome == "adopt":
        add(hearing, lambda chain, day: chain.change(day, legal_status="E1"))
        if plan.never_placed_until is not None:
            add(
                plan.never_placed_until,
                lambda chain, day: chain.change(
                    day,
                    legal_status="C2",
                    placement="U4",
                    same_carer=chain.last.placement in ("U4", "U5", "U6"),
                    reason="CARPL",
                ),
            )
            return _long_term_exit(rng, plan.never_placed_until, child)
        add(plan.adoption_placement, _place_for_adoption, 3)
        return plan.exit_date, plan.exit_reason
    # Long-term: a care order, often with the same carers becoming long-term carers.
    add(hearing, _long_term_order)
    return _long_term_exit(rng, hearing, child)


def _long_term_order(chain: Chain, day: date) -> None:
    current = chain.last.placement
    rng = chain.rng
    if current in ("U6", "U5") and rng.random() < 0.45:
        chain.change(day, legal_status="C2", placement="U4", same_carer=True, reason="PLACE")
    elif current == "U3" and rng.random() < 0.5:
        chain.change(day, legal_status="C2", placement="U1", same_carer=True, reason="PLACE")
    else:
        chain.change(day, legal_status="C2")


def _place_for_adoption(chain: Chain, day: date) -> None:
    # Fostering-for-adoption carers adopt; now and then other foster carers do too.
    current = chain.last.placement
    if current == "U5" or (current in FOSTER and chain.rng.random() < 0.1):
        chain.change(day, placement="A5", same_carer=True, reason="CARPL")
    else:
        chain.change(day, placement="A6", reason="CARPL")


def _long_term_exit(
    rng: Random, since: date, child: ChildFacts
) -> tuple[date | None, str | Callable[[Chain], str]]:
    """Leaving long-term care early: special guardianship, home, or another order."""
    age = child.age_on(since)
    hazards = {
        "sgo": 0.06 if age < 13 else 0.0,
        "home": 0.03,
        "E13": 0.008,
        "E41": 0.006,
        "E3": 0.004,
    }
    best: tuple[float, str] | None = None
    for kind, yearly in hazards.items():
        if yearly:
            after = rng.expovariate(yearly) * 365.25
            if best is None or after < best[0]:
                best = (after, kind)
    assert best is not None
    when = since + days(best[0] + 1)
    if when >= child.birthday_18:
        return None, ""
    kind = best[1]
    if kind == "sgo":
        return when, lambda chain: sgo_reason(rng, chain.last.placement)
    if kind == "home":
        return when, "E4A"
    return when, kind


def _move_to_supported(chain: Chain, day: date) -> None:
    if chain.last.placement in STABLE_PLACEMENTS | {"H5", "K3"}:
        return
    if chain.last.legal_status == "J1":
        return
    chain.change(day, placement=supported_accommodation(day), reason="CARPL")


def _regulated_supported(chain: Chain, day: date) -> None:
    if day == SUPPORTED_ACCOMMODATION_FROM and chain.last.placement == "H5":
        chain.change(day, placement="K3", same_carer=True, reason="PLACE")


def _add_moves(
    rng: Random, child: ChildFacts, start: date, end: date, add: Callable[..., None]
) -> None:
    """Placement moves as a Poisson process whose rate rises in adolescence. Moves are
    concentrated in a minority of children: most settle, a few move again and again
    (nationally about 10% have three or more placements in a year, while about 70% of
    long-stay under-16s have been in the same placement for two years)."""
    settles = rng.random() < 0.75
    factor = 0.25 if settles else 3.5
    day = start
    while True:
        age = child.age_on(day)
        yearly = factor * (0.3 if age < 5 else 0.35 if age < 12 else 0.75 if age < 16 else 0.6)
        day = day + days(1 + rng.expovariate(yearly) * 365.25)
        if day >= end:
            return
        add(day, _random_move, 5)


def _random_move(chain: Chain, day: date) -> None:
    last = chain.last
    if last.placement in STABLE_PLACEMENTS or last.legal_status in ("V3", "V4"):
        return
    if day - last.start < timedelta(days=14):
        return  # a move straight after another change is folded into it
    placement = draw_placement(chain.rng, chain.child, day, last.legal_status)
    same_type_same_carer = placement == last.placement and chain.rng.random() < 0.15
    chain.change(
        day,
        placement=placement,
        same_carer=same_type_same_carer,
        reason="PLACE" if same_type_same_carer else None,
    )


def short_break_periods(
    rng: Random, first_start: date, child: ChildFacts, pools: ProviderPools
) -> list[PeriodDraft]:
    """A disabled child's short breaks: V4 agreements (usually) or V3 single breaks."""
    periods: list[PeriodDraft] = []
    b18 = child.birthday_18
    placement = weighted(rng, {"U6": 35, "U4": 15, "K2": 40, "R1": 10})
    provider, urn = provider_and_urn(rng, placement, pools)
    day = first_start
    if rng.random() < 0.8:
        legal_status, count = "V4", rng.randint(1, 3)
        lengths = [(rng.randint(250, 365), rng.randint(1, 40)) for _ in range(count)]
    else:
        legal_status, count = "V3", rng.randint(4, 10)
        lengths = [(rng.randint(2, 7), rng.randint(14, 70)) for _ in range(count)]
    for length, gap in lengths:
        end = min(day + days(length), b18)
        if end <= day:
            break
        episode = EpisodeDraft(day, "S", legal_status, placement, provider, urn, "N2", end, "E4A")
        periods.append(PeriodDraft(day, end, "E4A", [episode]))
        day = end + days(gap)
        if day >= b18:
            break
    return periods
