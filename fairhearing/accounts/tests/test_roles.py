from django.contrib.auth.models import Group

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory


def test_every_role_has_a_group(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_has_role_only_for_active_users(db):
    user = UserFactory(roles=[Role.COMPLAINTS_OFFICER])
    assert user.has_role(Role.COMPLAINTS_OFFICER)
    assert not user.has_role(Role.SENIOR_MANAGER)
    user.is_active = False
    assert not user.has_role(Role.COMPLAINTS_OFFICER)
