"""The allocation form, in the GOV.UK patterns (irohub.core.forms)."""

from __future__ import annotations

from typing import Any

from django import forms

from irohub.accounts.models import IRO
from irohub.allocation.queries import IROLoad
from irohub.core import forms as govuk


class IROChoiceField(forms.ModelChoiceField):
    """IROs by name and team, each with their children per FTE and where that sits against
    the caseload band, to help the choice."""

    def __init__(self, *args: Any, loads: dict[int, IROLoad], **kwargs: Any) -> None:
        self.loads = loads
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: IRO) -> str:
        load = self.loads.get(obj.pk)
        if load is None:
            return f"{obj} ({obj.team})"
        return f"{obj} ({obj.team}, {load.per_fte:.1f} children per FTE): {load.band}"


class AllocationForm(forms.Form):
    iro = IROChoiceField(
        queryset=IRO.objects.none(),
        loads={},
        label="IRO",
        empty_label="Choose an IRO",
        error_messages={
            "required": "Choose the IRO",
            "invalid_choice": "Choose an IRO from the list",
        },
    )
    # The child's allocations as the page showed them (actions.allocations_seen).
    seen = forms.CharField(required=False, widget=forms.HiddenInput)
    start = govuk.DateField(
        label="Start date",
        help_text="The day this IRO takes the child on, for example 27 3 2025",
    )

    def __init__(self, *args: Any, iros: list[IROLoad], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: IROChoiceField = self.fields["iro"]  # type: ignore[assignment]
        field.queryset = IRO.objects.filter(pk__in=[load.iro.pk for load in iros]).select_related(
            "user", "team"
        )
        field.loads = {load.iro.pk: load for load in iros}
