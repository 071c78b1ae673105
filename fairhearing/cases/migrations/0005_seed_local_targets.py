"""The two local response targets, at 10 working days each (the figure councils' published reports
use for Members' enquiries and initial feedback). Administrators change them in the admin."""

from django.db import migrations

TARGETS = [
    (
        "enquiry_response",
        10,
        "Working days to answer an enquiry from an MP, MEP or councillor, counted from the day "
        "after it was received.",
    ),
    (
        "concern_response",
        10,
        "Working days for the service to respond to initial feedback (a concern), counted from "
        "the day after it was sent to the service, or after it was received until then.",
    ),
]


def add_targets(apps, schema_editor):
    LocalTarget = apps.get_model("cases", "LocalTarget")
    for kind, days, description in TARGETS:
        LocalTarget.objects.get_or_create(kind=kind, defaults={"working_days": days, "description": description})


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_other_representations_and_costs")]

    operations = [migrations.RunPython(add_targets, migrations.RunPython.noop)]
