"""'Today' is the date in England, not in UTC: a complaint logged just after midnight in summer
belongs to the new day."""

import datetime as dt

import time_machine

from fairhearing.core import clock


@time_machine.travel(dt.datetime(2023, 6, 1, 23, 30, tzinfo=dt.UTC), tick=False)
def test_today_is_the_london_date_in_summer_time():
    # 23:30 UTC is 00:30 on 2 June in British Summer Time.
    assert clock.today() == dt.date(2023, 6, 2)


@time_machine.travel(dt.datetime(2023, 12, 1, 23, 30, tzinfo=dt.UTC), tick=False)
def test_today_in_winter_matches_utc():
    assert clock.today() == dt.date(2023, 12, 1)


def test_now_is_timezone_aware():
    assert clock.now().tzinfo is not None
