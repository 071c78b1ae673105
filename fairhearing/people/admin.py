"""People are managed through the complaint pages; the admin is for corrections by administrators."""

from django.contrib import admin

from .models import Child, ChildMonitoring, Person


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ("full_name", "email", "telephone")
    search_fields = ("first_name", "last_name", "email")


class ChildMonitoringInline(admin.StackedInline):
    model = ChildMonitoring
    can_delete = False


@admin.register(Child)
class ChildAdmin(admin.ModelAdmin):
    list_display = ("full_name", "date_of_birth", "legal_status")
    search_fields = ("first_name", "last_name", "case_system_id")
    inlines = [ChildMonitoringInline]
