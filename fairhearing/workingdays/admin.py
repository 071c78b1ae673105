"""Admin for bank holidays and closure days.

Every add and delete goes through ``services`` with ``request.user`` as the actor, so due dates
are recalculated and the change is audited exactly as from any other caller. Rows cannot be
edited once saved: to correct one, delete it and add the right one (two audited changes, rather
than an edit that silently moves a date under open cases). The bulk "delete selected" action is
switched off because each deletion must be checked and notified one by one.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from fairhearing.core import clock
from fairhearing.core.dates import long_date_with_day
from fairhearing.core.errors import DomainError

from .models import BankHoliday, ClosureDay
from .services import (
    bank_holiday_create,
    bank_holiday_create_check,
    bank_holiday_delete,
    closure_day_create,
    closure_day_create_check,
    closure_day_delete,
)


class YearListFilter(admin.SimpleListFilter):
    """Filter the list to one calendar year."""

    title = "year"
    parameter_name = "year"

    def lookups(self, request: HttpRequest, model_admin: admin.ModelAdmin) -> list[tuple[str, str]]:
        years = model_admin.get_queryset(request).dates("date", "year", order="DESC")
        return [(str(day.year), str(day.year)) for day in years]

    def queryset(self, request: HttpRequest, queryset: QuerySet) -> QuerySet:
        value = self.value()
        if value and value.isdigit():
            return queryset.filter(date__year=int(value))
        return queryset


class BankHolidayForm(forms.ModelForm):
    class Meta:
        model = BankHoliday
        fields = ["date", "name"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("name"):
            try:
                bank_holiday_create_check(date=cleaned["date"], name=cleaned["name"])
            except DomainError as error:
                self.add_error("date", ValidationError(error.message, code=error.code))
        return cleaned


class ClosureDayForm(forms.ModelForm):
    class Meta:
        model = ClosureDay
        fields = ["date", "reason"]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("reason"):
            try:
                closure_day_create_check(date=cleaned["date"], reason=cleaned["reason"])
            except DomainError as error:
                self.add_error("date", ValidationError(error.message, code=error.code))
        return cleaned


class CalendarRowAdmin(admin.ModelAdmin):
    """What both tables share: add and delete through services, no edits, no bulk delete."""

    list_filter: tuple = (YearListFilter,)
    list_per_page = 50
    # The add form asks only for what a person decides; the read-only page shows the rest.
    add_fields: tuple[str, ...] = ()
    view_fields: tuple[str, ...] = ()

    def get_fields(self, request: HttpRequest, obj: Model | None = None) -> tuple[str, ...]:
        return self.add_fields if obj is None else self.view_fields

    @admin.display(description="Date", ordering="date")
    def date_with_day(self, obj: BankHoliday | ClosureDay) -> str:
        return long_date_with_day(obj.date)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # Saved rows are shown read-only; see the module docstring.
        return False

    def get_actions(self, request: HttpRequest) -> dict:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(
        self, request: HttpRequest, obj: Model, form: forms.ModelForm, change: bool
    ) -> None:
        saved = self._create(request, obj)
        # The admin goes on to log and redirect using ``obj``: make it the row the service saved.
        for field in saved._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding = False
        obj._state.db = saved._state.db

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet) -> None:
        # Not reachable from the admin pages, but if anything calls it, still use the services.
        for obj in queryset:
            self.delete_model(request, obj)

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        # The form shows refusals beside the field; this catches what only saving can reveal,
        # e.g. a listener refusing the change. The transaction has already rolled back.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict | None = None
    ) -> HttpResponse:
        try:
            return super().delete_view(request, object_id, extra_context)
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            opts = self.model._meta
            return HttpResponseRedirect(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            )

    def _create(self, request: HttpRequest, obj: Model) -> Model:
        raise NotImplementedError


@admin.register(BankHoliday)
class BankHolidayAdmin(CalendarRowAdmin):
    form = BankHolidayForm
    list_display = ("date_with_day", "name", "source")
    list_filter = (YearListFilter, "source")
    search_fields = ("name",)
    add_fields = ("date", "name")
    view_fields = ("date", "name", "source", "created_at")

    def _create(self, request: HttpRequest, obj: BankHoliday) -> BankHoliday:
        return bank_holiday_create(date=obj.date, name=obj.name, actor=request.user)

    def delete_model(self, request: HttpRequest, obj: BankHoliday) -> None:
        bank_holiday_delete(bank_holiday=obj, actor=request.user)


@admin.register(ClosureDay)
class ClosureDayAdmin(CalendarRowAdmin):
    form = ClosureDayForm
    list_display = ("date_with_day", "reason")
    search_fields = ("reason",)
    add_fields = ("date", "reason")
    view_fields = ("date", "reason", "created_at")

    def has_delete_permission(self, request: HttpRequest, obj: ClosureDay | None = None) -> bool:
        # A closure day that has happened stays, so past deadlines do not move.
        if obj is not None and obj.date < clock.today():
            return False
        return super().has_delete_permission(request, obj)

    def _create(self, request: HttpRequest, obj: ClosureDay) -> ClosureDay:
        return closure_day_create(date=obj.date, reason=obj.reason, actor=request.user)

    def delete_model(self, request: HttpRequest, obj: ClosureDay) -> None:
        closure_day_delete(closure_day=obj, actor=request.user)
