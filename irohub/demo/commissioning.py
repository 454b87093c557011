"""The demo council's commissioned services and the IROs' feedback on them (pure Python,
its own random stream: the register is unchanged by it). Central Bedfordshire's monitoring
form rates "placements, The Children's Society, CAMHS provision and other specialist
services" after a review; here about a third of the reviews of the last year rate the
placement provider and one other service, mostly green, a few amber and red (the names
are invented)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

__all__ = ["PROVIDERS", "FeedbackRow", "generate_feedback"]

# (name, kind of service): kinds are irohub.commissioning.models.ServiceKind's keys.
PROVIDERS: tuple[tuple[str, str], ...] = (
    ("Oakfield Fostering Agency", "placement"),
    ("Harbour House Children's Homes", "placement"),
    ("Brightpath Supported Living (16+)", "placement"),
    ("In-house foster carers", "placement"),
    ("Demo CAMHS", "camhs"),
    ("Children's Society independent visitors (demo)", "independent_visitor"),
    ("Demo Advocacy Partnership", "advocacy"),
    ("Therapeutic Families Service", "other"),
)
RATINGS = {"gold": 4.0, "green": 66.0, "amber": 21.0, "red": 9.0}
COMMENTS = {
    "gold": ("Exceptional: the carers champion the child's education and contact.",),
    "green": (
        "Good care; the provider sent its report before the review.",
        "Settled and well supported; keyworker attended.",
    ),
    "amber": (
        "Report arrived late and did not cover health appointments.",
        "Waiting list delay: first appointment not yet offered.",
        "Matching with an independent visitor is taking too long.",
    ),
    "red": (
        "Placement not preparing the young person for independence; staff turnover high.",
        "No service after six months on the waiting list despite urgent referral.",
    ),
}
SHARE_RATED = 0.35
WINDOW = timedelta(days=365)
CHALLENGED = 0.5  # of red ratings, the IRO opens a challenge


@dataclass(frozen=True)
class FeedbackRow:
    review: int  # index into the council's reviews
    provider: int  # index into PROVIDERS
    rating: str
    comment: str
    rated_on: date
    challenge: bool


def generate_feedback(*, seed: int, reviews: list[date], as_of: date) -> list[FeedbackRow]:
    """Feedback after some of the reviews held in the year to `as_of` (given their dates)."""
    rng = Random(f"commissioning-{seed}")
    placements = [i for i, (_, kind) in enumerate(PROVIDERS) if kind == "placement"]
    others = [i for i, (_, kind) in enumerate(PROVIDERS) if kind != "placement"]
    rows: list[FeedbackRow] = []
    for index, held in enumerate(reviews):
        if held < as_of - WINDOW or held > as_of or rng.random() >= SHARE_RATED:
            continue
        for provider in (rng.choice(placements), rng.choice(others)):
            rating = rng.choices(list(RATINGS), weights=list(RATINGS.values()))[0]
            rows.append(
                FeedbackRow(
                    review=index,
                    provider=provider,
                    rating=rating,
                    comment=rng.choice(COMMENTS[rating]),
                    rated_on=min(held + timedelta(days=rng.randint(0, 5)), as_of),
                    challenge=rating == "red" and rng.random() < CHALLENGED,
                )
            )
    return rows
