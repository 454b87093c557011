"""The council's resolution process as the rules core reads it: stage names and response
times from the administration pages (ResolutionStage), defaults where a row is missing."""

from __future__ import annotations

from irohub.resolutions.models import ResolutionStage
from irohub.statutory.resolution import (
    DEFAULT_STAGE_NAMES,
    DEFAULT_STAGE_WORKING_DAYS,
    ResolutionRules,
    Stage,
)


def resolution_rules() -> ResolutionRules:
    """One query: the configured stages over the defaults of spec §2.10 (DR-2)."""
    names = dict(DEFAULT_STAGE_NAMES)
    days = dict(DEFAULT_STAGE_WORKING_DAYS)
    for row in ResolutionStage.objects.all():
        stage = Stage(row.stage)
        names[stage] = row.name or names[stage]
        days[stage] = row.response_working_days
    return ResolutionRules(stage_working_days=days, stage_names=names)
