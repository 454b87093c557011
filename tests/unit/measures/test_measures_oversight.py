"""M-PAR-03 and its variants (the IRO's contact between reviews) and M-PAR-07a/b
(independent visitors offered and waiting), worked by hand on small registers."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.measures import DEFINITIONS, CollectionYear, Count, Figure, NoData, Rate
from irohub.measures.catalogue import Scope
from irohub.measures.registry import compute_measures, measure_rows
from irohub.records.oversight import IroContactRecord, VisitorOfferRecord
from irohub.records.register import ChildRecord, Register
from tests.unit.measures.builders import D, child, period, register

YEAR = CollectionYear(2024)  # 2024/25: 1 April 2024 to 31 March 2025


def _with(c: ChildRecord, *contacts: tuple[date, str], offers=()) -> ChildRecord:
    return replace(
        c,
        iro_contacts=tuple(IroContactRecord(day, kind) for day, kind in contacts),
        visitor_offers=tuple(offers),
    )


def _held(*children: ChildRecord) -> Register:
    return replace(register(*children), oversight_held=True)


def _result(reg: Register, measure_id: str):
    return DEFINITIONS[measure_id].result(Scope(reg, YEAR))


# Four children looked after at 31 March 2025 and one who left in January:
# A visited on 1 October 2024 (the first day of the 6 months up to 31 March) and checked
#   midway in February; in care since 2023, so settled;
# B visited on 30 September 2024: one day too early, and nothing since;
# C in care since 1 December 2024 (under 6 months), a midway check in March;
# D in care since 2022, nothing recorded;
# E left care in January 2025 after a visit in December: not in the snapshot.
REG = _held(
    _with(
        child("A", period(D(2023, 5, 1))),
        (D(2024, 10, 1), "visit"),
        (D(2025, 2, 14), "midway"),
        (D(2024, 6, 1), "case_note"),
    ),
    _with(child("B", period(D(2023, 5, 1))), (D(2024, 9, 30), "visit")),
    _with(child("C", period(D(2024, 12, 1))), (D(2025, 3, 3), "midway")),
    child("D", period(D(2022, 1, 10))),
    _with(
        child("E", period(D(2023, 1, 1), D(2025, 1, 20))),
        (D(2024, 12, 2), "visit"),
        (D(2025, 2, 1), "case_note"),  # after leaving care: not counted
    ),
)


def test_any_contact_in_the_last_six_months() -> None:
    # A (visit and midway) and C (midway) of A, B, C, D.
    assert _result(REG, "M-PAR-03") == Figure(2, 4)


def test_visited_in_the_last_six_months_from_1_october() -> None:
    assert _result(REG, "M-PAR-03a") == Figure(1, 4)
    rows = measure_rows(REG, YEAR, "M-PAR-03a")
    assert not isinstance(rows, NoData)
    assert {row.child_id for row in rows if row.counted} == {"A"}
    assert [row.columns for row in rows if row.child_id == "A"] == [
        (D(2024, 10, 1), D(2025, 2, 14))
    ]


def test_midway_checks_of_children_looked_after_six_months_or_more() -> None:
    # C (in care under 6 months) is left out; of A, B, D only A had a midway check.
    assert _result(REG, "M-PAR-03b") == Figure(1, 3)


def test_entries_per_child_looked_after_in_the_year() -> None:
    # A: 3 entries, B: 1 (30 September is in the year), C: 1, E: 1 while in care (not the
    # one after leaving), D: none: 6 entries over the 5 children looked after in the year.
    assert _result(REG, "M-PAR-03c") == Rate(6, 5.0)


def test_visitors_offered_in_the_year_and_waiting_at_31_march() -> None:
    offers = {
        "A": [VisitorOfferRecord(D(2024, 5, 1), "matched", D(2024, 8, 1))],
        "B": [VisitorOfferRecord(D(2025, 1, 6), "waiting")],
        "C": [VisitorOfferRecord(D(2023, 11, 1), "waiting")],  # offered before the year
        "D": [VisitorOfferRecord(D(2025, 2, 1), "declined", D(2025, 4, 2))],  # decided after
    }
    reg = _held(
        *(replace(c, visitor_offers=tuple(offers.get(c.child_id, ()))) for c in REG.children)
    )
    assert _result(reg, "M-PAR-07a") == Count(3)  # A, B, D offered in 2024/25
    assert _result(reg, "M-PAR-07b") == Count(3)  # B, C, and D undecided at 31 March
    rows = measure_rows(reg, YEAR, "M-PAR-07b")
    assert not isinstance(rows, NoData)
    assert [r.columns for r in rows if r.child_id == "B"] == [(D(2025, 1, 6), 84)]


def test_variants_name_their_parent() -> None:
    for measure_id in ("M-PAR-03a", "M-PAR-03b", "M-PAR-03c"):
        assert DEFINITIONS[measure_id].variant_of == "M-PAR-03"
    for measure_id in ("M-PAR-07a", "M-PAR-07b"):
        assert DEFINITIONS[measure_id].variant_of == "M-PAR-07"


def test_in_the_json_contract_with_breakdowns() -> None:
    measures = compute_measures(REG, YEAR, breakdowns=True)["measures"]
    assert measures["M-PAR-03a"]["numerator"] == 1  # type: ignore[index]
    assert measures["M-PAR-03a"]["breakdowns"]["sex"]["Female"]["denominator"] == 4  # type: ignore[index]
    assert measures["M-PAR-03c"] == {"numerator": 6, "denominator": 5.0, "value": 1.2}


def test_without_oversight_data_no_number() -> None:
    reg = replace(REG, oversight_held=False)
    for measure_id in ("M-PAR-03", "M-PAR-03a", "M-PAR-03b", "M-PAR-03c", "M-PAR-07a"):
        result = _result(reg, measure_id)
        assert isinstance(result, NoData)
        assert "SSDA903 return does not hold" in result.reason


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=1200),  # days in care before 31 March 2025
            st.lists(
                st.tuples(
                    st.integers(min_value=0, max_value=500),
                    st.sampled_from(["visit", "midway", "case_note"]),
                ),
                max_size=6,
            ),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_variants_never_exceed_the_any_contact_figure(children) -> None:
    end = YEAR.end
    built = []
    for index, (in_care, contacts) in enumerate(children):
        c = child(f"C{index}", period(end - timedelta(days=in_care)))
        built.append(_with(c, *((end - timedelta(days=back), kind) for back, kind in contacts)))
    reg = _held(*built)
    any_contact, visited, midway = (_result(reg, m) for m in ("M-PAR-03", "M-PAR-03a", "M-PAR-03b"))
    assert isinstance(any_contact, Figure) and isinstance(visited, Figure)
    assert any_contact.denominator == visited.denominator == len(built)
    assert visited.numerator <= any_contact.numerator
    assert isinstance(midway, Figure) and midway.denominator <= any_contact.denominator
    # A child counted for a midway check is counted for some contact.
    counted = {r.child_id for r in measure_rows(reg, YEAR, "M-PAR-03") if r.counted}  # type: ignore[union-attr]
    assert {r.child_id for r in measure_rows(reg, YEAR, "M-PAR-03b") if r.counted} <= counted  # type: ignore[union-attr]
    entries = _result(reg, "M-PAR-03c")
    assert isinstance(entries, Rate)
    in_year = (end - YEAR.start).days
    # An entry counts when it is in the year and the child was in care that day.
    assert entries.numerator == sum(
        1
        for in_care, contacts in children
        for back, _ in contacts
        if back <= in_year and back <= in_care
    )
