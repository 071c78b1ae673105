"""The starting list of complaint themes, taken from councils' published annual reports.

Councils rename, add or retire themes in the admin; retired themes stay on old complaints.
"""

from django.db import migrations

THEMES = [
    ("Standard of service", "The quality of the service received fell short of what was expected."),
    ("Lack of communication", "Not kept informed, calls or emails not returned."),
    ("Disputing a decision", "Disagreement with a decision Children's Services made."),
    ("Inaccurate information", "Records, reports or assessments contain wrong information."),
    ("Attitude or behaviour of staff", "How a member of staff spoke to or treated someone."),
    ("Financial issues", "Allowances, payments, savings or charges."),
    ("Delay", "Something took too long: an assessment, a plan, a service."),
    ("Contact arrangements", "Family time and contact, including missed or cancelled contact."),
    ("Assessment", "How an assessment was carried out or its conclusions."),
    ("Placement", "Where a child lives, moves of placement, placement quality."),
    ("Confidentiality or data protection", "Information shared wrongly or not protected."),
    ("Leaving care support", "Support for care leavers: pathway plans, accommodation, finance."),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("cases", "Theme")
    for name, description in THEMES:
        Theme.objects.get_or_create(name=name, defaults={"description": description})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_complaint_record")]

    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
