"""Measuring the server time of the busiest pages, in this process, on the configured database.

Server time is the time Django takes from receiving a request to returning the response:
middleware, view, queries and template, measured around the test client's request (no network,
no browser). Each page is requested a few times to warm up (connections, template loading),
then timed ``requests`` times; the median and the 95th percentile are reported with the number
of queries one request makes.
"""

import statistics
import time
from dataclasses import asdict, dataclass
from urllib.parse import urlsplit

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from fairhearing.accounts.models import User
from fairhearing.accounts.roles import Role
from fairhearing.cases.choices import ComplaintStatus
from fairhearing.cases.models import Complaint

BENCH_USERNAME = "bench-officer"
# Searched for in the filtered list: one of the demo surnames the synthetic people share, so the
# search matches about one complaint in forty, as a common surname would.
SEARCH_WORDS = "Gooseberry"


@dataclass
class PageTiming:
    """One page's measurements."""

    label: str
    url: str
    status: int
    queries: int
    median_ms: float
    p95_ms: float
    requests: int
    # The target this measurement is held to: pages 200 ms; report data 2 s (issue 4).
    threshold_ms: int = 200

    def as_dict(self) -> dict:
        return asdict(self)


def bench_user() -> User:
    """A complaints officer to measure as (made once; it cannot sign in: no usable password)."""
    user, created = User.objects.get_or_create(
        username=BENCH_USERNAME, defaults={"first_name": "Bench", "last_name": "Officer"}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        user.groups.add(Group.objects.get_or_create(name=Role.COMPLAINTS_OFFICER.value)[0])
    return user


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure_page(client: Client, label: str, url: str, *, warmup: int, requests: int) -> PageTiming:
    """Warm up, count one request's queries, then time ``requests`` requests."""
    for _ in range(warmup):
        client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    # Counted now: the log is emptied when the next request starts.
    queries = len(captured)
    seconds = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get(url)
        seconds.append(time.perf_counter() - started)
    return PageTiming(
        label=label, url=url, status=response.status_code, queries=queries,
        median_ms=statistics.median(seconds) * 1000, p95_ms=_percentile(seconds, 0.95) * 1000,
        requests=requests,
    )


REPORT_THRESHOLD_MS = 2000


def report_measure(*, warmup: int = 1, requests: int = 5) -> list[PageTiming]:
    """The data of the annual report for the last complete financial year, compared with the year
    before, internal and published (with suppression), computed in this process."""
    from fairhearing.core import clock
    from fairhearing.reports.build import report_build
    from fairhearing.reports.periods import Period
    from fairhearing.reports.report import ReportOptions

    period = Period.financial_year_containing(clock.today()).previous()
    covered = Complaint.objects.filter(
        received_on__gte=period.previous().start, received_on__lte=period.end).count()
    timings = []
    for published in (False, True):
        options = ReportOptions(period=period, comparisons=1, published=published)
        for _ in range(warmup):
            report_build(options=options)
        with CaptureQueriesContext(connection) as captured:
            report_build(options=options)
        seconds = []
        for _ in range(requests):
            started = time.perf_counter()
            report_build(options=options)
            seconds.append(time.perf_counter() - started)
        version = "published" if published else "internal"
        timings.append(PageTiming(
            label=f"Annual report data {period.label} v {period.previous().label}, {version} "
                  f"({covered:,} complaints received in the two years)",
            url=f"report:{period.key}", status=200, queries=len(captured),
            median_ms=statistics.median(seconds) * 1000, p95_ms=_percentile(seconds, 0.95) * 1000,
            requests=requests, threshold_ms=REPORT_THRESHOLD_MS,
        ))
    return timings


def busiest_case() -> Complaint | None:
    """A case page with a lot on it: the latest complaint that went to a review panel, or any."""
    at_panel = Complaint.objects.filter(stages__number=3).order_by("-pk").first()
    return at_panel or Complaint.objects.exclude(status=ComplaintStatus.RECEIVED).order_by("-pk").first()


def searched_list_url(client: Client, words: str = SEARCH_WORDS) -> str:
    """The list filtered (statutory procedure, any status) and searched, as a user would get it.

    Search words are posted and kept in the session (so names never reach a URL); the list then
    redirects to a URL holding the filters and a key to the words.
    """
    list_url = reverse("staff:complaint_list")
    filtered = f"{list_url}?procedure=children-statutory&status=all"
    response = client.post(filtered, {"words": words})
    if response.status_code in (301, 302, 303):
        return response["Location"]
    return f"{filtered}&q={words}"  # a list without posted search: try the query string


def pages_measure(*, warmup: int = 3, requests: int = 20) -> list[PageTiming]:
    """The dashboard, the list (as it opens, and filtered and searched) and a busy case page."""
    client = Client()
    client.force_login(bench_user())
    pages = [("Dashboard (home, complaints officer)", reverse("staff:home")),
             ("Case list (default)", reverse("staff:complaint_list")),
             ("Case list (filtered and searched)", searched_list_url(client))]
    case = busiest_case()
    if case is not None:
        pages.append(("Case page (a case that reached Stage 3)",
                      reverse("staff:complaint_detail", args=[case.reference])))
    timings = []
    for label, url in pages:
        timing = measure_page(client, label, url, warmup=warmup, requests=requests)
        if timing.status in (301, 302):
            # Measure where it leads (the home page of some roles is their list).
            target = client.get(url)["Location"]
            timing = measure_page(client, f"{label} -> {urlsplit(target).path}", target,
                                  warmup=warmup, requests=requests)
        timings.append(timing)
    # Report builds take far longer than a page, so fewer of them are timed.
    return timings + report_measure(warmup=min(warmup, 1), requests=max(1, min(requests, 5)))
