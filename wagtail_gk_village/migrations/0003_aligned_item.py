"""``catalog_item_id`` (a bare catalog item id) becomes ``aligned_item``, a
reference of :mod:`wagtail_gk.alignment`: ``"catalog:<id>"``. Reversible: the
way back keeps the ids of references to the catalog and drops any other."""

import wagtail_gk.alignment
from django.db import migrations, models

MODELS = ("noticecategory", "beneficiarylisttype", "governmentlistpage")
CATALOG = "catalog:"  # the key the catalog app registers its items under


def to_references(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("wagtail_gk_village", name)
        for row in model.objects.exclude(catalog_item_id=None).only("pk", "catalog_item_id"):
            model.objects.filter(pk=row.pk).update(aligned_item=f"{CATALOG}{row.catalog_item_id}")


def to_ids(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("wagtail_gk_village", name)
        for row in model.objects.filter(aligned_item__startswith=CATALOG).only("pk", "aligned_item"):
            item = row.aligned_item[len(CATALOG):]
            if item.isdigit():
                model.objects.filter(pk=row.pk).update(catalog_item_id=int(item))


def field(label, help_text):
    return models.CharField(
        blank=True, default="", help_text=help_text, max_length=80,
        validators=[wagtail_gk.alignment.validate_alignment_reference], verbose_name=label,
    )


LIST_HELP = "The item of the government's standard catalog that this corresponds to (the same matter must be disclosed with matching content). Not used when the catalog app is not installed."


class Migration(migrations.Migration):

    dependencies = [
        ('wagtail_gk_village', '0002_seed_categories'),
    ]

    operations = [
        migrations.AddField(model_name='beneficiarylisttype', name='aligned_item', field=field('Matching catalog item', LIST_HELP)),
        migrations.AddField(
            model_name='governmentlistpage', name='aligned_item', field=field('Catalog item', "Leave empty to use the list type's catalog item.")
        ),
        migrations.AddField(model_name='noticecategory', name='aligned_item', field=field('Matching catalog item', LIST_HELP)),
        migrations.RunPython(to_references, to_ids),
        migrations.RemoveField(model_name='beneficiarylisttype', name='catalog_item_id'),
        migrations.RemoveField(model_name='governmentlistpage', name='catalog_item_id'),
        migrations.RemoveField(model_name='noticecategory', name='catalog_item_id'),
    ]
