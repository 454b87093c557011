"""Audit events name what happened from one list (EventType), each with a short
description the access history and the administration pages show; an event may be about a
database row or about something that is not one (a measure, the register)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from irohub.audit.actions import record_event, signed_in
from irohub.audit.events import REGISTER, EventType, Target
from irohub.audit.models import AuditEvent
from tests.factories import ChildFactory

pytestmark = pytest.mark.django_db


def test_an_event_about_a_row_names_its_model_and_key():
    child = ChildFactory()
    event = record_event(
        actor=None, action=EventType.CHILD_OPENED, target=child, child_id=child.pk, purpose="x"
    )
    assert (event.action, event.target_type, event.target_id) == (
        "child.opened",
        "children.child",
        str(child.pk),
    )
    assert event.details == {"purpose": "x"}


def test_an_event_about_something_that_is_not_a_row():
    event = record_event(actor=None, action=EventType.SSDA903_IMPORTED, target=REGISTER)
    assert (event.target_type, event.target_id) == ("children.register", "ssda903")
    measure = record_event(
        actor=None, action=EventType.PERFORMANCE_LISTED, target=Target("measures.measure", "M1")
    )
    assert (measure.target_type, measure.target_id) == ("measures.measure", "M1")


def test_the_person_behind_an_action_is_someone_signed_in_or_no_one(admin_user):
    # A record's "recorded by" and an event's actor: no one for a command or a task, and
    # no one for a visitor who has not signed in.
    assert signed_in(admin_user) is admin_user
    assert signed_in(None) is None
    assert signed_in(AnonymousUser()) is None
    event = record_event(actor=AnonymousUser(), action=EventType.CHILD_OPENED, target=REGISTER)
    assert (event.actor_id, event.actor_username) == (None, "")
    event = record_event(actor=admin_user, action=EventType.CHILD_OPENED, target=REGISTER)
    assert (event.actor_id, event.actor_username) == (admin_user.pk, admin_user.username)


def test_a_name_not_in_the_list_is_refused():
    with pytest.raises(ValueError):
        record_event(actor=None, action="child.peeked", target=REGISTER)  # type: ignore[arg-type]
    assert not AuditEvent.objects.exists()


def test_every_event_type_has_a_description():
    for kind in EventType:
        assert kind.label and kind.label != kind.value
    assert EventType.describe("child.opened") == "Opened the record"
    assert EventType.describe("something.retired") == "something.retired"


def test_the_administration_pages_show_the_description(client, admin_user):
    record_event(actor=None, action=EventType.SSDA903_IMPORTED, target=REGISTER)
    client.force_login(admin_user)
    page = client.get(reverse("admin:audit_auditevent_changelist")).content.decode()
    assert "Imported SSDA903 returns into the register" in page
    filtered = client.get(
        reverse("admin:audit_auditevent_changelist"), {"action": "ssda903.imported"}
    )
    assert filtered.status_code == 200
    assert "Imported SSDA903 returns into the register" in filtered.content.decode()
