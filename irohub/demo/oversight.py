"""The demo council's oversight between reviews (pure Python, its own random stream
`Random(f"{seed}-oversight")`, so adding it shifts nothing else drawn).

Rates are the seed reports' orders of magnitude:
- a midway check between two reviews for about two stretches in five (Rotherham 2022/23:
  41.8% of children looked after 6 months or more had one);
- an IRO visit in about half of the stretches between reviews (Rotherham: 52.7% visited
  in the last 6 months);
- a few other IRO entries on the case record a year (Middlesbrough's "footprint");
- independent visitors: every child with one was offered one first (about three months
  before the match); about one child in thirty aged 8 or over is offered one and declines,
  or is still waiting (City of London 2019/20 reported independent-visitor allocations);
- a manager audits about three IRO case files a month (Bradford, Central Bedfordshire).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import pairwise
from random import Random
from typing import Any

from irohub.records.oversight import AUDIT_QUESTIONS

__all__ = [
    "AuditRow",
    "ContactRow",
    "DeclarationRow",
    "OfferRow",
    "OversightRows",
    "gather_oversight",
    "iro_declarations",
]

MIDWAY_SHARE = 0.42
VISIT_SHARE = 0.52
NOTES_PER_YEAR = 2.0
AUDITS_PER_MONTH = 3
OFFER_SHARE = 0.035


@dataclass(frozen=True, slots=True)
class ContactRow:
    child: int
    iro: int | None
    kind: str
    day: date
    note: str


@dataclass(frozen=True, slots=True)
class OfferRow:
    child: int
    offered: date
    outcome: str
    closed: date | None


@dataclass(frozen=True, slots=True)
class AuditRow:
    child: int
    iro: int | None
    audited: date
    answers: dict[str, str]
    grade: str
    findings: str
    actions: str


@dataclass
class OversightRows:
    contacts: list[ContactRow] = field(default_factory=list)
    offers: list[OfferRow] = field(default_factory=list)
    audits: list[AuditRow] = field(default_factory=list)


NOTES = {
    "visit": ("Saw the child at their placement.", "Met the child at school.", "Visited at home."),
    "midway": (
        "Midway check with the social worker: plan on track.",
        "Midway check: the health assessment is overdue; social worker to chase.",
        "Midway check: contact arrangements reviewed with the social worker.",
    ),
    "case_note": (
        "Read the latest assessment.",
        "Spoke to the carer by phone.",
        "Noted a change of school.",
    ),
}
FINDINGS = {
    "outstanding": "The IRO's footprint is clear throughout; the child's voice drives the plan.",
    "good": "Oversight between reviews is evident and the plan is tracked.",
    "requires_improvement": "No midway check since the last review; drift not challenged.",
    "inadequate": "Little evidence of the IRO between reviews; actions not followed up.",
}
GRADE_WEIGHTS = {"outstanding": 10, "good": 55, "requires_improvement": 28, "inadequate": 7}


def _iro_on(allocations: list[Any], day: date) -> int | None:
    for allocation in allocations:
        if allocation.start <= day and (allocation.end is None or allocation.end >= day):
            return allocation.iro
    return None


def gather_oversight(council: Any, *, seed: int) -> OversightRows:
    """Contacts between reviews, independent visitors offered and file audits for the
    demo council (`council`: a generator.DemoCouncil)."""
    rng = Random(f"{seed}-oversight")
    as_of: date = council.as_of
    rows = OversightRows()
    allocations: dict[int, list[Any]] = defaultdict(list)
    for allocation in council.allocations:
        allocations[allocation.child].append(allocation)
    held: dict[int, list[date]] = defaultdict(list)
    for review in council.reviews:
        held[review.care_period].append(review.held)

    for period in council.care_periods:
        last = min(period.end or as_of, as_of)
        marks = [period.start, *sorted(held.get(period.key, ())), last]
        for begin, finish in pairwise(marks):
            gap = (finish - begin).days
            if gap < 40:
                continue
            draws = (("midway", MIDWAY_SHARE), ("visit", VISIT_SHARE))
            for kind, share in draws:
                if rng.random() < share:
                    middle = begin + timedelta(days=gap // 2 + rng.randint(-gap // 6, gap // 6))
                    day = min(max(middle, begin + timedelta(days=1)), finish)
                    _contact(rows, rng, allocations[period.child], period.child, kind, day)
            for _ in range(_poisson(rng, NOTES_PER_YEAR * gap / 365)):
                day = begin + timedelta(days=rng.randint(1, gap))
                _contact(rows, rng, allocations[period.child], period.child, "case_note", day)

    _offers(council, rng, rows)
    _audits(council, rng, rows, allocations)
    return rows


def _contact(
    rows: OversightRows, rng: Random, allocations: list[Any], child: int, kind: str, day: date
) -> None:
    iro = _iro_on(allocations, day)
    rows.contacts.append(ContactRow(child, iro, kind, day, rng.choice(NOTES[kind])))


def _poisson(rng: Random, mean: float) -> int:
    count, total = 0, rng.expovariate(1.0)
    while total < mean:
        count += 1
        total += rng.expovariate(1.0)
    return count


def _offers(council: Any, rng: Random, rows: OversightRows) -> None:
    children = {child.key: child for child in council.children}
    periods: dict[int, list[Any]] = defaultdict(list)
    for period in council.care_periods:
        periods[period.child].append(period)
    matched = set()
    # Everyone with an independent visitor was offered one first.
    for person in council.people:
        if person.role != "independent_visitor":
            continue
        first_in_care = (
            min(p.start for p in periods.get(person.child, ()))
            if periods.get(person.child)
            else person.start
        )
        offered = max(person.start - timedelta(days=rng.randint(30, 150)), first_in_care)
        rows.offers.append(OfferRow(person.child, offered, "matched", person.start))
        matched.add(person.child)
    # Some children aged 8 or over in care now are offered one and decline or still wait.
    for child_key, own in sorted(periods.items()):
        current = [p for p in own if p.end is None]
        if child_key in matched or not current:
            continue
        child = children[child_key]
        if (council.as_of - child.date_of_birth).days < 8 * 365 or rng.random() >= OFFER_SHARE:
            continue
        start = max(current[0].start, council.as_of - timedelta(days=500))
        span = (council.as_of - start).days
        if span < 1:
            continue
        offered = start + timedelta(days=rng.randint(0, span))
        if (council.as_of - offered).days < 180 or rng.random() < 0.3:
            rows.offers.append(OfferRow(child_key, offered, "waiting", None))
        else:
            closed = offered + timedelta(days=rng.randint(7, 60))
            rows.offers.append(OfferRow(child_key, offered, "declined", min(closed, council.as_of)))


def _audits(
    council: Any, rng: Random, rows: OversightRows, allocations: dict[int, list[Any]]
) -> None:
    """About AUDITS_PER_MONTH files a month over the last year, of children in care then."""
    as_of: date = council.as_of
    grades, weights = zip(*GRADE_WEIGHTS.items(), strict=True)
    for months_back in range(12, 0, -1):
        day = as_of - timedelta(days=30 * months_back - rng.randint(0, 20))
        in_care = sorted(
            {
                p.child
                for p in council.care_periods
                if p.start < day and (p.end is None or p.end > day)
            }
        )
        for child in rng.sample(in_care, min(AUDITS_PER_MONTH, len(in_care))):
            grade = rng.choices(grades, weights)[0]
            good = grade in ("outstanding", "good")
            answers = {
                key: rng.choices(("yes", "partly", "no"), (8, 2, 1) if good else (3, 3, 4))[0]
                for key in AUDIT_QUESTIONS
            }
            actions = "" if good else "Record a midway check before the next review."
            rows.audits.append(
                AuditRow(
                    child,
                    _iro_on(allocations[child], day),
                    day,
                    answers,
                    grade,
                    FINDINGS[grade],
                    actions,
                )
            )


# What the demo IROs chose to declare (Wolverhampton 2021/22 table 2: a mostly White British
# team with Black and Asian IROs; Central Bedfordshire: most IROs women). One in seven
# declares nothing.
IRO_ETHNICITY_WEIGHTS = {
    "WBRI": 60,
    "BCRB": 10,
    "AIND": 8,
    "MWBC": 5,
    "BAFR": 5,
    "APKN": 4,
    "WOTH": 4,
    "REFU": 4,
}
IRO_GENDER_WEIGHTS = {"female": 78, "male": 19, "prefer_not": 3}
DECLARING_SHARE = 6 / 7


@dataclass(frozen=True, slots=True)
class DeclarationRow:
    iro: int
    ethnicity: str
    gender: str


def iro_declarations(iros: list[Any], *, seed: int) -> list[DeclarationRow]:
    """The equality details the demo IROs declared (their own random stream)."""
    rng = Random(f"{seed}-equality")
    rows = []
    for iro in iros:
        if rng.random() >= DECLARING_SHARE:
            continue
        ethnicity = rng.choices(*zip(*IRO_ETHNICITY_WEIGHTS.items(), strict=True))[0]
        gender = rng.choices(*zip(*IRO_GENDER_WEIGHTS.items(), strict=True))[0]
        rows.append(DeclarationRow(iro.key, ethnicity, gender))
    return rows
