"""Factories for complainants and children (obviously fictional names)."""

import datetime

import factory

from fairhearing.people.models import Child, Person


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Sequence(lambda n: f"Pat{n}")
    last_name = "Example"
    email = factory.Sequence(lambda n: f"pat{n}@example.org")


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    first_name = factory.Sequence(lambda n: f"Sam{n}")
    last_name = "Example"
    date_of_birth = datetime.date(2012, 6, 1)
