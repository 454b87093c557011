"""The parts of the annual report the service manager writes, and the default text.

Plain Python (the model, the form, the builder and the CLI share it). Each narrative
field belongs to one section of the report, in the order boards expect (the seed reports
of Central Bedfordshire 2017/18 and Wolverhampton 2021/22).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NarrativeField:
    name: str
    label: str
    hint: str


NARRATIVE: tuple[NarrativeField, ...] = (
    NarrativeField(
        "introduction",
        "Introduction",
        "The service manager's introduction: the year in a few paragraphs, and the key "
        "messages for the board.",
    ),
    NarrativeField(
        "purpose",
        "Purpose of the service and legal context",
        "Carried over from last year's report; change it when the law or the service changes.",
    ),
    NarrativeField(
        "service",
        "The IRO service",
        "The team, changes in staffing, caseloads against the caseload band.",
    ),
    NarrativeField("children", "Our children in care", "What the figures about the children say."),
    NarrativeField(
        "timeliness", "Timeliness of reviews", "Why reviews were late, and what changed."
    ),
    NarrativeField(
        "participation",
        "Children's participation",
        "How children took part and had their say; what children told us.",
    ),
    NarrativeField("parents", "Parents' participation", "How parents took part in reviews."),
    NarrativeField(
        "quality", "Quality of care planning", "What IROs' quality ratings showed; themes."
    ),
    NarrativeField(
        "resolutions",
        "Resolutions and escalation",
        "Concerns IROs raised, how they were resolved, any Cafcass referrals.",
    ),
    NarrativeField("advocacy", "Advocacy", "Advocacy and independent visitors for children."),
    NarrativeField(
        "child_protection",
        "Child protection",
        "The conferences IROs chair: timeliness, repeat plans, plans lasting too long or too "
        "short, and what IROs did about them.",
    ),
    NarrativeField(
        "complaints_compliments",
        "Complaints and compliments",
        "How many, and examples (never a child's name).",
    ),
    NarrativeField(
        "last_year_priorities",
        "Last year's priorities",
        "Carried over from last year's 'next year's priorities': say what was done about each.",
    ),
    NarrativeField(
        "next_year_priorities",
        "Priorities for next year",
        "One priority a line, starting with '- '. They become next year's 'last year's "
        "priorities'.",
    ),
)
NARRATIVE_FIELDS: tuple[str, ...] = tuple(field.name for field in NARRATIVE)
LABELS: dict[str, str] = {field.name: field.label for field in NARRATIVE}

DEFAULT_PURPOSE = """\
Every child in the care of the council must have an Independent Reviewing Officer (IRO). \
The IRO's role is set out in the Children Act 1989 (section 25A to 25C), the Care \
Planning, Placement and Case Review (England) Regulations 2010 and the IRO Handbook \
(2010). The statutory duties of the IRO are to:

- monitor the council's performance of its functions in relation to the child's case;
- participate in any review of the child's case;
- make sure that the child's wishes and feelings are given due consideration;
- perform any other function set out in regulations.

The IRO chairs each child's statutory reviews: the first within 20 working days of the \
child coming into care, the second within three months of the first, and later reviews \
at intervals of no more than six months. Between reviews the IRO keeps an overview of \
the child's plan, and where the plan drifts or the council does not meet its duties, \
the IRO challenges it through the resolution process and, if needed, refers the case \
to Cafcass.

The IRO Handbook asks the manager of the IRO service to produce an annual report for \
the Corporate Parenting Board, and for it to be available to the public. This report \
covers the year from 1 April to 31 March."""

DEFAULTS: dict[str, str] = {"purpose": DEFAULT_PURPOSE}


def paragraphs(text: str) -> list[tuple[str, str | list[str]]]:
    """Split a manager's text into ("p", text) paragraphs and ("ul", items) lists: a blank
    line starts a paragraph; lines beginning "- " or "* " make a bulleted list."""
    parts: list[tuple[str, str | list[str]]] = []
    lines: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if lines:
            parts.append(("p", " ".join(lines)))
            lines.clear()
        if items:
            parts.append(("ul", list(items)))
            items.clear()

    for raw in text.replace("\r\n", "\n").split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif line[:2] in {"- ", "* "} or line.startswith("• "):
            if lines:
                flush()
            items.append(line[2:].strip())
        elif items and raw[:1].isspace():
            items[-1] += " " + line  # a wrapped bullet
        else:
            if items:
                flush()
            lines.append(line)
    flush()
    return parts


# --- Sections the service manager adds, the order of sections, the action plan -----------
# Councils add their own sections (Central Bedfordshire's "resource issues", an Ofsted
# action plan, a conclusion) and put them where they read best; the action plan for next
# year is a table (Bradford's panel asked for actions "with timescales and how their
# impact would be measured"), carried to next year's report with what happened.

ADDED_PREFIX = "added-"
FIXED_LAST = "figures"  # the appendix of figures always ends the report


@dataclass(frozen=True)
class AddedSection:
    """A section the service manager added: its key ("added-<id>"), title and text."""

    key: str
    title: str
    text: str


@dataclass(frozen=True)
class PlannedActionText:
    """One action of a year's plan for the next year, and (written a year later) what
    happened."""

    action: str
    owner: str
    timescale: str
    impact: str
    outcome: str = ""


def ordered(keys: list[str], saved: list[str]) -> list[str]:
    """`keys` (the report's sections in their standard order, added ones last) in the order
    the manager saved. A key the saved order does not know (a section added since, or new
    in IRO Hub) keeps its place after the section it follows in the standard order; saved
    keys no longer in the report are ignored."""
    known = [key for key in saved if key in keys]
    result = list(known)
    for index, key in enumerate(keys):
        if key in result:
            continue
        before = next((k for k in reversed(keys[:index]) if k in result), None)
        result.insert(0 if before is None else result.index(before) + 1, key)
    return result


def moved(order: list[str], key: str, step: int) -> list[str]:
    """`order` with `key` moved one place up (step -1) or down (+1); unchanged at an end."""
    if key not in order or step not in (-1, 1):
        return list(order)
    result = list(order)
    index = result.index(key)
    target = index + step
    if 0 <= target < len(result):
        result[index], result[target] = result[target], result[index]
    return result
