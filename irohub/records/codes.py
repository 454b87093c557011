"""SSDA903 code lists (see ../shared/spec/ssda903-format.md §3).

Each list maps the DfE code to a plain-English label. The register stores the codes
exactly as the return does, so import and export are lossless.
"""

from __future__ import annotations

# Which codes put a child under which review regime is a statutory rule; it lives with
# the rule and is named here too, beside the other code lists.
from irohub.statutory.regimes import ADOPTION_PLACEMENTS as ADOPTION_PLACEMENTS
from irohub.statutory.regimes import SHORT_BREAK_LEGAL_STATUSES as SHORT_BREAK_LEGAL_STATUSES

LEGAL_STATUS: dict[str, str] = {
    "C1": "Interim care order",
    "C2": "Full care order",
    "D1": "Freeing order granted",
    "E1": "Placement order granted",
    "V2": "Single period of accommodation under section 20",
    "V3": "Accommodated under an agreed series of short-term breaks (episodes)",
    "V4": "Accommodated under an agreed series of short-term breaks (agreements)",
    "L1": "Under police protection and in local authority accommodation",
    "L2": "Emergency protection order",
    "L3": "Under child assessment order and in local authority accommodation",
    "J1": "Remanded to local authority or youth detention accommodation",
    "J2": "Placed in local authority accommodation under PACE 1984",
    "J3": "Sentenced to a youth rehabilitation order with residence or fostering requirement",
}

REASON_NEW_EPISODE: dict[str, str] = {
    "S": "Started to be looked after",
    "L": "Change of legal status only",
    "P": "Change of placement and carer only",
    "T": "Change of placement only, same carer",
    "B": "Change of legal status and placement and carer at the same time",
    "U": "Change of legal status and placement at the same time, same carer",
}

REASON_CEASED: dict[str, str] = {
    "X1": "Episode ceases and new episode begins on the same day",
    "E11": "Adopted: application unopposed",
    "E12": "Adopted: consent dispensed with",
    "E2": "Died",
    "E3": "Care taken over by another local authority in the UK",
    "E4A": "Returned home to live with parents or others with parental responsibility "
    "as part of the care plan",
    "E4B": "Returned home to live with parents or others with parental responsibility "
    "not as part of the care plan",
    "E13": "Left care to live with parents, relatives or others without parental responsibility",
    "E41": "Residence order or child arrangements order granted",
    "E45": "Special guardianship order made to former foster carers who were relatives or friends",
    "E46": "Special guardianship order made to former foster carers who were not "
    "relatives or friends",
    "E47": "Special guardianship order made to carers other than former foster carers, "
    "who were relatives or friends",
    "E48": "Special guardianship order made to carers other than former foster carers, "
    "who were not relatives or friends",
    "E5": "Moved into independent living arrangement with formalised support",
    "E6": "Moved into independent living arrangement without formalised support",
    "E7": "Transferred to residential care funded by adult social care",
    "E9": "Sentenced to custody",
    "E14": "Accommodation on remand ended",
    "E15": "Age assessment determined child is aged 18 or over",
    "E16": "Child moved abroad",
    "E17": "Aged 18 or over and remained with current carers",
    "E8": "Period of being looked after ceased for any other reason",
}

PLACEMENT: dict[str, str] = {
    "A3": "Placed for adoption with parental consent with current foster carers",
    "A4": "Placed for adoption with parental consent not with current foster carers",
    "A5": "Placed for adoption with placement order with current foster carers",
    "A6": "Placed for adoption with placement order not with current foster carers",
    "H5": "Semi-independent living accommodation not subject to children's homes regulations",
    "K1": "Secure children's home",
    "K2": "Children's home subject to Children's Homes Regulations",
    "K3": "Supported accommodation",
    "P1": "Placed with own parents or other person with parental responsibility",
    "P2": "Independent living",
    "P3": "Residential employment",
    "R1": "Residential care home",
    "R2": "NHS or health trust or other medical or nursing establishment",
    "R3": "Family centre or mother and baby unit",
    "R5": "Young offender institution or prison",
    "S1": "All residential schools, except where dual-registered as a school and children's home",
    "T0": "Temporary placement: all types",
    "T1": "Temporary periods in hospital",
    "T2": "Temporary absences of the child on holiday",
    "T3": "Temporary accommodation whilst normal foster carer is on holiday",
    "T4": "Temporary accommodation of seven days or less",
    "U1": "Foster placement with relative or friend: long-term fostering",
    "U2": "Foster placement with relative or friend who is also an approved adopter: "
    "fostering for adoption or concurrent planning",
    "U3": "Foster placement with relative or friend: not long-term or fostering for adoption",
    "U4": "Foster placement with other foster carer: long-term fostering",
    "U5": "Foster placement with other foster carer who is also an approved adopter: "
    "fostering for adoption or concurrent planning",
    "U6": "Foster placement with other foster carer: not long-term or fostering for adoption",
    "Z1": "Other placement",
}

PLACEMENT_PROVIDER: dict[str, str] = {
    "PR0": "Parents or other person with parental responsibility",
    "PR1": "Own provision (by the local authority)",
    "PR2": "Other local authority provision",
    "PR3": "Other public provision (for example, a primary care trust)",
    "PR4": "Private provision",
    "PR5": "Voluntary or third sector provision",
}

CATEGORY_OF_NEED: dict[str, str] = {
    "N1": "Abuse or neglect",
    "N2": "Child's disability",
    "N3": "Parental illness or disability",
    "N4": "Family in acute stress",
    "N5": "Family dysfunction",
    "N6": "Socially unacceptable behaviour",
    "N7": "Low income",
    "N8": "Absent parenting",
}

ETHNICITY: dict[str, str] = {
    "WBRI": "White British",
    "WIRI": "White Irish",
    "WIRT": "Traveller of Irish heritage",
    "WROM": "Gypsy or Roma",
    "WOTH": "Any other White background",
    "MWBC": "White and Black Caribbean",
    "MWBA": "White and Black African",
    "MWAS": "White and Asian",
    "MOTH": "Any other mixed background",
    "AIND": "Indian",
    "APKN": "Pakistani",
    "ABAN": "Bangladeshi",
    "AOTH": "Any other Asian background",
    "BCRB": "Caribbean",
    "BAFR": "African",
    "BOTH": "Any other Black background",
    "CHNE": "Chinese",
    "OOTH": "Any other ethnic group",
    "REFU": "Refused",
    "NOBT": "Information not yet obtained",
}

# The broad groups that annual reports and DfE tables use.
ETHNICITY_GROUP: dict[str, str] = {
    **{code: "White" for code in ("WBRI", "WIRI", "WIRT", "WROM", "WOTH")},
    **{code: "Mixed or multiple" for code in ("MWBC", "MWBA", "MWAS", "MOTH")},
    **{code: "Asian or Asian British" for code in ("AIND", "APKN", "ABAN", "AOTH")},
    **{code: "Black, African, Caribbean or Black British" for code in ("BCRB", "BAFR", "BOTH")},
    **{code: "Other ethnic group" for code in ("CHNE", "OOTH")},
    **{code: "Refused or not obtained" for code in ("REFU", "NOBT")},
}

REASON_PLACE_CHANGE: dict[str, str] = {
    "CARPL": "Change to or implementation of the care plan",
    "CLOSE": "Resignation or closure of the provision",
    "ALLEG": "Allegation (section 47 enquiry)",
    "STAND": "Standards of care concern",
    "APPRR": "Approval removed",
    "CREQB": "Carer requests placement end due to child's behaviour",
    "CREQO": "Carer requests placement end for other reasons",
    "CHILD": "Child requests placement end",
    "LAREQ": "Responsible or area authority requests placement end",
    "PLACE": "Change in the status of the placement only",
    "CUSTOD": "Child went into custody",
    "OTHER": "Other",
}

PARTICIPATION: dict[str, str] = {
    "PN0": "Child aged under 4 at the time of the review",
    "PN1": "Child physically attends and speaks for themself",
    "PN2": "Child physically attends; an advocate speaks on their behalf",
    "PN3": "Child physically attends and conveys their views non-verbally",
    "PN4": "Child physically attends but does not speak for themself or convey their views",
    "PN5": "Child does not attend; briefs an advocate to speak for them",
    "PN6": "Child does not attend; conveys their feelings to the review by another method",
    "PN7": "Child does not attend nor are their views conveyed to the review",
}

# Child protection (spec statutory-rules §3; the CIN census's items where it has them).
# The category of abuse of a child protection plan (CIN census InitialCategoryOfAbuse and
# LatestCategoryOfAbuse).
CATEGORY_OF_ABUSE: dict[str, str] = {
    "NEG": "Neglect",
    "PHY": "Physical abuse",
    "SAB": "Sexual abuse",
    "EMO": "Emotional abuse",
    "MUL": "Multiple categories",
}
# What starts a sequence of conferences: the keys are the values of
# irohub.statutory.conferences.ConferenceStart, which times the first conference.
PROTECTION_START: dict[str, str] = {
    "strategy discussion": "Strategy discussion that started a section 47 enquiry",
    "transfer in": "Notice that a child on another council's plan has moved here",
    "pre-birth": "Pre-birth strategy discussion (an unborn child)",
}
# What a conference decided: the first conference makes a plan or not; a review conference
# keeps the plan or ends it.
CONFERENCE_DECISION: dict[str, str] = {
    "plan": "The child is made the subject of a child protection plan",
    "no plan": "No child protection plan is needed",
    "continue": "The child protection plan continues",
    "end": "The child protection plan ends",
}
FIRST_CONFERENCE_DECISIONS = frozenset({"plan", "no plan"})
REVIEW_CONFERENCE_DECISIONS = frozenset({"continue", "end"})
# Why a plan (or an enquiry) ended. A plan ends by a conference's decision, or because the
# child moves to another council, is adopted, turns 18 or dies (statutory-rules §3.2).
PROTECTION_END_REASON: dict[str, str] = {
    "no plan": "The initial conference decided no plan was needed",
    "conference": "A review conference ended the plan",
    "moved": "The child moved to another council",
    "adopted": "The child was adopted",
    "eighteen": "The child turned 18",
    "died": "The child died",
}
# Ends that are not a conference's decision (recorded on their own, without a conference).
PLAN_ENDS_WITHOUT_CONFERENCE = frozenset({"moved", "adopted", "eighteen", "died"})
# Why a decision that the child should be placed for adoption ceased (SSDA903
# PlacedAdoption REASON_PLACED_CEASED).
REASON_PLACED_CEASED: dict[str, str] = {
    "RD1": "The child's needs changed",
    "RD2": "The court did not make a placement order",
    "RD3": "Prospective adopters could not be found",
    "RD4": "Any other reason",
}

# The register keeps sex with the 2024/25 codes; returns before 2024/25 used 1 and 2.
SEX: dict[str, str] = {"M": "Male", "F": "Female"}
SEX_FROM_LEGACY: dict[str, str] = {"1": "M", "2": "F"}

TEMPORARY_PLACEMENTS = frozenset({"T0", "T1", "T2", "T3", "T4"})
# Under 4 on the review date: PN0, and only PN0 (DfE rules 440 and 441).
PN0_AGE_LIMIT_YEARS = 4


def choices(codes: dict[str, str]) -> list[tuple[str, str]]:
    """Django-style choices, showing the code beside its label as practitioners expect."""
    return [(code, f"{code}: {label}") for code, label in codes.items()]
