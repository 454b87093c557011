"""The annual report's summary for children and young people: a few figures they asked
about, in plain words. It is public, so counts of 1 to 5 are shown as "c"."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from irohub.annual_report.figures import ReportFigures
from irohub.annual_report.narrative import paragraphs
from irohub.records.years import CollectionYear
from irohub.reporting import wording
from irohub.reporting.numbers import half_up, percent

__all__ = ["SummaryContent", "SummaryItem", "build_summary"]


@dataclass(frozen=True)
class SummaryItem:
    question: str
    number: str
    words: str


@dataclass(frozen=True)
class SummaryContent:
    council: str
    year: CollectionYear
    items: tuple[SummaryItem, ...]
    priorities: tuple[str, ...]
    generated_on: date

    @property
    def title(self) -> str:
        return f"Your IROs in {self.year.label}: a summary for children and young people"


# The shares children asked about: (measure, question, words with the share in them).
SUMMARY_SHARES = (
    (
        "M-REV-01",
        "Did your review happen on time?",
        "{share} in every 100 reviews happened on time. We want every review to happen on time.",
    ),
    (
        "M-PAR-01",
        "Did children have their say?",
        "In {share} in every 100 reviews, children and young people aged 4 or over told us "
        "what they think: by coming to the meeting, through an advocate or their IRO, or in "
        "writing or another way.",
    ),
)


def _per_hundred(result: Mapping[str, Any]) -> str | None:
    """How many in every 100, half-up; None for n/a or where the public version hides it."""
    numerator, denominator = int(result["numerator"]), int(result["denominator"])
    share = percent(numerator, denominator)
    if share is None or wording.hidden(result):
        return None
    return str(half_up(share, 0))


def build_summary(
    figures: ReportFigures, *, narrative: Mapping[str, str], council: str, generated_on: date
) -> SummaryContent:
    """A short summary in plain words with the few figures children asked about. It is
    public, so counts of 1 to 5 are shown as "c"."""
    items = [
        SummaryItem(
            "What is an IRO?",
            "IRO",
            "An IRO (Independent Reviewing Officer) makes sure your care plan is right for "
            "you, runs your reviews, and makes sure people listen to what you want. If "
            "things are not right, your IRO can challenge the council.",
        )
    ]
    year = figures.year
    looked_after = figures.measure("M-POP-01")
    if looked_after and "count" in looked_after:
        number = wording.public_count(int(looked_after["count"]), public=True)
        items.append(
            SummaryItem(
                "How many children we look after",
                number,
                f"On 31 March {year.end_year}, {number} children and young people were in "
                "our care.",
            )
        )
    for measure_id, question, words in SUMMARY_SHARES:
        result = figures.measure(measure_id)
        share = _per_hundred(result) if result and "numerator" in result else None
        if share is not None:
            items.append(SummaryItem(question, f"{share} in 100", words.format(share=share)))
    staff = figures.this.staff_by_team
    if staff:
        people = sum(n for n, _ in staff.values())
        items.append(
            SummaryItem(
                "How many IROs there are",
                str(people),
                f"There were {people} IROs working for the council on 31 March {year.end_year}.",
            )
        )
        caseload = figures.measure("M-WF-01")
        if caseload and caseload.get("value"):
            items[-1] = SummaryItem(
                items[-1].question,
                items[-1].number,
                items[-1].words
                + " Each full-time IRO looked after about "
                + f"{half_up(float(caseload['value']), 0)} children.",
            )
    priorities = tuple(
        item
        for kind, body in paragraphs(narrative.get("next_year_priorities", "") or "")
        if kind == "ul"
        for item in body
    )
    return SummaryContent(council, year, tuple(items), priorities, generated_on)
