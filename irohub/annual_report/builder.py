"""How the annual report turns its figures into tables, charts and words: the measures
of a section by year with their change, counts by a breakdown with their share, charts
with a text alternative. Every figure is worded by irohub.reporting.wording, as on the
performance page; the public version shows counts of 1 to 5 as "c", with secondary
suppression so totals cannot give them away, and names no child.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from irohub.annual_report.content import Block, ChartBlock, Narrative, Notice
from irohub.annual_report.figures import ReportFigures
from irohub.annual_report.narrative import paragraphs
from irohub.measures import DEFINITIONS
from irohub.measures.catalogue import Kind, MeasureDefinition, Section
from irohub.measures.targets import Target
from irohub.measures.workforce import CaseloadBand
from irohub.reporting import charts, wording
from irohub.reporting.numbers import count_text, half_up, percent_text
from irohub.reporting.suppression import SUPPRESSED, suppress_table
from irohub.reporting.tables import Cell, CellKind, Column, Table

__all__ = ["Builder", "column_totals", "describe", "not_held_text", "plotted", "text_table"]


def text_table(
    name: str,
    caption: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    total: bool = False,
    numeric_from: int = 1,
) -> Table:
    """A report table of cells already worded (and suppressed): the first column names the
    row; columns from `numeric_from` on hold figures (right-aligned)."""
    columns = tuple(
        Column(heading, CellKind.TEXT if index < numeric_from else CellKind.NUMBER)
        for index, heading in enumerate(header)
    )
    return Table(
        name=name,
        caption=caption,
        columns=columns,
        rows=[tuple(Cell(text) for text in row) for row in rows],
        total=total,
    )


@dataclass
class Builder:
    figures: ReportFigures
    narrative: Mapping[str, str]
    public: bool
    band: CaseloadBand | None = None
    definitions: dict[str, MeasureDefinition] = field(default_factory=lambda: dict(DEFINITIONS))
    # The council's local targets by measure (irohub.measures.targets): each measure table
    # with one shows this year's figure against it, red, amber or green in words.
    targets: Mapping[str, Target] = field(default_factory=dict)

    @property
    def labels(self) -> list[str]:
        return [y.year.label for y in self.figures.years]

    def suppress(self, measure_id: str | None) -> bool:
        """Suppression protects children: counts of IROs are not suppressed."""
        if not self.public:
            return False
        definition = self.definitions.get(measure_id or "")
        return definition is None or definition.unit != "IRO"

    def text(self, result: wording.Result | None, measure_id: str | None = None) -> str:
        return wording.result_text(result, public=self.suppress(measure_id))

    def narrative_block(self, name: str) -> Narrative:
        return self.story(name, self.narrative.get(name, "") or "")

    def story(self, name: str, text: str) -> Narrative:
        """`text` as the manager's words for the section `name`."""
        parts = tuple(
            (kind, tuple(body) if isinstance(body, list) else body)
            for kind, body in paragraphs(text)
        )
        return Narrative(name, parts)

    def count(self, value: int) -> str:
        return wording.public_count(value, public=self.public)

    # A table of measures: one row per measure, one column per year, the change, and a
    # note for each measure the register cannot support yet.
    def measure_table(self, key: str, caption: str, ids: Sequence[str]) -> list[Block]:
        rows: list[tuple[str, ...]] = []
        missing: list[str] = []
        for measure_id in ids:
            definition = self.definitions[measure_id]
            now = self.figures.measure(measure_id)
            if now is None or now.get("status") == "no data":
                reason = (now or {}).get("reason") or "its data is not in the register"
                missing.append(f"{definition.title} ({measure_id}): {reason}")
                continue
            cells = [
                self.text(self.figures.measure(measure_id, back), measure_id)
                for back in reversed(range(len(self.figures.years)))
            ]
            before = self.figures.measure(measure_id, 1)
            change = ""
            if before:
                change = wording.change_text(now, before, public=self.suppress(measure_id))
            row = (f"{definition.title} ({measure_id})", *cells, change or "–")
            if any(i in self.targets for i in ids):
                row += (self.against_target(measure_id, now),)
            rows.append(row)
        blocks: list[Block] = []
        if rows:
            header = ("Measure", *self.labels, "Change on last year")
            if any(i in self.targets for i in ids):
                header += (f"Against local target ({self.labels[-1]})",)
            blocks.append(text_table(key, caption, header, rows))
        blocks += [Notice(not_held_text(text)) for text in missing]
        return blocks

    def against_target(self, measure_id: str, result: Mapping[str, Any] | None) -> str:
        """This year's figure against the measure's local target, in words ("" without
        one); the public version does not rate a figure it hides."""
        target = self.targets.get(measure_id)
        if target is None:
            return "–"
        if self.suppress(measure_id) and wording.hidden(result):
            return SUPPRESSED
        percent = self.definitions[measure_id].kind in (Kind.PERCENT, Kind.FTE)
        return wording.against_target(result, target, percent=percent)[1]

    def ids_in(self, section: Section, keep: Callable[[str], bool] = lambda _: True) -> list[str]:
        return [i for i, d in self.definitions.items() if d.section is section and keep(i)]

    def percent_trend_chart(self, title: str, ids: Sequence[str]) -> ChartBlock | None:
        series: dict[str, list[charts.Value]] = {}
        for measure_id in ids:
            if self.definitions[measure_id].kind is not Kind.PERCENT:
                continue
            values = [
                plotted(self.figures.measure(measure_id, back), public=self.public)
                for back in reversed(range(len(self.figures.years)))
            ]
            if any(v is not None for v in values):
                series[self.definitions[measure_id].title] = values
        if not series:
            return None
        chart = charts.grouped_bar_chart(
            title, self.labels, series, category_heading="Year", horizontal=False
        )
        return ChartBlock(chart, describe(chart, "Percentage by year"))

    def breakdown_table(
        self,
        key: str,
        caption: str,
        measure_id: str,
        dimension: str,
        *,
        labels: Mapping[str, str] | None = None,
        national: Mapping[str, object] | None = None,
    ) -> tuple[Table, charts.Chart] | None:
        """Counts by one dimension for each year compared, the share this year, England's
        share where published; and a chart of the last two years."""
        per_year: list[dict[str, int]] = []
        for back in reversed(range(len(self.figures.years))):
            result = self.figures.measure(measure_id, back) or {}
            groups = result.get("breakdowns", {}).get(dimension, {})
            per_year.append({g: _count_of(v) for g, v in groups.items()})
        groups_seen: list[str] = list(dict.fromkeys(g for year in reversed(per_year) for g in year))
        if not groups_seen or not any(per_year[-1].values()):
            return None
        body = [[year.get(group, 0) for year in per_year] for group in groups_seen]
        shown_body, shown_totals = column_totals(body, public=self.public)
        total_now = sum(row[-1] for row in body)
        header = [caption.rsplit(" by ", 1)[-1] if " by " in caption else "Group"]
        header[0] = header[0][:1].upper() + header[0][1:]
        header += [f"{label}" for label in self.labels] + [f"% in {self.labels[-1]}"]
        if national is not None:
            header.append("England %")
        rows: list[tuple[str, ...]] = []
        for group, raw, shown in zip(groups_seen, body, shown_body, strict=True):
            name = (labels or {}).get(group, group)
            share = _share(raw[-1], total_now, shown[-1], shown_totals[-1])
            cells = [name, *(count_text(v) for v in shown), share]
            if national is not None:
                england = national.get(group)
                cells.append(f"{england}%" if england is not None else "–")
            rows.append(tuple(cells))
        totals = [
            "Total",
            *(count_text(v) for v in shown_totals),
            "100%" if total_now else "n/a",
        ]
        if national is not None:
            totals.append("")
        rows.append(tuple(totals))
        table = text_table(key, caption, header, rows, total=True)
        recent = per_year[-2:]
        recent_shown = [row[-len(recent) :] for row in shown_body]
        chart = charts.grouped_bar_chart(
            caption,
            [(labels or {}).get(g, g) for g in groups_seen],
            {
                self.labels[-len(recent) + i]: [row[i] for row in recent_shown]
                for i in range(len(recent))
            },
            category_heading=header[0],
            horizontal=True,
        )
        return table, chart


def _count_of(result: Mapping[str, Any]) -> int:
    if "count" in result:
        return int(result["count"])
    if "denominator" in result and "value" not in result:
        return int(result["denominator"])
    return 0


def column_totals(
    body: list[list[int]], *, public: bool
) -> tuple[list[list[int | str]], list[int | str]]:
    """A table's counts (rows of years) and its totals row, suppressed in the public
    version so the totals cannot give a hidden count away."""
    if public:
        table = suppress_table(body, row_totals=False, column_totals=True)
        return [list(row) for row in table.cells], list(table.column_totals or ())
    return [list(row) for row in body], [sum(column) for column in zip(*body, strict=True)]


def plotted(result: wording.Result | None, *, public: bool) -> charts.Value:
    """What a chart plots for a result: its figure as shown, or "c" where the public
    version hides it."""
    value = wording.value(result)
    if value is None:
        return None
    return SUPPRESSED if public and wording.hidden(result) else float(value)


def _share(raw: int, total: int, shown: int | str, shown_total: int | str) -> str:
    if SUPPRESSED in (shown, shown_total):
        return SUPPRESSED
    return percent_text(raw, total)


def not_held_text(text: str) -> str:
    return f"Not available: {text}"


def describe(chart: charts.Chart, what: str) -> str:
    """A text alternative: the chart's figures in words."""
    parts = []
    for row in chart.data_table():
        values = ", ".join(
            f"{name} {_plain(value)}"
            for name, value in zip(chart.columns[1:], row[1:], strict=True)
        )
        parts.append(f"{row[0]}: {values}")
    return f"{chart.title}. {what}. " + "; ".join(parts) + "."


def _plain(value: charts.Value) -> str:
    if value is None:
        return "no data"
    if isinstance(value, str):
        return value
    return count_text(int(value)) if float(value).is_integer() else f"{half_up(value)}"
