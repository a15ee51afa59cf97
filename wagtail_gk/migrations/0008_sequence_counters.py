"""Index number serials move from ``IndexNumberSequence`` to ``Counter``, the
core's table of :class:`~wagtail_gk.models.sequences.SequenceCounter` rows
(docs/architecture.md, "Sequences").

Every (agency code, year) row is copied with its last serial, so numbering
goes on where it stopped. Reversible: going back copies the index number
rows into ``IndexNumberSequence`` again.
"""

from django.db import migrations, models

KEY = "index_number"


def copy_to_counters(apps, schema_editor):
    alias = schema_editor.connection.alias
    Old = apps.get_model("wagtail_gk", "IndexNumberSequence")
    Counter = apps.get_model("wagtail_gk", "Counter")
    Counter.objects.using(alias).bulk_create(
        Counter(key=KEY, scope=row.agency_code, year=row.year, last_value=row.last_serial)
        for row in Old.objects.using(alias).iterator()
    )


def copy_back(apps, schema_editor):
    alias = schema_editor.connection.alias
    Old = apps.get_model("wagtail_gk", "IndexNumberSequence")
    Counter = apps.get_model("wagtail_gk", "Counter")
    Old.objects.using(alias).bulk_create(
        Old(agency_code=row.scope, year=row.year, last_serial=row.last_value)
        for row in Counter.objects.using(alias).filter(key=KEY).iterator()
    )


class Migration(migrations.Migration):

    dependencies = [
        ("wagtail_gk", "0007_sensitive_terms_normalised"),
    ]

    operations = [
        migrations.CreateModel(
            name="Counter",
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
                    models.UniqueConstraint(fields=("key", "scope", "year"), name="wagtail_gk_counter_unique"),
                ],
            },
        ),
        migrations.RunPython(copy_to_counters, copy_back),
        migrations.DeleteModel(name="IndexNumberSequence"),
    ]
