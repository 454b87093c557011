"""Charts for the annual report: inline SVG, PNG, data table."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from irohub.reporting.charts import (
    RAG_COLOURS,
    distribution_chart,
    grouped_bar_chart,
    line_chart,
    stacked_percentage_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
MONTHS = ["Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar"]


def ethnicity():
    return grouped_bar_chart(
        "Children looked after by ethnic group, 31 March 2025",
        ["White", "Mixed", "Asian", "Black", "Other", "Not known"],
        {"Children": [210, 31, "c", 18, 0, 7]},
        category_heading="Ethnic group",
        horizontal=True,
    )


def every_kind():
    return [
        ethnicity(),
        grouped_bar_chart("Legal status", ["C2", "E1", "V2"], {"Children": [300, 40, 22]}),
        grouped_bar_chart(
            "Reviews on time by quarter",
            ["Q1", "Q2", "Q3", "Q4"],
            {"2023/24": [90, 92, 95, 97], "2024/25": [91, 93.5, 96, 98]},
        ),
        line_chart(
            "Caseload per FTE IRO",
            MONTHS,
            {"LAC only": [55, 56, 58, 60, None, 63, 65, 70, 72, 71, 69, 68]},
            band=(50, 70),
            band_label="Recommended 50–70",
            target=80,
            target_label="Local target 80",
        ),
        stacked_percentage_chart(
            "Quality of care planning",
            ["2023/24", "2024/25"],
            {"Gold": [5, 8], "Green": [100, 120], "Amber": [30, 25], "Red": [4, 2]},
            colours=RAG_COLOURS,
        ),
        distribution_chart("Participation", {f"PN{i}": n for i, n in enumerate([3, 120, 40])}),
    ]


def texts(svg: str) -> list[str]:
    root = ElementTree.fromstring(svg)
    return ["".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")]


@pytest.mark.parametrize("chart", every_kind(), ids=lambda c: c.kind)
def test_svg_is_inline_accessible_and_scalable(chart):
    svg = chart.svg()
    assert svg.startswith("<svg ")
    assert "<?xml" not in svg and "<!DOCTYPE" not in svg and "<style" not in svg
    root = ElementTree.fromstring(svg)  # well-formed
    assert root.get("role") == "img"
    assert root.get("aria-label") == chart.title
    # Scales: a width in pixels and a viewBox, no height; the page's CSS shrinks it to fit
    # (class irohub-chart). No style attribute anywhere: the Content-Security-Policy
    # refuses inline styles, so every property is a presentation attribute.
    assert root.get("width").isdigit() and root.get("height") is None
    assert root.get("class") == "irohub-chart"
    assert root.get("viewBox")
    assert "style=" not in svg
    assert root[0].tag == f"{SVG}title" and root[0].text == chart.title
    # svg.fonttype "none": labels stay text, in Liberation Sans.
    assert str(chart.data_table()[0][0]) in texts(svg)
    assert "Liberation Sans" in svg


def test_same_data_gives_identical_svg():
    assert ethnicity().svg() == ethnicity().svg()
    assert ethnicity().png() == ethnicity().png()


def test_two_charts_on_one_page_share_no_ids():
    first, second = every_kind()[:2]
    ids = [set(re.findall(r'\bid="([^"]+)"', chart.svg())) for chart in (first, second)]
    assert ids[0] and ids[1] and not ids[0] & ids[1]
    # every reference points at an id in the same chart
    svg = first.svg()
    for target in re.findall(r'url\(#([^)]+)\)|href="#([^"]+)"', svg):
        assert (target[0] or target[1]) in ids[0]


def test_png_for_word():
    png = ethnicity().png()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width_150 = struct.unpack(">I", png[16:20])[0]
    width_100 = struct.unpack(">I", ethnicity().png(dpi=100)[16:20])[0]
    assert width_150 == 1200 and width_100 == 800  # 8 inches wide


def test_data_table_is_the_text_alternative():
    chart = ethnicity()
    assert chart.columns == ("Ethnic group", "Children")
    assert chart.data_table()[:3] == [("White", 210), ("Mixed", 31), ("Asian", "c")]
    grouped = every_kind()[2]
    assert grouped.columns == ("Category", "2023/24", "2024/25")
    assert grouped.data_table()[1] == ("Q2", 92, 93.5)
    line = every_kind()[3]
    assert line.data_table()[4] == ("Aug", None)


def test_suppressed_values_are_labelled_not_drawn():
    labels = texts(ethnicity().svg())
    assert "c" in labels and "210" in labels and "0" in labels


def test_line_chart_shows_band_and_target_in_its_legend():
    labels = texts(every_kind()[3].svg())
    assert "Recommended 50–70" in labels and "Local target 80" in labels
    assert "Apr" in labels and "Mar" in labels


def test_a_legend_of_long_series_names_stays_inside_the_chart():
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from irohub.reporting.charts import _RC

    names = [
        "Reviews held on time",
        "Children whose reviews were all on time",
        "Children with reviews in date",
        "First reviews within 20 working days",
    ]
    chart = grouped_bar_chart(
        "Reviews on time by year", ["2023/24", "2024/25"], {n: [90, 91] for n in names}
    )
    with matplotlib.rc_context(_RC):
        figure = chart._figure()
        canvas = FigureCanvasAgg(figure)
        canvas.draw()
        renderer = canvas.get_renderer()
        inside = figure.bbox
        legend = figure.legends[0]
        shown = [t.get_text() for t in legend.get_texts()]
        for text in legend.get_texts():
            box = text.get_window_extent(renderer)
            assert inside.x0 <= box.x0 and box.x1 <= inside.x1, text.get_text()
    assert shown == names


def test_stacked_bar_shows_percentages():
    labels = texts(every_kind()[4].svg())
    assert "72%" in labels and "Gold" in labels


@pytest.mark.parametrize(
    "chart",
    [
        grouped_bar_chart("Nothing yet", [], {}),
        grouped_bar_chart("Nothing", [], {"2024/25": []}),
        line_chart("Nothing", [], {}),
        stacked_percentage_chart("Nothing", [], {"Gold": []}),
    ],
    ids=lambda c: c.kind,
)
def test_empty_data_says_no_data(chart):
    assert chart.is_empty
    assert "No data" in texts(chart.svg())
    assert chart.png()[:4] == b"\x89PNG"
    assert chart.data_table() == []


def test_zeros_render():
    assert texts(grouped_bar_chart("Zeros", ["a", "b"], {"n": [0, 0]}).svg()).count("0") >= 2
    line = line_chart("Zeros", ["Apr", "May"], {"n": [0, 0]})
    assert "Apr" in texts(line.svg())
    stacked = stacked_percentage_chart("Z", ["x", "y"], {"a": [0, 1], "b": [0, 3]})
    labels = texts(stacked.svg())
    assert "No data" in labels and "75%" in labels


def test_dollar_signs_are_text_not_maths():
    chart = grouped_bar_chart("Cost in $", ["$5 a day", "one $ only"], {"n": [3, 4]})
    assert {"$5 a day", "one $ only"} <= set(texts(chart.svg()))


def test_titles_are_escaped():
    chart = grouped_bar_chart('Reviews "on time" & <late>', ["a"], {"n": [1]})
    root = ElementTree.fromstring(chart.svg())
    assert root.get("aria-label") == 'Reviews "on time" & <late>'


def test_bad_data_is_refused():
    with pytest.raises(ValueError, match="has 1 values for 2"):
        grouped_bar_chart("x", ["a", "b"], {"s": [1]})
    with pytest.raises(ValueError, match="finite"):
        grouped_bar_chart("x", ["a"], {"s": [float("nan")]})
    with pytest.raises(ValueError, match="counts ≥ 0"):
        stacked_percentage_chart("x", ["a"], {"s": [-1]})
    with pytest.raises(ValueError, match="band"):
        line_chart("x", ["a"], {"s": [1]}, band=(70, 50))


def test_charts_drawn_in_threads_match_charts_drawn_one_by_one():
    charts = every_kind() * 2
    expected = [chart.svg() for chart in charts]
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert list(pool.map(lambda chart: chart.svg(), charts)) == expected


def test_reporting_core_is_pure_python():
    code = (
        "import sys, irohub.reporting.charts, irohub.reporting.suppression, "
        "irohub.reporting.national; assert 'django' not in sys.modules, 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@settings(max_examples=15, deadline=None)
@given(
    st.dictionaries(
        # Latin-1 only: Liberation Sans has no CJK glyphs (matplotlib warns, still renders).
        st.text(
            st.characters(codec="latin-1", categories=("L", "N", "P", "S", "Zs")),
            min_size=1,
            max_size=20,
        ),
        st.one_of(st.integers(0, 10_000), st.just("c")),
        max_size=8,
    )
)
def test_any_counts_give_well_formed_svg(counts):
    chart = grouped_bar_chart("Counts", list(counts), {"Children": list(counts.values())})
    ElementTree.fromstring(chart.svg())
    assert chart.data_table() == list(counts.items())
