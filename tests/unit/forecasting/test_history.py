"""The council's history as spells, from core records."""

from __future__ import annotations

from datetime import date

from irohub.forecasting.history import care_periods, households, legal_group, plans, stock_history
from irohub.forecasting.simulation import Spell
from irohub.records.fostering import Fostering, HouseholdRecord
from irohub.records.register import ProtectionRecord
from tests.unit.measures.builders import child, episode, period, register

DOB = date(2012, 5, 1)


def test_care_periods_keep_the_legal_status_they_began_under():
    reg = register(
        child(
            "A",
            period(
                date(2022, 1, 10),
                date(2023, 2, 1),
                episodes=[
                    episode(date(2022, 1, 10), date(2022, 3, 1), legal_status="V2"),
                    episode(date(2022, 3, 1), date(2023, 2, 1), legal_status="C2", rne="L"),
                ],
            ),
            period(date(2024, 1, 5), legal_status="V3"),
            dob=DOB,
        ),
        child("B", period(date(2023, 6, 1), legal_status="L2"), dob=DOB),
    )
    assert care_periods(reg) == [
        Spell(date(2022, 1, 10), date(2023, 2, 1), "section 20", DOB),
        Spell(date(2024, 1, 5), None, "short breaks", DOB),
        Spell(date(2023, 6, 1), None, "other", DOB),
    ]
    assert [legal_group(code) for code in ("C1", "E1", "J2")] == [
        "care order",
        "placement order",
        "other",
    ]


def test_plans_are_the_conference_sequences_that_made_one():
    made = ProtectionRecord("s47", date(2023, 1, 2), plan_start=date(2023, 1, 20))
    ended = ProtectionRecord(
        "s47", date(2022, 1, 2), plan_start=date(2022, 2, 1), end=date(2022, 9, 1)
    )
    no_plan = ProtectionRecord("s47", date(2023, 3, 1), end=date(2023, 3, 20))
    reg = register(child("A", protection=[made, ended, no_plan]))
    assert plans(reg) == [
        Spell(date(2023, 1, 20), None),
        Spell(date(2022, 2, 1), date(2022, 9, 1)),
    ]


def test_households_by_kind_and_none_without_fostering():
    reg = register()
    assert households(reg) == []
    with_fostering = reg.__class__(
        (),
        fostering=Fostering(
            (
                HouseholdRecord("1", "mainstream", date(2020, 4, 1)),
                HouseholdRecord("2", "connected", date(2021, 4, 1), date(2022, 4, 1)),
            )
        ),
    )
    assert households(with_fostering) == [
        Spell(date(2020, 4, 1), None, "mainstream"),
        Spell(date(2021, 4, 1), date(2022, 4, 1), "connected"),
    ]
    days = [date(2021, 3, 31), date(2021, 4, 1), date(2022, 3, 31), date(2022, 4, 1)]
    assert stock_history(households(with_fostering), days) == [1, 2, 2, 1]
