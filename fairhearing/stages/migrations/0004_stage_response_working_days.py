"""Store each response's time in working days, and fill it in for responses already recorded."""

from django.db import migrations, models

from fairhearing.workingdays.calendar import WorkingDayCalendar


def fill_response_working_days(apps, schema_editor):
    """Same rule as stages.deadlines.response_working_days, on the historical models."""
    BankHoliday = apps.get_model("workingdays", "BankHoliday")
    ClosureDay = apps.get_model("workingdays", "ClosureDay")
    Stage = apps.get_model("stages", "Stage")
    non_working = dict(ClosureDay.objects.values_list("date", "reason"))
    non_working.update(BankHoliday.objects.values_list("date", "name"))
    calendar = WorkingDayCalendar(non_working)
    responded = Stage.objects.filter(responded_on__isnull=False, response_working_days__isnull=True)
    batch = []
    for stage in responded.iterator(chunk_size=2000):
        start = stage.requested_on if stage.number == 3 else stage.clock_started_on
        if start is None:
            continue
        stage.response_working_days = max(
            0, calendar.working_days_between(start, stage.responded_on) - stage.paused_working_days
        )
        batch.append(stage)
    Stage.objects.bulk_update(batch, ["response_working_days"], batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ("stages", "0003_stage_resolved_informally"),
        ("workingdays", "0002_seed_england_and_wales_bank_holidays"),
    ]

    operations = [
        migrations.AddField(
            model_name="stage",
            name="response_working_days",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(fill_response_working_days, migrations.RunPython.noop),
    ]
