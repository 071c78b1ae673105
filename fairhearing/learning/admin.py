"""Admin for learning records, read-only: notes, meetings, plans, actions and updates change only
through learning.services, which check dates and numbering and write the audit trail."""

from django.contrib import admin

from .models import Action, ActionPlan, ActionUpdate, LearningMeeting, LearningNote


class ReadOnlyAdmin(admin.ModelAdmin):
    """Every field shown, nothing added, changed or deleted here."""

    def get_readonly_fields(self, request, obj=None):  # noqa: ANN001, ANN201
        opts = self.model._meta
        return [field.name for field in opts.fields] + [field.name for field in opts.many_to_many]

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        return False


@admin.register(LearningNote)
class LearningNoteAdmin(ReadOnlyAdmin):
    list_display = ("complaint", "stage", "root_cause", "practitioner_told_on",
                    "shared_with_learning_team_on", "recorded_on")
    list_filter = ("root_cause", "themes")
    list_select_related = ("complaint", "stage")
    search_fields = ("complaint__reference",)
    date_hierarchy = "recorded_on"


@admin.register(LearningMeeting)
class LearningMeetingAdmin(ReadOnlyAdmin):
    list_display = ("held_on", "chair", "approved_by", "approved_on")
    date_hierarchy = "held_on"


class ActionInline(ReadOnlyInline):
    model = Action
    fields = ("number", "task", "owner", "start_by_text", "start_by", "target_text", "target_on", "status")
    readonly_fields = fields


@admin.register(ActionPlan)
class ActionPlanAdmin(ReadOnlyAdmin):
    list_display = ("title", "period_label", "starts_on", "ends_on")
    inlines = [ActionInline]


class ActionUpdateInline(ReadOnlyInline):
    model = ActionUpdate
    fields = ("written_on", "status_after", "text", "created_by")
    readonly_fields = fields
    show_change_link = False


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ("plan", "number", "owner", "target_on", "status", "completed_on")
    list_filter = ("status", "plan")
    list_select_related = ("plan",)
    search_fields = ("task", "owner")
    inlines = [ActionUpdateInline]
