"""The demo council's fostering: households, foster carer reviewing officers (FIROs), the
households' yearly reviews and changes of circumstances, the children in care placed with
them and their IROs' views of those placements (pure Python, its own random stream, so the
rest of the council is the same with or without it).

Rates, from the seed reports and national figures, rounded:
- About three approved households for every ten children in care, a quarter of them at any
  time connected persons (family and friends): approved for a child and ending when the
  placement does, they are shorter-lived (most within 1 to 3 years; mainstream carers
  stay about eight), so they are over half of the approvals over the years.
- One FIRO for about every 56 households, as Bradford's three FIROs carried 167 cases in
  2021 (against the 45 a full-time officer that IRO Hub's default target assumes: the
  service needs one more, as Bradford's did).
- Reviews booked a few weeks before the yearly deadline; about 1 in 12 late, by days to
  weeks. The first goes to the fostering panel a week to a month after the meeting.
- A change of circumstances calling for a review in about 6% of household-years; the extra
  review is held within about 20 working days.
- Children in foster care (U1-U6, the council's own provision) at the end are placed with
  households of the matching kind; about seven in ten of them have an IRO's view of the
  placement, recorded at their latest review.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from random import Random

from irohub.demo import names
from irohub.demo.care import weighted
from irohub.demo.generator import DemoCouncil
from irohub.records.fostering import CONNECTED, MAINSTREAM
from irohub.statutory import WorkingDayCalendar, add_months
from irohub.statutory.foster_carers import foster_carer_review_schedule

HOUSEHOLDS_PER_CHILD_IN_CARE = 0.3
CONNECTED_SHARE = 0.6  # of approvals; about a quarter of households at any time
HOUSEHOLDS_PER_FIRO = 56  # Bradford 2021: 167 cases, three FIROs
HISTORY_YEARS = 12
CONNECTED_PLACEMENTS = frozenset({"U1", "U2", "U3"})
MAINSTREAM_PLACEMENTS = frozenset({"U4", "U5", "U6"})
VIEWS = {
    "yes": [
        "Settled and thriving; the carers work well with school and with birth family time.",
        "A warm, consistent home. The child says they feel safe and want to stay.",
        "Good progress since the last review; the carers advocate strongly for the child.",
    ],
    "concerns": [
        "Meets the child's needs, but the carers need more support with behaviour at home.",
        "A good match overall; contact arrangements have put strain on the household.",
    ],
    "no": [
        "The placement is under strain and a planning meeting has been asked for.",
    ],
}
DEREGISTRATION = {"resigned": 55, "other": 15, "moved": 15, "unsuitable": 15}


@dataclass(frozen=True, slots=True)
class FiroRow:
    key: int
    first_name: str
    last_name: str
    username: str
    fte: Decimal
    start_date: date
    end_date: date | None


@dataclass(frozen=True, slots=True)
class HouseholdRow:
    key: int
    reference: str
    name: str
    carers: str
    kind: str
    approved: date
    deregistered: date | None
    deregistration_reason: str
    firo: int | None


@dataclass(frozen=True, slots=True)
class CarerReviewRow:
    household: int
    held: date
    chair: int | None
    recommendation: str
    panel_date: date | None
    due: date  # the deadline live for it (not stored; for the figures)


@dataclass(frozen=True, slots=True)
class ChangeRow:
    household: int
    recorded: date
    kind: str


@dataclass(frozen=True, slots=True)
class PlacementRow:
    household: int
    child: int  # the council's child key
    start: date


@dataclass(frozen=True, slots=True)
class ViewRow:
    placement: int  # position in `placements`
    recorded: date
    iro: int | None  # the council's IRO key
    meets_needs: str
    view: str


@dataclass
class DemoFostering:
    firos: list[FiroRow] = field(default_factory=list)
    households: list[HouseholdRow] = field(default_factory=list)
    reviews: list[CarerReviewRow] = field(default_factory=list)
    changes: list[ChangeRow] = field(default_factory=list)
    placements: list[PlacementRow] = field(default_factory=list)
    views: list[ViewRow] = field(default_factory=list)


def generate_fostering(council: DemoCouncil, *, calendar: WorkingDayCalendar) -> DemoFostering:
    rng = Random(f"{council.seed}-fostering")
    out = DemoFostering()
    as_of = council.as_of
    in_care = council.in_care_on(as_of)
    wanted = max(3, round(in_care * HOUSEHOLDS_PER_CHILD_IN_CARE))
    first = add_months(as_of, -12 * HISTORY_YEARS)
    span = (as_of - first).days
    approved_now = 0
    while approved_now < wanted:
        kind = CONNECTED if rng.random() < CONNECTED_SHARE else MAINSTREAM
        approved = first + timedelta(days=rng.randrange(span))
        stay = rng.lognormvariate(math.log(600 if kind == CONNECTED else 2900), 0.6)
        ends = approved + timedelta(days=int(stay))
        deregistered = ends if ends <= as_of else None
        key = len(out.households)
        surname = names.surname_for(
            rng, weighted(rng, {"WBRI": 80, "MWBC": 8, "APKN": 6, "BCRB": 6})
        )
        carers = " and ".join(
            f"{names.first_name_for(rng, 'WBRI', sex)} {surname}"
            for sex in (["F", "M"] if rng.random() < 0.7 else ["F"])
        )
        out.households.append(
            HouseholdRow(
                key=key,
                reference=f"FH{key + 1:05d}",
                name=f"The {surname} household",
                carers=carers,
                kind=kind,
                approved=approved,
                deregistered=deregistered,
                deregistration_reason=(
                    "connected_ended"
                    if deregistered and kind == CONNECTED
                    else weighted(rng, DEREGISTRATION)
                    if deregistered
                    else ""
                ),
                firo=None,
            )
        )
        approved_now += deregistered is None
    _officers(rng, out, approved_now, as_of)
    for household in out.households:
        _reviews(rng, out, household, as_of, calendar)
    _placements(rng, out, council)
    return out


def _officers(rng: Random, out: DemoFostering, households: int, as_of: date) -> None:
    count = max(1, round(households / HOUSEHOLDS_PER_FIRO))
    taken: set[str] = set()
    for key in range(count):
        sex = "F" if rng.random() < 0.8 else "M"
        first_name = names.first_name_for(rng, "WBRI", sex)
        last_name = names.surname_for(rng, "WBRI")
        username = f"firo.{first_name}.{last_name}".lower().replace("'", "").replace(" ", "")
        while username in taken:
            username += "1"
        taken.add(username)
        out.firos.append(
            FiroRow(
                key=key,
                first_name=first_name,
                last_name=last_name,
                username=username,
                fte=Decimal("1.00") if rng.random() < 0.8 else Decimal("0.80"),
                start_date=add_months(as_of, -12 * HISTORY_YEARS),
                end_date=None,
            )
        )
    # Each approved household has a reviewing officer; the others had whoever is in post.
    out.households[:] = [
        HouseholdRow(**{**_fields(h), "firo": rng.randrange(count)}) for h in out.households
    ]


def _fields(row: HouseholdRow) -> dict[str, object]:
    return {name: getattr(row, name) for name in HouseholdRow.__slots__}


def _reviews(
    rng: Random,
    out: DemoFostering,
    household: HouseholdRow,
    as_of: date,
    calendar: WorkingDayCalendar,
) -> None:
    until = min(household.deregistered or as_of, as_of)
    changes: list[date] = []
    day = household.approved + timedelta(days=30)
    while day < until:
        if rng.random() < 0.06:
            recorded = day + timedelta(days=rng.randrange(330))
            if household.approved < recorded < until:
                changes.append(recorded)
                out.changes.append(
                    ChangeRow(
                        household.key,
                        recorded,
                        weighted(rng, {"allegation": 40, "significant_change": 45, "terms": 15}),
                    )
                )
        day += timedelta(days=365)
    held: list[date] = []
    while True:
        schedule = foster_carer_review_schedule(
            household.approved,
            held,
            changes=changes,
            deregistered=household.deregistered,
            calendar=calendar,
        )
        due = schedule.next_due
        if due is None:
            return
        previous = held[-1] if held else household.approved
        if rng.random() < 0.08:
            when = due + timedelta(days=1 + int(rng.expovariate(1 / 12)))
        else:
            when = due - timedelta(days=int(rng.triangular(0, 40, 12)))
        when = calendar.previous_working_day_on_or_before(when)
        trigger = max((c for c in changes if previous < c <= due), default=None)
        low = max(previous, trigger or previous) + timedelta(days=1)
        when = max(when, low)
        if when > until:
            return
        number = len(held) + 1
        panel = when + timedelta(days=rng.randint(7, 30)) if number == 1 else None
        if panel is not None and panel > as_of:
            panel = None
        out.reviews.append(
            CarerReviewRow(
                household=household.key,
                held=when,
                chair=household.firo,
                recommendation=weighted(rng, {"continue": 88, "change_terms": 10, "terminate": 2}),
                panel_date=panel,
                due=due,
            )
        )
        held.append(when)


def _placements(rng: Random, out: DemoFostering, council: DemoCouncil) -> None:
    as_of = council.as_of
    open_periods = {p.key: p for p in council.care_periods if p.end is None}
    latest_review: dict[int, tuple[date, int | None]] = {}
    for review in council.reviews:
        if review.care_period in open_periods:
            latest_review[review.child] = max(
                latest_review.get(review.child, (date.min, None)), (review.held, review.chair)
            )
    current = {}
    for episode in council.episodes:
        if episode.care_period in open_periods and episode.end is None:
            current[open_periods[episode.care_period].child] = episode
    capacity: dict[int, int] = {}
    for child, episode in sorted(current.items()):
        if episode.placement_provider != "PR1":
            continue
        if episode.placement in CONNECTED_PLACEMENTS:
            kind = CONNECTED
        elif episode.placement in MAINSTREAM_PLACEMENTS:
            kind = MAINSTREAM
        else:
            continue
        homes = [
            h
            for h in out.households
            if h.kind == kind
            and h.deregistered is None
            and h.approved <= episode.start
            and capacity.get(h.key, 0) < (1 if kind == CONNECTED else 3)
        ]
        if not homes:
            continue
        home = rng.choice(homes)
        capacity[home.key] = capacity.get(home.key, 0) + 1
        out.placements.append(PlacementRow(home.key, child, episode.start))
        seen = latest_review.get(child)
        if (
            seen is not None
            and seen[0] >= episode.start
            and seen[0] <= as_of
            and rng.random() < 0.7
        ):
            verdict = weighted(rng, {"yes": 85, "concerns": 12, "no": 3})
            out.views.append(
                ViewRow(
                    len(out.placements) - 1, seen[0], seen[1], verdict, rng.choice(VIEWS[verdict])
                )
            )
