"""Local targets: every measure with its target, and the form that sets or removes one.
Parse, call one action, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from irohub.accounts.access import has_permission, require_permission
from irohub.accounts.roles import Permission
from irohub.core.forms import show_on_form
from irohub.measures import DEFINITIONS
from irohub.measures.catalogue import Kind
from irohub.targets import actions, forms, queries


def _percent(measure_id: str) -> bool:
    return DEFINITIONS[measure_id].kind in (Kind.PERCENT, Kind.FTE)


@require_permission(Permission.SET_TARGETS, Permission.VIEW_PERFORMANCE)
def targets(request: HttpRequest) -> HttpResponse:
    held = queries.targets()
    lines = [
        {
            "definition": definition,
            "target": held[measure_id].text(percent=_percent(measure_id))
            if measure_id in held
            else "",
        }
        for measure_id, definition in DEFINITIONS.items()
    ]
    return render(
        request,
        "targets/targets.html",
        {"lines": lines, "may_set": has_permission(request.user, Permission.SET_TARGETS)},
    )


@require_permission(Permission.SET_TARGETS)
def set_target(request: HttpRequest, measure_id: str) -> HttpResponse:
    definition = DEFINITIONS.get(measure_id)
    if definition is None:
        raise Http404(f"There is no measure {measure_id!r}.")
    current = queries.target_for(measure_id)
    if request.method == "POST" and request.POST.get("remove") == "1":
        actions.remove_target(actor=request.user, measure_id=measure_id)
        messages.success(request, f"The target for {measure_id} is removed.")
        return redirect("targets")
    initial = {}
    if current is not None:
        initial = {
            "value": current.value,
            "amber_margin": current.amber_margin,
            "direction": "higher" if current.higher_is_better else "lower",
        }
    form = forms.TargetForm(request.POST if request.method == "POST" else None, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            actions.set_target(
                actor=request.user,
                measure_id=measure_id,
                value=data["value"],
                amber_margin=data["amber_margin"],
                higher_is_better=data["direction"] == "higher",
            )
        except ValidationError as error:
            show_on_form(form, error)
        else:
            target = queries.target_for(measure_id)
            assert target is not None
            messages.success(
                request,
                f"Target set for {measure_id} {definition.title}: "
                f"{target.text(percent=_percent(measure_id))}.",
            )
            back = request.GET.get("back", "")
            return redirect(back if back.startswith("/performance/") else "targets")
    return render(
        request,
        "targets/set_target.html",
        {"definition": definition, "form": form, "current": current},
    )
