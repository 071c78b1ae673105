"""Linked records: the search for a child or family, and one page per child and per person.
Addresses carry ids only, never names (the search's words stay in the session)."""

from django.urls import path

from ..views import people

urlpatterns = [
    path("people/", people.people_search, name="people_search"),
    path("people/child/<int:pk>/", people.child_records, name="child_records"),
    path("people/person/<int:pk>/", people.person_records, name="person_records"),
]
