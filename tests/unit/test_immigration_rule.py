"""Which children's immigration status the IRO should raise at review (records.immigration)."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from irohub.records.immigration import (
    APPLICATION_KINDS,
    OUTCOMES,
    ApplicationRecord,
    attention,
)

D = date


def test_worked_examples() -> None:
    eu = ApplicationRecord("eu_settlement", D(2024, 1, 5))
    assert attention("british_irish", []) == ""
    assert attention("unknown", []) == ""
    assert attention("needs", []) == "No application made"
    assert attention("needs", [eu]) == "Waiting for a decision"
    granted = ApplicationRecord("eu_settlement", D(2024, 1, 5), "settled", D(2024, 6, 1))
    assert attention("needs", [granted]) == ""
    pre = ApplicationRecord("eu_settlement", D(2024, 1, 5), "pre_settled", D(2024, 6, 1))
    assert attention("needs", [pre]) == "Pre-settled status only"
    refused = ApplicationRecord("asylum", D(2023, 3, 1), "refused", D(2023, 12, 1))
    assert attention("needs", [refused]) == "Refused or withdrawn: no status"
    # A fresh application after a refusal is what counts.
    again = ApplicationRecord("leave_to_remain", D(2024, 2, 1), "leave", D(2024, 9, 1))
    assert attention("needs", [again, refused]) == ""
    # An unaccompanied child needs an asylum claim whatever their recorded nationality.
    assert attention("unknown", [], uasc=True) == "No application made"
    assert attention("unknown", [ApplicationRecord("asylum", D(2024, 1, 1))], uasc=True) == (
        "Waiting for a decision"
    )


applications = st.lists(
    st.builds(
        ApplicationRecord,
        st.sampled_from(list(APPLICATION_KINDS)),
        st.dates(D(2015, 1, 1), D(2026, 1, 1)),
        st.sampled_from(list(OUTCOMES)),
    ),
    max_size=4,
)


@given(applications, st.booleans())
def test_pending_always_listed_and_british_never(apps, uasc) -> None:
    if any(a.outcome == "pending" for a in apps) and (
        not uasc or any(a.kind == "asylum" for a in apps)
    ):
        assert attention("needs", apps, uasc=uasc) == "Waiting for a decision"
    if not uasc:
        assert attention("british_irish", apps) == ""
    # The order the applications come in does not matter.
    assert attention("needs", apps, uasc=uasc) == attention("needs", apps[::-1], uasc=uasc)
