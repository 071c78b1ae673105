"""Seed the fourteen letter templates: seven letters, each in a standard and a child-friendly version.

The wording comes from fairhearing/letters/defaults.py, which the edit page also offers as "the
default wording", so a new installation and a reset agree. Existing templates are never
overwritten: a council's own wording survives re-running migrations.
"""

from django.db import migrations


def seed_templates(apps, schema_editor):
    from fairhearing.letters.defaults import DEFAULT_TEMPLATES

    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for (kind, audience), (subject, body) in DEFAULT_TEMPLATES.items():
        LetterTemplate.objects.get_or_create(kind=kind, audience=audience, defaults={"subject": subject, "body": body})


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_letter_templates_and_letters")]

    operations = [migrations.RunPython(seed_templates, migrations.RunPython.noop)]
