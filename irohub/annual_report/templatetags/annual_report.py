"""Template helpers for the annual report: charts go into the page as inline SVG."""

from django import template
from django.utils.safestring import SafeString, mark_safe

from irohub.annual_report.content import ChartBlock

register = template.Library()


@register.filter
def chart_svg(block: ChartBlock) -> SafeString:
    # Chart.svg() is matplotlib's own markup with the title escaped: safe to inline.
    return mark_safe(block.chart.svg())
