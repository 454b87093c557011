"""The annual report's sections, in the seed reports' order: introduction, purpose and
legal context, the service, the children, timeliness, participation, parents, quality
ratings, resolutions, advocacy, foster carer reviews, short-break and adoption reviews,
complaints and compliments, last year's priorities and
next year's, and the figures used. A measure the register cannot support says so plainly
("The register does not hold … yet"), never a made-up 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from irohub.annual_report.builder import (
    Builder,
    column_totals,
    describe,
    not_held_text,
    plotted,
    text_table,
)
from irohub.annual_report.content import (
    Block,
    ChartBlock,
    Highlight,
    Highlights,
    Notice,
    ReportContent,
    ReportSection,
)
from irohub.annual_report.figures import ReportFigures
from irohub.annual_report.narrative import (
    FIXED_LAST,
    LABELS,
    AddedSection,
    PlannedActionText,
    ordered,
)
from irohub.measures.catalogue import Kind, Section
from irohub.measures.escalation import STAGES
from irohub.measures.targets import Target
from irohub.measures.voice import BOOKLET_AGE_BANDS
from irohub.measures.workforce import CaseloadBand
from irohub.planning import presenting
from irohub.records.codes import LEGAL_STATUS, PARTICIPATION, PLACEMENT
from irohub.records.consultation import FORMS, MANY
from irohub.records.placements import LOCATION_GROUPS
from irohub.records.years import CollectionYear
from irohub.reporting import charts
from irohub.reporting.numbers import count_text, fte_text, percent_text
from irohub.reporting.published import charts_for, summary_table
from irohub.reporting.suppression import SUPPRESSED

__all__ = ["build_report", "section_titles"]

# Measures the seed reports show whose data the register does not hold yet, by section:
# (id the spec gives, what the register would need).
NOT_YET_HELD: dict[str, tuple[tuple[str, str], ...]] = {
    "parents": (("M-PAR-04", "parents' attendance and contribution at each review"),),
    "advocacy": (("M-PAR-07", "independent visitors"),),
}


def build_report(
    figures: ReportFigures,
    *,
    narrative: Mapping[str, str],
    council: str,
    generated_on: date,
    public: bool = False,
    edited: str = "",
    band: CaseloadBand | None = None,
    targets: Mapping[str, Target] | None = None,
    added: Sequence[AddedSection] = (),
    order: Sequence[str] = (),
    plan: Sequence[PlannedActionText] = (),
    last_plan: Sequence[PlannedActionText] | None = None,
) -> ReportContent:
    """The report for `figures.year`: generated figures, tables and charts, with the
    manager's narrative in each section; caseloads drawn against `band` (the council's
    caseload band) when given. `added` are the sections the manager added, `order` the
    order they arranged (section keys), `plan` the action plan for next year and
    `last_plan` last year's plan with what happened (None: there was no report last
    year)."""
    b = Builder(figures, narrative, public, band, targets=dict(targets or {}))
    makers = _makers(figures.year)
    stories = {section.key: section for section in added}
    for section in added:
        makers[section.key] = (section.title, lambda b: [])
    sections: list[ReportSection] = []
    for number, key in enumerate(ordered(list(makers), list(order)), start=1):
        title, make = makers[key]
        generated = make(b)
        if key == "last_year_priorities" and last_plan is not None:
            generated = [*generated, *_last_plan(b, last_plan)]
        if key == "next_year_priorities":
            generated = [*generated, *_plan(b, plan)]
        story = b.story(key, stories[key].text) if key in stories else b.narrative_block(key)
        # The manager's words first where they introduce; after the figures elsewhere.
        if key in {"introduction", "purpose", "last_year_priorities", "next_year_priorities"}:
            blocks = [story, *generated]
        else:
            blocks = [*generated, story]
        sections.append(ReportSection(key, number, title, tuple(blocks)))
    sections.append(
        ReportSection(FIXED_LAST, len(sections) + 1, "Figures in this report", tuple(_appendix(b)))
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


Maker = Callable[[Builder], list[Block]]


def _makers(year: CollectionYear) -> dict[str, tuple[str, Maker]]:
    """The standard sections, by key, in the seed reports' order: (title, what makes its
    figures)."""
    return {
        "introduction": ("Introduction", _introduction),
        "purpose": (LABELS["purpose"], lambda b: []),
        "service": (LABELS["service"], lambda b: [*_service(b), *_forecast(b)]),
        "children": (LABELS["children"], _children),
        "timeliness": (LABELS["timeliness"], _timeliness),
        "participation": (LABELS["participation"], _participation),
        "parents": (LABELS["parents"], lambda b: _generic(b, "parents")),
        "quality": ("Quality of care planning: IRO ratings", _quality),
        "resolutions": ("Resolutions, escalation and Cafcass", _resolutions),
        "advocacy": ("Advocacy and independent visitors", _advocacy),
        "child_protection": ("Child protection: the conferences IROs chair", _protection),
        "fostering": ("Foster carer reviews", _fostering),
        "short_breaks_adoption": ("Short breaks and adoption reviews", _short_breaks_adoption),
        "complaints_compliments": (LABELS["complaints_compliments"], _complaints),
        "last_year_priorities": ("Last year's priorities: what we did", lambda b: []),
        "next_year_priorities": (
            f"Priorities for {CollectionYear(year.start_year + 1).label}",
            lambda b: [],
        ),
    }


def section_titles(
    year: CollectionYear, added: Sequence[AddedSection], order: Sequence[str]
) -> list[tuple[str, str]]:
    """(key, title) of each section the manager can move, in the report's order: what the
    page that arranges them lists."""
    titles = {key: title for key, (title, _) in _makers(year).items()}
    titles.update({section.key: section.title for section in added})
    return [(key, titles[key]) for key in ordered(list(titles), list(order))]


PLAN_HEADER = ("Action", "Owner", "Timescale", "How impact will be measured")


def _plan(b: Builder, plan: Sequence[PlannedActionText]) -> list[Block]:
    """Next year's action plan: a table, or a plain statement that it has no actions yet."""
    following = CollectionYear(b.figures.year.start_year + 1).label
    if not plan:
        return [Notice(f"The action plan for {following} has no actions yet.")]
    rows = [(p.action, p.owner, p.timescale, p.impact) for p in plan]
    return [
        text_table(
            "action_plan",
            f"Action plan for {following}",
            PLAN_HEADER,
            rows,
            numeric_from=len(PLAN_HEADER),
        )
    ]


def _last_plan(b: Builder, plan: Sequence[PlannedActionText]) -> list[Block]:
    """Last year's action plan, carried into this year's report with what happened."""
    if not plan:
        return [Notice("Last year's report had no action plan.")]
    header = ("Action", "Owner", "Timescale", "How impact was to be measured", "What happened")
    rows = [
        (p.action, p.owner, p.timescale, p.impact, p.outcome or "Not recorded yet") for p in plan
    ]
    return [
        text_table(
            "last_action_plan",
            f"Action plan for {b.figures.year.label}: what happened",
            header,
            rows,
            numeric_from=len(header),
        )
    ]


_NATIONAL_USED = (
    "looked_after_31_march",
    "looked_after_flows",
    "looked_after_by_sex",
    "looked_after_by_ethnicity",
    "iro_caseloads_survey",
    "cp_plans_31_march",
    "cp_repeat_plans",
    "cp_reviews_within_timescales",
    "cp_plans_ended_lasting_2_years_or_more",
    "cp_plans_ended_within_3_months",
)


HEADLINES = (
    ("M-POP-01", "Children in care at 31 March"),
    ("M-REV-01", "Reviews held on time"),
    ("M-PAR-01", "Reviews where the child's views were heard"),
    ("M-WF-01", "Children per full-time IRO"),
)


def _introduction(b: Builder) -> list[Block]:
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


def _service(b: Builder) -> list[Block]:
    blocks: list[Block] = []
    staff_years = [y for y in b.figures.years if y.staff_by_team is not None]
    if not staff_years:
        blocks.append(Notice(not_held_text("the register does not hold the IRO service's staff.")))
    else:
        teams = list(dict.fromkeys(t for y in staff_years for t in (y.staff_by_team or {})))
        header = ("Team", *(f"IROs at 31 March {y.year.end_year}" for y in staff_years[-2:]))
        header += tuple(f"FTE at 31 March {y.year.end_year}" for y in staff_years[-2:])
        rows = []
        for team in teams:
            people = [str((y.staff_by_team or {}).get(team, (0, 0.0))[0]) for y in staff_years[-2:]]
            ftes = [
                fte_text((y.staff_by_team or {}).get(team, (0, 0.0))[1]) for y in staff_years[-2:]
            ]
            rows.append((team, *people, *ftes))
        totals = [sum(n for n, _ in (y.staff_by_team or {}).values()) for y in staff_years[-2:]]
        fte = [sum(f for _, f in (y.staff_by_team or {}).values()) for y in staff_years[-2:]]
        rows.append(("Total", *map(str, totals), *map(fte_text, fte)))
        blocks.append(
            text_table(
                "staff",
                "IROs in post by team (full-time equivalent)",
                header,
                tuple(rows),
                total=True,
            )
        )
    blocks += _diversity(b)
    blocks += _establishment(b)
    ids = b.ids_in(Section.WORKFORCE)
    blocks += b.measure_table("workforce", "Workforce measures by year", ids)
    # Caseloads against the council's reference band (when given), month by month.
    for measure_id in ids:
        definition = b.definitions[measure_id]
        trend = b.figures.trends.get(measure_id)
        if definition.kind is Kind.RATE and trend:
            values: list[charts.Value] = [plotted(r, public=False) for _, r in trend]
            if all(v is None for v in values):
                continue
            chart = charts.line_chart(
                f"{definition.title}, month by month, {b.labels[-1]}",
                [f"{day:%b %Y}" for day, _ in trend],
                {definition.title: values},
                y_label="Children per FTE",
                band=(b.band.low, b.band.high) if b.band else None,
                band_label=b.band.label if b.band else None,
            )
            what = f"The shaded band is the {b.band.label.lower()}" if b.band else ""
            blocks.append(ChartBlock(chart, describe(chart, what or "Children per FTE")))
    survey = b.figures.national.get("iro_caseloads_survey")
    if survey is not None:
        # The Handbook's own figures, as the survey measured against them (not the
        # council's band, which the chart shows).
        blocks.append(
            Notice(
                "The IRO Handbook recommends caseloads of 50 to 70 looked after children per "
                f"full-time IRO. Nationally, {survey.value('share_of_local_authorities')} of "
                f"councils had IRO caseloads above that level ({survey.citation}, {survey.period})."
            )
        )
    return blocks


# York's question: do children placed out of area, or far from home, get the same service?
BY_LOCATION = ("M-REV-01", "M-PAR-01", "M-PAR-03a")


def _by_location(b: Builder) -> list[Block]:
    """Timeliness, participation and IRO visits in the year by where the child was placed:
    in area, out of area within 20 miles, over 20 miles (the DfE return's PL_LOCATION and
    PL_DISTANCE, from the postcodes)."""
    splits = {}
    for measure_id in BY_LOCATION:
        result = b.figures.measure(measure_id) or {}
        split = result.get("breakdowns", {}).get("placement location")
        if split:
            splits[measure_id] = split
    groups = [g for g in LOCATION_GROUPS if any(g in split for split in splits.values())]
    if not splits or groups == ["Not known"]:
        return []
    rows = [
        (group, *(b.text(splits[m].get(group), m) if m in splits else "–" for m in BY_LOCATION))
        for group in groups
    ]
    header = (
        "Where the child was placed",
        *(f"{b.definitions[m].title} ({m})" for m in BY_LOCATION),
    )
    return [
        text_table(
            "by_location",
            f"Timeliness, participation and IRO visits by placement location, {b.labels[-1]}",
            header,
            tuple(rows),
        ),
        Notice(
            "Out of area: placed outside the council's own area; the distance is the straight "
            "line from the home the child came from, as the DfE's SSDA903 return works it out "
            "from the two postcodes."
        ),
    ]


def _diversity(b: Builder) -> list[Block]:
    """The IRO team beside the children in care at 31 March, by ethnic group and by gender
    (Wolverhampton table 2, Central Bedfordshire), from what IROs chose to declare; small
    numbers hidden in the public version by the same rule as every other table."""
    diversity = b.figures.this.diversity
    if not diversity:
        return []
    blocks: list[Block] = []
    day = f"31 March {b.figures.year.end_year}"
    for key, caption, first in (
        (
            "ethnicity group",
            f"The IRO team and the children in care at {day} by ethnic group",
            "Ethnic group",
        ),
        (
            "gender",
            f"The IRO team and the children in care at {day} by gender",
            "Gender (children: sex)",
        ),
    ):
        table = diversity.get(key) or {}
        if not table:
            continue
        names = list(table)
        body = [list(table[name]) for name in names]
        shown, totals = column_totals(body, public=b.public)
        raw_totals = [sum(column) for column in zip(*body, strict=True)]
        rows = []
        for name, raw, cells in zip(names, body, shown, strict=True):
            rows.append(
                (
                    name,
                    count_text(cells[0]),
                    _share_of(raw[0], raw_totals[0], cells[0], totals[0]),
                    count_text(cells[1]),
                    _share_of(raw[1], raw_totals[1], cells[1], totals[1]),
                )
            )
        rows.append(("Total", count_text(totals[0]), "100%", count_text(totals[1]), "100%"))
        blocks.append(
            text_table(
                f"diversity_{key.split()[0]}",
                caption,
                (first, "Children", "% of children", "IROs", "% of IROs"),
                tuple(rows),
                total=True,
            )
        )
    blocks.append(
        Notice(
            'IROs declare their ethnicity and gender themselves, if they wish to; "Not '
            'declared" counts those who did not.'
        )
    )
    return blocks


def _share_of(raw: int, total: int, shown: int | str, shown_total: int | str) -> str:
    if SUPPRESSED in (shown, shown_total):
        return SUPPRESSED
    return percent_text(raw, total) if total else "n/a"


WORKFORCE_COLUMNS = (
    ("Establishment", "establishment"),
    ("In post", "in_post"),
    ("Employed", "employed"),
    ("Agency", "agency"),
    ("Interim", "interim"),
    ("Vacant", "vacant"),
    ("Absent", "absent"),
    ("Of whom long-term", "long_term_absent"),
)


def _establishment(b: Builder) -> list[Block]:
    """The establishment, staff in post, vacancies, agency and interim staff and absence
    (FTE) at each year's end, and month by month in the report's year (Bradford, Central
    Bedfordshire and Wolverhampton report these)."""
    years = [y for y in b.figures.years if y.workforce is not None]
    if not years:
        return [
            Notice(
                not_held_text(
                    "the establishment, vacancies, agency staff and absence are not recorded."
                )
            )
        ]
    header = ("FTE", *(f"31 March {y.year.end_year}" for y in years))
    rows = [
        (label, *(fte_text(getattr(y.workforce, name)) for y in years))
        for label, name in WORKFORCE_COLUMNS
    ]
    blocks: list[Block] = [
        text_table(
            "establishment",
            "Establishment, staff in post, vacancies, agency staff and absence (FTE) at "
            "31 March. Vacant: posts not filled by employed staff; long-term absence: 28 "
            "days or more",
            header,
            tuple(rows),
        )
    ]
    if b.figures.workforce_months:
        monthly = [
            (f"{s.day:%B %Y}", *(fte_text(getattr(s, name)) for _, name in WORKFORCE_COLUMNS))
            for s in b.figures.workforce_months
        ]
        blocks.append(
            text_table(
                "establishment-months",
                f"The workforce at the end of each month, {b.labels[-1]} (FTE)",
                ("Month end", *(label for label, _ in WORKFORCE_COLUMNS)),
                tuple(monthly),
            )
        )
    return blocks


def _forecast(b: Builder) -> list[Block]:
    """The caseload forecast from the year's end and the FTE it needs (irohub.planning), as
    the planning page shows it, with the back-test beside it. Not in the public version:
    it is a planning tool, and its history has small monthly counts."""
    plan = b.figures.forecast
    if plan is None or b.public:
        return []
    blocks: list[Block] = [Notice(sentence) for sentence in presenting.summary(plan)]
    for name in presenting.stocks_shown(plan):
        chart = presenting.stock_chart(plan, name)
        blocks.append(ChartBlock(chart, describe(chart, f"{name}, recorded and forecast")))
    chart = presenting.staffing_chart(plan)
    blocks.append(ChartBlock(chart, describe(chart, "FTE in post and FTE needed")))
    for table in (presenting.forecast_table(plan), presenting.backtest_table(plan)):
        if table.rows:
            blocks.append(
                text_table(f"planning-{table.name}", table.caption, table.header, table.rows)
            )
    blocks.append(Notice(presenting.backtest_summary(plan)))
    return blocks


def _children(b: Builder) -> list[Block]:
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
                f"England: {count_text(int(lac.value('count')))} children were looked after "
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
            "location",
            "Children in care at 31 March by placement location",
            "placement location",
            None,
            None,
        ),
        (
            "ethnicity_detailed",
            "Children in care at 31 March by ethnicity",
            "ethnicity",
            None,
            None,
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
            blocks.append(ChartBlock(chart, describe(chart, "Number of children")))
    blocks += _by_location(b)
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
                f"England, {flows.period}: {count_text(int(flows.value('started')))} children "
                f"started to be looked after and {count_text(int(flows.value('ceased')))} "
                f"ceased ({count_text(int(flows.value('adopted')))} adopted) "
                f"({flows.citation})."
            )
        )
    return blocks + _benchmarking(b)


def _benchmarking(b: Builder) -> list[Block]:
    """How the council compares (issue 17): the DfE's published figures for the council,
    its statistical neighbours, its region and England. Published figures are public
    already (the DfE suppressed them), so the public version shows them too."""
    comparison = b.figures.benchmarking
    if comparison is None or not comparison.has_council:
        return []
    blocks: list[Block] = [
        Notice(
            f"How we compare: the Department for Education's published figures for "
            f"{comparison.year}, beside our {len(comparison.neighbours)} statistical "
            f"neighbours, {comparison.region_name or 'our region'} and England."
        ),
        summary_table(comparison),
    ]
    for chart in charts_for(comparison)[:1]:  # the rate per 10,000: the headline comparison
        blocks.append(ChartBlock(chart, describe(chart, "Children per 10,000 children")))
    return blocks


def _timeliness(b: Builder) -> list[Block]:
    ids = b.ids_in(Section.TIMELINESS)
    blocks = b.measure_table("timeliness", "Timeliness of reviews by year", ids)
    chart = b.percent_trend_chart(
        "Reviews on time by year (%)", [i for i in ids if not b.definitions[i].variant_of]
    )
    if chart is not None:
        blocks.append(chart)
    trend = b.figures.trends.get("M-REV-03")
    if trend:
        values = [plotted(result, public=b.public) for _, result in trend]
        title = b.definitions["M-REV-03"].title
        line = charts.line_chart(
            f"{title} at the end of each month, {b.labels[-1]} (%)",
            [f"{day:%b %Y}" for day, _ in trend],
            {title: values},
            y_label="Per cent",
        )
        blocks.append(ChartBlock(line, describe(line, "Per cent of children in care")))
    blocks.append(
        Notice(
            "No national figure for the timeliness of looked after reviews is published "
            "(spec measures.md §J); the comparison is with this council's earlier years."
        )
    )
    return blocks


def _participation(b: Builder) -> list[Block]:
    ids = b.ids_in(
        Section.PARTICIPATION,
        lambda i: not i.startswith(("M-PAR-04", "M-PAR-05", "M-PAR-07")),
    )
    blocks = b.measure_table("participation", "Children's participation by year", ids)
    codes = [y.participation_codes for y in b.figures.years]
    if any(sum(year.values()) for year in codes):
        body = [[year.get(code, 0) for year in codes] for code in PARTICIPATION]
        cells, totals = column_totals(body, public=b.public)
        rows = [
            (f"{code}: {PARTICIPATION[code]}", *(count_text(v) for v in row))
            for code, row in zip(PARTICIPATION, cells, strict=True)
        ]
        rows.append(("All reviews held", *(count_text(v) for v in totals)))
        blocks.append(
            text_table(
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
            blocks.append(ChartBlock(chart, describe(chart, "Reviews of children aged 4 or over")))
    chart = b.percent_trend_chart("Children's views heard in reviews by year (%)", ids)
    if chart is not None:
        blocks.append(chart)
    blocks.append(
        Notice(
            "No national figure for children's participation in reviews is published "
            "(spec measures.md §J)."
        )
    )
    blocks += _booklet(b)
    return blocks


_WHO = {"child": "children and young people", "parent": "parents", "carer": "carers"}


def _booklet(b: Builder) -> list[Block]:
    """The consultation booklets' answers in the report's year: for each form group (before
    the review; feedback after it) and each respondent, every answer to every question by
    age band, and the headline share ("90% felt safe where they live")."""
    booklet = b.figures.this.booklet
    if booklet is None:
        return [
            Notice(
                "The register does not hold consultation booklets or online forms yet, so "
                "this report has no figures for them."
            )
        ]
    blocks: list[Block] = []
    for respondent, groups in booklet.items():
        for group, caption in (
            ("before", "answered before their review"),
            ("after", "said about their review and IRO afterwards"),
        ):
            questions = groups[group] if groups else {}
            if not questions:
                continue
            bands = list(BOOKLET_AGE_BANDS) if respondent == "child" else ["All"]
            lines: list[tuple[str, str]] = []
            body: list[list[int]] = []
            headlines: list[str] = []
            for question, answer_label, counts, headline in _booklet_lines(questions, bands, group):
                lines.append((question, answer_label))
                body.append(counts)
                if headline:
                    headlines.append(headline)
            if not body:
                continue
            # The answers of several questions do not add up to one total: no totals row.
            cells, _ = column_totals([[*row, sum(row)] for row in body], public=b.public)
            rows = [
                (question, answer, *(count_text(v) for v in row))
                for (question, answer), row in zip(lines, cells, strict=True)
            ]
            header = ("Question", "Answer", *(bands if len(bands) > 1 else []), "All")
            if len(bands) == 1:
                rows = [(q, a, row[-1]) for q, a, *row in rows]
            blocks.append(
                text_table(
                    f"booklet_{respondent}_{group}",
                    f"What {_WHO[respondent]} {caption}, {b.labels[-1]}",
                    header,
                    tuple(rows),
                    numeric_from=2,
                )
            )
            if headlines and not b.public:
                blocks.append(Notice(" ".join(headlines)))
    return blocks


def _booklet_lines(
    questions: Mapping[str, Mapping[str, Mapping[str, int]]], bands: list[str], group: str
):
    """(question, answer, counts by band, total, headline sentence) in the forms' order."""
    seen: set[str] = set()
    for form in FORMS.values():
        if form.after_review != (group == "after"):
            continue
        for question in form.questions:
            if question.key in seen or question.key not in questions:
                continue
            seen.add(question.key)
            by_band = questions[question.key]
            answered = sum(sum(c.values()) for c in by_band.values())
            for value, label in question.options:
                counts = [by_band.get(band, {}).get(value, 0) for band in bands]
                headline = ""
                if question.headline and question.headline[0] == value and question.kind != MANY:
                    headline = (
                        f"{percent_text(sum(counts), answered)} of those who answered "
                        f"{question.headline[1]} ({sum(counts)} of {answered})."
                    )
                if sum(counts) or question.kind != MANY:
                    yield question.text, label, counts, headline


def _advocacy(b: Builder) -> list[Block]:
    """Advocacy figures, and the referrals by reason, new or re-referral and age, as
    Central Bedfordshire's tables."""
    blocks = _generic(b, "advocacy")
    for key, caption, dimension in (
        ("advocacy_reason", "Advocacy referrals by reason for referral", "reason"),
        ("advocacy_type", "Advocacy referrals by new or re-referral", "new or re-referral"),
        ("advocacy_age", "Advocacy referrals by age", "age"),
    ):
        made = b.breakdown_table(key, caption, "M-PAR-05", dimension)
        if made is not None:
            blocks.append(made[0])
    return blocks


def _fostering(b: Builder) -> list[Block]:
    """Foster carer reviews (spec §H): on time, and first reviews presented to the
    fostering panel, by year. Bradford's and Leeds' services report the foster carer
    reviewing officers' work beside the IROs'."""
    blocks = b.measure_table(
        "fostering", "Foster carer reviews by year", b.ids_in(Section.FOSTERING)
    )
    blocks.append(
        Notice(
            "Each fostering household is reviewed within a year of its approval and then every "
            "year, sooner after a change of circumstances (Fostering Services (England) "
            "Regulations 2011, regulation 28); the first review goes to the fostering panel. "
            "No national figure is published."
        )
    )
    return blocks


def _short_breaks_adoption(b: Builder) -> list[Block]:
    """Reviews under the other regimes (spec §I): short breaks (reg 48) and adoption
    (AAR 2005 reg 36), the latter before and after placement, by year."""
    blocks = b.measure_table(
        "short_breaks_adoption",
        "Short-break and adoption reviews on time by year",
        b.ids_in(Section.SHORT_BREAKS_AND_ADOPTION),
    )
    blocks.append(
        Notice(
            "Children on a series of short breaks are reviewed within 3 months of the first "
            "break and then every 6 months; children with a placement order are reviewed "
            "within 3 months of it, and children placed for adoption within 4 weeks of the "
            "placement, then 3 months, then 6. These reviews are not in the looked after "
            "timeliness figures."
        )
    )
    return blocks


def _generic(b: Builder, key: str) -> list[Block]:
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


def _quality(b: Builder) -> list[Block]:
    """Section 8: the ratings of care planning by year (Wolverhampton 6.2, Central
    Bedfordshire 8.7), the care plan and other plans, recognitions of good practice."""
    blocks: list[Block] = []
    made = b.breakdown_table("ratings", "Reviews rated by the IRO by rating", "M-PRC-05", "rating")
    if made is not None:
        table, chart = made
        blocks += [table, ChartBlock(chart, describe(chart, "Reviews rated"))]
    blocks += _generic(b, "quality")
    counted = [y for y in b.figures.years if y.service is not None]
    if counted:
        blocks.append(
            text_table(
                "recognitions",
                "Recognitions of excellent or good practice sent by IROs",
                ("What was counted", *(y.year.label for y in counted)),
                (("Recognitions sent", *(b.count(y.service.recognitions) for y in counted)),),  # type: ignore[union-attr]
            )
        )
    return blocks


def _resolutions(b: Builder) -> list[Block]:
    """Section 9: challenges raised, escalated and resolved at each stage by year
    (Wolverhampton table 13), their themes (Bradford table 14), and the measures."""
    blocks: list[Block] = []
    years = [y for y in b.figures.years if y.stages is not None]
    if years and any(c.reached for y in years for c in y.stages or ()):
        rows = []
        for index, stage in enumerate(STAGES):
            for what, attribute in (
                ("raised or reached", "reached"),
                ("escalated", "escalated"),
                ("resolved", "resolved"),
            ):
                cells = [b.count(getattr((y.stages or ())[index], attribute)) for y in years]
                rows.append((f"{STAGES[stage]}: {what}", *cells))
        blocks.append(
            text_table(
                "resolution_stages",
                "Challenges by stage: raised or reached, escalated to a later stage, and "
                "resolved at it",
                ("Stage", *(y.year.label for y in years)),
                tuple(rows),
            )
        )
    made = b.breakdown_table(
        "resolution_themes", "Issues raised in challenges by theme", "M-ESC-01b", "theme"
    )
    if made is not None:
        blocks.append(made[0])
    blocks += _generic(b, "resolutions")
    return blocks


# England's child protection figures beside the council's (spec measures.md §G and §J).
_PROTECTION_NATIONAL = (
    ("cp_plans_31_march", "children were the subject of a child protection plan at {period}"),
    ("cp_repeat_plans", "of plans starting in {period} were a second or later plan"),
    ("cp_reviews_within_timescales", "of child protection cases were reviewed in time in {period}"),
    (
        "cp_plans_ended_lasting_2_years_or_more",
        "of plans ending in {period} had lasted 2 years or more",
    ),
    ("cp_plans_ended_within_3_months", "of plans ending in {period} had lasted 3 months or less"),
)


def _protection(b: Builder) -> list[Block]:
    """Conferences on time, repeat plans, long and short plans, the children on plans and
    how they took part: Leicestershire's report's measures, with England's beside them."""
    ids = b.ids_in(Section.PROTECTION)
    blocks = b.measure_table("protection", "Child protection: figures by year", ids)
    chart = b.percent_trend_chart(
        "Conferences on time and repeat plans by year (%)", ["M-CP-01", "M-CP-02", "M-CP-03"]
    )
    if chart is not None:
        blocks.append(chart)
    made = b.breakdown_table(
        "protection_category",
        "Children on a child protection plan at 31 March by category of abuse",
        "M-CP-05",
        "category of abuse",
    )
    if made is not None:
        blocks.append(made[0])
    for key, words in _PROTECTION_NATIONAL:
        figure = b.figures.national.get(key)
        if figure is None:
            continue
        value = (
            count_text(int(figure.value("count")))
            if "count" in figure.values
            else f"{figure.value('percent')}%"
        )
        blocks.append(
            Notice(f"England: {value} {words.format(period=figure.period)} ({figure.citation}).")
        )
    return blocks


def _complaints(b: Builder) -> list[Block]:
    counted = [y for y in b.figures.years if y.service is not None]
    if not counted:
        return [
            Notice(
                "The register does not hold complaints and compliments yet: the figures in "
                "this section are the service manager's."
            )
        ]
    rows = [
        (label, *(b.count(getattr(y.service, attribute)) for y in counted))
        for label, attribute in (
            ("Complaints about the IRO service", "complaints"),
            ("Compliments", "compliments"),
            ("Observations of IROs chairing a review", "observations"),
            ("IROs observed", "iros_observed"),
        )
    ]
    return [
        text_table(
            "complaints_compliments",
            "Complaints, compliments and observations of practice by year",
            ("What was counted", *(y.year.label for y in counted)),
            tuple(rows),
        )
    ]


def _appendix(b: Builder) -> list[Block]:
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
        text_table(
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
    blocks += [Notice(not_held_text(text)) for text in missing]
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
            text_table(
                "national",
                "National figures used, with their year and source",
                ("Figure", "Year", "Value", "Source", "Status"),
                tuple(national_rows),
                numeric_from=99,
            )
        )
    return blocks


_MARKER = {"V": "Verified", "S": "Secondary source", "U": "Unverified"}
