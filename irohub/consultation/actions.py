"""Writes before and after a review: the checklist, consultation links and the views
returned. Each action validates, saves and audits in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from irohub.audit.actions import record_event, signed_in
from irohub.audit.events import EventType
from irohub.children.models import PARENT_ROLES, Child, PersonAroundChild, PersonRole
from irohub.children.queries import next_review_due
from irohub.consultation import links
from irohub.consultation.models import (
    SOURCES,
    SPOKE_HOW,
    ConsultationRequest,
    ConsultationResponse,
    ReviewPreparation,
)
from irohub.core.calendar import get_calendar
from irohub.core.formatting import long_date
from irohub.records.consultation import CHOICE, MANY, TEXT, Form, Respondent, form_for
from irohub.reviews.models import Review
from irohub.statutory.review_preparation import link_expires

# Who on the child's record answers which forms: parents with parental responsibility (or
# the other parent roles) the parents' form, carers the carers'.
PERSON_RESPONDENT: dict[str, str] = {
    **{role.value: Respondent.PARENT.value for role in PARENT_ROLES},
    PersonRole.CARER.value: Respondent.CARER.value,
}

TEXT_LIMIT = 5000  # characters in one free-text answer
# A review is usually recorded within days of the meeting; a checklist begun later than
# this after a review was held belongs to the next review, not that one.
RECORDED_WITHIN = 28
# Answers sent through a link up to this many days after its last day are kept (marked
# late), so a form left open over the expiry loses nothing; after that the link is closed.
LATE_GRACE_DAYS = 7


# --- the checklist --------------------------------------------------------------------------


@transaction.atomic
def prepare_review(*, actor: AbstractBaseUser | None, child: Child) -> ReviewPreparation:
    """The checklist for the child's next review (made when first asked for), keyed on the
    due date the review clock gives now."""
    due = next_review_due(child)
    if due is None:
        raise ValidationError(
            f"{child.first_name} has no review due: they are not looked after now, or no "
            "further review is due in this care period"
        )
    existing = ReviewPreparation.objects.filter(child=child, due=due, review__isnull=True).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            preparation = ReviewPreparation.objects.create(child=child, due=due)
    except IntegrityError:  # made at the same moment by someone else: use theirs
        return ReviewPreparation.objects.get(child=child, due=due, review__isnull=True)
    record_event(
        actor=actor,
        action=EventType.PREPARATION_STARTED,
        target=preparation,
        child_id=child.pk,
        due=due.isoformat(),
    )
    return preparation


CHECKLIST_FIELDS = (
    "invitations_sent",
    "report_received",
    "spoke_to_child",
    "spoke_how",
    "not_spoken_reason",
    "advocacy_offered",
    "advocate_wanted",
    "interpreter_needed",
    "interpreter_language",
)


def checklist_errors(values: dict[str, Any], today: date) -> dict[str, str]:
    """What is wrong with a checklist's answers, by field (empty when nothing is)."""
    errors: dict[str, str] = {}
    labels = {
        "invitations_sent": "The date the invitations were sent",
        "report_received": "The date the social worker's report was received",
        "spoke_to_child": "The date the IRO spoke to the child",
        "advocacy_offered": "The date advocacy was offered",
    }
    for name, label in labels.items():
        day = values.get(name)
        if day is not None and day > today:
            errors[name] = f"{label} cannot be in the future"
    how = values.get("spoke_how", "")
    if how and how not in SPOKE_HOW:
        errors["spoke_how"] = "Select how the IRO spoke to the child from the list"
    elif how == "not_spoken":
        if values.get("spoke_to_child") is not None:
            errors["spoke_to_child"] = (
                "Leave the date empty when the IRO did not speak to the child"
            )
        if not values.get("not_spoken_reason", "").strip():
            errors["not_spoken_reason"] = (
                "Say why the IRO did not speak to the child before the review"
            )
    elif values.get("spoke_to_child") is not None and not how:
        errors["spoke_how"] = "Select how the IRO spoke to the child"
    if values.get("interpreter_needed") and not values.get("interpreter_language", "").strip():
        errors["interpreter_language"] = "Enter the language the interpreter is needed for"
    return errors


@transaction.atomic
def update_checklist(
    *, actor: AbstractBaseUser | None, preparation: ReviewPreparation, **values: Any
) -> ReviewPreparation:
    """Record what has been done to prepare the review (the fields of CHECKLIST_FIELDS)."""
    unknown = sorted(set(values) - set(CHECKLIST_FIELDS))
    if unknown:
        raise ValidationError(f"{', '.join(unknown)} is not part of the checklist")
    merged = {name: getattr(preparation, name) for name in CHECKLIST_FIELDS} | values
    if errors := checklist_errors(merged, timezone.localdate()):
        raise ValidationError(errors)
    if merged["spoke_how"] != "not_spoken":
        merged["not_spoken_reason"] = ""
    if not merged["interpreter_needed"]:
        merged["interpreter_language"] = ""
    changed = [name for name in CHECKLIST_FIELDS if getattr(preparation, name) != merged[name]]
    for name in changed:
        setattr(preparation, name, merged[name])
    preparation.save(update_fields=changed or None)
    record_event(
        actor=actor,
        action=EventType.PREPARATION_UPDATED,
        target=preparation,
        child_id=preparation.child_id,
        changed=changed,
    )
    return preparation


# --- consultation links -----------------------------------------------------------------------


def version_error(preparation: ReviewPreparation, respondent: str, version: str) -> str | None:
    try:
        form = form_for(version)
    except KeyError:
        return f"{version!r} is not one of the forms"
    if form.respondent.value != respondent:
        return f"The {form.label.lower()} form is not for {Respondent(respondent).label.lower()}"
    if form.after_review and preparation.review_id is None:
        return "Feedback about the IRO is asked for after the review: record the review first"
    if not form.after_review and preparation.review_id is not None:
        return "This review has been held: send a feedback form instead"
    return None


@dataclass(frozen=True)
class SentLink:
    request: ConsultationRequest
    token: str


@transaction.atomic
def send_consultation(
    *,
    actor: AbstractBaseUser | None,
    preparation: ReviewPreparation,
    respondent: str,
    name: str,
    version: str,
    email: str = "",
    link_base: str = "",
    person: PersonAroundChild | None = None,
) -> SentLink:
    """Make a signed, single-use link to the form `version` for `name` (the child, a parent
    or the carer). With `email`, the link is e-mailed to them once the transaction commits;
    `link_base` is the site's address the e-mailed link starts with. `person`: the parent or
    carer on the child's record it is for (their role must match `respondent`)."""
    if respondent not in Respondent.__members__.values():
        raise ValidationError(
            {"respondent": f"{respondent!r} is not the child, a parent or the carer"}
        )
    if message := version_error(preparation, respondent, version):
        raise ValidationError({"version": message})
    name = name.strip()
    if not name:
        raise ValidationError({"name": "Enter who the link is for"})
    if person is not None:
        if person.child_id != preparation.child_id:
            raise ValidationError({"person": "That person is not on this child's record"})
        if PERSON_RESPONDENT.get(person.role) != respondent:
            role = person.get_role_display().lower()
            raise ValidationError(
                {
                    "respondent": f"{person.name} is the child's {role}, "
                    f"not {Respondent(respondent).label.lower()}"
                }
            )
    today = timezone.localdate()
    request = ConsultationRequest.objects.create(
        preparation=preparation,
        respondent=respondent,
        name=name,
        email=email.strip(),
        version=version,
        person=person,
        nonce=links.new_nonce(),
        expires=link_expires(today, max(preparation.due, today), get_calendar())
        if preparation.review_id is None
        else link_expires(today, today, get_calendar()),
        sent_by=signed_in(actor),
    )
    token = links.token_for(request.pk, request.nonce)
    record_event(
        actor=actor,
        action=EventType.CONSULTATION_SENT,
        target=request,
        child_id=preparation.child_id,
        respondent=respondent,
        version=version,
        emailed=bool(request.email),
        expires=request.expires.isoformat(),
    )
    if request.email:
        address = f"{link_base}/have-your-say/{token}/"
        form = form_for(version)
        body = (
            f"Hello {name},\n\n{form.intro}\n\nOpen this link to answer (it works once, until "
            f"{long_date(request.expires)}):\n{address}\n\nYou do not need an account. If you "
            "would rather talk or write on paper, tell your IRO.\n"
        )
        recipient = request.email
        transaction.on_commit(
            lambda: send_mail(form.title, body, None, [recipient], fail_silently=False)
        )
    return SentLink(request, token)


# --- answers --------------------------------------------------------------------------------------


def clean_answers(form: Form, data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The answers to keep from `data` (question key → value or list of values), and what is
    wrong with them by question. Every question may be left out; at least one answered."""
    answers: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for question in form.questions:
        raw = data.get(question.key)
        if raw in (None, "", [], ()):
            continue
        allowed = {value for value, _ in question.options}
        if question.kind == TEXT:
            text = str(raw).strip()
            if len(text) > TEXT_LIMIT:
                errors[question.key] = (
                    f"“{question.text}” is too long: keep it under {TEXT_LIMIT:,} characters "
                    f"(it has {len(text):,})"
                )
            elif text:
                answers[question.key] = text
        elif question.kind == MANY:
            values = [raw] if isinstance(raw, str) else list(raw)
            if not set(values) <= allowed:
                errors[question.key] = f"Choose answers to “{question.text}” from the list"
            else:
                answers[question.key] = [v for v, _ in question.options if v in values]
        else:
            assert question.kind == CHOICE
            if raw not in allowed:
                errors[question.key] = f"Choose one answer to “{question.text}” from the list"
            else:
                answers[question.key] = raw
    if not answers and not errors:
        errors["__all__"] = "Answer at least one question, or write something in one of the boxes"
    return answers, errors


class LinkRefused(Exception):
    """The link cannot take answers: `reason` is 'invalid', 'used' or 'closed'."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Submitted:
    response: ConsultationResponse
    after_expiry: bool


@transaction.atomic
def submit_answers(*, token: str, data: dict[str, Any]) -> Submitted:
    """Keep the answers sent through a link, once. An expired link's answers are kept all
    the same (marked as sent after expiry), so nothing typed is lost; a link already used
    (the form posted twice, or opened again) is refused: LinkRefused('used')."""
    claim = links.read_token(token)
    if claim is None:
        raise LinkRefused("invalid")
    request = (
        ConsultationRequest.objects.select_for_update()
        .select_related("preparation")
        .filter(pk=claim.request_id, nonce=claim.nonce)
        .first()
    )
    if request is None:
        raise LinkRefused("invalid")
    if request.used is not None:
        raise LinkRefused("used")
    if timezone.localdate() > request.expires + timedelta(days=LATE_GRACE_DAYS):
        raise LinkRefused("closed")
    form = form_for(request.version)
    answers, errors = clean_answers(form, data)
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    today = timezone.localdate()
    late = today > request.expires
    response = ConsultationResponse.objects.create(
        preparation=request.preparation,
        request=request,
        respondent=request.respondent,
        name=request.name,
        version=request.version,
        source="online",
        answers=answers,
        returned=today,
        after_expiry=late,
    )
    request.used = now
    request.save(update_fields=["used"])
    record_event(
        actor=None,
        action=EventType.CONSULTATION_RETURNED,
        target=response,
        child_id=request.preparation.child_id,
        respondent=request.respondent,
        version=request.version,
        source="online",
        after_expiry=late,
    )
    return Submitted(response, late)


@transaction.atomic
def attach_views(
    *,
    actor: AbstractBaseUser | None,
    preparation: ReviewPreparation,
    respondent: str,
    name: str,
    version: str,
    source: str,
    returned: date,
    summary: str = "",
    answers: dict[str, Any] | None = None,
) -> ConsultationResponse:
    """Attach views gathered on paper, through an app (MOMO) or in conversation."""
    errors: dict[str, str] = {}
    if respondent not in Respondent.__members__.values():
        errors["respondent"] = f"{respondent!r} is not the child, a parent or the carer"
    elif message := version_error(preparation, respondent, version):
        errors["version"] = message
    if source not in SOURCES or source == "online":
        errors["source"] = "Select where the views came from: paper, an app or a conversation"
    if not name.strip():
        errors["name"] = "Enter whose views these are"
    if returned > timezone.localdate():
        errors["returned"] = "The date the views were received cannot be in the future"
    kept: dict[str, Any] = {}
    if answers and "version" not in errors and "respondent" not in errors:
        kept, problems = clean_answers(form_for(version), answers)
        errors |= {k: v for k, v in problems.items() if k != "__all__"}
    if not summary.strip() and not kept:
        errors["summary"] = "Write down the views, or what the booklet or app said"
    if len(summary) > TEXT_LIMIT * 4:
        errors["summary"] = f"The views are too long: keep them under {TEXT_LIMIT * 4:,} characters"
    if errors:
        raise ValidationError(errors)
    response = ConsultationResponse.objects.create(
        preparation=preparation,
        respondent=respondent,
        name=name.strip(),
        version=version,
        source=source,
        answers=kept,
        summary=summary.strip(),
        returned=returned,
        attached_by=signed_in(actor),
    )
    record_event(
        actor=actor,
        action=EventType.CONSULTATION_RETURNED,
        target=response,
        child_id=preparation.child_id,
        respondent=respondent,
        version=version,
        source=source,
    )
    return response


@transaction.atomic
def preparation_for_review(*, actor: AbstractBaseUser | None, review: Review) -> ReviewPreparation:
    """The record of how a review held was prepared; begun here for a review that had no
    checklist, so that feedback about it can still be asked for."""
    existing = ReviewPreparation.objects.filter(review=review).first()
    if existing is not None:
        return existing
    preparation = ReviewPreparation.objects.create(
        child_id=review.child_id, due=review.held, review=review
    )
    record_event(
        actor=actor,
        action=EventType.PREPARATION_STARTED,
        target=preparation,
        child_id=review.child_id,
        review=review.pk,
    )
    return preparation


# --- the review held ----------------------------------------------------------------------------


@transaction.atomic
def link_to_review(*, review: Review) -> ReviewPreparation | None:
    """Give the review held the checklist and views gathered for it: the child's open
    checklist with the earliest due date (the review that was coming up). A checklist begun
    more than RECORDED_WITHIN days after the review was held was for a later review."""
    preparation = (
        ReviewPreparation.objects.select_for_update()
        .filter(
            child_id=review.child_id,
            review__isnull=True,
            created__date__lte=review.held + timedelta(days=RECORDED_WITHIN),
        )
        .order_by("due", "pk")
        .first()
    )
    if preparation is None:
        return None
    preparation.review = review
    preparation.save(update_fields=["review"])
    record_event(
        actor=None,
        action=EventType.PREPARATION_LINKED,
        target=preparation,
        child_id=review.child_id,
        review=review.pk,
        held=review.held.isoformat(),
    )
    return preparation
