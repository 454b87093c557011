"""The council's child population (IROHUB_CHILD_POPULATION, the ONS mid-year estimate)
reaches the rate per 10,000 children (M-POP-01b) on the performance page and in the
report; unset, the rate says there is no data."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from irohub.children.records import register_from_database
from irohub.measures import compute_measures
from irohub.project.settings import _child_population
from irohub.records.years import CollectionYear
from tests.factories import TeamFactory
from tests.factories.workspace import bulk_caseload, iro_with_role, today, user_in_role

pytestmark = pytest.mark.django_db


def _year() -> CollectionYear:
    latest = CollectionYear.to_date(today())
    return latest if latest.complete else latest.previous()


def test_the_rate_per_10000_children_follows_the_population_setting(client, settings):
    iro = iro_with_role(team=TeamFactory(), first_name="Ida", last_name="Iro")
    bulk_caseload(iro, 4, prefix="P")  # in care for 400 days: looked after at the year end
    client.force_login(user_in_role("service_manager"))
    year = _year()
    slug = f"{year.start_year}-{year.end_year % 100:02d}"

    settings.IROHUB_CHILD_POPULATION = None
    register = register_from_database()
    assert register.child_population is None
    result = compute_measures(register, year)["measures"]["M-POP-01b"]  # type: ignore[index]
    assert result["status"] == "no data"  # type: ignore[index]
    page = client.get(f"/performance/{slug}/M-POP-01b/").content.decode()
    assert "No data" in page and "IROHUB_CHILD_POPULATION" in page

    settings.IROHUB_CHILD_POPULATION = 8000  # 4 of 8,000 children: 5.0 per 10,000
    register = register_from_database()
    assert register.child_population == 8000
    result = compute_measures(register, year)["measures"]["M-POP-01b"]  # type: ignore[index]
    assert result == {"numerator": 4, "denominator": 0.8, "value": 5.0}
    page = client.get(f"/performance/{slug}/M-POP-01b/").content.decode()
    assert ">5.0<" in page


def test_the_population_setting_is_a_whole_number_of_children():
    assert _child_population("") is None
    assert _child_population(" 48,250 ") == 48250
    for bad in ("0", "-5", "lots", "12.5"):
        with pytest.raises(ImproperlyConfigured, match="IROHUB_CHILD_POPULATION"):
            _child_population(bad)
