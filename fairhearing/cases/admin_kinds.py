"""Admin for compliments, enquiries, concerns, ADR, IRO disputes and costs.

The local response targets are the only thing changed here, through ``local_target_update`` so
the change is audited. The records themselves change only through their services (the caseworker
pages), so the admin shows them read-only: no adding, editing, deleting or bulk actions.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from fairhearing.core.errors import DomainError

from .kinds.targets import local_target_update
from .models import (
    AdrCase,
    Compliment,
    Concern,
    Cost,
    Enquiry,
    IroDispute,
    KindReferenceCounter,
    LocalTarget,
)


class LocalTargetForm(forms.ModelForm):
    class Meta:
        model = LocalTarget
        fields = ["working_days", "description"]

    def clean_working_days(self) -> int:
        days = self.cleaned_data["working_days"]
        if not 1 <= days <= 100:
            raise ValidationError("The target must be between 1 and 100 working days.")
        return days


@admin.register(LocalTarget)
class LocalTargetAdmin(admin.ModelAdmin):
    """A council's own targets. A change applies to records logged afterwards: each record
    stores the due date worked out when it was logged."""

    form = LocalTargetForm
    list_display = ("kind", "working_days", "updated_at")
    fields = ("kind", "working_days", "description", "updated_at")
    readonly_fields = ("kind", "updated_at")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: LocalTarget, form: forms.ModelForm, change: bool) -> None:
        local_target_update(
            target=obj, working_days=obj.working_days, description=obj.description, actor=request.user
        )

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            self.message_user(request, error.message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class ReadOnlyAdmin(admin.ModelAdmin):
    """Shows a record and changes nothing: the services own every write."""

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> list[str]:
        return [field.name for field in self.model._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        # The change page is the only detail page the admin has: allow looking, never saving.
        return request.method in ("GET", "HEAD") and super().has_view_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def get_actions(self, request: HttpRequest) -> dict:
        return {}


@admin.register(Compliment)
class ComplimentAdmin(ReadOnlyAdmin):
    list_display = ("reference", "received_on", "team", "source", "consent_to_quote", "quotable")
    list_filter = ("source", "consent_to_quote", "channel")
    search_fields = ("reference",)
    date_hierarchy = "received_on"
    list_select_related = ("team",)

    @admin.display(boolean=True, description="May be quoted")
    def quotable(self, obj: Compliment) -> bool:
        return obj.quotable


@admin.register(Enquiry)
class EnquiryAdmin(ReadOnlyAdmin):
    list_display = ("reference", "received_on", "member_kind", "team", "response_due_on", "responded_on")
    list_filter = ("member_kind",)
    search_fields = ("reference",)
    date_hierarchy = "received_on"
    list_select_related = ("team",)


@admin.register(Concern)
class ConcernAdmin(ReadOnlyAdmin):
    list_display = ("reference", "received_on", "team", "status", "response_due_on", "converted_to")
    list_filter = ("status", "channel")
    search_fields = ("reference",)
    date_hierarchy = "received_on"
    list_select_related = ("team", "converted_to")


@admin.register(AdrCase)
class AdrCaseAdmin(ReadOnlyAdmin):
    list_display = ("reference", "offered_on", "complaint", "stage_number", "method", "result", "saving")
    list_filter = ("result", "method")
    search_fields = ("reference", "complaint__reference")
    date_hierarchy = "offered_on"
    list_select_related = ("complaint",)


@admin.register(IroDispute)
class IroDisputeAdmin(ReadOnlyAdmin):
    list_display = ("reference", "raised_on", "team", "local_stage", "resolved_on")
    list_filter = ("local_stage",)
    search_fields = ("reference",)
    date_hierarchy = "raised_on"
    list_select_related = ("team",)


@admin.register(Cost)
class CostAdmin(ReadOnlyAdmin):
    list_display = ("incurred_on", "kind", "amount", "complaint")
    list_filter = ("kind",)
    search_fields = ("complaint__reference",)
    date_hierarchy = "incurred_on"
    list_select_related = ("complaint",)


@admin.register(KindReferenceCounter)
class KindReferenceCounterAdmin(ReadOnlyAdmin):
    list_display = ("kind", "year", "last_number")
    list_filter = ("kind",)
