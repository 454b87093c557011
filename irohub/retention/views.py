"""The retention list: records past their retention date, for an administrator to
confirm their deletion."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from irohub.accounts.access import require_permission
from irohub.accounts.roles import Permission
from irohub.core.formatting import long_date
from irohub.retention.actions import delete_under_retention
from irohub.retention.forms import ConfirmDeletionForm
from irohub.retention.rules import records_due, retention_age


@require_permission(Permission.ADMINISTER)
def retention(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    due = records_due(today)
    choices = [
        (
            record.child_id,
            f"{record.identifier}: retention date {long_date(record.retention_date)}"
            + (
                f", last in care until {long_date(record.last_in_care)}"
                if record.last_in_care
                else ""
            ),
        )
        for record in due
    ]
    form = ConfirmDeletionForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            deleted = delete_under_retention(
                actor=request.user, child_ids=form.cleaned_data["child"], today=today
            )
        except ValidationError as error:
            form.add_error("child", error)
        else:
            messages.success(
                request,
                f"Deleted {len(deleted)} record{'s' if len(deleted) != 1 else ''} "
                f"({', '.join(deleted)}). The audit trail keeps a note of each.",
            )
            return redirect("retention")
    return render(
        request,
        "retention/list.html",
        {"due": due, "form": form, "age": retention_age()},
        status=400 if form.errors else 200,
    )
