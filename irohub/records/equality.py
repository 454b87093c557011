"""The IRO team's own diversity: what an IRO may declare about themselves (optional, never
required), in the same vocabulary as the children's so the annual report can set the two
side by side (Wolverhampton 2021/22 table 2; Central Bedfordshire by gender).

Ethnicity uses the census categories of the children's records (irohub.records.codes
ETHNICITY: "REFU" is "prefer not to say"); an IRO who has declared nothing is "Not
declared".
"""

from __future__ import annotations

__all__ = ["GENDERS", "NOT_DECLARED"]

NOT_DECLARED = "Not declared"

# How the IRO describes their gender; the children's figures use their recorded sex.
GENDERS: dict[str, str] = {
    "female": "Female",
    "male": "Male",
    "other": "In another way",
    "prefer_not": "Prefer not to say",
}
