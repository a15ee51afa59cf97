from django.db import migrations


def seed_categories(apps, schema_editor):
    from wagtail_gk_village.seeds import seed

    seed(
        apps.get_model("wagtail_gk_village", "NoticeCategory"),
        apps.get_model("wagtail_gk_village", "BeneficiaryListType"),
        apps.get_model("wagtail_gk_village", "ListTypeColumn"),
    )


class Migration(migrations.Migration):
    dependencies = [("wagtail_gk_village", "0001_initial")]

    operations = [migrations.RunPython(seed_categories, migrations.RunPython.noop)]
