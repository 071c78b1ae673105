"""Repeated failed sign-ins lock the username out (django-axes)."""

import pytest
from django.urls import reverse

from fairhearing.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_fifth_failure_locks_the_account_even_with_the_right_password(client, settings):
    settings.AXES_FAILURE_LIMIT = 5
    UserFactory(username="officer")
    for _ in range(5):
        client.post(reverse("login"), {"username": "officer", "password": "wrong-password"})
    response = client.post(reverse("login"), {"username": "officer", "password": "a-long-test-password"})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_correct_password_signs_in(client):
    UserFactory(username="officer")
    response = client.post(reverse("login"), {"username": "officer", "password": "a-long-test-password"})
    assert response.status_code == 302
