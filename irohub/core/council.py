"""The council's own figures settings, read in one place and handed to the pure core.

The rules core (irohub.measures) takes its reference values as arguments; screens, the
performance page and the annual report get them here, so a council that changes its
caseload band or its child population sees the change everywhere at once.
"""

from __future__ import annotations

from django.conf import settings

from irohub.measures.workforce import CaseloadBand

__all__ = ["caseload_band", "child_population", "la_code", "name"]


def caseload_band() -> CaseloadBand:
    """The reference band of looked after children per FTE IRO (IROHUB_CASELOAD_LOW and
    IROHUB_CASELOAD_HIGH; the IRO Handbook's 50 to 70 by default)."""
    low, high = settings.IROHUB_CASELOAD_BAND
    return CaseloadBand(low, high)


def child_population() -> int | None:
    """The ONS mid-year estimate of the council's children aged 0 to 17
    (IROHUB_CHILD_POPULATION), or None when it is not set."""
    return settings.IROHUB_CHILD_POPULATION


def name() -> str:
    """The council's name, as the header and reports show it (IROHUB_COUNCIL_NAME)."""
    return settings.IROHUB_COUNCIL_NAME


def la_code() -> str:
    """The council's code in the DfE's published tables (IROHUB_COUNCIL_LA_CODE, the
    new_la_code column), for benchmarking."""
    return settings.IROHUB_COUNCIL_LA_CODE
