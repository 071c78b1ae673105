"""Factories for users and teams."""

import factory
from django.contrib.auth.models import Group

from fairhearing.accounts.models import Team, User


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Family Support Team {n}")
    service_area = "Children and Families"


class UserFactory(factory.django.DjangoModelFactory):
    """A user; pass roles=[Role.X, ...] to put them in those role groups."""

    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Test{n}")
    last_name = "User"
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("a-long-test-password")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):  # noqa: ANN001, ANN201
        for role in extracted or ():
            group, _ = Group.objects.get_or_create(name=str(role))
            self.groups.add(group)
        self._role_names = None
