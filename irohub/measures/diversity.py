"""The IRO team's diversity beside the children's (Wolverhampton 2021/22 table 2: the
ethnicity of IROs and of children in care; Central Bedfordshire: IROs by gender).

Not a measure of the specification (it has no ID): counts for the annual report, of the
IROs in post on a day by their self-declared ethnic group and gender, and of the children
looked after that day by ethnic group and sex. Pure Python.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from irohub.measures.population import period_on
from irohub.records.codes import ETHNICITY_GROUP, SEX
from irohub.records.equality import GENDERS, NOT_DECLARED
from irohub.records.register import Register

__all__ = ["ETHNIC_GROUPS", "GENDER_ROWS", "team_and_children"]

# The rows of the ethnicity table: the groups, then anyone who declared nothing.
ETHNIC_GROUPS: tuple[str, ...] = (*dict.fromkeys(ETHNICITY_GROUP.values()), NOT_DECLARED)
# The rows of the gender table: the children's sexes and the IROs' genders share the first two.
GENDER_ROWS: tuple[str, ...] = (
    "Female",
    "Male",
    GENDERS["other"],
    GENDERS["prefer_not"],
    NOT_DECLARED,
)

_SEX_AS_GENDER = {"Female": "Female", "Male": "Male"}


def team_and_children(
    register: Register, day: date
) -> dict[str, dict[str, tuple[int, int]]] | None:
    """{"ethnicity group": {group: (children, IROs)}, "gender": {row: (children, IROs)}} on
    `day`: children looked after then and IROs in post then. None when the data holds no
    staff (an SSDA903 return). Rows with neither children nor IROs are left out."""
    if register.staff is None:
        return None
    iros = [iro for iro in register.staff if iro.in_post_on(day)]
    children = [child for child in register.children if period_on(child, day) is not None]
    child_groups = Counter(ETHNICITY_GROUP.get(c.ethnicity, NOT_DECLARED) for c in children)
    iro_groups = Counter(
        ETHNICITY_GROUP.get(i.ethnicity, NOT_DECLARED) if i.ethnicity else NOT_DECLARED
        for i in iros
    )
    child_sexes = Counter(_SEX_AS_GENDER.get(SEX.get(c.sex, ""), NOT_DECLARED) for c in children)
    iro_genders = Counter(GENDERS.get(i.gender, NOT_DECLARED) for i in iros)
    return {
        "ethnicity group": _rows(ETHNIC_GROUPS, child_groups, iro_groups),
        "gender": _rows(GENDER_ROWS, child_sexes, iro_genders),
    }


def _rows(
    order: tuple[str, ...], children: Counter[str], iros: Counter[str]
) -> dict[str, tuple[int, int]]:
    return {row: (children[row], iros[row]) for row in order if children[row] or iros[row]}
