from __future__ import annotations

from dataclasses import replace

from irohub.equality.models import Declaration
from irohub.records.register import Register


def with_declarations(register: Register) -> Register:
    """The register's staff with what each IRO declared (one query)."""
    if register.staff is None:
        return register
    declared = {
        str(iro_id): (ethnicity, gender)
        for iro_id, ethnicity, gender in Declaration.objects.values_list(
            "iro_id", "ethnicity", "gender"
        )
    }
    if not declared:
        return register
    staff = tuple(
        replace(iro, ethnicity=declared[iro.iro_id][0], gender=declared[iro.iro_id][1])
        if iro.iro_id in declared
        else iro
        for iro in register.staff
    )
    return replace(register, staff=staff)
