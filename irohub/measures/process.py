"""Review process and record quality: M-PRC-01 to M-PRC-06 (spec/measures.md §C).

Each needs a date or judgement recorded around the review — when the social worker's
report arrived, when decisions and the record went out, when the care plan was updated,
the IRO's quality rating, the dates of the child's other plans. M-PRC-01 comes from the review
checklist (irohub.measures.voice), M-PRC-02 and M-PRC-03 from what the IRO records after
the review (irohub.measures.lifecycle); the register holds the others not yet, so each
says what is missing and gives no number.
"""

from __future__ import annotations

from irohub.measures.catalogue import MeasureDefinition, Section, not_held
from irohub.measures.lifecycle import LIFECYCLE
from irohub.measures.voice import VOICE

__all__ = ["DEFINITIONS"]

_LATER = "a later release of IRO Hub adds it"

DEFINITIONS: tuple[MeasureDefinition, ...] = (
    VOICE["M-PRC-01"],
    LIFECYCLE["M-PRC-02"],
    LIFECYCLE["M-PRC-03"],
    MeasureDefinition(
        "M-PRC-04",
        "Care plan updated after the review",
        Section.PROCESS,
        "review",
        not_held(
            f"IRO Hub does not record when the child's care plan was updated (REC-3); {_LATER}."
        ),
    ),
    MeasureDefinition(
        "M-PRC-05",
        "Quality rating of care planning",
        Section.PROCESS,
        "review",
        not_held(
            "IRO Hub does not record the IRO's rating of the quality of the child's plan "
            f"(Gold, Green, Amber, Red) at each review; {_LATER}."
        ),
    ),
    MeasureDefinition(
        "M-PRC-06",
        "Other plans checked at the review",
        Section.PROCESS,
        "review",
        not_held(
            "IRO Hub does not record the dates of the child's personal education plan, "
            f"health assessment, pathway plan or permanence plan; {_LATER}."
        ),
    ),
)
