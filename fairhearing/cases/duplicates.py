"""Likely duplicates: complaints already logged from the same complainant or about the same child.

People often complain twice (a phone call, then a letter; a parent, then the child's advocate). Before
a new complaint is saved, the officer is shown recent complaints that look like the same one so they
can add to it instead. A complaint matches when it was received from 90 days before the new one's
date received onwards and has:

- a complainant with the same email address, the same first and last name (ignoring case) or the
  same telephone number (ignoring spaces and punctuation, +44 read as 0); or
- a child with the same first and last name and date of birth, or the same case-system ID.

Only complaints the user may open are described. Others are counted, never described, so the check
reveals no more than that something exists. The check costs the same few queries whatever the
number of complaints or matches.
"""

import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Replace
from django.utils.crypto import salted_hmac

from .intake import ChildInput, ComplainantInput
from .models import Complaint, ComplaintChild, ComplaintComplainant
from .selectors import complaints_visible_to

WINDOW_DAYS = 90
SHOWN_AT_MOST = 20
MIN_PHONE_DIGITS = 6  # shorter fragments would match unrelated numbers
# Characters people put in telephone numbers that do not change the number.
_PHONE_PUNCTUATION = (" ", "-", "(", ")", ".")


def phone_digits(number: str) -> str:
    """A telephone number as digits only, a leading +44 read as 0: '+44 (0)7700 900-982' and
    '07700 900982' are the same number."""
    digits = re.sub(r"\D", "", number or "")
    if (number or "").strip().startswith("+44"):
        digits = "0" + digits.removeprefix("44").removeprefix("0")
    return digits


def _phone_in_sql(path: str) -> Any:
    """The stored number treated as phone_digits() treats the one typed, in SQL, so the
    comparison happens in the database (punctuation removed, a leading +44 or +44(0) read as 0)."""
    expression: Any = F(path)
    for character in _PHONE_PUNCTUATION:
        expression = Replace(expression, Value(character), Value(""))
    return Replace(Replace(expression, Value("+440"), Value("0")), Value("+44"), Value("0"))


@dataclass(frozen=True)
class LikelyDuplicates:
    """What the officer sees before saving: the matching complaints they may open (newest first,
    at most SHOWN_AT_MOST) and how many other matches exist that they may not see.

    ``fingerprint`` identifies the whole set of matches, so a confirmation that "this is a new
    complaint" applies only to the matches that were shown, not to ones found after a change.
    """

    visible: list[Complaint] = field(default_factory=list)
    visible_count: int = 0
    hidden_count: int = 0
    fingerprint: str = ""

    def __bool__(self) -> bool:
        return bool(self.visible_count or self.hidden_count)

    @property
    def more_visible(self) -> int:
        return self.visible_count - len(self.visible)


def _any(rules: list[Q]) -> Q | None:
    return reduce(operator.or_, rules) if rules else None


def _complainant_rule(complainant: ComplainantInput) -> Q | None:
    """Conditions on a ComplaintComplainant (annotated with ``phone``) for the same person."""
    rules = []
    if email := complainant.email.strip():
        rules.append(Q(person__email__iexact=email))
    first, last = complainant.first_name.strip(), complainant.last_name.strip()
    if first and last:
        rules.append(Q(person__first_name__iexact=first, person__last_name__iexact=last))
    digits = phone_digits(complainant.telephone)
    if len(digits) >= MIN_PHONE_DIGITS:
        rules.append(Q(phone=digits))
    return _any(rules)


def _child_rule(children: Sequence[ChildInput]) -> Q | None:
    """Conditions on a ComplaintChild for any of the children named."""
    rules = []
    for child in children:
        first, last = child.first_name.strip(), child.last_name.strip()
        if first and last and child.date_of_birth:
            rules.append(Q(
                child__first_name__iexact=first, child__last_name__iexact=last,
                child__date_of_birth=child.date_of_birth,
            ))
        if case_id := child.case_system_id.strip():
            rules.append(Q(child__case_system_id__iexact=case_id))
    return _any(rules)


def _fingerprint(ids: Sequence[int]) -> str:
    value = ",".join(str(pk) for pk in sorted(ids))
    return salted_hmac("fairhearing.cases.duplicates", value).hexdigest()


def complaints_likely_duplicate(
    *, user: Any, received_on: date, complainant: ComplainantInput, children: Sequence[ChildInput] = ()
) -> LikelyDuplicates:
    """Recent complaints from the same complainant or about the same child (see module docstring).

    Two queries: one finds every match with a flag saying whether the user may open it; one loads
    the ones to show. Nothing is queried when there is nothing to match on.
    """
    person_rule = _complainant_rule(complainant)
    child_rule = _child_rule(children)
    if person_rule is None and child_rule is None:
        return LikelyDuplicates()

    # Each flag also tells the page why a complaint matched: same complainant, same child.
    flags: dict[str, Any] = {"same_complainant": Value(False), "same_child": Value(False)}
    found: list[Q] = []
    if person_rule is not None:
        people = ComplaintComplainant.objects.filter(complaint_id=OuterRef("pk"))
        people = people.annotate(phone=_phone_in_sql("person__telephone"))
        flags["same_complainant"] = Exists(people.filter(person_rule))
        found.append(Q(same_complainant=True))
    if child_rule is not None:
        kids = ComplaintChild.objects.filter(complaint_id=OuterRef("pk"))
        flags["same_child"] = Exists(kids.filter(child_rule))
        found.append(Q(same_child=True))
    matches: QuerySet[Complaint] = (
        Complaint.objects.filter(received_on__gte=received_on - timedelta(days=WINDOW_DAYS))
        .annotate(**flags)
        .filter(reduce(operator.or_, found))
    )
    visible_to_user = complaints_visible_to(user).filter(pk=OuterRef("pk"))
    rows = list(matches.annotate(visible=Exists(visible_to_user)).values_list("pk", "visible"))
    if not rows:
        return LikelyDuplicates()
    visible_ids = [pk for pk, visible in rows if visible]
    shown: list[Complaint] = []
    if visible_ids:
        shown = list(
            matches.filter(Exists(visible_to_user))
            .select_related("procedure")
            .order_by("-received_on", "-pk")[:SHOWN_AT_MOST]
        )
    return LikelyDuplicates(
        visible=shown,
        visible_count=len(visible_ids),
        hidden_count=len(rows) - len(visible_ids),
        fingerprint=_fingerprint([pk for pk, _ in rows]),
    )
