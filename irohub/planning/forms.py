"""The planning page's choices, read from the address (a GET form): how far ahead, the
caseload band to keep to (the council's by default), and the scenario. A bad value is
named beside its field and the page shows the forecast without it, never an error page."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms

from irohub.core.council import caseload_band
from irohub.core.forms import DateField
from irohub.forecasting.staffing import PostEnding, Scenario
from irohub.measures.workforce import CaseloadBand

HORIZONS = [("12", "12 months"), ("24", "24 months"), ("36", "36 months")]
BACKTESTS = [
    ("1", "From a year earlier"),
    ("2", "From two years earlier"),
    ("3", "From three years earlier"),
    ("0", "No back-test"),
]
DEFAULT_HORIZON = 24
DEFAULT_BACKTEST = 1
FAR_AHEAD = 50  # years: a scenario's date beyond this is a typing slip, not a plan


class PlanningForm(forms.Form):
    months = forms.TypedChoiceField(
        label="How far ahead", choices=HORIZONS, coerce=int, required=False, empty_value=None
    )
    low = forms.IntegerField(
        label="Caseload band: lowest children per FTE",
        min_value=0,
        max_value=999,
        required=False,
        help_text="The council's band unless you try another",
    )
    high = forms.IntegerField(
        label="Caseload band: highest children per FTE", min_value=0, max_value=999, required=False
    )
    entries_change = forms.DecimalField(
        label="Entries into care change by (%)",
        help_text="For example 10 for a tenth more children coming into care, -5 for fewer",
        min_value=Decimal(-100),
        max_value=Decimal(1000),
        max_digits=6,
        decimal_places=1,
        required=False,
    )
    entries_change_from = DateField(label="Entries change from", required=False)
    post_fte = forms.DecimalField(
        label="A post ends: its FTE",
        help_text="For example 1 for a full-time post, 0.5 for a half-time one",
        min_value=Decimal("0.01"),
        max_value=Decimal(10),
        max_digits=4,
        decimal_places=2,
        required=False,
    )
    post_last_day = DateField(label="The post's last day", required=False)
    dual_role_moves_on = DateField(
        label="Child protection chairing moves to another team on",
        required=False,
    )
    backtest = forms.TypedChoiceField(
        label="Back-test", choices=BACKTESTS, coerce=int, required=False, empty_value=None
    )

    def __init__(self, data: Any, *, today: date) -> None:
        band = caseload_band()
        super().__init__(
            data,
            initial={
                "months": str(DEFAULT_HORIZON),
                "low": int(band.low),
                "high": int(band.high),
                "backtest": str(DEFAULT_BACKTEST),
            },
        )
        self.today = today
        self.council_band = band

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        low, high = cleaned.get("low"), cleaned.get("high")
        if "low" not in self.errors and "high" not in self.errors:
            low = self.council_band.low if low is None else low
            high = self.council_band.high if high is None else high
            if low > high:
                self.add_error(
                    "high",
                    f"The highest caseload ({high:g}) must be no lower than the lowest ({low:g})",
                )
        fte, last_day = cleaned.get("post_fte"), cleaned.get("post_last_day")
        if fte is not None and last_day is None and "post_last_day" not in self.errors:
            self.add_error("post_last_day", "Enter the post's last day, or leave its FTE empty")
        if last_day is not None and fte is None and "post_fte" not in self.errors:
            self.add_error("post_fte", "Enter the FTE of the post that ends")
        for name in ("entries_change_from", "post_last_day", "dual_role_moves_on"):
            day = cleaned.get(name)
            if day is not None and not self._near(day):
                self.add_error(name, f"{self.fields[name].label} must be within {FAR_AHEAD} years")
        return cleaned

    def _near(self, day: date) -> bool:
        return abs(day.year - self.today.year) <= FAR_AHEAD

    # --- what the page asks for (each falls back to the default when its field is bad) ---

    def _value(self, name: str) -> Any:
        """The field's value, or None when it is empty or wrong (its error is shown)."""
        if not self.is_bound:
            return None
        self.is_valid()  # cleans once; a field with an error is not in cleaned_data
        return self.cleaned_data.get(name)

    def horizon(self) -> int:
        return self._value("months") or DEFAULT_HORIZON

    def backtest_years(self) -> int:
        chosen = self._value("backtest")
        return DEFAULT_BACKTEST if chosen is None else chosen

    def band(self) -> CaseloadBand:
        low, high = self._value("low"), self._value("high")
        if "high" in self.errors or "low" in self.errors:
            return self.council_band
        return CaseloadBand(
            self.council_band.low if low is None else low,
            self.council_band.high if high is None else high,
        )

    def scenario(self) -> Scenario:
        change = self._value("entries_change")
        fte, last_day = self._value("post_fte"), self._value("post_last_day")
        endings = (PostEnding(last_day, float(fte)),) if fte and last_day else ()
        return Scenario(
            entries_change=float(change) / 100 if change else 0.0,
            entries_change_from=self._value("entries_change_from"),
            post_endings=endings,
            dual_role_moves_on=self._value("dual_role_moves_on"),
        )
