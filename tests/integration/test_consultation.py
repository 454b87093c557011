"""Consultation before a review and feedback after it: the checklist, signed single-use
links, the public form and every bad input (expired, reused, posted twice, tampered),
views attached from paper or an app, and the link to the review once it is held."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from irohub.audit.models import AuditEvent
from irohub.consultation import actions
from irohub.consultation.models import ConsultationResponse, ReviewPreparation
from irohub.reviews.actions import record_review
from tests.factories.records import child_in_care, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def iro():
    return user_with_role("iro", username="iro.consult")


@pytest.fixture
def child():
    today = timezone.localdate()
    return child_in_care(
        start=today - timedelta(days=10),
        date_of_birth=today.replace(year=today.year - 12) - timedelta(days=40),
        first_name="Sam",
    )


@pytest.fixture
def client_for(iro):
    client = Client()
    client.force_login(iro)
    return client


def _link(iro, child, **kwargs):
    preparation = actions.prepare_review(actor=iro, child=child)
    fields = {"respondent": "child", "name": "Sam", "version": "young_person"} | kwargs
    return actions.send_consultation(actor=iro, preparation=preparation, **fields)


def _address(token: str) -> str:
    return f"/have-your-say/{token}/"


def test_the_checklist_is_keyed_on_the_due_date_and_made_once(iro, child):
    first = actions.prepare_review(actor=iro, child=child)
    again = actions.prepare_review(actor=iro, child=child)
    assert first.pk == again.pk
    assert first.due == child.care_periods.get().next_review_due
    assert AuditEvent.objects.filter(action="preparation.started").count() == 1


def test_an_iro_sends_a_link_and_the_child_answers_once(iro, child):
    sent = _link(iro, child, email="sam@example.org")
    anonymous = Client()
    page = anonymous.get(_address(sent.token))
    assert page.status_code == 200
    assert "Do you feel safe where you live?" in page.content.decode()
    answered = anonymous.post(
        _address(sent.token),
        {
            "safe_home": "yes",
            "feelings": ["calm", "worried"],
            "say_at_review": "More time with my brother",
        },
    )
    assert answered.status_code == 200
    assert "Your answers have been sent" in answered.content.decode()
    response = ConsultationResponse.objects.get()
    assert response.answers == {
        "safe_home": "yes",
        "feelings": ["calm", "worried"],
        "say_at_review": "More time with my brother",
    }
    assert response.source == "online" and not response.after_expiry
    # The link cannot be used again: opening it or posting again is refused, nothing added.
    again = anonymous.get(_address(sent.token))
    assert again.status_code == 410
    assert "This link has been used" in again.content.decode()
    twice = anonymous.post(_address(sent.token), {"safe_home": "no"})
    assert twice.status_code == 410
    assert "we kept the first answers" in twice.content.decode()
    assert ConsultationResponse.objects.count() == 1
    assert AuditEvent.objects.filter(action="consultation.returned", actor_id=None).count() == 1


def test_the_link_is_e_mailed_when_an_address_is_given(
    iro, child, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = _link(iro, child, email="sam@example.org")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sam@example.org"]
    assert _address(sent.token) in mail.outbox[0].body


def test_a_tampered_link_is_refused(iro, child):
    sent = _link(iro, child)
    changed = sent.token[:-2] + ("AA" if not sent.token.endswith("AA") else "BB")
    for token in (changed, "not-a-real-link", sent.token + "x"):
        page = Client().get(_address(token))
        assert page.status_code == 404
        assert "This link does not work" in page.content.decode()
        assert Client().post(_address(token), {"safe_home": "yes"}).status_code == 404
    assert not ConsultationResponse.objects.exists()


def test_a_link_signed_for_another_nonce_is_refused(iro, child):
    from irohub.consultation.links import token_for

    sent = _link(iro, child)
    forged = token_for(sent.request.pk, "0" * 32)
    assert Client().get(_address(forged)).status_code == 404


def test_an_expired_link_keeps_what_was_typed(iro, child):
    sent = _link(iro, child)
    request = sent.request
    request.expires = timezone.localdate() - timedelta(days=1)
    request.save()
    page = Client().get(_address(sent.token))
    assert page.status_code == 200
    assert "This link's time has run out" in page.content.decode()
    answered = Client().post(_address(sent.token), {"going_well": "School is good"})
    assert "we have kept your answers" in answered.content.decode()
    kept = ConsultationResponse.objects.get()
    assert kept.after_expiry and kept.answers == {"going_well": "School is good"}


def test_a_closed_link_shows_back_what_was_typed(iro, child):
    sent = _link(iro, child)
    request = sent.request
    request.expires = timezone.localdate() - timedelta(days=actions.LATE_GRACE_DAYS + 1)
    request.save()
    page = Client().get(_address(sent.token))
    assert page.status_code == 410 and "This link has expired" in page.content.decode()
    posted = Client().post(_address(sent.token), {"going_well": "Football on Saturdays"})
    assert posted.status_code == 410
    assert "Football on Saturdays" in posted.content.decode()
    assert not ConsultationResponse.objects.exists()


def test_bad_answers_are_named_and_kept(iro, child):
    sent = _link(iro, child)
    empty = Client().post(_address(sent.token), {})
    assert empty.status_code == 400
    assert "Answer at least one question" in empty.content.decode()
    wrong = Client().post(_address(sent.token), {"safe_home": "maybe", "going_well": "Typed words"})
    assert wrong.status_code == 400
    text = wrong.content.decode()
    assert "Choose one answer to “Do you feel safe where you live?” from the list" in text
    assert "Typed words" in text  # what was typed comes back in the box
    long = Client().post(_address(sent.token), {"going_well": "x" * 5001})
    assert "is too long" in long.content.decode()
    assert not ConsultationResponse.objects.exists()
    # The link still works after the mistakes.
    assert Client().post(_address(sent.token), {"safe_home": "yes"}).status_code == 200


def test_each_form_version_renders(iro, child):
    from irohub.records.consultation import FORMS, form_for

    for version, form in FORMS.items():
        if form.after_review:
            continue
        sent = _link(iro, child, respondent=form.respondent.value, version=version.value)
        page = Client().get(_address(sent.token))
        assert page.status_code == 200
        for question in form_for(version).questions:
            assert question.text in page.content.decode()


def test_a_form_for_the_wrong_person_or_time_is_refused(iro, child):
    preparation = actions.prepare_review(actor=iro, child=child)
    with pytest.raises(ValidationError, match="not for a parent"):
        actions.send_consultation(
            actor=iro,
            preparation=preparation,
            respondent="parent",
            name="Mum",
            version="young_person",
        )
    with pytest.raises(ValidationError, match="after the review"):
        actions.send_consultation(
            actor=iro,
            preparation=preparation,
            respondent="child",
            name="Sam",
            version="feedback_child",
        )
    with pytest.raises(ValidationError, match="not one of the forms"):
        actions.send_consultation(
            actor=iro, preparation=preparation, respondent="child", name="Sam", version="nope"
        )


def test_views_attached_from_paper_and_the_review_shows_them(iro, child, client_for):
    preparation = actions.prepare_review(actor=iro, child=child)
    actions.attach_views(
        actor=iro,
        preparation=preparation,
        respondent="child",
        name="Sam",
        version="young_person",
        source="app",
        returned=timezone.localdate(),
        summary="Said through MOMO that they want to stay with their carers",
    )
    sent = _link(iro, child, respondent="parent", name="Mother", version="parent")
    Client().post(_address(sent.token), {"understand_plan": "no", "worries": "Contact"})
    review = record_review(actor=iro, child=child, held=timezone.localdate(), participation="PN1")
    preparation.refresh_from_db()
    assert preparation.review == review
    page = client_for.get(f"/children/{child.pk}/reviews/{review.pk}/views/")
    text = page.content.decode()
    assert "want to stay with their carers" in text
    assert "Do you understand the plan for your child?" in text and "Contact" in text
    # After the review: a feedback link about the IRO, by the same mechanism.
    feedback = actions.send_consultation(
        actor=iro, preparation=preparation, respondent="child", name="Sam", version="feedback_child"
    )
    Client().post(_address(feedback.token), {"iro_listened": "yes"})
    page = client_for.get(f"/children/{child.pk}/reviews/{review.pk}/views/")
    assert "Did your IRO listen to you?" in page.content.decode()


def test_attaching_views_names_each_mistake(iro, child):
    preparation = actions.prepare_review(actor=iro, child=child)
    with pytest.raises(ValidationError) as raised:
        actions.attach_views(
            actor=iro,
            preparation=preparation,
            respondent="child",
            name=" ",
            version="young_person",
            source="online",
            returned=timezone.localdate() + timedelta(days=1),
            summary="",
        )
    errors = raised.value.message_dict
    assert set(errors) == {"name", "source", "returned", "summary"}


def test_checklist_mistakes_are_named(iro, child):
    preparation = actions.prepare_review(actor=iro, child=child)
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as raised:
        actions.update_checklist(
            actor=iro,
            preparation=preparation,
            report_received=tomorrow,
            spoke_how="not_spoken",
            interpreter_needed=True,
        )
    errors = raised.value.message_dict
    assert errors["report_received"] == [
        "The date the social worker's report was received cannot be in the future"
    ]
    assert "Say why the IRO did not speak" in errors["not_spoken_reason"][0]
    assert errors["interpreter_language"] == ["Enter the language the interpreter is needed for"]
    actions.update_checklist(
        actor=iro,
        preparation=preparation,
        report_received=timezone.localdate(),
        spoke_to_child=timezone.localdate(),
        spoke_how="video",
        interpreter_needed=True,
        interpreter_language="Tigrinya",
    )
    preparation.refresh_from_db()
    assert preparation.spoke_how == "video" and preparation.interpreter_language == "Tigrinya"


def test_the_checklist_pages(iro, child, client_for):
    page = client_for.get(f"/children/{child.pk}/review-preparation/")
    assert page.status_code == 200
    saved = client_for.post(
        f"/children/{child.pk}/review-preparation/checklist/",
        {
            "report_received_day": "40",
            "report_received_month": "1",
            "report_received_year": "2025",
        },
    )
    assert saved.status_code == 200
    assert "govuk-error-summary" in saved.content.decode()
    sent = client_for.post(
        f"/children/{child.pk}/review-preparation/send/",
        {"respondent": "child", "name": "Sam", "version": "young_person"},
    )
    assert sent.status_code == 200
    assert "/have-your-say/" in sent.content.decode()
    assert ReviewPreparation.objects.filter(child=child).count() == 1


def test_no_checklist_for_a_child_not_in_care(iro, client_for):
    from tests.factories import ChildFactory
    from tests.factories.records import add_period

    child = ChildFactory(date_of_birth=date(2012, 1, 1))
    add_period(child, start=date(2024, 1, 1), end=date(2024, 3, 1), reason_ceased="E11")
    with pytest.raises(ValidationError, match="no review due"):
        actions.prepare_review(actor=iro, child=child)
    assert client_for.get(f"/children/{child.pk}/review-preparation/send/").status_code == 404


def test_consultation_and_the_checklist_reach_the_figures(iro, child):
    from irohub.children.records import register_from_database
    from irohub.measures import compute_measures
    from irohub.records.years import CollectionYear

    today = timezone.localdate()
    preparation = actions.prepare_review(actor=iro, child=child)
    actions.update_checklist(
        actor=iro,
        preparation=preparation,
        spoke_to_child=today,
        spoke_how="in_person_alone",
        advocacy_offered=today,
    )
    sent = _link(iro, child)
    Client().post(_address(sent.token), {"safe_home": "yes", "feelings": ["happy"]})
    record_review(actor=iro, child=child, held=today, participation="PN1")
    register = register_from_database()
    measures = compute_measures(register, CollectionYear.containing(today))["measures"]
    for measure_id in ("M-PAR-02", "M-PAR-05a", "M-PAR-06"):
        assert (measures[measure_id]["numerator"], measures[measure_id]["denominator"]) == (1, 1)
    assert measures["M-PAR-06a"]["numerator"] == 0
    assert measures["M-PRC-01"]["numerator"] == 0  # no report recorded
    (record,) = [c for c in register.children if c.child_id == child.identifier]
    assert record.consultations[0].answers == (("safe_home", "yes"), ("feelings", "happy"))


def test_links_for_the_parents_and_carer_on_the_childs_record(iro, child, client_for):
    from tests.factories import PersonAroundChildFactory

    today = timezone.localdate()
    mother = PersonAroundChildFactory(
        child=child,
        role="mother",
        name="Jo Synthetic",
        email="jo@example.org",
        parental_responsibility=True,
        start=today - timedelta(days=400),
    )
    carer = PersonAroundChildFactory(
        child=child,
        role="carer",
        name="Pat Carer",
        parental_responsibility=False,
        start=today - timedelta(days=10),
    )
    page = client_for.get(f"/children/{child.pk}/review-preparation/")
    assert f"?person={mother.pk}" in page.content.decode()
    form = client_for.get(f"/children/{child.pk}/review-preparation/send/?person={mother.pk}")
    text = form.content.decode()
    assert 'value="Jo Synthetic"' in text and 'value="jo@example.org"' in text
    sent = client_for.post(
        f"/children/{child.pk}/review-preparation/send/",
        {
            "person": mother.pk,
            "respondent": "parent",
            "name": "Jo Synthetic",
            "version": "parent",
            "email": "jo@example.org",
        },
    )
    assert sent.status_code == 200
    request = mother.consultation_requests.get()
    assert request.respondent == "parent" and request.email == "jo@example.org"
    # A carer is not sent the parents' form as a parent.
    preparation = actions.prepare_review(actor=iro, child=child)
    with pytest.raises(ValidationError, match="not a parent"):
        actions.send_consultation(
            actor=iro,
            preparation=preparation,
            respondent="parent",
            name="Pat Carer",
            version="parent",
            person=carer,
        )
    # After the review, the parents are offered the feedback form about the IRO.
    review = record_review(
        actor=iro,
        child=child,
        held=today,
        participation="PN1",
        parents={mother.pk: ("attended", "")},
    )
    page = client_for.get(f"/children/{child.pk}/reviews/{review.pk}/views/")
    assert f"/feedback/?person={mother.pk}" in page.content.decode()
    form = client_for.get(f"/children/{child.pk}/reviews/{review.pk}/feedback/?person={mother.pk}")
    assert 'value="feedback_parent" checked' in form.content.decode()
