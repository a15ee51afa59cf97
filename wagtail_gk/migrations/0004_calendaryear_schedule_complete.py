"""A year is known only once its schedule is complete (mark the shipped years); weekly reminder records."""

from django.db import migrations, models


def mark_shipped_years(apps, schema_editor):
    CalendarYear = apps.get_model("wagtail_gk", "CalendarYear")
    # Every shipped or imported year has at least its 元旦 holiday; an empty row was never a schedule.
    CalendarYear.objects.filter(days__kind="holiday").update(schedule_complete=True)


class Migration(migrations.Migration):
    dependencies = [("wagtail_gk", "0003_gate_ledger_and_sensitive_terms")]

    operations = [
        migrations.AddField(
            model_name="calendaryear",
            name="schedule_complete",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Tick once every holiday and make-up day of the State Council's notice for this year is entered. "
                    "Until then the year is unknown: deadlines that reach it are provisional (weekends only)."
                ),
                verbose_name="Schedule complete",
            ),
        ),
        migrations.RunPython(mark_shipped_years, migrations.RunPython.noop),
        migrations.CreateModel(
            name="CalendarReminderSent",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("year", models.PositiveSmallIntegerField()),
                ("sent_on", models.DateField()),
                ("recipients", models.TextField(blank=True)),
            ],
            options={
                "indexes": [models.Index(fields=["year", "sent_on"], name="gk_calendar_reminder_year")],
            },
        ),
    ]
