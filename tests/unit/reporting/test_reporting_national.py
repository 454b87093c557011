"""National comparison figures shipped with the code (spec measures.md §J, F)."""

from __future__ import annotations

import json
from datetime import date
from importlib.resources import files

import pytest
from hypothesis import given
from hypothesis import strategies as st

from irohub.reporting.national import (
    NationalFigure,
    for_report_year,
    keys,
    parse,
    period_end,
)


def test_the_shipped_json_parses_and_every_entry_is_cited():
    shipped = files("irohub.reporting").joinpath("national.json").read_text(encoding="utf-8")
    figures = parse(json.loads(shipped))
    assert len(figures) > 30
    for figure in figures:
        assert isinstance(figure, NationalFigure)
        assert figure.label and figure.source and figure.period
        assert figure.marker in {"V", "S", "U"}
        assert figure.values
        assert figure.period_end == period_end(figure.period)
    assert {
        "looked_after_31_march",
        "looked_after_flows",
        "looked_after_by_sex",
        "looked_after_by_ethnicity",
        "cp_plans_ended_lasting_2_years_or_more",
        "children_in_need_31_march",
        "iro_caseloads_survey",
        "ofsted_iro_thematic",
    } <= set(keys())


def test_figures_match_the_spec():
    # The latest figures a report can cite (the year of the latest shipped period), and
    # those a 2022/23 report cites.
    latest, year_2022_23 = for_report_year("2024/25"), for_report_year("2022/23")
    lac = for_report_year("2023/24")["looked_after_31_march"]
    assert dict(lac.values) == {"count": 83630, "rate_per_10000": 70}
    assert lac.marker == "V" and lac.release == 2024
    assert lac.citation == "DfE, Children looked after in England including adoptions, 2024 release"
    flows = latest["looked_after_flows"]
    assert (flows.value("started"), flows.value("ceased"), flows.value("adopted")) == (
        33050,
        33620,
        2980,
    )
    assert flows.period == "2023/24" and flows.marker == "S"
    ethnic = year_2022_23["looked_after_by_ethnicity"]
    assert ethnic.value("White") == 71 and ethnic.value("Mixed") == 10
    assert latest["looked_after_by_ethnicity"].value("Mixed") == 11
    d7 = latest["cp_plans_ended_lasting_2_years_or_more"]
    assert (d7.value("numerator"), d7.value("denominator"), d7.value("percent")) == (
        2710,
        62300,
        4.4,
    )
    assert latest["children_in_need_31_march"].value("count") == 399460
    ofsted = latest["ofsted_iro_thematic"]
    assert (ofsted.value("cases"), ofsted.value("local_authorities")) == (111, 10)
    assert "130113" in ofsted.source


def test_revised_back_data_uses_the_release_out_by_the_report_year():
    # 31 March 2023 was 83,840 in the 2023 release and revised to 83,760 in 2024.
    assert for_report_year("2022/23")["looked_after_31_march"].value("count") == 83840
    # 31 March 2022: first published 82,170 (2022 release).
    assert for_report_year("2021/22")["looked_after_31_march"].value("count") == 82170
    # Only a later release exists for 31 March 2020: use the earliest there is.
    figure = for_report_year("2019/20")["looked_after_31_march"]
    assert (figure.value("count"), figure.release) == (80000, 2023)


def test_for_report_year():
    figures = for_report_year("2023/24")
    assert figures["looked_after_31_march"].value("count") == 83630
    assert figures["looked_after_flows"].period == "2023/24"
    # 2024/25's D7 figure is not out for a 2023/24 report: the latest before it is 2019/20.
    assert figures["cp_plans_ended_lasting_2_years_or_more"].period == "2019/20"
    assert "cp_plans_ended_within_3_months" not in figures
    later = for_report_year("2024/25")
    assert later["cp_plans_ended_lasting_2_years_or_more"].value("percent") == 4.4
    assert for_report_year("2012/13").keys() == {"cp_plans_31_march"}
    with pytest.raises(ValueError, match="financial year like 2024/25"):
        for_report_year("2024")


@given(st.integers(2000, 2035))
def test_a_report_never_gets_a_figure_from_after_its_year(start):
    label = f"{start}/{(start + 1) % 100:02d}"
    for figure in for_report_year(label).values():
        assert figure.period_end <= date(start + 1, 3, 31)


@pytest.mark.parametrize(
    ("label", "end"),
    [
        ("2023/24", date(2024, 3, 31)),
        ("1999/00", date(2000, 3, 31)),
        ("31 March 2024", date(2024, 3, 31)),
        ("2013", date(2013, 12, 31)),
    ],
)
def test_period_end(label, end):
    assert period_end(label) == end


@pytest.mark.parametrize("label", ["2023/25", "31 Marzo 2024", "March 2024", ""])
def test_bad_periods_are_refused(label):
    with pytest.raises(ValueError):
        period_end(label)


GOOD = {
    "key": "k",
    "label": "A figure",
    "period": "31 March 2024",
    "values": {"count": 1},
    "source": "DfE",
    "release": 2024,
    "marker": "V",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"marker": "X"}, "marker must be one of"),
        ({"source": ""}, "'source' must be non-empty"),
        ({"period": "sometime"}, "not a period"),
        ({"values": {}}, "values must be"),
        ({"release": 2020}, "before its period"),
    ],
)
def test_bad_entries_are_named(change, message):
    with pytest.raises(ValueError, match=f"national figure 1 \\('k'\\): .*{message}"):
        parse({"figures": [{**GOOD, **change}]})


def test_missing_fields_and_repeats_are_refused():
    with pytest.raises(ValueError, match=r"national figure 1.*'source'"):
        parse({"figures": [{k: v for k, v in GOOD.items() if k != "source"}]})
    with pytest.raises(ValueError, match=r"national figure 2.*repeats"):
        parse({"figures": [GOOD, GOOD]})
