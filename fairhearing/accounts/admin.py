from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from .models import Team, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = BaseUserAdmin.fieldsets + (
        ("Council", {"fields": ("job_title", "organisation", "teams")}),
    )
    filter_horizontal = ("groups", "user_permissions", "teams")
    list_display = ("username", "first_name", "last_name", "email", "is_active")


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("name", "service_area", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "service_area")
