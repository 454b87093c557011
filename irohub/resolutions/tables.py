"""The challenges as tables (irohub.reporting.tables): the managers' list and the
quarterly thematic summary, on the page and as CSV and Excel downloads."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from urllib.parse import urlencode

from django.http import HttpRequest
from django.urls import reverse

from irohub.reporting.numbers import half_up
from irohub.reporting.tables import Cell, CellKind, Column, Table
from irohub.resolutions.models import Challenge
from irohub.resolutions.queries import ThematicSummary, age_band
from irohub.statutory.resolution import Stage


@dataclass(frozen=True)
class Quarter:
    start: date
    end: date

    @property
    def slug(self) -> str:
        return f"{self.start.year}-q{(self.start.month - 1) // 3 + 1}"

    @property
    def label(self) -> str:
        return f"{self.start:%B %Y} to {self.end:%B %Y}"


def _quarter_of(day: date) -> Quarter:
    first = 3 * ((day.month - 1) // 3) + 1
    start = date(day.year, first, 1)
    end = date(day.year + (first == 10), 1 if first == 10 else first + 3, 1)
    return Quarter(start, date.fromordinal(end.toordinal() - 1))


def parse_quarter(text: str, today: date) -> Quarter:
    """`2026-q1` (January to March 2026); anything else is the latest complete quarter."""
    parts = text.lower().split("-q")
    if len(parts) == 2 and parts[0].isdigit() and parts[1] in {"1", "2", "3", "4"}:
        year = int(parts[0])
        if 2000 <= year <= today.year:
            return _quarter_of(date(year, 3 * int(parts[1]) - 2, 1))
    this = _quarter_of(today)
    return _quarter_of(date.fromordinal(this.start.toordinal() - 1))


def recent_quarters(today: date, count: int = 8) -> list[Quarter]:
    quarters = [_quarter_of(today)]
    while len(quarters) < count:
        quarters.append(_quarter_of(date.fromordinal(quarters[-1].start.toordinal() - 1)))
    return quarters


def download_links(request: HttpRequest, table: str = "") -> dict[str, str]:
    base = {k: v for k, v in request.GET.items() if k not in {"format", "table"}}
    if table:
        base["table"] = table
    return {
        output: f"{request.path}?{urlencode({**base, 'format': output})}"
        for output in ("csv", "xlsx")
    }


def challenge_table(rows: list[Challenge], *, today: date) -> Table:
    table = Table(
        "challenges",
        "Challenges",
        (
            Column("Child"),
            Column("Opened", CellKind.DATE),
            Column("Social-work team"),
            Column("Stage"),
            Column("Status"),
            Column("Themes"),
            Column("Response due", CellKind.DATE),
            Column("Formal target", CellKind.DATE),
            Column("Age"),
            Column("Outcome"),
        ),
        empty="No challenges match.",
    )
    for challenge in rows:
        table.add(
            Cell(
                challenge.child.identifier,
                text=f"{challenge.child.full_name} ({challenge.child.identifier})",
                href=reverse("challenge", args=[challenge.pk]),
            ),
            Cell(challenge.opened),
            Cell(challenge.social_work_team.name if challenge.social_work_team else "Not recorded"),
            Cell(challenge.get_stage_display()),
            Cell(challenge.get_status_display()),
            Cell(", ".join(theme.name for theme in challenge.themes.all())),
            Cell(challenge.stage_due),
            Cell(challenge.formal_due),
            Cell(age_band(challenge.opened, challenge.closed or today)),
            Cell(challenge.get_outcome_display()),
        )
    return table


def summary_tables(summary: ThematicSummary) -> list[Table]:
    stages = list(Stage)
    themes = Table(
        "themes",
        f"Challenges by theme and stage reached, {summary.start:%-d %B %Y} to "
        f"{summary.end:%-d %B %Y}",
        (
            Column("Theme"),
            *(Column(summary.stage_names[int(s)], CellKind.NUMBER) for s in stages),
            Column("Total", CellKind.NUMBER),
        ),
        empty="No challenges were opened in the quarter.",
    )
    for theme, counts in summary.by_theme.items():
        themes.add(
            Cell(theme),
            *(Cell(counts[int(s)]) for s in stages),
            Cell(sum(counts.values())),
        )
    if summary.by_stage:
        themes.add(
            Cell("All challenges"),
            *(Cell(summary.by_stage[int(s)]) for s in stages),
            Cell(sum(summary.by_stage.values())),
        )
        themes.total = True
    closing = Table(
        "outcomes",
        "Challenges closed, by outcome, and the time to close them",
        (Column("Outcome"), Column("Challenges", CellKind.NUMBER)),
        empty="No challenge opened in the quarter has closed yet.",
    )
    for outcome, count in sorted(summary.outcomes.items()):
        closing.add(Cell(outcome.capitalize()), Cell(count))
    if summary.median_working_days_to_close is not None:
        closing.add(
            Cell("Median working days from opening to closing"),
            Cell(half_up(Decimal(str(summary.median_working_days_to_close)))),
        )
    repeats = Table(
        "repeats",
        "Repeat issues: a child with two or more challenges on one theme in 12 months",
        (Column("Child"), Column("Theme"), Column("Challenges", CellKind.NUMBER)),
        empty="No repeat issues.",
    )
    for child, theme, count in summary.repeats:
        repeats.add(Cell(child), Cell(theme), Cell(count))
    return [themes, closing, repeats]
