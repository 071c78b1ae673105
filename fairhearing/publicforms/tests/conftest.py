"""Fixtures for the public forms' tests: the clock pinned to Thursday 14 April 2022 (the day
before Good Friday) unless a test travels elsewhere, and a known contact address."""

import pytest
import time_machine

from .factories import MOMENT


@pytest.fixture(autouse=True)
def pinned_clock():
    with time_machine.travel(MOMENT, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def contact_email(settings):
    settings.COMPLAINTS_CONTACT_EMAIL = "complaints@council.example"
    return settings.COMPLAINTS_CONTACT_EMAIL
