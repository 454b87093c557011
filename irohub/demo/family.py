"""The people around each demo child, and what happened at and after each review (pure
Python, their own random streams).

Parents, carers, advocates and independent visitors for the synthetic council, drawn from
`Random(f"{seed}-people")` so that adding them shifts nothing else the generator draws.
Rates are the seed reports' orders of magnitude: almost every child has a mother on record,
about four in five a father (fewer with parental responsibility); children in foster or
residential care have a carer; about one child in six aged 8 or over has an advocate and one
in twenty an independent visitor (Central Bedfordshire 2017/18, City of London 2019/20).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from irohub.demo import names
from irohub.statutory import WorkingDayCalendar

__all__ = [
    "ActionRow",
    "ChildBrief",
    "EarlyReviewRow",
    "Lifecycle",
    "ParentPartRow",
    "PersonRow",
    "ReviewExtraRow",
    "ReviewFacts",
    "carer_kind",
    "people_around",
    "review_lifecycle",
]


@dataclass(frozen=True, slots=True)
class PersonRow:
    child: int  # the child's key in the council
    role: str  # a children.models.PersonRole value
    name: str
    relationship: str
    parental_responsibility: bool
    phone: str
    email: str
    address: str
    preferred_contact: str
    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class ChildBrief:
    """What the people drawn for a child depend on."""

    key: int
    ethnicity: str
    surname: str
    date_of_birth: date
    first_in_care: date
    last_out: date | None  # None while in care
    carer_kind: str  # "foster", "residential", "" (placed with parents, or other)


CARER_RELATIONSHIP = {"foster": "foster carer", "residential": "key worker"}
STREETS = ("Mill Lane", "Church Road", "Station Road", "Park Avenue", "Victoria Street")


def _contact(rng: Random, name: str) -> tuple[str, str, str, str]:
    # 07700 900xxx numbers and example.com addresses are reserved for fiction.
    phone = f"07700 900{rng.randrange(1000):03d}"
    email = f"{name.lower().replace(' ', '.').replace(chr(39), '')}@example.com"
    address = f"{rng.randrange(1, 200)} {rng.choice(STREETS)}, Demotown"
    preferred = rng.choices(["phone", "text", "email", "post", ""], [40, 25, 15, 10, 10])[0]
    # An e-mail address is known for those who prefer it and for some others.
    if preferred != "email" and rng.random() >= 0.4:
        email = ""
    return phone, email, address, preferred


def people_around(children: list[ChildBrief], *, seed: int, as_of: date) -> list[PersonRow]:
    rng = Random(f"{seed}-people")
    rows: list[PersonRow] = []
    for child in children:
        start = child.first_in_care
        # Mother: nearly always known; father: less often, with PR less often still.
        if rng.random() < 0.97:
            first = names.first_name_for(rng, child.ethnicity, "F")
            rows.append(
                _person(
                    rng, child, "mother", f"{first} {child.surname}", "birth mother", True, start
                )
            )
        if rng.random() < 0.8:
            first = names.first_name_for(rng, child.ethnicity, "M")
            surname = (
                child.surname if rng.random() < 0.6 else names.surname_for(rng, child.ethnicity)
            )
            rows.append(
                _person(
                    rng,
                    child,
                    "father",
                    f"{first} {surname}",
                    "birth father",
                    rng.random() < 0.7,
                    start,
                )
            )
        if rng.random() < 0.05:
            first = names.first_name_for(rng, child.ethnicity, "F")
            rows.append(
                _person(
                    rng,
                    child,
                    "other_parent",
                    f"{first} {child.surname}",
                    "grandmother (special guardian)",
                    True,
                    start,
                )
            )
        if child.carer_kind:
            given, family = names.staff_name(rng)
            name = f"{given} {family}"
            # Some children moved: an earlier carer, ended, then the present one.
            moved = child.last_out is None and (as_of - start).days > 400 and rng.random() < 0.3
            if moved:
                change = start + timedelta(days=rng.randrange(120, (as_of - start).days - 60))
                old_given, old_family = names.staff_name(rng)
                rows.append(
                    _person(
                        rng,
                        child,
                        "carer",
                        f"{old_given} {old_family}",
                        CARER_RELATIONSHIP[child.carer_kind],
                        False,
                        start,
                        end=change - timedelta(days=1),
                    )
                )
                start_carer = change
            else:
                start_carer = start
            rows.append(
                _person(
                    rng,
                    child,
                    "carer",
                    name,
                    CARER_RELATIONSHIP[child.carer_kind],
                    False,
                    start_carer,
                    end=child.last_out,
                )
            )
        age_now = (min(child.last_out or as_of, as_of) - child.date_of_birth).days // 365
        if age_now >= 8 and rng.random() < 0.17:
            given, family = names.staff_name(rng)
            since = max(start, as_of - timedelta(days=rng.randrange(30, 900)))
            rows.append(
                _person(
                    rng,
                    child,
                    "advocate",
                    f"{given} {family}",
                    "advocate",
                    False,
                    since,
                    end=child.last_out if child.last_out and child.last_out >= since else None,
                )
            )
        if age_now >= 6 and rng.random() < 0.05:
            given, family = names.staff_name(rng)
            rows.append(
                _person(
                    rng,
                    child,
                    "independent_visitor",
                    f"{given} {family}",
                    "independent visitor",
                    False,
                    start,
                    end=child.last_out,
                )
            )
    return rows


def _person(
    rng: Random,
    child: ChildBrief,
    role: str,
    name: str,
    relationship: str,
    pr: bool,
    start: date,
    end: date | None = None,
) -> PersonRow:
    phone, email, address, preferred = _contact(rng, name)
    return PersonRow(
        child=child.key,
        role=role,
        name=name,
        relationship=relationship,
        parental_responsibility=pr,
        phone=phone,
        email=email,
        address=address,
        preferred_contact=preferred,
        start=start,
        end=end if end is None or end >= start else start,
    )


def carer_kind(placement: str) -> str:
    """Who cares for a child in this SSDA903 placement: a foster carer, residential staff,
    or nobody the IRO invites as "the carer" (placed with parents, independent living…)."""
    if placement.startswith("U"):
        return "foster"
    if placement.startswith("K") or placement in ("R1", "R2", "R5", "S1", "H5"):
        return "residential"
    return ""


# --- at and after each review ------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    """What the lifecycle of one demo review depends on (a demo ReviewRow, plus the child)."""

    child: int
    care_period: int
    held: date
    due: date
    participation: str
    age: int
    uasc: bool


@dataclass(frozen=True, slots=True)
class ReviewExtraRow:
    """What the IRO recorded at and after one review (aligned with the council's reviews)."""

    non_participation_reason: str
    chairing: str
    meeting_format: str
    interpreter_used: bool
    first_session: date | None
    adjournments: int
    late_reason: str
    decisions_circulated: date | None
    record_distributed: date | None
    letter_to_child: str
    letter_sent: date | None


@dataclass(frozen=True, slots=True)
class ParentPartRow:
    review: int  # index in the council's reviews
    person: int  # index in the council's people
    status: str
    reason: str


@dataclass(frozen=True, slots=True)
class ActionRow:
    review: int
    decision: str
    owner: str
    due: date
    completed: date | None


@dataclass(frozen=True, slots=True)
class EarlyReviewRow:
    child: int
    care_period: int
    trigger: str
    raised: date
    event_date: date | None
    due: date


@dataclass
class Lifecycle:
    extras: list[ReviewExtraRow]
    parents: list[ParentPartRow]
    actions: list[ActionRow]
    early: list[EarlyReviewRow]


PARENT_WEIGHTS = {
    # Seed reports: mothers take part far more often than fathers (Central Bedfordshire,
    # Wolverhampton); a father's whereabouts are often unknown.
    "mother": {
        "attended": 44,
        "contributed": 20,
        "invited_not_attended": 22,
        "not_invited": 5,
        "whereabouts_unknown": 6,
        "not_relevant": 3,
    },
    "father": {
        "attended": 24,
        "contributed": 15,
        "invited_not_attended": 27,
        "not_invited": 7,
        "whereabouts_unknown": 20,
        "not_relevant": 7,
    },
}
NOT_INVITED_REASONS = (
    "Contact restricted by court order",
    "Risk to the child's placement if the address is shared",
    "The young person asked that they are not invited",
)
LATE_WEIGHTS = {
    "iro_unavailable": 20,
    "social_worker_unavailable": 22,
    "child_unavailable": 14,
    "parent_request": 9,
    "reports_not_ready": 16,
    "administrative_error": 9,
    "other": 10,
}
ACTIONS = (
    ("Social worker", "Update the care plan with the decisions of this review"),
    ("Social worker", "Arrange the child's annual health assessment"),
    ("Designated teacher", "Review the personal education plan (PEP) this term"),
    ("Carer", "Support weekly contact with brothers and sisters"),
    ("Social worker", "Complete life-story work with the child"),
    ("IRO", "Visit the child before the next review"),
    ("Health visitor", "Complete the dental check"),
    ("Social worker", "Refer the young person for an advocate"),
)
COVID_START, COVID_END = date(2020, 3, 23), date(2021, 7, 19)


def _weighted(rng: Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _format(rng: Random, held: date) -> str:
    if held < COVID_START:
        return _weighted(rng, {"in_person": 96, "virtual": 3, "hybrid": 1})
    if held <= COVID_END:
        return _weighted(rng, {"virtual": 82, "hybrid": 6, "in_person": 12})
    return _weighted(rng, {"in_person": 48, "virtual": 28, "hybrid": 24})


def review_lifecycle(
    reviews: list[ReviewFacts],
    people: list[PersonRow],
    *,
    seed: int,
    as_of: date,
    calendar: WorkingDayCalendar,
) -> Lifecycle:
    """What happened at and after each review, at the seed reports' rates, from its own
    random stream (`Random(f"{seed}-lifecycle")`)."""
    rng = Random(f"{seed}-lifecycle")
    parents_of: dict[int, list[int]] = {}
    for index, person in enumerate(people):
        if person.role in ("mother", "father", "parent", "other_parent"):
            parents_of.setdefault(person.child, []).append(index)
    # Some parents are dead or cannot be found for good, whatever the review.
    fixed: dict[int, str] = {}
    for indexes in parents_of.values():
        for index in indexes:
            draw = rng.random()
            if draw < 0.015:
                fixed[index] = "deceased"
            elif draw < 0.06 and people[index].role == "father":
                fixed[index] = "whereabouts_unknown"
    out = Lifecycle([], [], [], [])
    previous_held: dict[int, date] = {}  # by care period
    for number, review in enumerate(reviews):
        held = review.held
        previous = previous_held.get(review.care_period)
        previous_held[review.care_period] = held
        late = held > review.due
        adjournments = 0
        first_session = None
        if rng.random() < 0.03:
            adjournments = 2 if rng.random() < 0.08 else 1
            first_session = calendar.subtract_working_days(held, rng.randint(5, 22))
        decisions = _done(rng, held, 5, 0.86, as_of, calendar)
        record = _done(rng, held, 20, 0.78, as_of, calendar)
        letter_sent = record if review.age >= 4 and record and rng.random() < 0.6 else None
        out.extras.append(
            ReviewExtraRow(
                non_participation_reason=(
                    _weighted(
                        rng,
                        {
                            "declined": 60,
                            "unwell": 8,
                            "understanding": 12,
                            "missing": 8,
                            "not_told": 4,
                            "other": 8,
                        },
                    )
                    if review.participation == "PN7"
                    else ""
                ),
                chairing=(
                    _weighted(rng, {"iro": 86, "co_chaired": 7, "partly": 4, "child": 3})
                    if review.age >= 12
                    else "iro"
                ),
                meeting_format=_format(rng, held),
                interpreter_used=rng.random() < (0.55 if review.uasc else 0.04),
                first_session=first_session,
                adjournments=adjournments,
                late_reason=_weighted(rng, LATE_WEIGHTS) if late else "",
                decisions_circulated=decisions,
                record_distributed=record,
                letter_to_child=(
                    "We met to talk about how things are going for you. You told us what is "
                    "going well and what you would like to change. Here is what we agreed."
                    if letter_sent
                    else ""
                ),
                letter_sent=letter_sent,
            )
        )
        for index in parents_of.get(review.child, ()):
            person = people[index]
            if not (person.start <= held and (person.end is None or person.end >= held)):
                continue
            status = fixed.get(index) or _weighted(
                rng, PARENT_WEIGHTS["father" if person.role == "father" else "mother"]
            )
            reason = rng.choice(NOT_INVITED_REASONS) if status == "not_invited" else ""
            out.parents.append(ParentPartRow(number, index, status, reason))
        for owner, decision in rng.sample(ACTIONS, rng.randint(2, 4)):
            due = held + timedelta(days=rng.choice((20, 28, 42, 56, 90)))
            completed = None
            if due < as_of:
                # Most actions are done; a recent one is sometimes left undone.
                recent = (as_of - held).days < 240
                if not recent or rng.random() < 0.85:
                    completed = min(as_of, due + timedelta(days=rng.randint(-15, 12)))
                    completed = max(completed, held)
            out.actions.append(ActionRow(number, decision, owner, due, completed))
        # A review held well before its deadline was brought forward: record why. The
        # request comes after the review before it, so this review is the one answering it.
        if previous is not None and held < review.due - timedelta(days=30):
            if rng.random() < 0.7:
                event = held + timedelta(days=rng.randint(1, 10))
                raised = max(held - timedelta(days=rng.randint(5, 20)), previous + timedelta(1))
                out.early.append(
                    EarlyReviewRow(
                        review.child,
                        review.care_period,
                        "ER-6",
                        raised,
                        event,
                        event - timedelta(days=1),
                    )
                )
            else:
                raised = max(
                    calendar.subtract_working_days(held, rng.randint(3, 15)),
                    previous + timedelta(days=1),
                )
                out.early.append(
                    EarlyReviewRow(
                        review.child,
                        review.care_period,
                        "ER-1",
                        raised,
                        None,
                        calendar.add_working_days(raised, 20),
                    )
                )
    return out


def _done(
    rng: Random,
    held: date,
    working_days: int,
    on_time: float,
    as_of: date,
    calendar: WorkingDayCalendar,
) -> date | None:
    """When a step after the review was done: within its deadline at the `on_time` rate,
    otherwise up to as long again; None while it has not been done by `as_of`."""
    if rng.random() < on_time:
        day = calendar.add_working_days(held, rng.randint(1, working_days))
    else:
        day = calendar.add_working_days(held, rng.randint(working_days + 1, 2 * working_days))
    return day if day <= as_of else None
