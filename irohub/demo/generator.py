"""The synthetic council: a believable IRO service over a number of years (pure Python).

`generate_council(children=N, years=Y, seed=S, as_of=D)` returns plain rows (dataclasses)
for teams, IROs, sibling groups, children, care periods, episodes, allocations and reviews.
The same arguments always give the same council. Nothing here touches Django; loading the
rows into the database is irohub.demo.load's job.

How the council is made:
- Families (a child alone, or two to four siblings entering care together) come into care
  at a steady rate from 18 years before the window opens, so the children already in care
  on its first day have the histories they would really have. A family is kept when one of
  its children is in care at some point in the window; N counts the distinct children in care
  in the window.
- Each care period is planned for the family (court proceedings, accommodation under
  section 20, remand, an unaccompanied child, short breaks) and realised per child as an
  SSDA903 episode chain ending, at the latest, on the 18th birthday (irohub.demo.care).
- IROs are recruited and leave so that caseloads stay near 85 children per full-time IRO
  (irohub.demo.staffing); reviews follow the statutory clock (irohub.demo.meetings).
Distributions follow the seed annual reports (Wolverhampton 2021/22, Central Bedfordshire
2017/18) and national figures for children looked after.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from random import Random
from typing import TYPE_CHECKING

from irohub.demo import names
from irohub.demo.care import (
    RETURN_HOME_REASONS,
    ChildFacts,
    PeriodDraft,
    PeriodPlan,
    ProviderPools,
    days,
    lognormal_days,
    plan_period,
    realise_period,
    short_break_periods,
    weighted,
)
from irohub.demo.establishment import DemoEstablishment, establishment
from irohub.demo.family import (
    ChildBrief,
    Lifecycle,
    PersonRow,
    ReviewFacts,
    carer_kind,
    people_around,
    review_lifecycle,
)
from irohub.demo.immigration import ImmigrationRows, gather_immigration
from irohub.demo.meetings import hold_reviews, hold_short_break_reviews, yearly_pressure
from irohub.demo.oversight import OversightRows, gather_oversight
from irohub.demo.social_work import CareSpan, SocialWork, draw_social_work
from irohub.demo.staffing import Stint, simulate_workforce
from irohub.demo.voice import VoiceRows, gather_voice
from irohub.statutory import WorkingDayCalendar, add_months, default_calendar

if TYPE_CHECKING:
    from irohub.demo.protection import ConferenceRow, ProtectionCaseRow

HISTORY_BEFORE_WINDOW_YEARS = 18  # a child can be in care from birth to 18

# Wolverhampton IRO annual report 2021/22, table 1 (children in care by ethnicity), with
# "Other: Arab" counted as OOTH and a few small groups the table leaves out.
ETHNICITY_WEIGHTS: dict[str, float] = {
    "WBRI": 58.7,
    "MWBC": 10.1,
    "BCRB": 5.2,
    "OOTH": 6.2,
    "MOTH": 3.7,
    "BAFR": 3.5,
    "MWAS": 2.5,
    "AIND": 1.9,
    "WOTH": 1.9,
    "MWBA": 1.9,
    "AOTH": 1.6,
    "APKN": 1.6,
    "BOTH": 1.0,
    "WIRI": 0.2,
    "WROM": 0.3,
    "WIRT": 0.2,
    "ABAN": 0.3,
    "CHNE": 0.2,
    "NOBT": 0.3,
}
# Unaccompanied children: mostly from Afghanistan, Eritrea, Sudan, Iraq, Iran, Albania.
UASC_ETHNICITY_WEIGHTS: dict[str, float] = {
    "AOTH": 30,
    "OOTH": 30,
    "BAFR": 25,
    "WOTH": 10,
    "BOTH": 5,
}
# Age at entry to care (children who are not unaccompanied): many babies and teenagers.
ENTRY_AGE_WEIGHTS: dict[str, float] = {
    "0": 23,
    "1": 4,
    "2": 3.5,
    "3": 3.5,
    "4": 3,
    "5": 2.6,
    "6": 2.6,
    "7": 2.6,
    "8": 2.6,
    "9": 2.6,
    "10": 4.5,
    "11": 5,
    "12": 5.5,
    "13": 6.5,
    "14": 7,
    "15": 7,
    "16": 8,
    "17": 5,
}
SIBLING_YOUNGEST_AGE_WEIGHTS: dict[str, float] = {
    "0": 20,
    "1": 9,
    "2": 8,
    "3": 8,
    "4": 7,
    "5": 7,
    "6": 7,
    "7": 7,
    "8": 6,
    "9": 6,
    "10": 5,
    "11": 4,
    "12": 3,
    "13": 3,
}
UASC_AGE_WEIGHTS: dict[str, float] = {"14": 10, "15": 25, "16": 40, "17": 25}
# Families by kind: ~30% of children are in sibling groups, ~5% unaccompanied asylum-seeking
# children (fewer before the 2015 rise), ~1.5% short breaks only.
FAMILY_KIND_WEIGHTS: dict[str, float] = {
    "single": 76.5,
    "siblings": 14.15,
    "uasc": 7.5,
    "short_break": 1.85,
}
SIBLING_GROUP_SIZES: dict[str, float] = {"2": 60, "3": 28, "4": 12}


# --- the rows --------------------------------------------------------------------------
# Keys are positions in the council's lists, so the loader can map them to primary keys.


@dataclass(frozen=True, slots=True)
class TeamRow:
    key: int
    name: str


@dataclass(frozen=True, slots=True)
class IRORow:
    key: int
    team: int
    first_name: str
    last_name: str
    username: str
    fte: Decimal
    start_date: date
    end_date: date | None


@dataclass(frozen=True, slots=True)
class SiblingGroupRow:
    key: int
    name: str


@dataclass(frozen=True, slots=True)
class ChildRow:
    key: int
    identifier: str
    first_name: str
    last_name: str
    date_of_birth: date
    sex: str
    ethnicity: str
    uasc: bool
    disability: bool
    sibling_group: int | None


@dataclass(frozen=True, slots=True)
class CarePeriodRow:
    key: int
    child: int
    start: date
    end: date | None
    reason_ceased: str


@dataclass(frozen=True, slots=True)
class EpisodeRow:
    care_period: int
    start: date
    end: date | None
    reason_new_episode: str
    legal_status: str
    category_of_need: str
    placement: str
    placement_provider: str
    reason_ceased: str
    reason_place_change: str
    urn: str


@dataclass(frozen=True, slots=True)
class AllocationRow:
    child: int
    iro: int
    start: date
    end: date | None
    allocated_on: date


@dataclass(frozen=True, slots=True)
class ReviewRow:
    child: int
    care_period: int
    held: date
    participation: str
    chair: int | None
    due: date  # the deadline that was live for it (not stored; for the figures)

    @property
    def on_time(self) -> bool:
        return self.held <= self.due


@dataclass
class DemoCouncil:
    as_of: date
    window_start: date
    seed: int
    teams: list[TeamRow] = field(default_factory=list)
    iros: list[IRORow] = field(default_factory=list)
    sibling_groups: list[SiblingGroupRow] = field(default_factory=list)
    children: list[ChildRow] = field(default_factory=list)
    care_periods: list[CarePeriodRow] = field(default_factory=list)
    episodes: list[EpisodeRow] = field(default_factory=list)
    allocations: list[AllocationRow] = field(default_factory=list)
    reviews: list[ReviewRow] = field(default_factory=list)
    # Child protection (irohub.demo.protection): children in need of protection who are not
    # in care, their cases (strategy discussion to the plan's end) and conferences.
    protection_children: list[ChildRow] = field(default_factory=list)
    protection_cases: list[ProtectionCaseRow] = field(default_factory=list)
    conferences: list[ConferenceRow] = field(default_factory=list)
    # Children's social care: teams, social workers and who holds each child (ADR 0012).
    social_work: SocialWork = field(default_factory=lambda: SocialWork([], [], []))
    people: list[PersonRow] = field(default_factory=list)  # around each child (demo.family)
    # At and after each review, and early reviews asked for (demo.family).
    lifecycle: Lifecycle = field(default_factory=lambda: Lifecycle([], [], [], []))
    # Review checklists, consultation returned and advocacy referrals (demo.voice).
    voice: VoiceRows = field(default_factory=VoiceRows)
    # Between reviews: IRO contacts, independent visitors offered, file audits (demo.oversight).
    oversight: OversightRows = field(default_factory=OversightRows)
    # Nationality and immigration applications (demo.immigration).
    immigration: ImmigrationRows = field(default_factory=ImmigrationRows)
    # IRO posts, agency and interim terms and absences (demo.establishment).
    establishment: DemoEstablishment = field(default_factory=DemoEstablishment)

    def in_care_on(self, day: date) -> int:
        return sum(
            1 for p in self.care_periods if p.start <= day and (p.end is None or p.end >= day)
        )

    def fte_on(self, day: date) -> Decimal:
        return sum(
            (
                i.fte
                for i in self.iros
                if i.start_date <= day and (i.end_date is None or i.end_date >= day)
            ),
            Decimal(0),
        )

    def children_per_fte(self, day: date | None = None) -> float:
        day = day or self.as_of
        fte = self.fte_on(day)
        return self.in_care_on(day) / float(fte) if fte else 0.0

    def reviews_on_time_percent(self) -> float:
        if not self.reviews:
            return 0.0
        return 100 * sum(r.on_time for r in self.reviews) / len(self.reviews)

    def participation_percent(self) -> float:
        """Reviews where the child took part (PN1-PN6) among those of children aged 4+."""
        aged_4_plus = [r for r in self.reviews if r.participation != "PN0"]
        if not aged_4_plus:
            return 0.0
        return 100 * sum(r.participation != "PN7" for r in aged_4_plus) / len(aged_4_plus)


# --- making it --------------------------------------------------------------------------


@dataclass
class _Member:
    facts: ChildFacts
    periods: list[PeriodDraft]
    key: int = -1  # the child's position in the council, once described


@dataclass
class _Family:
    kind: str
    members: list[_Member]

    @property
    def first_start(self) -> date:
        return min(m.periods[0].start for m in self.members)


def generate_council(
    *,
    children: int,
    years: int,
    seed: int,
    as_of: date | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> DemoCouncil:
    """A council with `children` distinct children in care over `years` years to `as_of`."""
    if children < 1:
        raise ValueError(f"children must be at least 1, not {children}")
    if years < 1:
        raise ValueError(f"years must be at least 1, not {years}")
    as_of = as_of or date.today()
    calendar = calendar or default_calendar()
    rng = Random(seed)
    window_start = add_months(as_of, -12 * years)
    history_start = add_months(window_start, -12 * HISTORY_BEFORE_WINDOW_YEARS)
    pools = ProviderPools.invent(rng)

    families: list[_Family] = []
    kept = 0
    span = (as_of - history_start).days
    while kept < children:
        start = history_start + timedelta(days=rng.randrange(span + 1))
        family = _draw_family(rng, start, pools)
        for member in family.members:
            member.periods = [p for p in (_truncate(p, as_of) for p in member.periods) if p]
        # Only children in care at some point in the window count (and are kept).
        family.members = [
            m
            for m in family.members
            if any(p.end is None or p.end >= window_start for p in m.periods)
        ]
        if not family.members:
            continue
        family.members = family.members[: children - kept]
        families.append(family)
        kept += len(family.members)

    council = DemoCouncil(as_of=as_of, window_start=window_start, seed=seed)
    families.sort(key=lambda f: f.first_start)  # stable: ties keep the order drawn
    _describe_children(rng, council, families)
    stints = _write_periods(rng, council, families, calendar)
    _staff_and_allocate(rng, council, stints, history_start)
    _hold_reviews(rng, council, families, calendar, window_start)
    # Imported here: irohub.demo.protection builds on this module's rows.
    from irohub.demo.protection import add_child_protection

    add_child_protection(council, calendar=calendar)  # its own random stream
    born = {row.key: row for row in council.children}
    council.social_work = draw_social_work(
        [
            CareSpan(
                child=period.child,
                start=period.start,
                end=period.end,
                date_of_birth=born[period.child].date_of_birth,
                disabled=born[period.child].disability,
            )
            for period in council.care_periods
        ],
        seed=seed,
        in_care_now=council.in_care_on(as_of),
        as_of=as_of,
    )
    council.people = people_around(_briefs(council), seed=seed, as_of=as_of)
    council.lifecycle = review_lifecycle(
        [
            ReviewFacts(
                child=r.child,
                care_period=r.care_period,
                held=r.held,
                due=r.due,
                participation=r.participation,
                age=(r.held - council.children[r.child].date_of_birth).days // 365,
                uasc=council.children[r.child].uasc,
            )
            for r in council.reviews
        ],
        council.people,
        seed=seed,
        as_of=as_of,
        calendar=calendar,
    )
    council.voice = gather_voice(council, seed=seed, calendar=calendar)
    council.oversight = gather_oversight(council, seed=seed)
    council.immigration = gather_immigration(council, seed=seed)
    return council


def _briefs(council: DemoCouncil) -> list[ChildBrief]:
    """What demo.family needs to know of each child (their own stream draws the rest)."""
    periods: dict[int, list[CarePeriodRow]] = {}
    for period in council.care_periods:
        periods.setdefault(period.child, []).append(period)
    last_placement: dict[int, str] = {}
    for episode in council.episodes:  # in order within each period
        last_placement[episode.care_period] = episode.placement
    briefs = []
    for child in council.children:
        own = sorted(periods.get(child.key, []), key=lambda p: p.start)
        if not own:
            continue
        last = own[-1]
        briefs.append(
            ChildBrief(
                key=child.key,
                ethnicity=child.ethnicity,
                surname=child.last_name,
                date_of_birth=child.date_of_birth,
                first_in_care=own[0].start,
                last_out=last.end,
                carer_kind=carer_kind(last_placement.get(last.key, "")),
            )
        )
    return briefs


def _draw_family(rng: Random, start: date, pools: ProviderPools) -> _Family:
    weights = dict(FAMILY_KIND_WEIGHTS)
    if start.year < 2015:
        weights["uasc"] *= 0.4  # far fewer unaccompanied children before 2015
    kind = weighted(rng, weights)
    if kind == "uasc":
        age = int(weighted(rng, UASC_AGE_WEIGHTS))
        facts = _facts(rng, start, age, sex="M" if rng.random() < 0.93 else "F", uasc=True)
        plan = plan_period(rng, start, facts, "uasc")
        return _Family(kind, [_Member(facts, [realise_period(rng, plan, facts, pools)])])
    if kind == "short_break":
        facts = _facts(rng, start, rng.randint(5, 15), disabled=True)
        return _Family(kind, [_Member(facts, short_break_periods(rng, start, facts, pools))])
    if kind == "single":
        ages = [int(weighted(rng, ENTRY_AGE_WEIGHTS))]
    else:
        ages = [int(weighted(rng, SIBLING_YOUNGEST_AGE_WEIGHTS))]
        for _ in range(int(weighted(rng, SIBLING_GROUP_SIZES)) - 1):
            older = ages[-1] + rng.randint(1, 4)
            if older > 17:
                break
            ages.append(older)
    members = [_Member(_facts(rng, start, age), []) for age in ages]
    _family_periods(rng, start, members, pools)
    return _Family(kind if len(members) > 1 else "single", members)


def _facts(
    rng: Random,
    start: date,
    age: int,
    *,
    sex: str | None = None,
    uasc: bool = False,
    disabled: bool | None = None,
) -> ChildFacts:
    dob = start - timedelta(days=int(age * 365.25) + rng.randrange(0, 360))
    if (dob.month, dob.day) == (2, 29):
        dob = dob - timedelta(days=1)  # keeps "dob + 4 years" the same in every database
    if disabled is None:
        disabled = rng.random() < 0.07
    return ChildFacts(
        dob=dob, sex=sex or ("M" if rng.random() < 0.53 else "F"), disabled=disabled, uasc=uasc
    )


def _family_periods(rng: Random, start: date, members: list[_Member], pools: ProviderPools) -> None:
    """The family's care periods: the first together, then returns to care after going home."""
    returning = members
    for number in range(3):
        youngest = max((m.facts for m in returning), key=lambda f: f.dob)
        plan: PeriodPlan = plan_period(rng, start, youngest, "ordinary")
        for member in returning:
            member.periods.append(realise_period(rng, plan, member.facts, pools))
        if rng.random() >= (0.2 if number == 0 else 0.12):
            return
        went_home = [
            m
            for m in returning
            if m.periods[-1].reason_ceased in RETURN_HOME_REASONS
            and m.periods[-1].end is not None
            and m.periods[-1].end < m.facts.birthday_18
        ]
        if not went_home:
            return
        last_end = max(m.periods[-1].end for m in went_home if m.periods[-1].end)
        start = last_end + days(lognormal_days(rng, 300, 0.9, 21, 3000))
        returning = [m for m in went_home if start < m.facts.birthday_18 - timedelta(days=60)]
        if not returning:
            return


def _truncate(period: PeriodDraft, as_of: date) -> PeriodDraft | None:
    """The period as it stood on `as_of`: later episodes dropped, still open if ongoing."""
    if period.start > as_of:
        return None
    if period.end is not None and period.end <= as_of:
        return period
    episodes = [e for e in period.episodes if e.start <= as_of]
    last = episodes[-1]
    last.end = None
    last.reason_ceased = ""
    last.reason_place_change = ""
    placed = period.adoption_placed
    return PeriodDraft(
        period.start, None, "", episodes, placed if placed and placed <= as_of else None
    )


def _describe_children(rng: Random, council: DemoCouncil, families: list[_Family]) -> None:
    """Identifiers, names, ethnicity and sibling groups, in order of coming into care."""
    width = max(6, len(str(sum(len(f.members) for f in families))))
    for family in families:
        first = family.members[0].facts
        uasc = first.uasc
        ethnicity = weighted(rng, UASC_ETHNICITY_WEIGHTS if uasc else ETHNICITY_WEIGHTS)
        surname = names.surname_for(rng, ethnicity, uasc=uasc)
        group: int | None = None
        if len(family.members) > 1:
            group = len(council.sibling_groups)
            council.sibling_groups.append(SiblingGroupRow(group, f"{surname} siblings"))
        given: set[str] = set()
        for member in sorted(family.members, key=lambda m: m.facts.dob):
            facts = member.facts
            while True:
                first_name = names.first_name_for(rng, ethnicity, facts.sex, uasc=uasc)
                if first_name not in given:
                    given.add(first_name)
                    break
            # Half-brothers and sisters often carry a different surname.
            last_name = (
                names.surname_for(rng, ethnicity)
                if group is not None and rng.random() < 0.15
                else surname
            )
            key = len(council.children)
            council.children.append(
                ChildRow(
                    key=key,
                    identifier=f"DC{key + 1:0{width}d}",
                    first_name=first_name,
                    last_name=last_name,
                    date_of_birth=facts.dob,
                    sex=facts.sex,
                    ethnicity=ethnicity,
                    uasc=uasc,
                    disability=facts.disabled,
                    sibling_group=group,
                )
            )
            member.key = key


def _write_periods(
    rng: Random, council: DemoCouncil, families: list[_Family], calendar: WorkingDayCalendar
) -> list[Stint]:
    stints: list[Stint] = []
    for family_key, family in enumerate(families):
        for member in family.members:
            child = member.key
            for period in member.periods:
                key = len(council.care_periods)
                council.care_periods.append(
                    CarePeriodRow(key, child, period.start, period.end, period.reason_ceased)
                )
                for e in period.episodes:
                    council.episodes.append(
                        EpisodeRow(
                            care_period=key,
                            start=e.start,
                            end=e.end,
                            reason_new_episode=e.rne,
                            legal_status=e.legal_status,
                            category_of_need=e.category_of_need,
                            placement=e.placement,
                            placement_provider=e.provider,
                            reason_ceased=e.reason_ceased,
                            reason_place_change=e.reason_place_change,
                            urn=e.urn,
                        )
                    )
                # An IRO is allocated within 0-3 working days of the child coming into care.
                wait = int(weighted(rng, {"0": 45, "1": 30, "2": 15, "3": 10}))
                allocated = period.start
                if wait or not calendar.is_working_day(allocated):
                    allocated = calendar.add_working_days(period.start, max(wait, 1))
                if period.end is None or allocated <= period.end:
                    stints.append(Stint(child, family_key, allocated, period.end))
    return stints


def _staff_and_allocate(
    rng: Random, council: DemoCouncil, stints: list[Stint], history_start: date
) -> None:
    workforce = simulate_workforce(
        rng,
        stints,
        history_start=history_start,
        window_start=council.window_start,
        as_of=council.as_of,
    )
    council.teams = [TeamRow(n, name) for n, name in enumerate(workforce.teams)]
    council.establishment = establishment(workforce.iros, council.as_of)
    usernames: set[str] = set()
    for iro in workforce.iros:
        base = "iro." + "".join(
            ch for ch in f"{iro.first_name}.{iro.last_name}".lower() if ch.isalnum() or ch == "."
        )
        username, n = base, 1
        while username in usernames:
            n += 1
            username = f"{base}{n}"
        usernames.add(username)
        council.iros.append(
            IRORow(
                key=iro.key,
                team=iro.team,
                first_name=iro.first_name,
                last_name=iro.last_name,
                username=username,
                fte=iro.fte,
                start_date=iro.start,
                end_date=iro.end,
            )
        )
    for stint in stints:
        for span in workforce.spans[stint.family]:
            start = max(stint.start, span.start)
            ends = [d for d in (stint.end, span.end) if d is not None]
            end = min(ends) if ends else None
            if end is not None and end < start:
                continue  # this span is before or after the stint
            # An allocation starting after as_of (a child who came into care just before
            # a weekend) is planned: made on as_of, starting later.
            made = min(start, council.as_of)
            council.allocations.append(AllocationRow(stint.child, span.iro, start, end, made))
    council.allocations.sort(key=lambda a: (a.child, a.start))


def _hold_reviews(
    rng: Random,
    council: DemoCouncil,
    families: list[_Family],
    calendar: WorkingDayCalendar,
    window_start: date,
) -> None:
    pressure = yearly_pressure(
        rng, window_start.year - HISTORY_BEFORE_WINDOW_YEARS - 1, council.as_of.year + 1
    )
    allocations: dict[int, list[AllocationRow]] = {}
    for allocation in council.allocations:
        allocations.setdefault(allocation.child, []).append(allocation)
    period_keys = iter(range(len(council.care_periods)))
    # Short-break reviews (reg 48) come from their own random stream, so adding them left
    # every other child's reviews as they were.
    short_breaks = Random(f"{council.seed}-short-break-reviews")

    def chair_on(child: int, day: date) -> int | None:
        return next(
            (
                a.iro
                for a in allocations.get(child, ())
                if a.start <= day and (a.end is None or day <= a.end)
            ),
            None,
        )

    for family in families:
        for member in family.members:
            child = member.key
            keys: list[int] = []
            for period in member.periods:
                period_key = next(period_keys)
                keys.append(period_key)
                until = min(period.end or council.as_of, council.as_of)
                for meeting in hold_reviews(
                    rng,
                    period=period,
                    child=member.facts,
                    until=until,
                    calendar=calendar,
                    pressure=pressure,
                ):
                    council.reviews.append(
                        ReviewRow(
                            child=child,
                            care_period=period_key,
                            held=meeting.held,
                            participation=meeting.participation,
                            chair=chair_on(child, meeting.held),
                            due=meeting.due,
                        )
                    )
            if member.periods and all(p.short_break for p in member.periods):
                for index, meeting in hold_short_break_reviews(
                    short_breaks,
                    periods=member.periods,
                    child=member.facts,
                    until=council.as_of,
                    calendar=calendar,
                    pressure=pressure,
                ):
                    council.reviews.append(
                        ReviewRow(
                            child=child,
                            care_period=keys[index],
                            held=meeting.held,
                            participation=meeting.participation,
                            chair=chair_on(child, meeting.held),
                            due=meeting.due,
                        )
                    )
