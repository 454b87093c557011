"""The annual report's service section shows the establishment, vacancies, agency staff and
absence at each year's end and month by month (issue 17, item 1), and every measure table
shows this year's figure against its local target in words (item 4). Pure: a hand-built
register, no database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from irohub.annual_report.figures import gather_figures
from irohub.annual_report.sections import build_report
from irohub.measures.targets import Target
from irohub.records.workforce import AbsenceRecord, PostRecord, TermsRecord, Workforce
from irohub.records.years import CollectionYear
from irohub.reporting.tables import Table
from tests.unit.measures.builders import D, child, iro, period, register

YEAR = CollectionYear(2025)


def council():
    reg = register(
        child("C1", period(D(2024, 6, 1))),
        staff=(iro("A", "North", fte=1.0), iro("B", "North", fte=1.0, start=D(2025, 6, 1))),
    )
    return replace(
        reg,
        workforce=Workforce(
            posts=(
                PostRecord("1", "North", "iro", 1.0, D(2024, 4, 1)),
                PostRecord("2", "North", "iro", 1.0, D(2024, 4, 1)),
                PostRecord("3", "North", "iro", 1.0, D(2025, 1, 1)),
            ),
            terms=(TermsRecord("iro:B", D(2025, 6, 1), 1.0, "agency", D(2025, 11, 30)),),
            absences=(AbsenceRecord("iro:A", D(2026, 3, 1)),),
        ),
    )


def tables(content) -> dict[str, Table]:
    service = next(s for s in content.sections if s.key == "service")
    return {block.name: block for block in service.blocks if isinstance(block, Table)}


def test_the_service_section_shows_the_establishment_and_the_months() -> None:
    figures = gather_figures(council(), YEAR)
    content = build_report(
        figures,
        narrative={},
        council="Demo",
        generated_on=date(2026, 5, 1),
        targets={"M-WF-03d": Target("M-WF-03d", Decimal(10), Decimal(20), False)},
    )
    found = tables(content)
    rows = {row[0].value: [cell.value for cell in row[1:]] for row in found["establishment"].rows}
    # 31 March 2026: posts 3.0; A and B (employed since December) in post; 1.0 vacant; A
    # sick since 1 March (31 days: long-term).
    assert rows["Establishment"][-1] == "3"
    assert rows["In post"][-1] == "2"
    assert rows["Vacant"][-1] == "1"
    assert rows["Absent"][-1] == rows["Of whom long-term"][-1] == "1"
    months = found["establishment-months"].rows
    assert [row[0].value for row in months][:3] == ["April 2025", "May 2025", "June 2025"]
    agency = {row[0].value: row[4].value for row in months}
    assert agency["June 2025"] == "1" and agency["December 2025"] == "0"
    # Vacant 1.0 of 3.0 is 33.3%: above the target of 10% by more than 20 → red.
    workforce = found["workforce"]
    assert workforce.columns[-1].heading == "Against local target (2025/26)"
    against = {row[0].value: row[-1].value for row in workforce.rows}
    assert against["Vacant FTE (M-WF-03d)"] == "Red: above the target of 10% by more than 20"
    assert against["IROs in post at the year's end (M-WF-03)"] == "–"


def test_without_workforce_records_the_report_says_so() -> None:
    figures = gather_figures(replace(council(), workforce=None), YEAR)
    content = build_report(figures, narrative={}, council="Demo", generated_on=date(2026, 5, 1))
    assert "establishment" not in tables(content)
    assert "Against local target (2025/26)" not in [
        c.heading for c in tables(content)["workforce"].columns
    ]
