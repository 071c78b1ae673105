"""What the compliment, initial feedback, Members' enquiry and received-online page tests share: the
clock pinned to Wednesday 19 January 2022, signing in with roles, and a page's text and rows."""

import datetime
import html
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from fairhearing.accounts.tests.factories import UserFactory

D = datetime.date
TODAY = D(2022, 1, 19)  # a Wednesday


@pytest.fixture(autouse=True)
def today():
    """Pin the clock the pages read (the services are given today= explicitly)."""
    moment = datetime.datetime(2022, 1, 19, 10, 30, tzinfo=ZoneInfo("Europe/London"))
    with time_machine.travel(moment, tick=False):
        yield TODAY


def login(client, *roles, team=None):
    user = UserFactory(roles=roles)
    if team is not None:
        user.teams.add(team)
    client.force_login(user)
    return user


def text_of(response) -> str:
    """The page's text with tags and runs of white space removed, for asserting sentences."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def listed(response) -> list[str]:
    assert response.status_code == 200
    return [record.reference for record in response.context["rows"]]


def date_fields(name: str, value: datetime.date) -> dict[str, str]:
    return {f"{name}_day": str(value.day), f"{name}_month": str(value.month), f"{name}_year": str(value.year)}
