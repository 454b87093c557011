"""Reads for the checklist, the consultation links and the views shown on a review."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from irohub.consultation import links
from irohub.consultation.actions import LATE_GRACE_DAYS
from irohub.consultation.deadlines import deadlines_for
from irohub.consultation.models import (
    SOURCES,
    SPOKE_HOW,
    ConsultationRequest,
    ConsultationResponse,
    ReviewPreparation,
)
from irohub.records.consultation import MANY, TEXT, Respondent, form_for
from irohub.statutory.review_preparation import ItemStatus, item_status

STATUS_TAGS = {
    ItemStatus.DONE: "govuk-tag--green",
    ItemStatus.DONE_LATE: "govuk-tag--yellow",
    ItemStatus.NOT_YET_DUE: "govuk-tag--grey",
    ItemStatus.OVERDUE: "govuk-tag--red",
}


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    label: str
    deadline: date | None
    done: date | None
    detail: str
    status: ItemStatus | None  # None: no deadline (a question answered or not)

    @property
    def tag(self) -> str:
        return STATUS_TAGS[self.status] if self.status else "govuk-tag--grey"


def _returned_by(preparation: ReviewPreparation, respondent: str) -> list[ConsultationResponse]:
    return [
        r
        for r in preparation.responses.all()
        if r.respondent == respondent and not form_for(r.version).after_review
    ]


def checklist(preparation: ReviewPreparation, today: date | None = None) -> list[ChecklistItem]:
    """The checklist's items with their deadlines (from the rules core) and where each stands."""
    today = today or timezone.localdate()
    due = deadlines_for(preparation.due)
    items = [
        ChecklistItem(
            "invitations",
            "Invitations sent",
            due.invitations_by,
            preparation.invitations_sent,
            "",
            item_status(due.invitations_by, preparation.invitations_sent, today),
        ),
        ChecklistItem(
            "report",
            "Social worker's report received",
            due.report_by,
            preparation.report_received,
            "",
            item_status(due.report_by, preparation.report_received, today),
        ),
    ]
    if preparation.spoke_how == "not_spoken":
        spoke_detail = f"Not spoken to: {preparation.not_spoken_reason}"
    else:
        spoke_detail = SPOKE_HOW.get(preparation.spoke_how, "")
    items.append(
        ChecklistItem(
            "spoke",
            "IRO spoke to the child before the review",
            preparation.due,
            preparation.spoke_to_child,
            spoke_detail,
            None
            if preparation.spoke_how == "not_spoken"
            else item_status(preparation.due, preparation.spoke_to_child, today),
        )
    )
    for respondent, label in (
        (Respondent.CHILD, "Consultation returned by the child"),
        (Respondent.PARENT, "Consultation returned by a parent"),
        (Respondent.CARER, "Consultation returned by the carer"),
    ):
        returned = _returned_by(preparation, respondent)
        first = min((r.returned for r in returned), default=None)
        names = ", ".join(sorted({r.name for r in returned}))
        items.append(
            ChecklistItem(
                f"consultation_{respondent}",
                label,
                due.consultation_back_by,
                first,
                names,
                item_status(due.consultation_back_by, first, today),
            )
        )
    offered = preparation.advocacy_offered
    wanted = {True: "The child wants an advocate", False: "The child does not want one"}.get(
        preparation.advocate_wanted,
        "",  # type: ignore[arg-type]
    )
    items.append(
        ChecklistItem(
            "advocacy",
            "Advocacy offered",
            preparation.due,
            offered,
            wanted,
            item_status(preparation.due, offered, today),
        )
    )
    interpreter = {
        True: f"Needed ({preparation.interpreter_language})",
        False: "Not needed",
        None: "Not answered yet",
    }[preparation.interpreter_needed]
    items.append(ChecklistItem("interpreter", "Interpreter", None, None, interpreter, None))
    return items


def open_preparation(child_id: int, due: date | None) -> ReviewPreparation | None:
    if due is None:
        return None
    return (
        ReviewPreparation.objects.filter(child_id=child_id, due=due, review__isnull=True)
        .prefetch_related("responses", "requests")
        .first()
    )


# --- links ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkState:
    """What a link can do now: 'open' (take answers); 'expired' (past its last day but
    within LATE_GRACE_DAYS: the form says so and the answers are still kept, marked late);
    'closed' (past that: no form, but what was typed is shown back); 'used'; 'invalid'."""

    state: str
    request: ConsultationRequest | None = None


def link_state(token: str, today: date | None = None) -> LinkState:
    claim = links.read_token(token)
    if claim is None:
        return LinkState("invalid")
    request = (
        ConsultationRequest.objects.select_related("preparation__child")
        .filter(pk=claim.request_id, nonce=claim.nonce)
        .first()
    )
    if request is None:
        return LinkState("invalid")
    if request.used is not None:
        return LinkState("used", request)
    today = today or timezone.localdate()
    if today > request.expires + timedelta(days=LATE_GRACE_DAYS):
        return LinkState("closed", request)
    if today > request.expires:
        return LinkState("expired", request)
    return LinkState("open", request)


# --- views shown on a review ------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerLine:
    question: str
    answer: str


@dataclass(frozen=True)
class ViewsShown:
    response: ConsultationResponse
    form_label: str
    source: str
    lines: list[AnswerLine]


def _answer_text(kind: str, question: Any, value: Any) -> str:
    if kind == TEXT:
        return str(value)
    if kind == MANY:
        return ", ".join(question.label_of(v) for v in value)
    return question.label_of(value)


def views_shown(responses: list[ConsultationResponse]) -> list[ViewsShown]:
    shown = []
    for response in responses:
        form = form_for(response.version)
        lines = [
            AnswerLine(q.text, _answer_text(q.kind, q, response.answers[q.key]))
            for q in form.questions
            if q.key in response.answers
        ]
        shown.append(ViewsShown(response, form.label, SOURCES[response.source], lines))
    return shown


def preparation_of_review(review_id: int, child_id: int) -> ReviewPreparation | None:
    return (
        ReviewPreparation.objects.filter(review_id=review_id, child_id=child_id)
        .prefetch_related("responses", "requests")
        .first()
    )


def links_sent(preparation: ReviewPreparation) -> list[ConsultationRequest]:
    return list(preparation.requests.order_by("created"))
