"""The database-backed throttle: whose address counts, what is stored (an HMAC, never the address),
the limits at exactly the limit and one over, windows ending on the second, and pruning."""

import datetime

import pytest
from django.test import RequestFactory

from fairhearing.publicforms.choices import ThrottledAction
from fairhearing.publicforms.models import OnlineSubmission, ThrottleEvent
from fairhearing.publicforms.services import TooManySubmissions, online_submission_create
from fairhearing.publicforms.throttle import (
    address_key,
    client_address,
    throttle_exceeded,
    throttle_prune,
    throttle_record,
)

from .factories import MOMENT, complaint_answers, fresh_key

pytestmark = pytest.mark.django_db
SUBMISSION = ThrottledAction.SUBMISSION
HOUR, DAY, SECOND = datetime.timedelta(hours=1), datetime.timedelta(days=1), datetime.timedelta(seconds=1)


def request_from(remote: str, forwarded: str | None = None):  # noqa: ANN201
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().post("/complain/check-your-answers/", **extra)


# Whose address ---------------------------------------------------------------------------------------

def test_without_trusted_proxies_x_forwarded_for_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(request_from("203.0.113.9", "198.51.100.1")) == "203.0.113.9"


@pytest.mark.parametrize(("proxies", "forwarded", "expected"), [
    (1, "198.51.100.7", "198.51.100.7"),
    # The client wrote the leftmost entry itself: only the one our proxy added counts.
    (1, "10.0.0.1, 198.51.100.7", "198.51.100.7"),
    (2, "10.0.0.1, 198.51.100.7, 192.0.2.44", "198.51.100.7"),
    # Fewer entries than trusted proxies: the request did not come through them, so REMOTE_ADDR.
    (2, "198.51.100.7", "203.0.113.9"),
    (1, "", "203.0.113.9"),
])
def test_behind_trusted_proxies_the_client_is_counted_from_the_right(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_address(request_from("203.0.113.9", forwarded)) == expected


def test_the_key_is_an_hmac_of_the_address_never_the_address(settings):
    key = address_key("203.0.113.9")
    assert len(key) == 64 and "203" not in key
    assert key == address_key(" 203.0.113.9 ")
    assert key != address_key("203.0.113.10")
    settings.SECRET_KEY = "another-secret-entirely-for-this-test"
    assert address_key("203.0.113.9") != key


def test_ipv6_addresses_count_by_their_64_network():
    assert address_key("2001:db8:1:2:aaaa::1") == address_key("2001:db8:1:2:bbbb::9")
    assert address_key("2001:db8:1:2::1") != address_key("2001:db8:1:3::1")
    assert address_key("::ffff:203.0.113.9") == address_key("203.0.113.9")


# Limits ------------------------------------------------------------------------------------------------

def record(key: str, *moments: datetime.datetime, action: str = SUBMISSION) -> None:
    ThrottleEvent.objects.bulk_create(ThrottleEvent(key=key, action=action, created_at=moment) for moment in moments)


def test_the_hourly_limit_allows_exactly_the_limit(settings):
    settings.PUBLIC_FORMS_SUBMISSIONS_PER_HOUR = 5
    key = fresh_key()
    record(key, *(MOMENT - n * 10 * 60 * SECOND for n in range(4)))
    assert throttle_exceeded(key=key, action=SUBMISSION, now=MOMENT) is None  # a 5th is allowed
    record(key, MOMENT)
    limit = throttle_exceeded(key=key, action=SUBMISSION, now=MOMENT)  # a 6th is not
    assert limit is not None and (limit.count, limit.words) == (5, "an hour")


def test_an_event_exactly_an_hour_old_no_longer_counts(settings):
    settings.PUBLIC_FORMS_SUBMISSIONS_PER_HOUR = 2
    key = fresh_key()
    record(key, MOMENT - HOUR, MOMENT - HOUR + SECOND)
    assert throttle_exceeded(key=key, action=SUBMISSION, now=MOMENT) is None
    record(key, MOMENT - 30 * 60 * SECOND)
    assert throttle_exceeded(key=key, action=SUBMISSION, now=MOMENT) is not None


def test_the_daily_limit_at_exactly_the_limit_and_one_over(settings):
    settings.PUBLIC_FORMS_SUBMISSIONS_PER_HOUR = 5
    settings.PUBLIC_FORMS_SUBMISSIONS_PER_DAY = 20
    key = fresh_key()
    # 19 spread over the day, more than an hour ago, so the hourly limit is never reached.
    record(key, *(MOMENT - 2 * HOUR - n * HOUR for n in range(19)))
    assert throttle_exceeded(key=key, action=SUBMISSION, now=MOMENT) is None  # the 20th is allowed
    record(key, MOMENT - 2 * HOUR + SECOND)
    limit = throttle_exceeded(key=key, action=SUBMISSION, now=MOMENT)
    assert limit is not None and (limit.count, limit.words) == (20, "a day")
    # A day after the oldest, it no longer counts: one more is allowed.
    oldest = ThrottleEvent.objects.order_by("created_at").first().created_at
    assert throttle_exceeded(key=key, action=SUBMISSION, now=oldest + DAY) is None


def test_other_addresses_and_other_actions_do_not_count(settings):
    settings.PUBLIC_FORMS_SUBMISSIONS_PER_HOUR = 1
    key = fresh_key()
    record(fresh_key(), MOMENT)
    record(key, MOMENT, action=ThrottledAction.UPLOAD)
    assert throttle_exceeded(key=key, action=SUBMISSION, now=MOMENT) is None


def test_uploads_have_their_own_hourly_limit(settings):
    settings.PUBLIC_FORMS_UPLOADS_PER_HOUR = 3
    key = fresh_key()
    record(key, MOMENT, MOMENT, action=ThrottledAction.UPLOAD)
    assert throttle_exceeded(key=key, action=ThrottledAction.UPLOAD, now=MOMENT) is None
    record(key, MOMENT, action=ThrottledAction.UPLOAD)
    assert throttle_exceeded(key=key, action=ThrottledAction.UPLOAD, now=MOMENT).count == 3


# Pruning -----------------------------------------------------------------------------------------------

def test_events_a_day_old_are_pruned_and_younger_ones_kept():
    key = fresh_key()
    record(key, MOMENT - DAY - SECOND, MOMENT - DAY, MOMENT - DAY + SECOND)
    assert throttle_prune(now=MOMENT) == 2
    assert list(ThrottleEvent.objects.values_list("created_at", flat=True)) == [MOMENT - DAY + SECOND]


def test_recording_an_event_prunes_old_ones():
    key = fresh_key()
    record(key, MOMENT - 2 * DAY)
    throttle_record(key=key, action=SUBMISSION, now=MOMENT)
    assert list(ThrottleEvent.objects.values_list("created_at", flat=True)) == [MOMENT]


# Through the service -----------------------------------------------------------------------------------

def test_the_service_refuses_one_over_the_limit_and_saves_nothing(settings):
    settings.PUBLIC_FORMS_SUBMISSIONS_PER_HOUR = 2
    key = fresh_key()
    for _ in range(2):
        online_submission_create(answers=complaint_answers(), client_key=key)
    with pytest.raises(TooManySubmissions) as refusal:
        online_submission_create(answers=complaint_answers(), client_key=key)
    assert refusal.value.limit.count == 2
    assert OnlineSubmission.objects.count() == 2
    assert ThrottleEvent.objects.filter(key=key).count() == 2
    assert online_submission_create(answers=complaint_answers(), client_key=fresh_key()).pk  # someone else


def test_the_table_never_holds_an_address():
    online_submission_create(answers=complaint_answers(), client_key=address_key("203.0.113.9"))
    event = ThrottleEvent.objects.get()
    assert "203.0.113.9" not in event.key and event.key == address_key("203.0.113.9")
