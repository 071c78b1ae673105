"""Admin for users and teams.

Administrators (the administrator role, not superusers) manage accounts and teams, but must not be
able to widen anyone's powers beyond the roles: superuser status and one-off permissions are for
superusers only, superuser accounts can only be changed by superusers, and nobody changes their
own roles (another administrator must).
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Team, User

SUPERUSER_ONLY_FIELDS = ("is_superuser", "user_permissions")


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Council", {"fields": ("job_title", "organisation", "teams")}),
    )
    filter_horizontal = ("groups", "user_permissions", "teams")
    list_display = ("username", "first_name", "last_name", "email", "is_active")

    def get_readonly_fields(self, request, obj=None):  # noqa: ANN001, ANN201
        fields = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            fields += SUPERUSER_ONLY_FIELDS
            if obj is not None and obj.pk == request.user.pk:
                fields += ["groups", "is_staff"]
        return fields

    def has_change_permission(self, request, obj=None) -> bool:  # noqa: ANN001
        if obj is not None and obj.is_superuser and not request.user.is_superuser:
            return False
        return super().has_change_permission(request, obj)


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "service_area", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "service_area")
