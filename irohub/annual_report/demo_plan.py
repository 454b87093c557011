"""The demo council's action plans: the last complete year's report has a plan for the
year after, and the year before's plan is carried into it with what happened — so the demo
shows the report as Bradford's and Central Bedfordshire's boards read it. Synthetic text,
written by `irohub demo` and the embedded default's demo (the demo generator's loader sits
beside this app and cannot import it)."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from irohub.annual_report.actions import add_planned_action, record_outcome, start_report
from irohub.annual_report.models import AnnualReport
from irohub.records.years import CollectionYear

EARLIER_PLAN = (
    (
        {
            "action": "Review the format of children's reviews with the Children in Care "
            "Council so that they are child-focused",
            "owner": "IRO service manager",
            "timescale": "By December",
            "impact": "Reviews where the child took part (M-PAR-01); children's feedback forms",
        },
        "Done: a new format agreed with the Children in Care Council in November; "
        "participation rose this year.",
    ),
    (
        {
            "action": "Escalate every placement concern rated red to the commissioning team "
            "within five working days",
            "owner": "IRO team managers",
            "timescale": "From April, quarterly check",
            "impact": "Commissioned services rated red, and how many were resolved",
        },
        "Partly done: most were escalated in time; the quarterly check continues.",
    ),
)
LATEST_PLAN = (
    {
        "action": "Record a midway check between reviews for every child",
        "owner": "IRO team managers",
        "timescale": "By September",
        "impact": "Children with a midway check recorded, checked in case file audits",
    },
    {
        "action": "Reduce reviews held late because the service was told late of a child "
        "coming into care",
        "owner": "Head of service, with the social-work team managers",
        "timescale": "By March",
        "impact": "Reviews held on time (M-REV-01) above 95%",
    },
)


@transaction.atomic
def write_demo_action_plans(*, as_of: date) -> None:
    """The plans of the two complete years before `as_of`, unless already written."""
    latest = CollectionYear.to_date(as_of)
    if not latest.complete:
        latest = latest.previous()
    earlier = latest.previous()
    if AnnualReport.objects.filter(year__in=[latest.label, earlier.label]).exists():
        return  # a real (or earlier demo) report is never overwritten
    start_report(year=earlier, actor=None)
    for fields, outcome in EARLIER_PLAN:
        planned = add_planned_action(year=earlier, actor=None, fields=fields)
        record_outcome(actor=None, planned=planned, outcome=outcome)
    for fields in LATEST_PLAN:
        add_planned_action(year=latest, actor=None, fields=fields)
