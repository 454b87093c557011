"""Parents at reviews (M-PAR-04 and its variants), independent visitors (M-PAR-07),
decisions and record after the review (M-PRC-02, M-PRC-03) and late reviews by reason
(M-REV-05), from the review details IRO Hub records."""

from __future__ import annotations

from datetime import date

from irohub.measures import CollectionYear, compute_measures
from irohub.measures.registry import measure_rows
from irohub.records.lifecycle import ParentPart, PersonRecord, ReviewDetails
from irohub.records.register import (
    CarePeriodRecord,
    ChildRecord,
    EpisodeRecord,
    Register,
    ReviewRecord,
)

D = date
YEAR = CollectionYear(2025)  # 2025/26


def review(held: date, **details: object) -> ReviewRecord:
    return ReviewRecord(held, "PN1", "", ReviewDetails(**details))  # type: ignore[arg-type]


def looked_after(
    child_id: str, start: date, *reviews: ReviewRecord, **fields: object
) -> ChildRecord:
    episode = EpisodeRecord(start, "S", "C2", "N1", "U4")
    period = CarePeriodRecord(start, None, (episode,), tuple(reviews))
    return ChildRecord(child_id, D(2014, 5, 1), "F", "WBRI", (period,), **fields)  # type: ignore[arg-type]


def mother(status: str) -> ParentPart:
    return ParentPart("mother", status)


def father(status: str) -> ParentPart:
    return ParentPart("father", status)


# Looked after from 1 December 2025: first review due 31 December 2025 (Christmas).
COUNCIL = Register(
    (
        looked_after(
            "A",
            D(2025, 12, 1),
            review(
                D(2025, 12, 19),
                parents=(mother("attended"), father("whereabouts_unknown")),
                # REC-E1: decisions due 30 December, record 21 January 2026.
                decisions_circulated=D(2025, 12, 30),
                record_distributed=D(2026, 1, 22),
            ),
            people=(PersonRecord("independent_visitor", D(2025, 12, 1)),),
        ),
        looked_after(
            "B",
            D(2025, 12, 1),
            review(
                D(2026, 1, 2),  # a working day late (1 January is a bank holiday)
                parents=(mother("contributed"), father("invited_not_attended")),
                late_reason="child_unavailable",
                decisions_circulated=D(2026, 1, 12),  # 6 working days: late
            ),
            people=(PersonRecord("independent_visitor", D(2025, 12, 1), D(2026, 2, 1)),),
        ),
        looked_after(
            "C",
            D(2025, 12, 1),
            review(
                D(2026, 3, 27),  # too recent to judge: nothing sent, deadlines after the data
                parents=(
                    mother("not_invited"),
                    father("deceased"),
                    ParentPart("parent", "attended"),
                ),
            ),
            people=(),
        ),
    )
)


def measures() -> dict[str, dict[str, object]]:
    """Each figure, with its breakdowns apart (under "breakdowns" of each)."""
    found = compute_measures(COUNCIL, YEAR, breakdowns=True)["measures"]
    return {
        measure_id: {key: value for key, value in result.items() if key != "breakdowns"}  # type: ignore[union-attr]
        | {"breakdowns": result.get("breakdowns", {})}  # type: ignore[union-attr]
        for measure_id, result in found.items()  # type: ignore[union-attr]
    }


def figure(result: dict[str, object]) -> dict[str, object]:
    return {key: value for key, value in result.items() if key != "breakdowns"}


def test_each_parents_part_counted_mothers_and_fathers_apart() -> None:
    m = measures()
    assert figure(m["M-PAR-04"]) == {"count": 7}
    assert m["M-PAR-04"]["breakdowns"]["status"] == {
        "Attended": {"count": 2},
        "Contributed without attending (report, phone, through the IRO)": {"count": 1},
        "Invited, did not attend or contribute": {"count": 1},
        "Not invited (give the reason)": {"count": 1},
        "Whereabouts unknown": {"count": 1},
        "Deceased": {"count": 1},
    }
    # Deceased and whereabouts unknown leave the denominator: 5 parent-slots.
    assert figure(m["M-PAR-04a"]) == {"numerator": 2, "denominator": 5, "percent": 40.0}
    assert figure(m["M-PAR-04b"]) == {"numerator": 3, "denominator": 5, "percent": 60.0}
    assert figure(m["M-PAR-04a-mother"]) == {"numerator": 1, "denominator": 3, "percent": 100 / 3}
    assert figure(m["M-PAR-04b-mother"]) == {"numerator": 2, "denominator": 3, "percent": 200 / 3}
    assert figure(m["M-PAR-04a-father"]) == {"numerator": 0, "denominator": 1, "percent": 0.0}
    assert figure(m["M-PAR-04b-father"]) == {"numerator": 0, "denominator": 1, "percent": 0.0}
    assert m["M-PAR-04b"]["breakdowns"]["parent"] == {
        "Mother": {"numerator": 2, "denominator": 3, "percent": 200 / 3},
        "Father": {"numerator": 0, "denominator": 1, "percent": 0.0},
        "Parent": {"numerator": 1, "denominator": 1, "percent": 100.0},
    }


def test_variants_name_their_measure() -> None:
    from irohub.measures import DEFINITIONS

    variants = [m for m, d in DEFINITIONS.items() if d.variant_of == "M-PAR-04"]
    assert variants == [
        "M-PAR-04a",
        "M-PAR-04b",
        "M-PAR-04a-mother",
        "M-PAR-04a-father",
        "M-PAR-04b-mother",
        "M-PAR-04b-father",
    ]


def test_independent_visitors_at_the_year_end() -> None:
    assert figure(measures()["M-PAR-07"]) == {"count": 1}  # B's visitor ended in February


def test_decisions_within_5_and_record_within_20_working_days() -> None:
    m = measures()
    # A's decisions on their deadline (on time); B's a working day late; C too recent.
    assert figure(m["M-PRC-02"]) == {"numerator": 1, "denominator": 2, "percent": 50.0}
    # A's record a day late (22 January); B's not sent and its deadline (30 January) has
    # passed by the data's last day (27 March); C too recent.
    assert figure(m["M-PRC-03"]) == {"numerator": 0, "denominator": 2, "percent": 0.0}
    rows = measure_rows(COUNCIL, YEAR, "M-PRC-03")
    assert [(r.child_id, r.columns[-1]) for r in rows] == [("A", 21), ("B", None)]  # type: ignore[union-attr]


def test_late_reviews_by_reason_for_delay() -> None:
    m = measures()
    by_reason = m["M-REV-05"]["breakdowns"]["reason for delay"]
    assert by_reason["Child unavailable"] == {"count": 1}
    # Deadlines of the year still open at its end have no reason yet.
    assert set(by_reason) <= {"Child unavailable", "Not recorded", "Not held yet"}


def test_from_an_ssda903_shaped_register_it_is_no_data() -> None:
    plain = Register(
        (
            ChildRecord(
                "A",
                D(2014, 5, 1),
                "F",
                "WBRI",
                (
                    CarePeriodRecord(
                        D(2025, 12, 1),
                        None,
                        (EpisodeRecord(D(2025, 12, 1), "S", "C2", "N1", "U4"),),
                        (ReviewRecord(D(2025, 12, 19), "PN1"),),
                    ),
                ),
            ),
        )
    )
    result = compute_measures(plain, YEAR)["measures"]
    for measure_id in ("M-PAR-04", "M-PAR-04b-father", "M-PAR-07", "M-PRC-02", "M-PRC-03"):
        assert result[measure_id]["status"] == "no data"  # type: ignore[index]
