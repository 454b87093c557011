"""The IRO's open challenges with their deadlines, shown on My caseload (whose app sits
below this one, so it loads the panel by template tag rather than importing it)."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from irohub.resolutions.queries import iro_open_challenges
from irohub.resolutions.rules import resolution_rules
from irohub.statutory.resolution import Stage

register = template.Library()


@register.inclusion_tag("resolutions/_my_open_challenges.html", takes_context=True)
def my_open_challenges(context: dict[str, Any]) -> dict[str, Any]:
    request = context["request"]
    challenges = iro_open_challenges(request.user)
    # The stage names are read only when there is a challenge to name (most IROs, most days,
    # have none open).
    rules = resolution_rules() if challenges else None
    rows = [(challenge, rules.name(Stage(challenge.stage))) for challenge in challenges if rules]
    return {"rows": rows, "today": timezone.localdate()}
