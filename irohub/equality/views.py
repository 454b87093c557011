"""An IRO's own equality details: optional, self-declared, only ever counted."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from irohub.accounts.access import require_permission
from irohub.accounts.models import IRO
from irohub.accounts.roles import Permission
from irohub.core.forms import show_on_form
from irohub.equality import actions
from irohub.equality.forms import DeclarationForm
from irohub.equality.models import Declaration


@require_permission(Permission.VIEW_OWN_CASELOAD)
def my_details(request: HttpRequest) -> HttpResponse:
    iro = IRO.objects.filter(user_id=request.user.pk).first()
    current = Declaration.objects.filter(iro=iro).first() if iro else None
    initial = {"ethnicity": current.ethnicity, "gender": current.gender} if current else {}
    form = DeclarationForm(request.POST if request.method == "POST" else None, initial=initial)
    # Without an IRO profile there is nothing to declare against: the page says so.
    if iro is not None and form.is_valid():
        try:
            actions.declare(actor=request.user, iro=iro, **form.cleaned_data)
        except ValidationError as error:
            show_on_form(form, error)
        else:
            messages.success(request, "Saved. Thank you.")
            return redirect("my_equality")
    return render(request, "equality/my_details.html", {"form": form, "iro": iro})
