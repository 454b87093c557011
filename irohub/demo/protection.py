"""The synthetic council's child protection work (pure Python): children in need of
protection, strategy discussions, conferences chaired by the IROs, plans and repeat plans.

Drawn with its own random stream (`Random(f"{seed}-protection")`), after the rest of the
council, so it shifts nothing else. Rates follow the seed reports and national figures:

* about 0.55 children on a plan for each child in care at a snapshot (England: about 43
  and 70 per 10,000 children);
* initial conferences within 15 working days about 95% of the time and review
  conferences on time about 93% (Leicestershire 2019/20: 95.2% and 93%);
* about a fifth of initial conferences decide no plan is needed;
* repeat plans about a fifth of plan starts (Leicestershire 2019/20: 21.6%);
* about 16% of plans end at the first review conference (within 3 months; England
  2024/25: 15.9%) and about 5% last 2 years or more (England: 4.4%).

The children here are not looked after (the council's children in care are the
generator's); a pre-birth case's child is born on the expected date of delivery.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from irohub.demo import names
from irohub.demo.care import weighted
from irohub.demo.generator import ETHNICITY_WEIGHTS, ChildRow, DemoCouncil, IRORow
from irohub.statutory import WorkingDayCalendar, add_years
from irohub.statutory.conferences import (
    ConferenceStart,
    conference_schedule,
    pre_birth_icpc_due,
)

__all__ = ["ConferenceRow", "ProtectionCaseRow", "add_child_protection", "plans_open_on"]

HISTORY_YEARS = 4  # cases start this long before the window, so plans are open on its first day
PLANS_PER_CHILD_IN_CARE = 0.55
NO_PLAN_SHARE = 0.22
ICPC_ON_TIME = 0.95
RCPC_ON_TIME = 0.93
# The chance that a plan ends at its 1st, 2nd, 3rd ... review conference.
END_AT_REVIEW = (0.16, 0.5, 0.6, 0.7, 0.7)
MOVED_AWAY = 0.04  # plans that end because the family moves to another council
REPEAT_AFTER_PLAN = 0.3
REPEAT_AFTER_NO_PLAN = 0.12
PRE_BIRTH_SHARE = 0.07
TRANSFER_IN_SHARE = 0.03
CATEGORY_WEIGHTS = {"NEG": 50, "EMO": 36, "PHY": 7, "SAB": 4, "MUL": 3}
AGE_WEIGHTS = {"0": 14, "1-4": 24, "5-9": 29, "10-15": 28, "16-17": 5}
ATTENDING = {
    "parent": 0.85,
    "social_worker": 0.98,
    "police": 0.6,
    "health": 0.75,
    "education": 0.7,
    "advocate": 0.05,
}


@dataclass(frozen=True, slots=True)
class ProtectionCaseRow:
    key: int
    child: int  # the position in `DemoCouncil.protection_children`
    begins: str
    start: date
    s47_start: date | None
    expected_delivery: date | None
    chair: int  # the IRO's key
    plan_start: date | None
    category: str
    latest_category: str
    ended: date | None
    end_reason: str


@dataclass(frozen=True, slots=True)
class ConferenceRow:
    case: int
    held: date
    chair: int
    participation: str
    attendance: tuple[str, ...]
    quorate: bool
    decision: str
    due: date  # the deadline that was live for it (not stored; for the figures)

    @property
    def on_time(self) -> bool:
        return self.held <= self.due


def add_child_protection(council: DemoCouncil, *, calendar: WorkingDayCalendar) -> None:
    """Fill the council's child protection lists (children, cases, conferences)."""
    rng = Random(f"{council.seed}-protection")
    in_care = council.in_care_on(council.as_of)
    on_plans = max(1.0, PLANS_PER_CHILD_IN_CARE * in_care)
    # A plan lasts about a year, so about `on_plans` plans start a year; each new child
    # brings about 1.3 cases (repeats) of which about 78% make a plan.
    new_children_a_year = on_plans / (1 - NO_PLAN_SHARE) / 1.3
    day = add_years(council.window_start, -HISTORY_YEARS)
    while True:
        day += timedelta(days=max(1, round(rng.expovariate(new_children_a_year / 365))))
        if day > council.as_of:
            break
        _child_history(rng, council, day, calendar)


def _working_day_on_or_before(day: date, calendar: WorkingDayCalendar) -> date:
    while not calendar.is_working_day(day):
        day -= timedelta(days=1)
    return day


def _working_day_on_or_after(day: date, calendar: WorkingDayCalendar) -> date:
    while not calendar.is_working_day(day):
        day += timedelta(days=1)
    return day


def _new_child(rng: Random, council: DemoCouncil, start: date, begins: str) -> tuple[int, date]:
    """A child in need of protection: returns their position and expected delivery date
    (pre-birth) or their date of birth."""
    if begins == ConferenceStart.PRE_BIRTH:
        born = start + timedelta(weeks=rng.randint(10, 16))
    else:
        band = weighted(rng, AGE_WEIGHTS)
        low, high = (0, 0) if band == "0" else map(int, band.split("-"))
        age_days = rng.randint(low * 365 + 14, high * 365 + 364)
        born = start - timedelta(days=age_days)
    ethnicity = weighted(rng, ETHNICITY_WEIGHTS)
    sex = rng.choice("MF")
    key = len(council.protection_children)
    council.protection_children.append(
        ChildRow(
            key=key,
            identifier=f"DP{key + 1:06d}",
            first_name=names.first_name_for(rng, ethnicity, sex),
            last_name=names.surname_for(rng, ethnicity),
            date_of_birth=born,
            sex=sex,
            ethnicity=ethnicity,
            uasc=False,
            disability=rng.random() < 0.05,
            sibling_group=None,
        )
    )
    return key, born


def _chair_on(rng: Random, iros: list[IRORow], day: date, current: int | None) -> int | None:
    """The chair on `day`: the case's chair while in post, else an IRO in post then."""
    in_post = [i for i in iros if i.start_date <= day and (i.end_date is None or i.end_date >= day)]
    if current is not None and any(i.key == current for i in in_post):
        return current
    return rng.choice(in_post).key if in_post else None


def _participation(rng: Random, age: int) -> str:
    if age < 4:
        return "PN0"
    if age < 10:
        return weighted(rng, {"PN6": 55, "PN7": 35, "PN5": 10})
    return weighted(rng, {"PN1": 25, "PN6": 40, "PN5": 10, "PN7": 25})


def _child_history(
    rng: Random, council: DemoCouncil, start: date, calendar: WorkingDayCalendar
) -> None:
    """One child's cases: the first from `start`, then perhaps repeats."""
    roll = rng.random()
    begins = (
        ConferenceStart.PRE_BIRTH
        if roll < PRE_BIRTH_SHARE
        else ConferenceStart.TRANSFER_IN
        if roll < PRE_BIRTH_SHARE + TRANSFER_IN_SHARE
        else ConferenceStart.STRATEGY_DISCUSSION
    )
    start = _working_day_on_or_after(start, calendar)
    child, born = _new_child(rng, council, start, begins)
    while start <= council.as_of and start < add_years(born, 18):
        ended, made_plan = _case(rng, council, child, born, begins, start, calendar)
        if ended is None or rng.random() >= (
            REPEAT_AFTER_PLAN if made_plan else REPEAT_AFTER_NO_PLAN
        ):
            return
        gap = round(rng.lognormvariate(0, 0.8) * 420)  # median about 14 months
        start = _working_day_on_or_after(ended + timedelta(days=max(30, gap)), calendar)
        begins = ConferenceStart.STRATEGY_DISCUSSION


def _case(
    rng: Random,
    council: DemoCouncil,
    child: int,
    born: date,
    begins: ConferenceStart,
    start: date,
    calendar: WorkingDayCalendar,
) -> tuple[date | None, bool]:
    """One case from `start` to its end (or `as_of`): returns (ended, made a plan)."""
    as_of = council.as_of
    chair = _chair_on(rng, council.iros, start, None)
    if chair is None:
        return None, False
    delivery = born if begins == ConferenceStart.PRE_BIRTH else None
    first_due = pre_birth_icpc_due(delivery) if delivery else None
    key = len(council.protection_cases)
    category = latest = weighted(rng, CATEGORY_WEIGHTS)
    conferences: list[ConferenceRow] = []
    plan_start: date | None = None
    ended: date | None = None
    end_reason = ""
    eighteen = add_years(born, 18)
    while True:
        number = len(conferences) + 1
        due = conference_schedule(
            start,
            [c.held for c in conferences],
            begins=begins,
            first_due=first_due,
            calendar=calendar,
        ).next_due
        assert due is not None
        if number == 1:
            if rng.random() < ICPC_ON_TIME:
                held = _working_day_on_or_before(due - timedelta(days=rng.randint(0, 12)), calendar)
                held = max(held, _working_day_on_or_after(start + timedelta(days=1), calendar))
            else:
                held = _working_day_on_or_after(due + timedelta(days=rng.randint(1, 14)), calendar)
        elif rng.random() < RCPC_ON_TIME:
            held = _working_day_on_or_before(due - timedelta(days=rng.randint(0, 20)), calendar)
        else:
            held = _working_day_on_or_after(due + timedelta(days=rng.randint(1, 25)), calendar)
        if plan_start is not None and rng.random() < MOVED_AWAY / 2:
            # The family moves away before the conference: the plan ends without one.
            last = conferences[-1].held
            moved = last + timedelta(days=rng.randint(1, max(1, (held - last).days)))
            if moved <= as_of:
                ended, end_reason = moved, "moved"
            break
        if held >= eighteen:
            if not conferences:
                return None, False  # an enquiry that would outlast childhood: not drawn
            if eighteen <= as_of:
                ended, end_reason = eighteen, "eighteen"
            break
        if held > as_of:
            break
        chair = _chair_on(rng, council.iros, held, chair) or chair
        if number == 1:
            # A transfer-in conference continues another council's plan here.
            no_plan = begins != ConferenceStart.TRANSFER_IN and rng.random() < NO_PLAN_SHARE
            decision = "no plan" if no_plan else "plan"
        else:
            hazard = END_AT_REVIEW[min(number - 2, len(END_AT_REVIEW) - 1)]
            decision = "end" if rng.random() < hazard else "continue"
            if decision == "continue" and rng.random() < 0.05:
                latest = weighted(rng, CATEGORY_WEIGHTS)
        age = (held - born).days // 365 if held >= born else 0
        conferences.append(
            ConferenceRow(
                case=key,
                held=held,
                chair=chair,
                participation=_participation(rng, age),
                attendance=tuple(who for who, p in ATTENDING.items() if rng.random() < p),
                quorate=rng.random() < 0.97,
                decision=decision,
                due=due,
            )
        )
        if decision == "plan":
            plan_start = held
        elif decision in ("no plan", "end"):
            ended, end_reason = held, "no plan" if decision == "no plan" else "conference"
            break
    if not conferences and ended is None and start > as_of:
        return None, False
    council.protection_cases.append(
        ProtectionCaseRow(
            key=key,
            child=child,
            begins=begins.value,
            start=start,
            s47_start=start if begins == ConferenceStart.STRATEGY_DISCUSSION else None,
            expected_delivery=delivery,
            chair=chair,
            plan_start=plan_start,
            category=category if plan_start else "",
            latest_category=latest if plan_start else "",
            ended=ended,
            end_reason=end_reason,
        )
    )
    council.conferences.extend(conferences)
    return ended, plan_start is not None


def plans_open_on(council: DemoCouncil, day: date) -> int:
    """Children on a plan on `day` (for the demo's summary)."""
    return sum(
        1
        for case in council.protection_cases
        if case.plan_start is not None
        and case.plan_start <= day
        and (case.ended is None or case.ended > day)
    )
