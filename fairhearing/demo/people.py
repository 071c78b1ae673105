"""Complainants and the children complaints are about, recorded through the people services.

Who complains, and about which children, depends on the team: care leavers complain to Leaving
Care themselves, foster carers to Fostering, parents to the Family Support Teams. Monitoring data
follows the shape of published annual reports (mostly White British, few recorded disabilities
outside the Disabled Children team, many children with no religion recorded), and one child in ten
has none recorded at all, since it is optional.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from random import Random
from typing import Any

from fairhearing.cases.choices import ChildConsent, EligibilityBasis
from fairhearing.people.choices import (
    CaseSystem,
    ContactPreference,
    Disability,
    Ethnicity,
    Gender,
    LegalStatus,
    Relationship,
    Religion,
)
from fairhearing.people.models import Child, Person
from fairhearing.people.services import child_create, person_create

from .names import ADVOCACY_PROVIDERS, NameBook

R = Relationship
L = LegalStatus

# Per team: who complains (weights), the children's legal status (weights), their ages.
TEAM_PROFILES: dict[str, tuple[dict[str, int], dict[str, int], tuple[int, int]]] = {
    "Children Looked After": ({R.PARENT: 6, R.CHILD: 2, R.ADVOCATE: 2, R.FAMILY: 1, R.FOSTER_CARER: 1},
                              {L.LOOKED_AFTER: 1}, (4, 17)),
    "Fostering": ({R.FOSTER_CARER: 6, R.PARENT: 2, R.CHILD: 1}, {L.LOOKED_AFTER: 1}, (1, 17)),
    "Adoption": ({R.ADOPTER: 5, R.PARENT: 2, R.FAMILY: 1}, {L.ADOPTED: 1}, (1, 12)),
    "Permanence / Court Work": ({R.PARENT: 4, R.SPECIAL_GUARDIAN: 3, R.FAMILY: 2},
                                {L.LOOKED_AFTER: 2, L.SPECIAL_GUARDIANSHIP: 1}, (0, 12)),
    "Leaving Care": ({R.CHILD: 6, R.ADVOCATE: 2, R.PROFESSIONAL: 1}, {L.CARE_LEAVER: 1}, (18, 21)),
    "Disabled Children": ({R.PARENT: 7, R.PARENTAL_RESPONSIBILITY: 1, R.FAMILY: 1},
                          {L.CHILD_IN_NEED: 1}, (3, 17)),
    "Child Protection / LADO": ({R.PARENT: 7, R.FAMILY: 1, R.PROFESSIONAL: 1},
                                {L.CHILD_PROTECTION: 3, L.CHILD_IN_NEED: 1}, (0, 16)),
    "Prevention and Support Services": ({R.PARENT: 8, R.FAMILY: 1}, {L.EARLY_HELP: 1}, (0, 15)),
}
DEFAULT_PROFILE = ({R.PARENT: 16, R.FAMILY: 2, R.PARENTAL_RESPONSIBILITY: 1, R.CHILD: 1},
                   {L.CHILD_IN_NEED: 4, L.CHILD_PROTECTION: 2, L.OTHER: 1, L.EARLY_HELP: 1}, (0, 16))

# Complainants who need a sufficient-interest decision (reg 12) under the statutory procedure.
SUFFICIENT_INTEREST = {R.FAMILY, R.PROFESSIONAL, R.OTHER}

ETHNICITY_WEIGHTS = {
    Ethnicity.WBRI: 52, Ethnicity.WOTH: 7, Ethnicity.WIRI: 1, Ethnicity.WROM: 1,
    Ethnicity.MWBC: 5, Ethnicity.MWBA: 2, Ethnicity.MWAS: 2, Ethnicity.MOTH: 3,
    Ethnicity.AIND: 2, Ethnicity.APKN: 3, Ethnicity.ABAN: 2, Ethnicity.AOTH: 1,
    Ethnicity.BAFR: 6, Ethnicity.BCRB: 3, Ethnicity.BOTH: 1, Ethnicity.CHNE: 1,
    Ethnicity.OOTH: 2, Ethnicity.REFU: 2, Ethnicity.NOBT: 4,
}
RELIGION_WEIGHTS = {
    Religion.NONE: 34, Religion.CHRISTIAN: 28, Religion.MUSLIM: 9, Religion.HINDU: 2,
    Religion.SIKH: 2, Religion.JEWISH: 1, Religion.BUDDHIST: 1, Religion.OTHER: 3,
    Religion.NOT_ANSWERED: 20,
}
DISABILITY_WEIGHTS = {Disability.NONE: 80, Disability.AUT: 7, Disability.LD: 3,
                      Disability.COMM: 2, Disability.BEH: 2, Disability.NOBT: 6}
DISABLED_CHILDREN_WEIGHTS = {Disability.AUT: 5, Disability.LD: 4, Disability.COMM: 2,
                             Disability.MOB: 2, Disability.PC: 1, Disability.HEAR: 1,
                             Disability.VIS: 1, Disability.DDA: 1}


@dataclass
class Family:
    """Who complains about which children, and what that means for eligibility."""

    complainant: Person
    relationship: str
    children: list[Child]
    legal_status: str
    eligibility_basis: str = EligibilityBasis.NOT_APPLICABLE
    child_consent: str = ChildConsent.NOT_NEEDED
    advocate_provider: str = ""
    youngest_age: int = 0


def weighted(rng: Random, weights: dict[Any, int]) -> Any:
    """One key of ``weights``, chosen in proportion to its weight."""
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def family_create(*, rng: Random, names: NameBook, team: str, statutory: bool, on: date,
                  actor: Any, relationship: str | None = None) -> Family:
    """Record a complainant and the children a new complaint is about."""
    who, statuses, (youngest, oldest) = TEAM_PROFILES.get(team, DEFAULT_PROFILE)
    relationship = relationship or weighted(rng, who)
    legal_status = weighted(rng, statuses)
    surname = names.surname()
    if relationship == R.CHILD:
        # Children who complain themselves are old enough to (the youngest in reports are 11 or so).
        ages = [rng.randint(max(youngest, 11), max(oldest, 11))]
    else:
        count = 1 if youngest >= 18 else weighted(rng, {1: 7, 2: 2, 3: 1})
        ages = sorted((rng.randint(youngest, oldest) for _ in range(count)), reverse=True)
    children = [
        _child(rng=rng, names=names, surname=surname, age=age, on=on, team=team,
               legal_status=legal_status, actor=actor)
        for age in ages
    ]
    provider = rng.choice(ADVOCACY_PROVIDERS) if relationship == R.ADVOCATE else ""
    complainant = _complainant(rng=rng, names=names, relationship=relationship, surname=surname,
                               child=children[0], provider=provider, actor=actor)
    family = Family(complainant=complainant, relationship=relationship, children=children,
                    legal_status=legal_status, advocate_provider=provider, youngest_age=ages[-1])
    if statutory:
        family.eligibility_basis = _eligibility(relationship, legal_status)
        if relationship == R.ADVOCATE:
            family.child_consent = ChildConsent.GIVEN
        elif relationship in SUFFICIENT_INTEREST:
            family.child_consent = ChildConsent.PENDING
    return family


def _eligibility(relationship: str, legal_status: str) -> str:
    if relationship in SUFFICIENT_INTEREST:
        return EligibilityBasis.SUFFICIENT_INTEREST
    if relationship in (R.CHILD, R.ADVOCATE):
        return {
            L.LOOKED_AFTER: EligibilityBasis.LOOKED_AFTER_CHILD,
            L.CARE_LEAVER: EligibilityBasis.CARE_LEAVER,
        }.get(legal_status, EligibilityBasis.CHILD_IN_NEED)
    return {
        R.PARENT: EligibilityBasis.PARENT,
        R.PARENTAL_RESPONSIBILITY: EligibilityBasis.PARENTAL_RESPONSIBILITY,
        R.FOSTER_CARER: EligibilityBasis.FOSTER_CARER,
        R.SPECIAL_GUARDIAN: EligibilityBasis.SPECIAL_GUARDIANSHIP,
        R.ADOPTER: EligibilityBasis.ADOPTION,
    }[relationship]


def _child(*, rng: Random, names: NameBook, surname: str, age: int, on: date, team: str,
           legal_status: str, actor: Any) -> Child:
    born = on - timedelta(days=age * 365 + rng.randint(30, 330))
    monitoring = None
    if rng.random() < 0.9:
        disability = weighted(rng, DISABLED_CHILDREN_WEIGHTS if team == "Disabled Children"
                              else DISABILITY_WEIGHTS)
        monitoring = {
            "gender": weighted(rng, {Gender.MALE: 48, Gender.FEMALE: 48, Gender.UNKNOWN: 4}),
            "ethnicity": weighted(rng, ETHNICITY_WEIGHTS),
            "disability": disability,
            "religion": weighted(rng, RELIGION_WEIGHTS),
        }
    return child_create(
        first_name=names.child_first_name(), last_name=surname, date_of_birth=born,
        legal_status=legal_status, case_system=CaseSystem.LIQUIDLOGIC,
        case_system_id=names.case_system_id(), monitoring=monitoring, actor=actor,
    )


def _complainant(*, rng: Random, names: NameBook, relationship: str, surname: str, child: Child,
                 provider: str, actor: Any) -> Person:
    if relationship == R.CHILD:
        first, last = child.first_name, child.last_name
    elif relationship in (R.PARENT, R.FAMILY, R.PARENTAL_RESPONSIBILITY):
        first, last = names.adult_first_name(), surname
    else:
        first, last = names.adult_first_name(), names.surname()
    address, postcode = names.address()
    organisation = provider
    if relationship == R.PROFESSIONAL:
        organisation = rng.choice(["Demo Borough Primary Care Network (fictional)",
                                   "Puffin Close Academy (fictional)"])
    preference = weighted(rng, {ContactPreference.EMAIL: 6, ContactPreference.TELEPHONE: 2,
                                ContactPreference.LETTER: 1, ContactPreference.TEXT: 1})
    return person_create(
        first_name=first, last_name=last, email=names.email(first, last),
        telephone=names.telephone(), address=address, postcode=postcode,
        contact_preference=preference, organisation=organisation, actor=actor,
    )
