"""What an audit event can say happened: one list, each with the short description the
access history and the administration pages show, and what an event can be about.

A new kind of event is a new member here (and nowhere else): `record_event` refuses any
other name.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models


class EventType(models.TextChoices):
    # A child's record
    CHILD_OPENED = "child.opened", "Opened the record"
    CHILD_REFUSED = "child.refused", "Was refused the record"
    CARE_PERIOD_ENDED = "care_period.ended", "Ended a care period"
    REVIEW_RECORDED = "review.recorded", "Recorded a review"
    REVIEW_RECORD_UPDATED = "review.record_updated", "Recorded the review's record and letter"
    REVIEW_ACTION_ADDED = "review.action_added", "Added a decision and action to a review"
    REVIEW_ACTION_COMPLETED = "review.action_completed", "Marked a review action done"
    EARLY_REVIEW_REQUESTED = "review.early_requested", "Asked for an early review"
    PROTECTION_STARTED = "protection.started", "Recorded a strategy discussion (child protection)"
    CONFERENCE_RECORDED = "conference.recorded", "Recorded a child protection conference"
    PROTECTION_ENDED = "protection.ended", "Ended a child protection plan"
    ALLOCATION_MADE = "allocation.made", "Allocated an IRO"
    PREPARATION_STARTED = "preparation.started", "Started the checklist for a review"
    PREPARATION_UPDATED = "preparation.updated", "Updated the checklist for a review"
    PREPARATION_LINKED = "preparation.linked", "Linked the checklist and views to the review held"
    CONSULTATION_SENT = "consultation.sent", "Sent a consultation or feedback link"
    CONSULTATION_RETURNED = "consultation.returned", "Views returned (online, paper or app)"
    ADVOCACY_RECORDED = "advocacy.recorded", "Recorded an advocacy referral"
    ADVOCACY_OUTCOME = "advocacy.outcome", "Recorded an advocacy referral's outcome"
    REMINDER_SENT = "reminder.sent", "Sent a reminder by e-mail"
    ALLOCATION_CANCELLED = "allocation.cancelled", "Cancelled a planned IRO"
    LETTERS_WRITTEN = "letters.written", "Wrote the allocation letters"
    LETTER_DOWNLOADED = "letters.downloaded", "Downloaded a letter"
    IRO_CONTACT_CHANGED = "letters.contact_changed", "Changed an IRO's photo or contact details"
    REVIEW_RATED = "review.rated", "Rated the quality of a review"
    RECOGNITION_SENT = "recognition.sent", "Sent a recognition of good practice"
    PROVIDER_RATED = "provider.rated", "Rated a commissioned service after a review"
    PROVIDERS_LISTED = "provider.listed", "Listed the IROs' feedback on a provider"
    CHALLENGE_OPENED = "challenge.opened", "Opened a challenge"
    CHALLENGE_RESPONDED = "challenge.responded", "Responded to a challenge"
    CHALLENGE_ESCALATED = "challenge.escalated", "Escalated a challenge"
    CHALLENGE_CLOSED = "challenge.closed", "Closed a challenge"
    CHALLENGE_CAFCASS = "challenge.cafcass", "Referred a challenge to Cafcass"
    SOCIAL_WORKER_ALLOCATED = "social_worker.allocated", "Recorded the child's social worker"
    PERSON_ADDED = "person.added", "Added a person around the child"
    PERSON_CHANGED = "person.changed", "Changed a person's details"
    PERSON_ENDED = "person.ended", "Ended a person's role in the child's life"
    IRO_CONTACT_RECORDED = "oversight.contact", "Recorded an IRO visit, midway check or entry"
    VISITOR_OFFERED = "oversight.visitor_offered", "Recorded an independent visitor offered"
    VISITOR_OUTCOME = (
        "oversight.visitor_outcome",
        "Recorded what came of an independent visitor offer",
    )
    FILE_AUDITED = "oversight.file_audited", "Audited the IRO's case file"
    NATIONALITY_RECORDED = "immigration.nationality", "Recorded a child's nationality"
    IMMIGRATION_APPLICATION = "immigration.application", "Recorded an immigration application"
    IMMIGRATION_DECISION = "immigration.decision", "Recorded an immigration decision"
    IMMIGRATION_LISTED = "immigration.listed", "Listed children whose immigration status is open"
    EQUALITY_DECLARED = "equality.declared", "Changed their own equality details"
    FILE_AUDITS_LISTED = "oversight.file_audits_listed", "Listed the audits of IRO case files"
    CHILD_DELETED_UNDER_RETENTION = (
        "child.deleted_under_retention",
        "Deleted the record, past its retention date",
    )
    # Fostering households and their reviews
    HOUSEHOLD_APPROVED = "fostering.household_approved", "Approved a fostering household"
    HOUSEHOLD_DEREGISTERED = "fostering.household_deregistered", "Deregistered a household"
    REVIEWING_OFFICER_ALLOCATED = (
        "fostering.reviewing_officer_allocated",
        "Allocated a household's reviewing officer",
    )
    CARER_REVIEW_RECORDED = "fostering.review_recorded", "Recorded a foster carer review"
    CHANGE_OF_CIRCUMSTANCES_RECORDED = (
        "fostering.change_recorded",
        "Recorded a fostering household's change of circumstances",
    )
    CHILD_PLACED_WITH_HOUSEHOLD = "fostering.child_placed", "Placed a child with a household"
    PLACEMENT_VIEW_RECORDED = (
        "fostering.placement_view_recorded",
        "Recorded the IRO's view of a child's foster placement",
    )
    # The IRO service's workforce (irohub.workforce) and local targets (irohub.targets)
    POST_ADDED = "workforce.post_added", "Added a post to the establishment"
    POST_ENDED = "workforce.post_ended", "Ended a post of the establishment"
    TERMS_RECORDED = "workforce.terms_recorded", "Recorded a person's terms of work"
    ABSENCE_RECORDED = "workforce.absence_recorded", "Recorded an absence"
    ABSENCE_ENDED = "workforce.absence_ended", "Recorded the end of an absence"
    TARGET_SET = "targets.set", "Set a local target for a measure"
    TARGET_REMOVED = "targets.removed", "Removed a local target"
    # The register as a whole
    SSDA903_IMPORTED = "ssda903.imported", "Imported SSDA903 returns into the register"
    DEMO_LOADED = "demo.loaded", "Loaded the demo council"
    PUBLISHED_FIGURES_LOADED = (
        "benchmarking.loaded",
        "Loaded published figures and statistical neighbours",
    )
    DEMO_SIGN_INS_CREATED = "demo.sign_ins_created", "Made the demo council's sign-ins"
    # Figures and the annual report
    PERFORMANCE_LISTED = "performance.listed", "Listed the children behind a figure"
    ANNUAL_REPORT_STARTED = "annual_report.started", "Started an annual report"
    ANNUAL_REPORT_EDITED = "annual_report.edited", "Edited the annual report's narrative"
    ANNUAL_REPORT_SECTIONS_CHANGED = (
        "annual_report.sections_changed",
        "Added, removed or moved a section of the annual report",
    )
    ANNUAL_REPORT_PLAN_CHANGED = (
        "annual_report.plan_changed",
        "Changed the annual report's action plan or recorded what happened",
    )
    # Signing in
    TWO_FACTOR_ENROLLED = "two_factor.enrolled", "Set up two-factor sign-in"
    TWO_FACTOR_FAILED = "two_factor.failed", "Entered a wrong two-factor code"
    TWO_FACTOR_RESET = "two_factor.reset", "Reset a person's two-factor sign-in"
    ROLES_FROM_IDENTITY_PROVIDER = (
        "roles.from_identity_provider",
        "Roles changed by the identity provider's groups",
    )
    # The administration pages
    ADMIN_LISTED = "admin.listed", "Listed records in the administration pages"
    ADMIN_OPENED = "admin.opened", "Opened a record in the administration pages"
    ADMIN_REFUSED = "admin.refused", "Was refused a record in the administration pages"
    ADMIN_ADDED = "admin.added", "Added a record in the administration pages"
    ADMIN_CHANGED = "admin.changed", "Changed a record in the administration pages"
    ADMIN_DELETED = "admin.deleted", "Deleted a record in the administration pages"
    ADMIN_DELETE_REFUSED = (
        "admin.delete_refused",
        "Was refused deleting a record (records are kept)",
    )

    # Signing in and accounts
    SIGN_IN_LOCKED_OUT = (
        "sign_in.locked_out",
        "An account was locked for one address after wrong passwords",
    )
    SIGN_IN_ADDRESS_THROTTLED = (
        "sign_in.address_throttled",
        "An address was paused after wrong passwords for any accounts",
    )
    SIGN_IN_UNLOCKED = "sign_in.unlocked", "Unlocked an account's sign-in"
    PASSWORD_CHANGED = "account.password_changed", "Changed their own password"

    @classmethod
    def describe(cls, value: str) -> str:
        """The short description of an event name, or the name itself for one no longer
        listed (the trail outlives the code that wrote it)."""
        try:
            return cls(value).label
        except ValueError:
            return value


@dataclass(frozen=True)
class Target:
    """What an event is about when it is not one database row: a measure, the register."""

    type: str  # "app_label.kind", as a model's label_lower reads
    id: str


REGISTER = Target("children.register", "ssda903")
