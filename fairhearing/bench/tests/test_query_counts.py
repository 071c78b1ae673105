"""The dashboard, the case list and a case page make the same number of queries with ten times
the complaints: nothing is fetched row by row."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fairhearing.bench.loader import synthetic_load
from fairhearing.bench.measure import bench_user, busiest_case, searched_list_url
from fairhearing.cases.tests.factories import make_complaint, officer
from fairhearing.core import clock
from fairhearing.people.models import Person
from fairhearing.stages.services import stage_one_start

pytestmark = pytest.mark.django_db


def _queries(client, url: str) -> int:  # noqa: ANN001
    """Queries of one request (and of the page it redirects to, as some roles' home page does)."""
    client.get(url, follow=True)  # warm: the first request fills per-process caches (content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, follow=True)
    assert response.status_code == 200, url
    return len(captured)


def test_query_counts_do_not_grow_with_the_number_of_complaints(client):
    today = clock.today()
    # Open complaints of our own, so the default list is never empty, whatever the day.
    for days_ago in (2, 9):
        complaint = make_complaint(actor=officer(), received_on=today - timedelta(days=days_ago),
                                   today=today)
        stage_one_start(complaint=complaint, actor=officer(), today=today)
    synthetic_load(count=40, seed=3)
    case = busiest_case()
    # A surname that is certainly in the statutory complaints already there, so the searched list
    # has rows both times (an empty page skips the queries that fetch its rows' details).
    surname = Person.objects.filter(
        complaints__complaint__procedure__code="children-statutory").values_list("last_name", flat=True)[0]
    client.force_login(bench_user())
    pages = {
        "dashboard": reverse("staff:home"),
        "list": reverse("staff:complaint_list"),
        "list, all statuses": reverse("staff:complaint_list") + "?status=all",
        "list, searched": searched_list_url(client, surname),
        "case page": reverse("staff:complaint_detail", args=[case.reference]),
    }
    few = {name: _queries(client, url) for name, url in pages.items()}
    synthetic_load(count=400, seed=4)
    many = {name: _queries(client, url) for name, url in pages.items()}
    assert many == few
