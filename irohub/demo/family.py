"""The people around each demo child (pure Python, its own random stream).

Parents, carers, advocates and independent visitors for the synthetic council, drawn from
`Random(f"{seed}-people")` so that adding them shifts nothing else the generator draws.
Rates are the seed reports' orders of magnitude: almost every child has a mother on record,
about four in five a father (fewer with parental responsibility); children in foster or
residential care have a carer; about one child in six aged 8 or over has an advocate and one
in twenty an independent visitor (Central Bedfordshire 2017/18, City of London 2019/20).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random

from irohub.demo import names

__all__ = ["ChildBrief", "PersonRow", "carer_kind", "people_around"]


@dataclass(frozen=True, slots=True)
class PersonRow:
    child: int  # the child's key in the council
    role: str  # a children.models.PersonRole value
    name: str
    relationship: str
    parental_responsibility: bool
    phone: str
    email: str
    address: str
    preferred_contact: str
    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class ChildBrief:
    """What the people drawn for a child depend on."""

    key: int
    ethnicity: str
    surname: str
    date_of_birth: date
    first_in_care: date
    last_out: date | None  # None while in care
    carer_kind: str  # "foster", "residential", "" (placed with parents, or other)


CARER_RELATIONSHIP = {"foster": "foster carer", "residential": "key worker"}
STREETS = ("Mill Lane", "Church Road", "Station Road", "Park Avenue", "Victoria Street")


def _contact(rng: Random, name: str) -> tuple[str, str, str, str]:
    # 07700 900xxx numbers and example.com addresses are reserved for fiction.
    phone = f"07700 900{rng.randrange(1000):03d}"
    email = f"{name.lower().replace(' ', '.').replace(chr(39), '')}@example.com"
    address = f"{rng.randrange(1, 200)} {rng.choice(STREETS)}, Demotown"
    preferred = rng.choices(["phone", "text", "email", "post", ""], [40, 25, 15, 10, 10])[0]
    # An e-mail address is known for those who prefer it and for some others.
    if preferred != "email" and rng.random() >= 0.4:
        email = ""
    return phone, email, address, preferred


def people_around(children: list[ChildBrief], *, seed: int, as_of: date) -> list[PersonRow]:
    rng = Random(f"{seed}-people")
    rows: list[PersonRow] = []
    for child in children:
        start = child.first_in_care
        # Mother: nearly always known; father: less often, with PR less often still.
        if rng.random() < 0.97:
            first = names.first_name_for(rng, child.ethnicity, "F")
            rows.append(
                _person(
                    rng, child, "mother", f"{first} {child.surname}", "birth mother", True, start
                )
            )
        if rng.random() < 0.8:
            first = names.first_name_for(rng, child.ethnicity, "M")
            surname = (
                child.surname if rng.random() < 0.6 else names.surname_for(rng, child.ethnicity)
            )
            rows.append(
                _person(
                    rng,
                    child,
                    "father",
                    f"{first} {surname}",
                    "birth father",
                    rng.random() < 0.7,
                    start,
                )
            )
        if rng.random() < 0.05:
            first = names.first_name_for(rng, child.ethnicity, "F")
            rows.append(
                _person(
                    rng,
                    child,
                    "other_parent",
                    f"{first} {child.surname}",
                    "grandmother (special guardian)",
                    True,
                    start,
                )
            )
        if child.carer_kind:
            given, family = names.staff_name(rng)
            name = f"{given} {family}"
            # Some children moved: an earlier carer, ended, then the present one.
            moved = child.last_out is None and (as_of - start).days > 400 and rng.random() < 0.3
            if moved:
                change = start + timedelta(days=rng.randrange(120, (as_of - start).days - 60))
                old_given, old_family = names.staff_name(rng)
                rows.append(
                    _person(
                        rng,
                        child,
                        "carer",
                        f"{old_given} {old_family}",
                        CARER_RELATIONSHIP[child.carer_kind],
                        False,
                        start,
                        end=change - timedelta(days=1),
                    )
                )
                start_carer = change
            else:
                start_carer = start
            rows.append(
                _person(
                    rng,
                    child,
                    "carer",
                    name,
                    CARER_RELATIONSHIP[child.carer_kind],
                    False,
                    start_carer,
                    end=child.last_out,
                )
            )
        age_now = (min(child.last_out or as_of, as_of) - child.date_of_birth).days // 365
        if age_now >= 8 and rng.random() < 0.17:
            given, family = names.staff_name(rng)
            since = max(start, as_of - timedelta(days=rng.randrange(30, 900)))
            rows.append(
                _person(
                    rng,
                    child,
                    "advocate",
                    f"{given} {family}",
                    "advocate",
                    False,
                    since,
                    end=child.last_out if child.last_out and child.last_out >= since else None,
                )
            )
        if age_now >= 6 and rng.random() < 0.05:
            given, family = names.staff_name(rng)
            rows.append(
                _person(
                    rng,
                    child,
                    "independent_visitor",
                    f"{given} {family}",
                    "independent visitor",
                    False,
                    start,
                    end=child.last_out,
                )
            )
    return rows


def _person(
    rng: Random,
    child: ChildBrief,
    role: str,
    name: str,
    relationship: str,
    pr: bool,
    start: date,
    end: date | None = None,
) -> PersonRow:
    phone, email, address, preferred = _contact(rng, name)
    return PersonRow(
        child=child.key,
        role=role,
        name=name,
        relationship=relationship,
        parental_responsibility=pr,
        phone=phone,
        email=email,
        address=address,
        preferred_contact=preferred,
        start=start,
        end=end if end is None or end >= start else start,
    )


def carer_kind(placement: str) -> str:
    """Who cares for a child in this SSDA903 placement: a foster carer, residential staff,
    or nobody the IRO invites as "the carer" (placed with parents, independent living…)."""
    if placement.startswith("U"):
        return "foster"
    if placement.startswith("K") or placement in ("R1", "R2", "R5", "S1", "H5"):
        return "residential"
    return ""
