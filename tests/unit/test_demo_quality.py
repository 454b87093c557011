"""The demo's challenges walk through the real resolution process (irohub.statutory.resolution):
whatever the draw, no move the process refuses is ever made."""

from __future__ import annotations

from datetime import date
from random import Random

import pytest

from irohub.demo import quality
from irohub.statutory import default_calendar


def test_a_challenge_is_referred_to_cafcass_at_most_once(monkeypatch: pytest.MonkeyPatch):
    # Every formal step draws a referral: before the fix, a challenge escalated after one
    # was referred a second time and the demo council failed to load (5,000 children, 10 years).
    monkeypatch.setattr(quality, "CAFCASS", 1.0)
    monkeypatch.setattr(quality, "ESCALATE_TO_STAGE_1", 1.0)
    monkeypatch.setattr(quality, "ESCALATE_TO_STAGE_2", 1.0)
    calendar = default_calendar()
    for seed in range(50):
        state, _, steps = quality._walk(Random(seed), date(2025, 1, 6), date(2026, 3, 31), calendar)
        assert [step.kind for step in steps].count("cafcass") == 1
        assert state.cafcass_referred is not None
