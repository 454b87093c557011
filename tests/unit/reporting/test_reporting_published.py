"""The DfE's published local-authority tables read (explore-education-statistics layout)
and the council set beside its statistical neighbours, region and England."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irohub.reporting.published import (
    MEASURES,
    Level,
    Neighbour,
    PublishedFileError,
    charts_for,
    compare,
    neighbours_table,
    read_neighbours,
    read_published,
    summary_table,
)

HEAD = (
    "time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
    "region_name,old_la_code,new_la_code,la_name"
)


def row(level: str, code: str = "", name: str = "", year: str = "2024", **cells: str) -> str:
    region = ("E12000004", "East Midlands")
    geography = {
        "National": ["E92000001", "England", "", "", "", "", ""],
        "Regional": ["E92000001", "England", *region, "", "", ""],
        "Local authority": ["E92000001", "England", *region, "855", code, name],
    }.get(level, ["E92000001", "England", *region, "855", code, name])
    return ",".join([year, "Reporting year", level, *geography, *cells.values()])


def table(indicators: str, *rows: str) -> str:
    return "\n".join([f"{HEAD},{indicators}", *rows]) + "\n"


def sample(name: str) -> tuple[str, str]:
    text = files("irohub.benchmarking").joinpath("sample", name).read_text("utf-8")
    return name, text


def test_a_wide_table_gives_each_indicator_for_each_authority_and_year():
    text = table(
        "cla_31_march,cla_rate_per_10000,started_during_year,ceased_during_year",
        row("Local authority", "E06000001", "Council A", a='"1,230"', b="71", c="c", d="402"),
        row("Regional", a="9870", b="68", c="3010", d="2990"),
    )
    values = {(v.code, v.measure): v for v in read_published([("cla.csv", text)])}
    council = values[("E06000001", "cla_31_march")]
    assert (council.year, council.level, council.name) == (
        "2023/24",
        Level.LOCAL_AUTHORITY,
        "Council A",
    )
    assert council.value == Decimal(1230)  # "1,230" as published
    # "c" is kept as published, never read as a number.
    started = values[("E06000001", "cla_started")]
    assert (started.value, started.symbol, started.text) == (None, "c", "c")
    assert values[("E12000004", "cla_rate_per_10000")].value == Decimal(68)


def test_icpc_timeliness_is_worked_out_from_the_c4_counts_by_working_days():
    # C4 publishes ICPCs by working days taken: within 15 = (0–10) + (11–15), of all ICPCs.
    text = table(
        "category,ICPC,Duration_0-10_days,Duration_11-15_days,Duration_16-20_days",
        row("Local authority", "E06000001", "Council A", a="S47", b="221", c="19", d="147", e="55"),
    )
    (value,) = read_published([("c4.csv", text)])
    assert value.measure == "icpc_within_15_days"
    assert value.value == (Decimal(100 * (19 + 147)) / 221).quantize(Decimal("0.1"))  # 75.1
    assert value.text == "75.1"


def test_a_financial_year_and_a_long_layout_with_filters():
    text = (
        f"{HEAD},cla_group,number\n"
        "202324,Financial year,Local authority,E92000001,England,E12000004,East Midlands,855,"
        "E06000001,Council A,Started during the year,200\n"
        "202324,Financial year,Local authority,E92000001,England,E12000004,East Midlands,855,"
        "E06000001,Council A,Something else,999\n"
    )
    (value,) = read_published([("long.csv", text)])
    assert (value.year, value.measure, value.value) == ("2023/24", "cla_started", 200)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            table("cla_31_march", row("Local authority", "E06000001", "A", a="12.x")),
            "bad.csv: row 2: column cla_31_march: '12.x' is not a number",
        ),
        (
            table("cla_31_march", row("Local authority", "E06000001", "A", a="-4")),
            "bad.csv: row 2: column cla_31_march: '-4' is not a number",
        ),
        (
            table("cla_31_march", row("Ward", "E06000001", "A", a="12")),
            "bad.csv: row 2: column geographic_level: 'Ward' is not one of",
        ),
        (
            table("cla_31_march", row("Local authority", "E06000001", "A", year="24", a="12")),
            "bad.csv: row 2: column time_period/time_identifier: '24'",
        ),
        (
            table("cla_31_march", row("Local authority", "", "A", a="12")),
            "bad.csv: row 2: column new_la_code: empty on a Local authority row",
        ),
        ("la_name,number\nA,1\n", "bad.csv: row 1: missing column(s) time_period"),
        (table("something_else", row("National", a="1")), "bad.csv: no benchmark measure found"),
        ("", "bad.csv: the file is empty"),
        (
            table("cla_31_march", row("National", a="1") + ",extra"),
            "bad.csv: row 2: 12 cells for 11",
        ),
        ("PK\x03\x04\x00\x00", "bad.csv: not a CSV text file"),
    ],
)
def test_a_bad_file_names_file_row_column_and_value_and_nothing_is_read(text, message):
    good = table("cla_31_march", row("National", a="83630"))
    with pytest.raises(PublishedFileError) as raised:
        read_published([("good.csv", good), ("bad.csv", text)])
    assert any(problem.startswith(message) for problem in raised.value.problems), raised.value


def test_two_files_that_disagree_about_one_figure_are_refused():
    first = table("cla_31_march", row("Local authority", "E06000001", "A", a="100"))
    second = table("cla_31_march", row("Local authority", "E06000001", "A", a="101"))
    with pytest.raises(
        PublishedFileError,
        match=r"two.csv: row 2: cla_31_march for A 2023/24 is '101', but one.csv row 2 says '100'",
    ):
        read_published([("one.csv", first), ("two.csv", second)])
    # The same figure twice (a table re-downloaded) is fine, and counted once.
    assert len(read_published([("one.csv", first), ("again.csv", first)])) == 1


def test_neighbours_are_read_closest_first_and_a_bad_list_is_refused():
    listed = read_neighbours("n.csv", "rank,new_la_code,la_name\n2,E2,Two\n1,E1,One\n")
    assert listed == [Neighbour(1, "E1", "One"), Neighbour(2, "E2", "Two")]
    with pytest.raises(PublishedFileError) as raised:
        read_neighbours("n.csv", "rank,new_la_code,la_name\nfirst,E1,One\n1,E2,\n1,E3,T\n1,E4,F\n")
    assert (
        "n.csv: row 2: column rank: 'first' is not a whole number from 1 to 50"
        in raised.value.problems
    )
    assert "n.csv: row 3: column la_name: empty" in raised.value.problems
    assert "n.csv: column rank: 1 appears more than once" in raised.value.problems
    with pytest.raises(PublishedFileError, match="missing column"):
        read_neighbours("n.csv", "code,name\nE1,One\n")


def _published(year: str = "2024", **by_code: str) -> list:
    rows = [row("Local authority", code, code, year, a=value) for code, value in by_code.items()]
    return read_published([("t.csv", table("CPP_subsequent_percent", *rows))])


def test_the_council_beside_its_neighbours_average_region_and_england():
    values = read_published(
        [
            (
                "t.csv",
                table(
                    "CPP_subsequent_percent",
                    row("Local authority", "E1", "Us", a="21.6"),
                    row("Local authority", "E2", "N1", a="22.0"),
                    row("Local authority", "E3", "N2", a="c"),
                    row("Local authority", "E4", "N3", a="23.5"),
                    row("Local authority", "E9", "Not a neighbour", a="40.0"),
                    row("Regional", a="20.1"),
                    row("National", a="23.8"),
                ),
            )
        ]
    )
    neighbours = [Neighbour(1, "E2", "N1"), Neighbour(2, "E3", "N2"), Neighbour(3, "E4", "N3")]
    result = compare(values, council_code="E1", council_name="Us", neighbours=neighbours)
    repeat = next(r for r in result.rows if r.measure.key == "cp_repeat_plans")
    assert result.year == "2023/24" and result.region_name == "East Midlands"
    assert repeat.council.text == "21.6"
    assert [c.text for c in repeat.neighbours] == ["22.0", "c", "23.5"]
    # The average of the neighbours that published a number (the suppressed one left out).
    assert repeat.neighbour_average.value == ((Decimal("22.0") + Decimal("23.5")) / 2).quantize(
        Decimal("0.1")
    )
    assert repeat.region.text == "20.1"
    assert repeat.england.text == "23.8" and repeat.england.note == ""  # the file's own row


def test_england_comes_from_the_shipped_national_figures_when_the_file_has_none():
    # The shipped figure for 31 March 2024 (2024 release) is 83,630, 70 per 10,000.
    values = read_published(
        [("t.csv", table("cla_31_march", row("Local authority", "E1", "Us", a="643")))]
    )
    result = compare(values, council_code="E1", council_name="Us", neighbours=[])
    looked_after = next(r for r in result.rows if r.measure.key == "cla_31_march")
    assert looked_after.england.text == "83,630"
    assert (
        "31 March 2024" in looked_after.england.note and "2024 release" in looked_after.england.note
    )
    # Never an older year's England figure beside this year's council figure: the shipped
    # figures stop at 31 March 2024, so 2025's England is "no data".
    later = read_published(
        [("t.csv", table("cla_31_march", row("Local authority", "E1", "Us", year="2026", a="1")))]
    )
    result = compare(later, council_code="E1", council_name="Us", neighbours=[])
    assert next(r for r in result.rows if r.measure.key == "cla_31_march").england.text == "no data"


def test_the_year_defaults_to_the_latest_with_a_figure_for_the_council():
    values = _published("2024", E1="20.0") + _published("2025", E2="30.0")
    result = compare(values, council_code="E1", council_name="Us", neighbours=[])
    assert result.year == "2023/24" and result.years == ("2024/25", "2023/24")
    assert (
        compare(values, council_code="E1", council_name="Us", neighbours=[], year="2024/25").year
        == "2024/25"
    )


def test_the_sample_files_load_and_show_the_demo_council_beside_seven_neighbours():
    names = ["synthetic_cla_la.csv", "synthetic_cin_la.csv", "synthetic_c4_icpc_la.csv"]
    values = read_published([sample(n) for n in names])
    neighbours = read_neighbours(*sample("synthetic_statistical_neighbours.csv"))
    result = compare(values, council_code="E06999901", council_name="Demo", neighbours=neighbours)
    assert {r.measure.key for r in result.rows} == {m.key for m in MEASURES}
    assert all(r.council.value is not None for r in result.rows)
    assert "synthetic" in result.region_name
    summary = summary_table(result)
    assert [row[0] for row in summary.text_rows()] == [m.heading for m in MEASURES]
    detail = neighbours_table(result)
    assert len(detail.rows) == 1 + len(neighbours)
    drawn = charts_for(result)
    assert len(drawn) == sum(m.unit != "count" for m in MEASURES)
    assert drawn[0].data_table()[0][0].endswith("(this council)")


@given(st.lists(st.decimals(min_value=0, max_value=10_000, places=1), min_size=1, max_size=10))
def test_the_neighbours_average_lies_between_the_lowest_and_the_highest(numbers):
    rows = [row("Local authority", f"E{i}", f"N{i}", a=str(n)) for i, n in enumerate(numbers)]
    values = read_published([("t.csv", table("CPP_subsequent_percent", *rows))])
    neighbours = [Neighbour(i + 1, f"E{i}", f"N{i}") for i in range(len(numbers))]
    result = compare(values, council_code="X", council_name="Us", neighbours=neighbours)
    average = next(r for r in result.rows if r.measure.key == "cp_repeat_plans").neighbour_average
    assert min(numbers) - Decimal("0.05") <= average.value <= max(numbers) + Decimal("0.05")


@given(
    st.lists(
        st.one_of(st.integers(0, 10**7).map(str), st.sampled_from(["c", "k", "z", "x", ":"])),
        min_size=1,
        max_size=8,
    )
)
def test_every_published_cell_is_read_back_as_published(cells):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*HEAD.split(","), "cla_31_march"])
    for i, cell in enumerate(cells):
        writer.writerow(
            [
                "2024",
                "Reporting year",
                "Local authority",
                "E92000001",
                "England",
                "E12000004",
                "East Midlands",
                "800",
                f"E0600{i:04d}",
                f"Council {i}",
                f"{int(cell):,}" if cell.isdigit() else cell,
            ]
        )
    values = sorted(read_published([("t.csv", out.getvalue())]), key=lambda v: v.code)
    assert [v.value if v.value is not None else v.symbol for v in values] == [
        Decimal(c) if c.isdigit() else c for c in cells
    ]
