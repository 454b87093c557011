"""Template helpers for the annual report: charts go into the page as inline SVG."""

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from irohub.annual_report.content import ChartBlock

register = template.Library()


@register.filter
def chart_svg(block: ChartBlock) -> SafeString:
    # Chart.svg() is matplotlib's own markup with the title escaped: safe to inline.
    return mark_safe(block.chart.svg())


@register.filter
def chart_svg_described(block: ChartBlock) -> SafeString:
    """The chart with its text alternative (the figures in words) as the SVG's <title>:
    the tagged PDF takes a Figure's alternative text from there."""
    svg = block.chart.svg()
    described = re.sub(
        r"<title>.*?</title>",
        lambda _: f"<title>{escape(block.description)}</title>",
        svg,
        count=1,
        flags=re.S,
    )
    return mark_safe(described)
