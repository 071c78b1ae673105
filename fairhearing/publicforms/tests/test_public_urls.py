"""Every public URL opens without signing in, and the same for every role signed in: the staff
URL matrix (staff/tests/test_url_matrix.py) leaves the public forms to this test."""

import pytest
from django.urls import URLPattern, get_resolver, resolve

from fairhearing.accounts.roles import Role
from fairhearing.accounts.tests.factories import UserFactory
from fairhearing.publicforms.flows import FLOWS

pytestmark = pytest.mark.django_db


def public_urls() -> list[tuple[str, str]]:
    """(URL name, an address of it) for every pattern the public forms' urls.py adds."""
    resolver = get_resolver()
    found = []
    for pattern in resolver.url_patterns:
        if getattr(pattern, "namespace", None) != "publicforms":
            continue
        for inner in pattern.url_patterns:
            assert isinstance(inner, URLPattern)
            flow = FLOWS[inner.default_args["flow_slug"]]
            route = str(inner.pattern).replace("<slug:step>", flow.steps[0].slug)
            found.append((f"publicforms:{inner.name}", "/" + route))
    return found


def test_the_walk_finds_every_page_of_the_three_forms():
    names = {name for name, _ in public_urls()}
    assert len(names) == 12
    assert {"publicforms:complaint_start", "publicforms:young_person_step", "publicforms:compliment_sent"} <= names


ROLES = [None, *Role.values]


@pytest.mark.parametrize("role", ROLES, ids=[str(role) for role in ROLES])
def test_every_public_page_opens_for_anyone(client, role):
    if role is not None:
        client.force_login(UserFactory(roles=[role]))
    wrong = []
    for name, url in public_urls():
        assert resolve(url).view_name == name
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            location = response.get("Location", "")
            ok = response.status_code == 200 or (
                response.status_code == 302 and location.startswith(("/complain/", "/compliment/")))
            if name.endswith(("_start", "_sent")) and method == "post":
                ok = response.status_code == 405
            if not ok:
                wrong.append(f"{method.upper()} {url} as {role}: {response.status_code} {location}")
    assert not wrong, wrong


def test_no_public_page_sends_anyone_to_sign_in(client):
    for _name, url in public_urls():
        assert "/login/" not in client.get(url).get("Location", "")
