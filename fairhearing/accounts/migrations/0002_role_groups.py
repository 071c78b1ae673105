"""One Django group per role, so administrators can give people roles in the admin."""

from django.db import migrations

ROLES = [
    "complaints_manager", "complaints_officer", "responding_manager", "senior_manager",
    "investigator", "learning_lead", "report_reader", "administrator",
]


def add_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(add_groups, migrations.RunPython.noop)]
