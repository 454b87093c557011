"""The annual report's content, built once and rendered as HTML, PDF and Word.

`gather_figures` works out everything the report needs from the register — every measure
of `irohub.measures` for the year, the year before and the one before that (the JSON of
`compute_measures`, so the report and `irohub measures` agree to the digit), monthly
trends, the staff in post — and `build_report` turns those figures and the manager's
narrative into a `ReportContent`: sections of text, tables and charts. The renderers
(`render.py`) only lay it out, so every format shows the same figures.

Sections follow the seed reports: introduction, purpose and legal context, the service,
the children, timeliness, participation, parents, quality ratings, resolutions, advocacy,
complaints and compliments, last year's priorities and next year's. A measure the register
cannot support says so plainly ("The register does not hold … yet"), never a made-up 0.

The public version applies small-number suppression (1–5 shown as "c", with secondary
suppression so totals cannot give them away) to every count of children, table and
chart. No version names a child or shows a child's identifier: only counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from irohub.annual_report import formatting as fmt
from irohub.annual_report.narrative import LABELS, paragraphs
from irohub.measures import DEFINITIONS, compute_measures, monthly_trend
from irohub.measures.catalogue import Kind, MeasureDefinition, Section
from irohub.records.codes import LEGAL_STATUS, PARTICIPATION, PLACEMENT
from irohub.records.register import Register
from irohub.records.years import CollectionYear
from irohub.reporting import charts
from irohub.reporting.national import NationalFigure, for_report_year
from irohub.reporting.numbers import percent
from irohub.reporting.suppression import SUPPRESSED, suppress_table
from irohub.statutory import WorkingDayCalendar

__all__ = [
    "ChartBlock",
    "Highlight",
    "Highlights",
    "Narrative",
    "Notice",
    "ReportContent",
    "ReportFigures",
    "ReportSection",
    "SummaryContent",
    "Table",
    "build_report",
    "build_summary",
    "gather_figures",
    "has_data",
]

YEARS_COMPARED = 3  # this year, last year and the year before (a three-year trend)
CASELOAD_BAND = (50.0, 70.0)  # IRO Handbook: 50–70 looked after children per FTE IRO
PUBLIC_MARK = "Public version"

# Measures the seed reports show whose data the register does not hold yet, by section:
# (id the spec gives, what the register would need).
NOT_YET_HELD: dict[str, tuple[tuple[str, str], ...]] = {
    "parents": (("M-PAR-04", "parents' attendance and contribution at each review"),),
    "quality": (("M-PRC-05", "IROs' quality (gold, green, amber, red) ratings of reviews"),),
    "resolutions": (("M-ESC-01", "IRO challenges and the stage each was resolved at"),),
    "advocacy": (("M-PAR-05", "advocacy referrals and independent visitors"),),
}


# --- what the report is made of --------------------------------------------------------


@dataclass(frozen=True)
class Narrative:
    """What the manager wrote for a section (split into paragraphs and lists)."""

    field: str
    parts: tuple[tuple[str, str | tuple[str, ...]], ...]
    kind: str = "narrative"

    @property
    def empty(self) -> bool:
        return not self.parts


@dataclass(frozen=True)
class Notice:
    """A plain statement from the report itself, e.g. that the register does not hold
    some data yet."""

    text: str
    kind: str = "notice"


@dataclass(frozen=True)
class Table:
    """A real table: a header row, then rows whose first cell names the row. Every cell is
    already text, formatted (and in the public version suppressed) by the builder."""

    key: str
    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: bool = False  # the last row is a total
    numeric_from: int = 1  # columns from this one on hold figures (right-aligned)
    kind: str = "table"


@dataclass(frozen=True)
class ChartBlock:
    chart: charts.Chart
    description: str  # the text alternative (alt text in Word, caption note in HTML)
    kind: str = "chart"

    @property
    def title(self) -> str:
        return self.chart.title


@dataclass(frozen=True)
class Highlight:
    label: str
    value: str
    detail: str = ""


@dataclass(frozen=True)
class Highlights:
    items: tuple[Highlight, ...]
    kind: str = "highlights"


Block = Narrative | Notice | Table | ChartBlock | Highlights


@dataclass(frozen=True)
class ReportSection:
    key: str
    number: int
    title: str
    blocks: tuple[Block, ...]

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass(frozen=True)
class ReportContent:
    council: str
    year: CollectionYear
    years: tuple[CollectionYear, ...]  # compared, earliest first (the report's year last)
    sections: tuple[ReportSection, ...]
    public: bool
    generated_on: date
    edited: str  # "Narrative last edited by … on …", or ""
    national: tuple[NationalFigure, ...]

    @property
    def title(self) -> str:
        return f"Independent Reviewing Officer service: annual report {self.year.label}"

    @property
    def subtitle(self) -> str:
        return f"{self.council}, 1 April {self.year.start_year} to 31 March {self.year.end_year}"

    def section(self, key: str) -> ReportSection:
        return next(section for section in self.sections if section.key == key)

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]

    def charts(self) -> list[ChartBlock]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, ChartBlock)]


# --- the figures -----------------------------------------------------------------------


@dataclass(frozen=True)
class YearFigures:
    year: CollectionYear
    measures: dict[str, dict[str, Any]]  # compute_measures(...)["measures"], breakdowns on
    participation_codes: dict[str, int]  # reviews held in the year by PN code
    staff_by_team: dict[str, tuple[int, float]] | None  # team → (IROs, FTE) at 31 March


@dataclass(frozen=True)
class ReportFigures:
    """Everything computed from the register for one report year."""

    year: CollectionYear
    years: tuple[YearFigures, ...]  # earliest first; the report's year last
    trends: dict[str, list[tuple[date, dict[str, Any]]]]  # snapshot measure → month ends
    national: dict[str, NationalFigure]

    @property
    def this(self) -> YearFigures:
        return self.years[-1]

    @property
    def last(self) -> YearFigures | None:
        return self.years[-2] if len(self.years) > 1 else None

    def measure(self, measure_id: str, back: int = 0) -> dict[str, Any] | None:
        """A measure's result `back` years before the report's year (None: not computed)."""
        if back >= len(self.years):
            return None
        return self.years[-1 - back].measures.get(measure_id)


def has_data(register: Register, year: CollectionYear) -> bool:
    """Whether any child was looked after at some time in the year."""
    return any(
        period.start <= year.end and (period.end is None or period.end >= year.start)
        for child in register.children
        for period in child.periods
    )


def gather_figures(
    register: Register, year: CollectionYear, *, calendar: WorkingDayCalendar | None = None
) -> ReportFigures:
    """Compute everything the report shows for `year` (and the years it is compared with)."""
    years = [year]
    for _ in range(YEARS_COMPARED - 1):
        earlier = years[-1].previous()
        if not has_data(register, earlier):
            break
        years.append(earlier)
    computed = tuple(_year_figures(register, y, calendar) for y in reversed(years))
    trends: dict[str, list[tuple[date, dict[str, Any]]]] = {}
    for measure_id, definition in DEFINITIONS.items():
        if definition.snapshot is not None:
            trend = monthly_trend(register, year, measure_id, calendar=calendar)
            trends[measure_id] = [(day, result.as_json()) for day, result in trend]
    return ReportFigures(year, computed, trends, for_report_year(year.label))


def _year_figures(
    register: Register, year: CollectionYear, calendar: WorkingDayCalendar | None
) -> YearFigures:
    measures: dict[str, dict[str, Any]] = compute_measures(
        register, year, calendar=calendar, breakdowns=True
    )["measures"]  # type: ignore[assignment]
    codes: Counter[str] = Counter()
    for child in register.children:
        for period in child.periods:
            for review in period.reviews:
                if review.held in year:
                    codes[review.participation] += 1
    return YearFigures(
        year=year,
        measures=measures,
        participation_codes={code: codes.get(code, 0) for code in PARTICIPATION},
        staff_by_team=_staff_by_team(register, year.end),
    )


def _staff_by_team(register: Register, day: date) -> dict[str, tuple[int, float]] | None:
    if register.staff is None:
        return None
    teams: dict[str, list[float]] = defaultdict(list)
    for iro in register.staff:
        if iro.in_post_on(day):
            teams[iro.team].append(iro.fte)
    return {team: (len(ftes), sum(ftes)) for team, ftes in sorted(teams.items())}


# --- building the report ---------------------------------------------------------------


@dataclass
class _Builder:
    figures: ReportFigures
    narrative: Mapping[str, str]
    public: bool
    definitions: dict[str, MeasureDefinition] = field(default_factory=lambda: dict(DEFINITIONS))

    @property
    def labels(self) -> list[str]:
        return [y.year.label for y in self.figures.years]

    def suppress(self, measure_id: str | None) -> bool:
        """Suppression protects children: counts of IROs are not suppressed."""
        if not self.public:
            return False
        definition = self.definitions.get(measure_id or "")
        return definition is None or definition.unit != "IRO"

    def text(self, result: Mapping[str, Any] | None, measure_id: str | None = None) -> str:
        return fmt.result_text(result, public=self.suppress(measure_id))

    def narrative_block(self, name: str) -> Narrative:
        text = self.narrative.get(name, "") or ""
        parts = tuple(
            (kind, tuple(body) if isinstance(body, list) else body)
            for kind, body in paragraphs(text)
        )
        return Narrative(name, parts)

    def count(self, value: int) -> str:
        return fmt.public_count(value, public=self.public)

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
                change = fmt.change_text(now, before, public=self.suppress(measure_id))
            rows.append((f"{definition.title} ({measure_id})", *cells, change or "–"))
        blocks: list[Block] = []
        if rows:
            header = ("Measure", *self.labels, "Change on last year")
            blocks.append(Table(key, caption, header, tuple(rows)))
        blocks += [Notice(_not_held_text(text)) for text in missing]
        return blocks

    def ids_in(self, section: Section, keep: Callable[[str], bool] = lambda _: True) -> list[str]:
        return [i for i, d in self.definitions.items() if d.section is section and keep(i)]

    def percent_trend_chart(self, title: str, ids: Sequence[str]) -> ChartBlock | None:
        series: dict[str, list[charts.Value]] = {}
        for measure_id in ids:
            if self.definitions[measure_id].kind is not Kind.PERCENT:
                continue
            values = [
                _plotted(self.figures.measure(measure_id, back), public=self.public)
                for back in reversed(range(len(self.figures.years)))
            ]
            if any(v is not None for v in values):
                series[self.definitions[measure_id].title] = values
        if not series:
            return None
        chart = charts.grouped_bar_chart(
            title, self.labels, series, category_heading="Year", horizontal=False
        )
        return ChartBlock(chart, _describe(chart, "Percentage by year"))

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
        shown_body, shown_totals = _column_totals(body, public=self.public)
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
            cells = [name, *(fmt.count_text(v) for v in shown), share]
            if national is not None:
                england = national.get(group)
                cells.append(f"{england}%" if england is not None else "–")
            rows.append(tuple(cells))
        totals = [
            "Total",
            *(fmt.count_text(v) for v in shown_totals),
            "100%" if total_now else "n/a",
        ]
        if national is not None:
            totals.append("")
        rows.append(tuple(totals))
        table = Table(key, caption, tuple(header), tuple(rows), total=True)
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


def _column_totals(
    body: list[list[int]], *, public: bool
) -> tuple[list[list[int | str]], list[int | str]]:
    """A table's counts (rows of years) and its totals row, suppressed in the public
    version so the totals cannot give a hidden count away."""
    if public:
        table = suppress_table(body, row_totals=False, column_totals=True)
        return [list(row) for row in table.cells], list(table.column_totals or ())
    return [list(row) for row in body], [sum(column) for column in zip(*body, strict=True)]


def _plotted(result: Mapping[str, Any] | None, *, public: bool) -> charts.Value:
    """What a chart plots for a result: its number, or "c" where the public version hides
    the figure."""
    value = fmt.result_number(result)
    if value is None or result is None or not public:
        return value
    return SUPPRESSED if fmt.result_text(result, public=True).startswith(SUPPRESSED) else value


def _share(raw: int, total: int, shown: int | str, shown_total: int | str) -> str:
    if SUPPRESSED in (shown, shown_total):
        return SUPPRESSED
    return fmt.percent_text(raw, total)


def _not_held_text(text: str) -> str:
    return f"Not available: {text}"


def _describe(chart: charts.Chart, what: str) -> str:
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
    return fmt.count_text(int(value)) if float(value).is_integer() else f"{fmt.half_up(value)}"


def build_report(
    figures: ReportFigures,
    *,
    narrative: Mapping[str, str],
    council: str,
    generated_on: date,
    public: bool = False,
    edited: str = "",
) -> ReportContent:
    """The report for `figures.year`: generated figures, tables and charts, with the
    manager's narrative in each section."""
    b = _Builder(figures, narrative, public)
    makers: list[tuple[str, str, Callable[[_Builder], list[Block]]]] = [
        ("introduction", "Introduction", _introduction),
        ("purpose", LABELS["purpose"], lambda b: []),
        ("service", LABELS["service"], _service),
        ("children", LABELS["children"], _children),
        ("timeliness", LABELS["timeliness"], _timeliness),
        ("participation", LABELS["participation"], _participation),
        ("parents", LABELS["parents"], lambda b: _generic(b, "parents")),
        ("quality", "Quality of care planning: IRO ratings", lambda b: _generic(b, "quality")),
        (
            "resolutions",
            "Resolutions, escalation and Cafcass",
            lambda b: _generic(b, "resolutions"),
        ),
        ("advocacy", "Advocacy and independent visitors", lambda b: _generic(b, "advocacy")),
        ("complaints_compliments", LABELS["complaints_compliments"], _complaints),
        ("last_year_priorities", "Last year's priorities: what we did", lambda b: []),
        (
            "next_year_priorities",
            f"Priorities for {CollectionYear(figures.year.start_year + 1).label}",
            lambda b: [],
        ),
    ]
    sections: list[ReportSection] = []
    for number, (key, title, make) in enumerate(makers, start=1):
        generated = make(b)
        story = b.narrative_block(key)
        # The manager's words first where they introduce; after the figures elsewhere.
        if key in {"introduction", "purpose", "last_year_priorities", "next_year_priorities"}:
            blocks = [story, *generated]
        else:
            blocks = [*generated, story]
        sections.append(ReportSection(key, number, title, tuple(blocks)))
    sections.append(
        ReportSection("figures", len(sections) + 1, "Figures in this report", tuple(_appendix(b)))
    )
    used = tuple(figures.national[key] for key in _NATIONAL_USED if key in figures.national)
    return ReportContent(
        council=council,
        year=figures.year,
        years=tuple(y.year for y in figures.years),
        sections=tuple(sections),
        public=public,
        generated_on=generated_on,
        edited=edited,
        national=used,
    )


_NATIONAL_USED = (
    "looked_after_31_march",
    "looked_after_flows",
    "looked_after_by_sex",
    "looked_after_by_ethnicity",
    "iro_caseloads_survey",
)


# --- the sections ----------------------------------------------------------------------

HEADLINES = (
    ("M-POP-01", "Children in care at 31 March"),
    ("M-REV-01", "Reviews held on time"),
    ("M-PAR-01", "Reviews where the child's views were heard"),
    ("M-WF-01", "Children per full-time IRO"),
)


_UASC = {"UASC": "Unaccompanied asylum-seeking child", "Not UASC": "Not UASC"}


def _introduction(b: _Builder) -> list[Block]:
    items = []
    for measure_id, label in HEADLINES:
        now = b.figures.measure(measure_id)
        if now is None or "status" in now:
            continue
        before = b.figures.measure(measure_id, 1)
        detail = ""
        if before is not None and "status" not in before:
            detail = f"{b.labels[-2]}: {b.text(before, measure_id)}"
        value = b.text(now, measure_id)
        items.append(Highlight(label, value, detail))
    return [Highlights(tuple(items))] if items else []


def _service(b: _Builder) -> list[Block]:
    blocks: list[Block] = []
    staff_years = [y for y in b.figures.years if y.staff_by_team is not None]
    if not staff_years:
        blocks.append(Notice(_not_held_text("the register does not hold the IRO service's staff.")))
    else:
        teams = list(dict.fromkeys(t for y in staff_years for t in (y.staff_by_team or {})))
        header = ("Team", *(f"IROs at 31 March {y.year.end_year}" for y in staff_years[-2:]))
        header += tuple(f"FTE at 31 March {y.year.end_year}" for y in staff_years[-2:])
        rows = []
        for team in teams:
            people = [str((y.staff_by_team or {}).get(team, (0, 0.0))[0]) for y in staff_years[-2:]]
            ftes = [
                fmt.fte_text((y.staff_by_team or {}).get(team, (0, 0.0))[1])
                for y in staff_years[-2:]
            ]
            rows.append((team, *people, *ftes))
        totals = [sum(n for n, _ in (y.staff_by_team or {}).values()) for y in staff_years[-2:]]
        fte = [sum(f for _, f in (y.staff_by_team or {}).values()) for y in staff_years[-2:]]
        rows.append(("Total", *map(str, totals), *map(fmt.fte_text, fte)))
        blocks.append(
            Table(
                "staff",
                "IROs in post by team (full-time equivalent)",
                header,
                tuple(rows),
                total=True,
            )
        )
    ids = b.ids_in(Section.WORKFORCE)
    blocks += b.measure_table("workforce", "Workforce measures by year", ids)
    # Caseloads against the IRO Handbook's 50–70 band, month by month.
    for measure_id in ids:
        definition = b.definitions[measure_id]
        trend = b.figures.trends.get(measure_id)
        if definition.kind is Kind.RATE and trend:
            values: list[charts.Value] = [fmt.result_number(r) for _, r in trend]
            if all(v is None for v in values):
                continue
            chart = charts.line_chart(
                f"{definition.title}, month by month, {b.labels[-1]}",
                [f"{day:%b %Y}" for day, _ in trend],
                {definition.title: values},
                y_label="Children per FTE",
                band=CASELOAD_BAND,
                band_label="IRO Handbook: 50 to 70",
            )
            blocks.append(ChartBlock(chart, _describe(chart, "The shaded band is 50 to 70")))
    survey = b.figures.national.get("iro_caseloads_survey")
    if survey is not None:
        blocks.append(
            Notice(
                "The IRO Handbook recommends caseloads of 50 to 70 looked after children per "
                f"full-time IRO. Nationally, {survey.value('share_of_local_authorities')} of "
                f"councils had IRO caseloads above that level ({survey.citation}, {survey.period})."
            )
        )
    return blocks


def _children(b: _Builder) -> list[Block]:
    blocks: list[Block] = []
    ids = b.ids_in(Section.POPULATION)
    blocks += b.measure_table("population", "Children in care: counts by year", ids)
    national = b.figures.national
    lac = national.get("looked_after_31_march")
    if lac is not None:
        rate = lac.values.get("rate_per_10000")
        per = f" ({rate} per 10,000 children)" if rate else ""
        blocks.append(
            Notice(
                f"England: {fmt.count_text(int(lac.value('count')))} children were looked after "
                f"at {lac.period}{per} ({lac.citation})."
            )
        )
    sex = national.get("looked_after_by_sex")
    ethnic = national.get("looked_after_by_ethnicity")
    sex_national = None
    if sex is not None:
        sex_national = {
            "Male": sex.values.get("male_percent"),
            "Female": sex.values.get("female_percent"),
        }
        sex_national = {k: v for k, v in sex_national.items() if v is not None}
    splits = [
        ("sex", "Children in care at 31 March by sex", "sex", None, sex_national),
        ("age", "Children in care at 31 March by age", "age band", None, None),
        (
            "ethnicity",
            "Children in care at 31 March by ethnic group",
            "ethnicity group",
            None,
            dict(ethnic.values) if ethnic is not None else None,
        ),
        (
            "legal",
            "Children in care at 31 March by legal status",
            "legal status",
            LEGAL_STATUS,
            None,
        ),
        (
            "placement",
            "Children in care at 31 March by placement",
            "placement type",
            PLACEMENT,
            None,
        ),
    ]
    for key, caption, dimension, labels, england in splits:
        made = b.breakdown_table(
            key, caption, "M-POP-01", dimension, labels=labels, national=england
        )
        if made is None:
            continue
        table, chart = made
        blocks.append(table)
        if key in {"sex", "age", "ethnicity", "legal"}:
            blocks.append(ChartBlock(chart, _describe(chart, "Number of children")))
    if sex is not None or ethnic is not None:
        cited = sex or ethnic
        assert cited is not None
        blocks.append(Notice(f"England percentages: {cited.citation}, {cited.period}."))
    # Entries and exits: who came into care, and why children left.
    flows_made = [
        ("started", "Children who came into care in the year by age", "M-POP-02", "age band"),
        ("ceased", "Children who left care in the year by outcome", "M-POP-02a", "outcome"),
    ]
    for key, caption, measure_id, dimension in flows_made:
        made = b.breakdown_table(key, caption, measure_id, dimension)
        if made is not None:
            blocks.append(made[0])
    flows = national.get("looked_after_flows")
    if flows is not None:
        blocks.append(
            Notice(
                f"England, {flows.period}: {fmt.count_text(int(flows.value('started')))} children "
                f"started to be looked after and {fmt.count_text(int(flows.value('ceased')))} "
                f"ceased ({fmt.count_text(int(flows.value('adopted')))} adopted) "
                f"({flows.citation})."
            )
        )
    return blocks


def _timeliness(b: _Builder) -> list[Block]:
    ids = b.ids_in(Section.TIMELINESS)
    blocks = b.measure_table("timeliness", "Timeliness of reviews by year", ids)
    chart = b.percent_trend_chart(
        "Reviews on time by year (%)", [i for i in ids if not b.definitions[i].variant_of]
    )
    if chart is not None:
        blocks.append(chart)
    trend = b.figures.trends.get("M-REV-03")
    if trend:
        values = [_plotted(result, public=b.public) for _, result in trend]
        title = b.definitions["M-REV-03"].title
        line = charts.line_chart(
            f"{title} at the end of each month, {b.labels[-1]} (%)",
            [f"{day:%b %Y}" for day, _ in trend],
            {title: values},
            y_label="Per cent",
        )
        blocks.append(ChartBlock(line, _describe(line, "Per cent of children in care")))
    blocks.append(
        Notice(
            "No national figure for the timeliness of looked after reviews is published "
            "(spec measures.md §J); the comparison is with this council's earlier years."
        )
    )
    return blocks


def _participation(b: _Builder) -> list[Block]:
    ids = b.ids_in(
        Section.PARTICIPATION,
        lambda i: not i.startswith(("M-PAR-04", "M-PAR-05", "M-PAR-07")),
    )
    blocks = b.measure_table("participation", "Children's participation by year", ids)
    codes = [y.participation_codes for y in b.figures.years]
    if any(sum(year.values()) for year in codes):
        body = [[year.get(code, 0) for year in codes] for code in PARTICIPATION]
        cells, totals = _column_totals(body, public=b.public)
        rows = [
            (f"{code}: {PARTICIPATION[code]}", *(fmt.count_text(v) for v in row))
            for code, row in zip(PARTICIPATION, cells, strict=True)
        ]
        rows.append(("All reviews held", *(fmt.count_text(v) for v in totals)))
        blocks.append(
            Table(
                "participation_codes",
                "Reviews held by how the child took part (SSDA903 participation code)",
                ("How the child took part", *b.labels),
                tuple(rows),
                total=True,
            )
        )
        latest = {code: row[-1] for code, row in zip(PARTICIPATION, cells, strict=True)}
        if not b.public or all(isinstance(v, int) for v in latest.values()):
            chart = charts.distribution_chart(
                f"How children took part in their reviews, {b.labels[-1]}",
                {code: int(v) for code, v in latest.items() if code != "PN0"},
                label=b.labels[-1],
            )
            blocks.append(ChartBlock(chart, _describe(chart, "Reviews of children aged 4 or over")))
    chart = b.percent_trend_chart("Children's views heard in reviews by year (%)", ids)
    if chart is not None:
        blocks.append(chart)
    blocks.append(
        Notice(
            "No national figure for children's participation in reviews is published "
            "(spec measures.md §J)."
        )
    )
    return blocks


def _generic(b: _Builder, key: str) -> list[Block]:
    """Parents, quality ratings, resolutions, advocacy: the catalogue's measures for the
    section when they exist; else a plain statement that the register does not hold them."""
    wanted = {
        "parents": lambda i: i.startswith("M-PAR-04"),
        "quality": lambda i: b.definitions[i].section is Section.PROCESS,
        "resolutions": lambda i: b.definitions[i].section is Section.ESCALATION,
        "advocacy": lambda i: i.startswith(("M-PAR-05", "M-PAR-07")),
    }[key]
    ids = [i for i in b.definitions if wanted(i)]
    blocks: list[Block] = []
    if ids:
        blocks += b.measure_table(key, f"{LABELS.get(key, key.capitalize())}: figures by year", ids)
    for measure_id, needs in NOT_YET_HELD.get(key, ()):
        if not any(i.startswith(measure_id) for i in ids):
            blocks.append(
                Notice(
                    f"The register does not hold {needs} yet, so this report has no figures for it."
                )
            )
    return blocks


def _complaints(b: _Builder) -> list[Block]:
    return [
        Notice(
            "The register does not hold complaints and compliments yet: the figures in this "
            "section are the service manager's."
        )
    ]


def _appendix(b: _Builder) -> list[Block]:
    rows = []
    earlier = len(b.figures.years) > 1
    for measure_id, definition in b.definitions.items():
        rows.append(
            (
                measure_id,
                definition.title,
                b.text(b.figures.measure(measure_id), measure_id),
                b.text(b.figures.measure(measure_id, 1), measure_id) if earlier else "–",
            )
        )
    last = b.labels[-2] if len(b.labels) > 1 else "Last year"
    blocks: list[Block] = [
        Notice(
            "Every figure in this report is computed by IRO Hub from the register, with the "
            "definitions of the IRO Hub measures specification. Percentages are rounded half "
            "up to one decimal place and shown with their numerator and denominator; n/a "
            "means there was nothing to count."
            + (
                " In this public version, counts from 1 to 5 are shown as c, and other figures "
                "are hidden where they would let a reader work out a hidden one."
                if b.public
                else ""
            )
        ),
        Table(
            "figures",
            "Every measure",
            ("Measure ID", "Measure", b.labels[-1], last),
            tuple(rows),
            numeric_from=2,
        ),
    ]
    missing = [
        f"{measure_id} {b.definitions[measure_id].title}: {result['reason']}"
        for measure_id in b.definitions
        if (result := b.figures.measure(measure_id)) is not None
        and result.get("status") == "no data"
    ]
    blocks += [Notice(_not_held_text(text)) for text in missing]
    national_rows = []
    for key in _NATIONAL_USED:
        figure = b.figures.national.get(key)
        if figure is None:
            continue
        values = "; ".join(
            f"{name.replace('_', ' ')} {value}" for name, value in figure.values.items()
        )
        national_rows.append(
            (
                figure.label,
                figure.period,
                values,
                figure.citation,
                _MARKER.get(figure.marker, figure.marker),
            )
        )
    if national_rows:
        blocks.append(
            Table(
                "national",
                "National figures used, with their year and source",
                ("Figure", "Year", "Value", "Source", "Status"),
                tuple(national_rows),
                numeric_from=99,
            )
        )
    return blocks


_MARKER = {"V": "Verified", "S": "Secondary source", "U": "Unverified"}


# --- the child-friendly summary --------------------------------------------------------


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
    if share is None or fmt.figure_text(numerator, denominator, public=True).startswith(SUPPRESSED):
        return None
    return str(fmt.half_up(share, 0))


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
        number = fmt.public_count(int(looked_after["count"]), public=True)
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
                + f"{round(float(caseload['value']))} children.",
            )
    priorities = tuple(
        item
        for kind, body in paragraphs(narrative.get("next_year_priorities", "") or "")
        if kind == "ul"
        for item in body
    )
    return SummaryContent(council, year, tuple(items), priorities, generated_on)
