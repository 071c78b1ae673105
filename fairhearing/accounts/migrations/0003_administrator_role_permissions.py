"""Give the administrator role what it needs in the Django admin, and nothing more.

An administrator keeps the service's reference data and accounts up to date. They are not part of
the complaints team, so they get no permission on complaints, people (complainants, children and
their monitoring data), documents, notes, stages or the audit log: the admin then neither lists
nor opens those records for them, and the caseworker pages already refuse them every complaint.

| model | permissions | why not more |
|---|---|---|
| accounts.User | view, add, change | no delete: people who acted stay on the audit log; deactivate instead |
| accounts.Team | view, add, change | no delete: complaints and reports keep their teams; untick "is active" |
| auth.Group (the roles) | view | changing a role's permissions would let an administrator widen any role, their own included |
| cases.Theme | view, add, change | no delete: retired themes stay on old complaints (the admin refuses it anyway) |
| cases.Procedure | view, change | procedures come with the software; only local targets change |
| stages.StageRule | view, change | statutory periods are read-only in the admin; local targets change |
| workingdays.BankHoliday, ClosureDay | view, add, delete | rows are never edited: delete and add again, each audited |

The audit log is left out on purpose: it records who opened which child's complaint and every
step of every case, including restricted ones. Auditors read it through a role of their own.

Permissions are normally created after all migrations run; they are created here first so that
this migration also works on a new, empty database.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ROLE = "administrator"
GRANTS = {
    ("accounts", "user"): ("view", "add", "change"),
    ("accounts", "team"): ("view", "add", "change"),
    ("auth", "group"): ("view",),
    ("cases", "theme"): ("view", "add", "change"),
    ("cases", "procedure"): ("view", "change"),
    ("stages", "stagerule"): ("view", "change"),
    ("workingdays", "bankholiday"): ("view", "add", "delete"),
    ("workingdays", "closureday"): ("view", "add", "delete"),
}


def _permissions(apps):
    Permission = apps.get_model("auth", "Permission")
    found = []
    for (app_label, model), actions in GRANTS.items():
        for action in actions:
            found.append(Permission.objects.get(content_type__app_label=app_label,
                                                content_type__model=model, codename=f"{action}_{model}"))
    return found


def grant(apps, schema_editor):
    for app_label in sorted({app_label for app_label, _ in GRANTS}):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # historical app configs have none; create_permissions needs one
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
        ("accounts", "0002_role_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("cases", "0003_access_documents_and_notes"),
        ("stages", "0003_stage_resolved_informally"),
        ("workingdays", "0002_seed_england_and_wales_bank_holidays"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
