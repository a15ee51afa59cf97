"""Tracking number and document number serials move from ``TrackingSequence``
and ``DocumentNumberSequence`` to ``FoiaCounter``, the app's table of
:class:`~wagtail_gk.models.sequences.SequenceCounter` rows
(docs/architecture.md, "Sequences").

Every year's tracking serial and every (prefix, year) document serial is
copied with its last value, so numbering goes on where it stopped.
Reversible: going back copies the rows into the two old tables again.
"""

from django.db import migrations, models

TRACKING_NUMBER = "tracking_number"
DOCUMENT_NUMBER = "document_number"


def copy_to_counters(apps, schema_editor):
    alias = schema_editor.connection.alias
    FoiaCounter = apps.get_model("wagtail_gk_foia", "FoiaCounter")
    Tracking = apps.get_model("wagtail_gk_foia", "TrackingSequence")
    Documents = apps.get_model("wagtail_gk_foia", "DocumentNumberSequence")
    rows = [
        FoiaCounter(key=TRACKING_NUMBER, scope="", year=row.year, last_value=row.last_serial)
        for row in Tracking.objects.using(alias).iterator()
    ]
    rows += [
        FoiaCounter(key=DOCUMENT_NUMBER, scope=row.prefix, year=row.year, last_value=row.last_serial)
        for row in Documents.objects.using(alias).iterator()
    ]
    FoiaCounter.objects.using(alias).bulk_create(rows)


def copy_back(apps, schema_editor):
    alias = schema_editor.connection.alias
    counters = apps.get_model("wagtail_gk_foia", "FoiaCounter").objects.using(alias)
    Tracking = apps.get_model("wagtail_gk_foia", "TrackingSequence")
    Documents = apps.get_model("wagtail_gk_foia", "DocumentNumberSequence")
    Tracking.objects.using(alias).bulk_create(
        Tracking(year=row.year, last_serial=row.last_value) for row in counters.filter(key=TRACKING_NUMBER, scope="")
    )
    Documents.objects.using(alias).bulk_create(
        Documents(prefix=row.scope, year=row.year, last_serial=row.last_value) for row in counters.filter(key=DOCUMENT_NUMBER)
    )


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_gk_foia", "0002_correction_period_days"),
    ]

    operations = [
        migrations.CreateModel(
            name="FoiaCounter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=40)),
                ("scope", models.CharField(blank=True, default="", max_length=64)),
                ("year", models.PositiveIntegerField()),
                ("last_value", models.PositiveIntegerField(default=0)),
            ],
            options={
                "verbose_name": "Numbering counter",
                "verbose_name_plural": "Numbering counters",
                "abstract": False,
                "constraints": [
                    models.UniqueConstraint(fields=("key", "scope", "year"), name="wagtail_gk_foia_foiacounter_unique"),
                ],
            },
        ),
        migrations.RunPython(copy_to_counters, copy_back),
        migrations.DeleteModel(name="DocumentNumberSequence"),
        migrations.DeleteModel(name="TrackingSequence"),
    ]
