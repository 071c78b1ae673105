"""Let the administrator role change the local response targets for enquiries and concerns.

Only view and change on LocalTarget: the two rows come with the software (no add or delete), and
compliments, enquiries, concerns, ADR, IRO disputes and costs hold personal data the
administrator role has no business reading, so it gets no permission on them.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE = "administrator"
CODENAMES = ("view_localtarget", "change_localtarget")


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.filter(content_type__app_label="cases", codename__in=CODENAMES))


def grant(apps, schema_editor):
    # Permissions are normally made after every migration has run; make them now so this also
    # works on a new, empty database.
    app_config = apps.get_app_config("cases")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=ROLE)
    group.permissions.add(*_permissions(apps))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name=ROLE).first()
    if group is not None:
        group.permissions.remove(*_permissions(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0005_seed_local_targets"),
        ("accounts", "0003_administrator_role_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
