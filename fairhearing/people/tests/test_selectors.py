"""Linked records: what one viewer may see about a child or a person, and finding them.

The kinds passed in are the staff pages' own (``staff.views.people.linked_kinds_for``), so these
tests check the rules the pages apply: every kind read through its own access rules, nothing hidden
listed, counted or used to link a family, and a fixed number of queries.
"""

from dataclasses import dataclass
from typing import Any

import pytest
from django.http import Http404

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import TeamFactory, UserFactory
from fairhearing.cases.access import complaint_exclude, complaint_restrict_to
from fairhearing.cases.models import Complaint
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.cases.tests.kinds.factories import (
    ComplimentFactory,
    EnquiryFactory,
    make_compliment,
    make_concern,
    make_enquiry,
    make_iro_dispute,
)
from fairhearing.ombudsman.tests.factories import OmbudsmanCaseFactory, make_case
from fairhearing.people.choices import Relationship
from fairhearing.people.selectors import (
    LinkedKind,
    child_get_for_records,
    linked_records,
    people_find,
    person_get_for_records,
)
from fairhearing.people.tests.factories import ChildFactory, PersonFactory
from fairhearing.staff.views.people import linked_kinds_for
from fairhearing.stages.services import (
    stage_one_start,
    stage_request_next,
    stage_respond,
    stage_two_agree_statement,
    stage_two_appoint,
)
from fairhearing.stages.tests.conftest import LATER, D, findings

pytestmark = pytest.mark.django_db


@dataclass
class Family:
    """Sam (and sister Ruth) on a Fostering complaint from their mother Pat; Sam alone on an
    Adoption complaint from their grandmother Jo; and every other kind of record about Sam."""

    fostering: Any
    adoption: Any
    sam: Any
    ruth: Any
    pat: Any
    jo: Any
    complaint_a: Complaint  # Fostering: Pat about Sam and Ruth
    complaint_b: Complaint  # Adoption: Jo about Sam
    records: dict[str, Any]


@pytest.fixture
def family(db) -> Family:
    actor = officer()
    fostering, adoption = TeamFactory(name="Fostering"), TeamFactory(name="Adoption")
    sam = ChildFactory(first_name="Samira", last_name="Quill", case_system_id="LCS-40017")
    ruth = ChildFactory(first_name="Ruth", last_name="Quill", date_of_birth=D(2015, 3, 27))
    pat = PersonFactory(first_name="Patricia", last_name="Quill")
    jo = PersonFactory(first_name="Joanne", last_name="Marsh")
    complaint_a = make_complaint(actor=actor, teams=[fostering], complainants=[(pat, Relationship.PARENT)],
                                 children=[sam, ruth], received_on=D(2022, 1, 4))
    complaint_b = make_complaint(actor=actor, teams=[adoption], complainants=[(jo, Relationship.FAMILY)],
                                 children=[sam], received_on=D(2022, 2, 1))
    records = {
        "compliment": make_compliment(actor=actor, team=fostering, person=pat, child=sam),
        "enquiry": make_enquiry(actor=actor, team=fostering, on_behalf_of=pat, child=sam),
        "concern": make_concern(actor=actor, team=adoption, person=jo, child=sam),
        "iro_dispute": make_iro_dispute(actor=actor, child=sam),
        "ombudsman_case": make_case(actor=actor, complaints=[complaint_a], person=pat, child=sam),
    }
    # Someone else's records, which must never appear on Sam's page.
    make_complaint(actor=actor, teams=[fostering], children=[ChildFactory()])
    make_compliment(actor=actor, team=fostering, child=ChildFactory())
    return Family(fostering=fostering, adoption=adoption, sam=sam, ruth=ruth, pat=pat, jo=jo,
                  complaint_a=complaint_a, complaint_b=complaint_b, records=records)


def user(role: Role, *teams: Any, username: str | None = None) -> Any:
    person = UserFactory(username=username or str(role), roles=[role])
    person.teams.add(*teams)
    return person


def listed(viewer: Any, subject: Any) -> dict[str, list[str]]:
    """References listed on the subject's page for this viewer, by kind."""
    found = linked_records(subject=subject, kinds=linked_kinds_for(viewer))
    return {group.kind.key: [str(record) for record in group.records] for group in found.groups}


# Which records are listed -------------------------------------------------------------------------

def test_the_complaints_team_sees_every_record_about_the_child_grouped_by_kind_newest_first(family):
    records = family.records
    assert listed(officer(), family.sam) == {
        "complaint": [family.complaint_b.reference, family.complaint_a.reference],
        "compliment": [records["compliment"].reference],
        "enquiry": [records["enquiry"].reference],
        "concern": [records["concern"].reference],
        "iro_dispute": [records["iro_dispute"].reference],
        "ombudsman_case": [records["ombudsman_case"].lgsco_reference],
    }


def test_a_sibling_sees_only_the_complaint_she_is_on(family):
    assert listed(officer(), family.ruth) == {"complaint": [family.complaint_a.reference]}


def test_a_persons_records_are_the_ones_they_raised(family):
    records = family.records
    assert listed(officer(), family.pat) == {
        "complaint": [family.complaint_a.reference],
        "compliment": [records["compliment"].reference],
        "enquiry": [records["enquiry"].reference],
        "ombudsman_case": [records["ombudsman_case"].lgsco_reference],
    }
    assert listed(officer(), family.jo) == {
        "complaint": [family.complaint_b.reference], "concern": [records["concern"].reference],
    }


def test_a_responding_manager_sees_only_their_own_teams_records(family):
    manager = user(Role.RESPONDING_MANAGER, family.fostering)
    records = family.records
    # Not the Adoption complaint or concern, not the IRO dispute or the Ombudsman case.
    assert listed(manager, family.sam) == {
        "complaint": [family.complaint_a.reference],
        "compliment": [records["compliment"].reference],
        "enquiry": [records["enquiry"].reference],
    }
    other = user(Role.RESPONDING_MANAGER, family.adoption, username="adoption-manager")
    assert listed(other, family.sam) == {
        "complaint": [family.complaint_b.reference], "concern": [records["concern"].reference],
    }


def test_the_learning_lead_sees_compliments_and_ombudsman_cases_only(family):
    lead = user(Role.LEARNING_LEAD)
    assert listed(lead, family.sam) == {
        "compliment": [family.records["compliment"].reference],
        "ombudsman_case": [family.records["ombudsman_case"].lgsco_reference],
    }


def test_an_excluded_user_does_not_see_the_complaint_or_the_ombudsman_case_about_it(family):
    excluded = user(Role.COMPLAINTS_OFFICER, username="excluded-officer")
    complaint_exclude(complaint=family.complaint_a, users=[excluded], actor=officer())
    shown = listed(excluded, family.sam)
    assert shown["complaint"] == [family.complaint_b.reference]
    assert "ombudsman_case" not in shown  # it is about the excluded complaint
    # Ruth was only on the excluded complaint: to this user she has no records at all.
    with pytest.raises(Http404):
        child_get_for_records(pk=family.ruth.pk, kinds=linked_kinds_for(excluded))
    assert child_get_for_records(pk=family.sam.pk, kinds=linked_kinds_for(officer())) == family.sam


def test_a_restricted_complaint_is_listed_only_for_the_people_named(family):
    named = user(Role.COMPLAINTS_OFFICER, username="named-officer")
    complaint_restrict_to(complaint=family.complaint_b, users=[named], actor=named)
    assert listed(officer(), family.sam)["complaint"] == [family.complaint_a.reference]
    assert listed(named, family.sam)["complaint"] == [family.complaint_b.reference, family.complaint_a.reference]
    # Jo raised the restricted complaint and a concern: the officer sees only the concern.
    assert listed(officer(), family.jo) == {"concern": [family.records["concern"].reference]}


def test_an_investigator_sees_only_the_complaint_they_are_appointed_to(family):
    actor = officer()
    investigator = user(Role.INVESTIGATOR, username="io")
    stage = stage_one_start(complaint=family.complaint_a, actor=actor, today=LATER)
    stage_respond(stage=stage, responded_on=D(2022, 1, 18), findings=findings("upheld", "upheld"),
                  actor=actor, today=LATER)
    stage = stage_request_next(complaint=family.complaint_a, requested_on=D(2022, 2, 15), actor=actor, today=LATER)
    stage_two_agree_statement(stage=stage, agreed_on=D(2022, 3, 1), actor=actor, today=LATER)
    stage_two_appoint(stage=stage, investigating_officer=investigator,
                      independent_person=UserFactory(username="ip", roles=[Role.INVESTIGATOR]),
                      appointed_on=D(2022, 3, 2), actor=actor, today=LATER)
    assert listed(investigator, family.sam) == {"complaint": [family.complaint_a.reference]}


@pytest.mark.parametrize("role", [Role.REPORT_READER, Role.ADMINISTRATOR, Role.INVESTIGATOR])
def test_roles_that_see_no_case_records_find_nobody(family, role):
    viewer = user(role)
    assert listed(viewer, family.sam) == {}
    with pytest.raises(Http404):
        child_get_for_records(pk=family.sam.pk, kinds=linked_kinds_for(viewer))


def test_an_inactive_user_sees_nothing(family):
    viewer = user(Role.COMPLAINTS_MANAGER)
    viewer.is_active = False
    viewer.save()
    assert listed(viewer, family.sam) == {}


# 404s -------------------------------------------------------------------------------------------

def test_an_unknown_id_and_a_child_with_only_hidden_records_get_the_same_404(family):
    manager = user(Role.RESPONDING_MANAGER, family.adoption)
    kinds = linked_kinds_for(manager)
    with pytest.raises(Http404) as unknown:
        child_get_for_records(pk=999_999, kinds=kinds)
    with pytest.raises(Http404) as hidden:
        child_get_for_records(pk=family.ruth.pk, kinds=kinds)  # on the Fostering complaint only
    assert str(unknown.value) == str(hidden.value)
    with pytest.raises(Http404):
        person_get_for_records(pk=family.pat.pk, kinds=kinds)  # her records are all Fostering's
    assert person_get_for_records(pk=family.jo.pk, kinds=kinds) == family.jo


def test_a_child_named_only_on_a_record_with_no_child_path_is_not_found(family):
    """IRO disputes name no person, so a person is never found through one."""
    kinds = [kind for kind in linked_kinds_for(officer()) if kind.key == "iro_dispute"]
    assert child_get_for_records(pk=family.sam.pk, kinds=kinds) == family.sam
    with pytest.raises(Http404):
        person_get_for_records(pk=family.pat.pk, kinds=kinds)


# The family ---------------------------------------------------------------------------------------

def test_the_family_is_everyone_on_the_same_visible_records(family):
    found = linked_records(subject=family.sam, kinds=linked_kinds_for(officer()))
    assert found.children == [family.ruth]  # Sam is not listed as their own relative
    assert found.people == [family.jo, family.pat]  # Marsh before Quill
    found = linked_records(subject=family.pat, kinds=linked_kinds_for(officer()))
    assert found.children == [family.ruth, family.sam]  # by last name, then first name
    assert found.people == []


def test_family_links_come_only_from_records_the_viewer_may_see(family):
    manager = user(Role.RESPONDING_MANAGER, family.adoption)
    found = linked_records(subject=family.sam, kinds=linked_kinds_for(manager))
    # Ruth and Pat are named only on Fostering's records: nothing here says they exist.
    assert found.children == []
    assert found.people == [family.jo]


# Finding children and people ----------------------------------------------------------------------

def find(viewer: Any, words: str = "", born_on: Any = None, **kwargs: Any):  # noqa: ANN201
    return people_find(words=words, born_on=born_on, kinds=linked_kinds_for(viewer), **kwargs)


def test_every_word_must_be_part_of_a_name_in_any_case(family):
    found = find(officer(), "quill SAM")
    assert found.children == [family.sam]
    assert found.people == []  # Patricia Quill's names do not contain "sam"
    found = find(officer(), "  Quill  ")
    assert found.children == [family.ruth, family.sam]
    assert found.people == [family.pat]


def test_a_childs_case_system_id_finds_them_whatever_the_case(family):
    assert find(officer(), "lcs-40017").children == [family.sam]
    assert find(officer(), "LCS-4001").children == []  # the whole ID, not part of it


def test_a_date_of_birth_finds_children_born_that_day_and_no_people(family):
    found = find(officer(), born_on=D(2015, 3, 27))
    assert found.children == [family.ruth]
    assert found.people == []
    assert find(officer(), born_on=D(2015, 3, 28)).children == []
    assert find(officer(), "quill", born_on=D(2015, 3, 27)).children == [family.ruth]
    assert find(officer(), "quill", born_on=D(2015, 3, 27)).people == []


def test_only_children_and_people_on_visible_records_are_found(family):
    manager = user(Role.RESPONDING_MANAGER, family.adoption)
    found = find(manager, "quill")
    assert found.children == [family.sam]  # on the Adoption complaint; Ruth is not
    assert found.people == []  # Pat raised only Fostering's records
    assert find(manager, "marsh").people == [family.jo]
    assert find(user(Role.REPORT_READER), "quill").children == []


def test_nothing_asked_finds_nobody(family):
    found = find(officer(), "   ")
    assert (found.children, found.people, found.children_more, found.people_more) == ([], [], False, False)


def test_too_many_matches_are_cut_at_the_limit_and_say_so(family):
    for _ in range(3):
        ComplimentFactory(child=ChildFactory(last_name="Quill"), person=PersonFactory(last_name="Quill"))
    found = find(officer(), "quill", limit=4)
    assert len(found.children) == 4 and found.children_more
    assert len(found.people) == 4 and not found.people_more  # Pat and three more: exactly the limit


# Custom kinds and query counts ---------------------------------------------------------------------

def test_a_kind_without_a_person_path_is_skipped_on_a_persons_page(family):
    kinds = [LinkedKind(key="iro_dispute", title="IRO disputes",
                        visible=family.records["iro_dispute"].__class__.objects.all(),
                        child_path="child", person_path=None, date_field="raised_on")]
    assert linked_records(subject=family.pat, kinds=kinds).groups == []
    assert len(linked_records(subject=family.sam, kinds=kinds).groups) == 1


def test_the_number_of_queries_does_not_grow_with_the_records(family, django_assert_max_num_queries):
    viewer = user(Role.RESPONDING_MANAGER, family.fostering)
    viewer.role_names  # noqa: B018 - read once, as the request's permission check would

    # One query per kind the viewer may see (complaints, compliments, enquiries, initial feedback
    # for a responding manager), then the children and the people.
    with django_assert_max_num_queries(6) as few:
        linked_records(subject=family.sam, kinds=linked_kinds_for(viewer))
    for _ in range(10):
        EnquiryFactory(team=family.fostering, child=family.sam, on_behalf_of=PersonFactory())
        ComplimentFactory(team=family.fostering, child=family.sam)
        make_complaint(actor=officer(), teams=[family.fostering], children=[family.sam, ChildFactory()])
        OmbudsmanCaseFactory(child=family.sam)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        found = linked_records(subject=family.sam, kinds=linked_kinds_for(viewer))
    assert len(many.captured_queries) == len(few.captured_queries)
    assert sum(len(group.records) for group in found.groups) == 33
    assert len(found.children) == 11 and len(found.people) == 21
