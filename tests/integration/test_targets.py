"""Local targets (issue 17, item 4): a manager sets a target, amber margin and direction
for a measure; bad input is named; the performance page, its monthly trends and the measure
page show the figure against it in words as well as colour; every change is audited."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from irohub.audit.models import AuditEvent
from irohub.children.records import register_from_database
from irohub.demo.load import load_demo_council
from irohub.measures.registry import compute_measures
from irohub.records.years import CollectionYear, year_slug
from irohub.targets.models import Target
from tests.factories.workspace import user_in_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(client):
    user = user_in_role("service_manager", first_name="Sam", last_name="Manager")
    client.force_login(user)
    return user


def test_a_target_turns_the_figure_amber_on_every_view(client, manager):
    load_demo_council(children=30, years=2, seed=5)
    year = CollectionYear.to_date(timezone.localdate())
    count = compute_measures(register_from_database(), year)["measures"]["M-WF-03"]["count"]
    response = client.post(
        reverse("set_target", args=["M-WF-03"]),
        {"value": str(count + 1), "amber_margin": "1", "direction": "higher"},
    )
    assert response.status_code == 302
    words = f"Amber: below the target of {count + 1} by up to 1"
    measure = client.get(reverse("performance_measure", args=[year_slug(year), "M-WF-03"]))
    assert words in measure.content.decode()
    assert "govuk-tag--orange" in measure.content.decode()
    page = client.get(reverse("performance_year", args=[year_slug(year)])).content.decode()
    assert words in page  # the year's summary
    assert "Against target" in page  # and the monthly trend's column
    csv_text = client.get(
        reverse("performance_year", args=[year_slug(year)]), {"format": "csv"}
    ).content.decode()
    assert "Against target" in csv_text.splitlines()[0] and words in csv_text
    event = AuditEvent.objects.get(action="targets.set")
    assert (event.target_id, event.details["value"]) == ("M-WF-03", str(count + 1))

    # Lower is better with the same target: green.
    client.post(
        reverse("set_target", args=["M-WF-03"]),
        {"value": str(count + 1), "amber_margin": "1", "direction": "lower"},
    )
    measure = client.get(reverse("performance_measure", args=[year_slug(year), "M-WF-03"]))
    assert "Green: on target" in measure.content.decode()
    client.post(reverse("set_target", args=["M-WF-03"]), {"remove": "1"})
    assert not Target.objects.exists()
    assert AuditEvent.objects.filter(action="targets.removed").count() == 1


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"value": ""}, "value", "Enter the target"),
        ({"value": "lots"}, "value", "The target must be a number"),
        ({"value": "101"}, "value", "A target for a percentage must be from 0 to 100"),
        ({"amber_margin": "-2"}, "amber_margin", "The amber margin must be 0 or more"),
        ({"amber_margin": "1.234"}, "amber_margin", "at most 2 decimal places"),
        ({"direction": "sideways"}, "direction", "Select whether higher or lower is better"),
        ({"value": "1e400"}, "value", "The target must"),
    ],
)
def test_bad_input_is_named(client, manager, data, field, message):
    form = {"value": "95", "amber_margin": "5", "direction": "higher", **data}
    response = client.post(reverse("set_target", args=["M-REV-01"]), form)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert any(message in text for text in errors[field]), errors
    assert not Target.objects.exists()


def test_who_may_set_targets(client):
    client.force_login(user_in_role("team_manager"))
    assert client.get(reverse("targets")).status_code == 200
    assert client.get(reverse("set_target", args=["M-REV-01"])).status_code == 403
    client.force_login(user_in_role("service_manager"))
    assert client.get(reverse("set_target", args=["M-REV-01"])).status_code == 200
    assert client.get(reverse("set_target", args=["M-NOPE"])).status_code == 404
