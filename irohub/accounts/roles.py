"""Who may do what: permissions as data, roles as a fixed list with a plain-English
description each. A user holds one or more roles (accounts.models.UserRole)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Permission(StrEnum):
    VIEW_OWN_CASELOAD = "view own caseload"
    # IROs cover each other, so opening any child in the service is one permission;
    # restricted records are checked separately, by name (children.queries).
    VIEW_CHILD = "view a child's record"
    # Social workers and their managers open only the children their team holds today
    # (the scope is one rule: children.access.openable; ADR 0012).
    VIEW_ALLOCATED_CHILDREN = "view the records of the children they hold as social workers"
    SEARCH_CHILDREN = "search for children"
    RECORD_REVIEW = "record a review"
    # Dual-role IROs chair child protection conferences too.
    RECORD_CONFERENCE = "record child protection conferences and plans"
    ALLOCATE_IRO = "allocate an IRO"
    VIEW_TEAM = "view their team's caseloads"
    VIEW_ALL_TEAMS = "view every team's caseloads"
    VIEW_ACCESS_HISTORY = "view who opened a child's record"
    # The service's figures and the lists of children behind them (drill-down lists name
    # children, so they also need VIEW_CHILD and are audited).
    VIEW_PERFORMANCE = "view the service's performance figures and annual reports"
    WRITE_ANNUAL_REPORT = "write the IRO annual report"
    ADMINISTER = "administer the system"
    # Quality assurance and the IRO's challenge (irohub.quality, irohub.resolutions).
    RATE_REVIEW = "rate a review's quality and raise, escalate and close challenges"
    VIEW_CHALLENGES = "view challenges, ratings and their themes across the service"
    RESPOND_TO_CHALLENGE = "see the IRO's feedback and respond to challenges for their team"
    # Fostering households and their annual reviews (FSR 2011 reg 28), by foster carer
    # reviewing officers (FIROs).
    VIEW_FOSTERING = "view fostering households and foster carer reviews"
    REVIEW_FOSTER_CARERS = "record foster carer reviews and changes of circumstances"
    MANAGE_FOSTERING = "approve, deregister and allocate fostering households"
    # The IRO's feedback on commissioned services, by provider (irohub.commissioning):
    # no child's record, name or identifier (ADR 0027).
    VIEW_COMMISSIONED_SERVICES = "see the IROs' feedback on commissioned services by provider"
    # The establishment, staff terms (hours, agency, interim) and absences (irohub.workforce).
    MANAGE_WORKFORCE = "record the establishment, staff terms and absences"
    # Local targets for the measures, with red, amber and green (irohub.targets).
    SET_TARGETS = "set local targets for the service's measures"
    # Workforce planning (irohub.planning): the caseload forecast, scenarios, back-tests.
    PLAN_WORKFORCE = "plan the workforce: caseload forecasts, scenarios and back-tests"


@dataclass(frozen=True)
class Role:
    key: str
    name: str
    description: str
    permissions: frozenset[Permission]


P = Permission
IRO = Role(
    "iro",
    "IRO",
    "An Independent Reviewing Officer: sees their own caseload first, can open any child "
    "in the service to cover for colleagues, and records the reviews and child protection "
    "conferences they chair.",
    frozenset(
        {
            P.VIEW_OWN_CASELOAD,
            P.VIEW_CHILD,
            P.SEARCH_CHILDREN,
            P.RECORD_REVIEW,
            P.RECORD_CONFERENCE,
            P.RATE_REVIEW,
        }
    ),
)
TEAM_MANAGER = Role(
    "team_manager",
    "Team manager",
    "Manages a team of IROs: sees the team's caseloads against the caseload band, allocates "
    "and re-allocates children, and sees who has opened a child's record.",
    frozenset(
        {
            P.VIEW_CHILD,
            P.SEARCH_CHILDREN,
            P.RECORD_REVIEW,
            P.RECORD_CONFERENCE,
            P.ALLOCATE_IRO,
            P.VIEW_TEAM,
            P.VIEW_ACCESS_HISTORY,
            P.VIEW_PERFORMANCE,
            P.RATE_REVIEW,
            P.VIEW_CHALLENGES,
            P.PLAN_WORKFORCE,
        }
    ),
)
SERVICE_MANAGER = Role(
    "service_manager",
    "Service manager",
    "Leads the IRO service: everything a team manager can do, for every team, and writes "
    "the IRO annual report for the Corporate Parenting Board. Oversees the fostering "
    "households and their reviewing officers (as Bradford's service manager does), records "
    "the establishment, staff terms and absences, and sets local targets for the measures.",
    TEAM_MANAGER.permissions
    | {P.VIEW_ALL_TEAMS, P.WRITE_ANNUAL_REPORT, P.MANAGE_WORKFORCE, P.SET_TARGETS}
    | {P.VIEW_COMMISSIONED_SERVICES}
    | {P.VIEW_FOSTERING, P.REVIEW_FOSTER_CARERS, P.MANAGE_FOSTERING},
)
ADMINISTRATOR = Role(
    "administrator",
    "Administrator",
    "Looks after users, teams, the calendar and the register's reference data in the "
    "administration pages, and records the establishment, staff terms and absences. Does "
    "not open children's records in the workspace.",
    frozenset({P.ADMINISTER, P.MANAGE_WORKFORCE}),
)
AUDITOR = Role(
    "auditor",
    "Read-only auditor",
    "Checks the service: can read any record, every team's caseloads, the performance "
    "figures and every access history, and can change nothing.",
    frozenset(
        {
            P.VIEW_CHILD,
            P.SEARCH_CHILDREN,
            P.VIEW_ALL_TEAMS,
            P.VIEW_ACCESS_HISTORY,
            P.VIEW_PERFORMANCE,
            P.VIEW_CHALLENGES,
            P.VIEW_FOSTERING,
            P.VIEW_COMMISSIONED_SERVICES,
        }
    ),
)

FIRO = Role(
    "firo",
    "Foster carer reviewing officer (FIRO)",
    "Reviews fostering households independently of their supervising social workers: sees "
    "their own households first, records each household's annual review (the first goes to "
    "the fostering panel) and changes of circumstances that call for an extra review.",
    frozenset({P.VIEW_FOSTERING, P.REVIEW_FOSTER_CARERS}),
)

SOCIAL_WORKER = Role(
    "social_worker",
    "Social worker",
    "A social worker of the council's children's social care (not the IRO service): sees the "
    "children they are the allocated social worker of, and opens only those records — their "
    "reviews, decisions and actions and what the IRO asks of them. Cannot search for others.",
    frozenset({P.VIEW_ALLOCATED_CHILDREN}),
)
SOCIAL_WORK_MANAGER = Role(
    "social_work_manager",
    "Social-work team manager",
    "Manages a social-work team: opens the records of the children the team's social workers "
    "hold today, sees the IRO's feedback on them and answers the IRO's challenges.",
    frozenset({P.VIEW_ALLOCATED_CHILDREN, P.RESPOND_TO_CHALLENGE}),
)

COMMISSIONER = Role(
    "commissioner",
    "Commissioning officer",
    "Commissions placements and services for children in care (the council's commissioning "
    "or quality assurance team): sees the IROs' ratings and comments on each provider after "
    "reviews, to follow concerns up with the provider. Opens no child's record and sees no "
    "child's name.",
    frozenset({P.VIEW_COMMISSIONED_SERVICES}),
)

ROLES: dict[str, Role] = {
    role.key: role
    for role in (
        IRO,
        TEAM_MANAGER,
        SERVICE_MANAGER,
        ADMINISTRATOR,
        AUDITOR,
        SOCIAL_WORKER,
        SOCIAL_WORK_MANAGER,
        FIRO,
        COMMISSIONER,
    )
}


def permissions_of(role_keys: list[str] | set[str]) -> frozenset[Permission]:
    granted: set[Permission] = set()
    for key in role_keys:
        granted |= ROLES[key].permissions
    return frozenset(granted)
