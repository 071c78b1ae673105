"""The home page: the dashboard, or the caseload, or a page saying what the role can do."""

from django.urls import path

from ..views import home

urlpatterns = [
    path("", home.home, name="home"),
]
