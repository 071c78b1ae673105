"""Finding every page a signed-in user can reach by following links, and checking each with axe.

The crawler starts from the home page and follows same-site links, so pages added later are
checked without anyone listing them here. It visits each kind of page (each URL name) a few
times, with different records, because a case page at Stage 3 shows different steps from one
awaiting acknowledgement, but runs axe only on the first few of each kind to keep the test fast.
Kinds are picked in turn, least-visited first, so a long list of case links cannot crowd out a
step form found later.
"""

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.urls import Resolver404, resolve, reverse
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from .axe import PageViolations, axe_check
from .site import LiveSite

# Not pages: the admin (Django's, not ours), static files, and signing out (a POST form anyway).
SKIPPED_PREFIXES = ("/admin/", "/static/", "/logout/", "/login/")
# URL names for files rather than pages: downloads and exports are checked by their own tests.
FILE_NAME_PARTS = ("download", "export", "csv", "xlsx", "docx", "pdf", "file")
CASE_PAGE = "staff:complaint_detail"


@dataclass
class CrawlResult:
    """What the crawl saw: axe results, how often each kind of page was visited, what went wrong."""

    checked: list[PageViolations] = field(default_factory=list)
    visits: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    def summary(self) -> str:
        checked = Counter(page.label for page in self.checked)
        return "\n".join(
            f"  {name}: visited {self.visits.get(name, 0)}, checked with axe {checked.get(name, 0)}"
            for name in sorted(set(self.visits) | set(checked))
        )


def url_name(path: str) -> str | None:
    """The namespaced URL name of a path on this site (``staff:complaint_detail``), or None."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


def _is_page(url: str, origin: str) -> str | None:
    """The URL name if the link is a page of this site worth visiting, else None."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}" != origin or parts.path.startswith(SKIPPED_PREFIXES):
        return None
    name = url_name(parts.path)
    if name is None or any(part in name for part in FILE_NAME_PARTS):
        return None
    return name


def _links(page: Page) -> list[str]:
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    base = page.url
    found = []
    for href in hrefs:
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")):
            continue
        parts = urlsplit(urljoin(base, href))
        found.append(urlunsplit(parts._replace(fragment="")))
    return found


def _visit(page: Page, site: LiveSite, url: str, name: str, result: CrawlResult, *,
           checks: dict[str, int], default_checks: int, refusals_are_problems: bool) -> str | None:
    """Open one URL, record what went wrong, run axe if this kind of page still needs it.
    Returns the URL landed on when it was an HTML page, else None."""
    result.visits[name] += 1
    try:
        response = page.goto(url)
    except PlaywrightError as error:
        result.problems.append(f"{url}: the browser could not open it ({error.message.splitlines()[0]})")
        return None
    status = response.status if response else 0
    if status >= 500:
        result.problems.append(f"{url}: server error {status}\n{site.new_log()[-3000:]}")
        return None
    if status in (403, 404, 405):
        if refusals_are_problems:
            result.problems.append(f"{url}: a link a signed-in user is offered gives {status}")
        return None
    content_type = (response.headers.get("content-type", "") if response else "")
    if "text/html" not in content_type:
        return None
    # After a redirect the page is the one landed on, so it is checked under that name.
    landed = urlunsplit(urlsplit(page.url)._replace(fragment=""))
    label = url_name(urlsplit(landed).path) or name
    done = sum(1 for checked in result.checked if checked.label == label)
    if done < checks.get(label, default_checks):
        result.checked.append(axe_check(page, label))
    return landed


def crawl(
    page: Page, site: LiveSite, *, start: str = "/", visits_per_name: int = 8,
    checks_per_name: int = 1, extra_checks: dict[str, int] | None = None, max_visits: int = 120,
) -> CrawlResult:
    """Follow links from ``start``; run axe on the first ``checks_per_name`` pages of each kind
    (or ``extra_checks[name]``); record server errors, and links that lead to 403 or 404."""
    result = CrawlResult()
    checks = extra_checks or {}
    origin = site.url
    pending: dict[str, deque[str]] = {}
    seen: set[str] = set()

    def enqueue(url: str) -> None:
        name = _is_page(url, origin)
        if name is None or url in seen:
            return
        seen.add(url)
        pending.setdefault(name, deque()).append(url)
        if name == CASE_PAGE:
            reference = resolve(urlsplit(url).path).kwargs["reference"]
            if reference not in result.references:
                result.references.append(reference)

    enqueue(urljoin(origin, start))
    total = 0
    while total < max_visits:
        ready = [name for name, queue in pending.items()
                 if queue and result.visits[name] < visits_per_name]
        if not ready:
            break
        name = min(ready, key=lambda n: (result.visits[n], n))
        total += 1
        landed = _visit(page, site, pending[name].popleft(), name, result, checks=checks,
                        default_checks=checks_per_name, refusals_are_problems=True)
        if landed is None:
            continue
        seen.add(landed)
        for link in _links(page):
            enqueue(link)
    return result


def case_url_names() -> list[str]:
    """Staff pages that take nothing but a complaint reference: the case page, its documents,
    letters and access pages, and one page per lifecycle step."""
    from fairhearing.staff.urls import urlpatterns

    names = []
    for pattern in urlpatterns:
        if pattern.name and re.findall(r"<([^>]+)>", str(pattern.pattern)) == ["str:reference"]:
            names.append(f"staff:{pattern.name}")
    return names


def probe_case_pages(page: Page, site: LiveSite, result: CrawlResult, *, references: int = 6,
                     checks_per_name: int = 1, names: list[str] | None = None) -> None:
    """Open every reference-only page for a spread of the complaints the crawl found, whether
    or not a link offered it, so a page is checked even before anything links to it. A refusal
    (403, 404, 405: a step the complaint's state does not allow, a POST-only address) is not a
    problem here; a server error is."""
    found = result.references
    step = max(1, len(found) // references)
    chosen = found[::step][:references]
    for name in names or case_url_names():
        for reference in chosen:
            if sum(1 for checked in result.checked if checked.label == name) >= checks_per_name:
                break
            url = urljoin(site.url, reverse(name, kwargs={"reference": reference}))
            _visit(page, site, url, name, result, checks={}, default_checks=checks_per_name,
                   refusals_are_problems=False)
