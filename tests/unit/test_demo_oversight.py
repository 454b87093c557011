"""The demo council's oversight between reviews: deterministic, inside each child's care,
an offer before every independent visitor, and rates near the seed reports'."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import pytest

from irohub.demo.generator import DemoCouncil, generate_council
from irohub.records.oversight import AUDIT_GRADES, AUDIT_QUESTIONS, CONTACT_KINDS

AS_OF = date(2025, 3, 31)


@pytest.fixture(scope="module")
def council() -> DemoCouncil:
    return generate_council(children=300, years=4, seed=7, as_of=AS_OF)


def test_same_seed_same_rows(council: DemoCouncil) -> None:
    again = generate_council(children=300, years=4, seed=7, as_of=AS_OF)
    assert again.oversight == council.oversight


def test_contacts_fall_inside_a_care_period_with_the_iro_then(council: DemoCouncil) -> None:
    periods = defaultdict(list)
    for period in council.care_periods:
        periods[period.child].append(period)
    rows = council.oversight.contacts
    assert rows and {row.kind for row in rows} == set(CONTACT_KINDS)
    for row in rows:
        assert row.day <= AS_OF
        assert any(
            p.start <= row.day and (p.end is None or row.day <= p.end) for p in periods[row.child]
        )
    allocated = sum(row.iro is not None for row in rows)
    assert allocated / len(rows) > 0.9


def test_every_visitor_was_offered_first_and_offers_are_consistent(council: DemoCouncil) -> None:
    visitors = {p.child for p in council.people if p.role == "independent_visitor"}
    matched = {o.child for o in council.oversight.offers if o.outcome == "matched"}
    assert visitors == matched
    for offer in council.oversight.offers:
        assert (offer.outcome == "waiting") == (offer.closed is None)
        assert offer.closed is None or offer.offered <= offer.closed <= AS_OF
    assert any(o.outcome == "waiting" for o in council.oversight.offers)


def test_audits_each_month_answer_every_question(council: DemoCouncil) -> None:
    audits = council.oversight.audits
    assert 30 <= len(audits) <= 36
    for audit in audits:
        assert set(audit.answers) == set(AUDIT_QUESTIONS)
        assert audit.grade in AUDIT_GRADES and audit.findings


def test_midway_checks_near_the_seed_rate(council: DemoCouncil) -> None:
    # Rotherham 2022/23: 41.8% of children looked after 6 months or more had a midway review.
    held = defaultdict(int)
    for review in council.reviews:
        held[review.care_period] += 1
    midway = sum(row.kind == "midway" for row in council.oversight.contacts)
    stretches = sum(held.values()) + len(council.care_periods)
    assert 0.25 < midway / stretches < 0.5
