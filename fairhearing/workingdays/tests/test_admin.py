"""The admin adds and deletes through the services, so listeners hear every change."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from fairhearing.core.errors import DomainError
from fairhearing.workingdays.models import BankHoliday, ClosureDay

pytestmark = pytest.mark.django_db

# The admin's closure-day checks use the real clock: pin it to a Monday.
NOW = "2025-11-03 10:00 +00:00"


def test_the_lists_load_with_year_filter_and_search(admin_browser):
    response = admin_browser.get(
        reverse("admin:workingdays_bankholiday_changelist"), {"year": "2022", "q": "jubilee"}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Platinum Jubilee of Elizabeth II" in content
    assert "Friday 3 June 2022" in content
    assert "Diamond Jubilee" not in content  # 2012: filtered out by year
    assert "delete_selected" not in content
    assert admin_browser.get(reverse("admin:workingdays_closureday_changelist")).status_code == 200


def test_adding_a_bank_holiday_goes_through_the_service(admin_browser, superuser, calendar_changes):
    response = admin_browser.post(
        reverse("admin:workingdays_bankholiday_add"),
        {"date": "2030-06-04", "name": "Royal occasion"},
    )
    assert response.status_code == 302
    holiday = BankHoliday.objects.get(date=date(2030, 6, 4))
    assert holiday.source == "manual"
    assert calendar_changes.calls[0]["actor"] == superuser
    assert calendar_changes.calls[0]["changed_dates"] == [date(2030, 6, 4)]


def test_a_refused_bank_holiday_is_shown_on_the_form(admin_browser, calendar_changes):
    response = admin_browser.post(
        reverse("admin:workingdays_bankholiday_add"), {"date": "2022-12-25", "name": "Christmas"}
    )
    assert response.status_code == 200
    assert "Sunday 25 December 2022 is already a bank holiday (Christmas Day)." in (
        response.content.decode()
    )
    assert calendar_changes.calls == []


@time_machine.travel(NOW, tick=False)
def test_adding_a_closure_day_goes_through_the_service(admin_browser, superuser, calendar_changes):
    response = admin_browser.post(
        reverse("admin:workingdays_closureday_add"),
        {"date": "2025-12-29", "reason": "Council closed"},
    )
    assert response.status_code == 302
    assert ClosureDay.objects.get().date == date(2025, 12, 29)
    assert calendar_changes.calls[0]["actor"] == superuser


@time_machine.travel(NOW, tick=False)
def test_a_closure_day_at_a_weekend_is_refused_on_the_form(admin_browser, calendar_changes):
    response = admin_browser.post(
        reverse("admin:workingdays_closureday_add"),
        {"date": "2025-12-27", "reason": "Council closed"},
    )
    assert response.status_code == 200
    assert "is a weekend day, so it is already not a working day" in response.content.decode()
    assert not ClosureDay.objects.exists()


def test_deleting_a_bank_holiday_goes_through_the_service(
    admin_browser, superuser, calendar_changes
):
    holiday = BankHoliday.objects.get(date=date(2030, 8, 26))
    response = admin_browser.post(
        reverse("admin:workingdays_bankholiday_delete", args=[holiday.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not BankHoliday.objects.filter(pk=holiday.pk).exists()
    assert calendar_changes.calls[0]["actor"] == superuser
    assert calendar_changes.calls[0]["changed_dates"] == [date(2030, 8, 26)]


@time_machine.travel(NOW, tick=False)
def test_deleting_a_closure_day_goes_through_the_service(admin_browser, calendar_changes):
    closure = ClosureDay.objects.create(date=date(2025, 12, 29), reason="Council closed")
    response = admin_browser.post(
        reverse("admin:workingdays_closureday_delete", args=[closure.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    assert not ClosureDay.objects.exists()
    assert calendar_changes.calls[0]["changed_dates"] == [date(2025, 12, 29)]


@time_machine.travel(NOW, tick=False)
def test_a_past_closure_day_cannot_be_deleted(admin_browser, calendar_changes):
    closure = ClosureDay.objects.create(date=date(2025, 10, 31), reason="Council closed")
    response = admin_browser.post(
        reverse("admin:workingdays_closureday_delete", args=[closure.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert ClosureDay.objects.exists()
    assert calendar_changes.calls == []


def test_the_add_forms_ask_only_for_what_a_person_decides(admin_browser):
    bank_holiday_form = admin_browser.get(reverse("admin:workingdays_bankholiday_add"))
    assert list(bank_holiday_form.context["adminform"].form.fields) == ["date", "name"]
    closure_form = admin_browser.get(reverse("admin:workingdays_closureday_add"))
    assert list(closure_form.context["adminform"].form.fields) == ["date", "reason"]


def test_saved_rows_are_read_only(admin_browser, calendar_changes):
    holiday = BankHoliday.objects.get(date=date(2030, 8, 26))
    url = reverse("admin:workingdays_bankholiday_change", args=[holiday.pk])
    page = admin_browser.get(url)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = admin_browser.post(url, {"date": "2030-08-27", "name": "Moved"})
    assert response.status_code == 403
    holiday.refresh_from_db()
    assert (holiday.date, holiday.name) == (date(2030, 8, 26), "Late Summer Bank Holiday")


def test_a_listener_refusal_is_shown_as_a_message_and_nothing_is_saved(
    admin_browser, calendar_changes
):
    calendar_changes.fail_with = DomainError("Open stage 42 could not be recalculated.")
    url = reverse("admin:workingdays_bankholiday_add")
    response = admin_browser.post(
        url, {"date": "2030-06-04", "name": "Royal occasion"}, follow=True
    )
    assert response.redirect_chain == [(url, 302)]
    assert "Open stage 42 could not be recalculated." in response.content.decode()
    assert not BankHoliday.objects.filter(date=date(2030, 6, 4)).exists()
