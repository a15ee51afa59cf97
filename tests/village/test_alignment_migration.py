"""Migration 0003 turns the bare ``catalog_item_id`` into ``aligned_item``
references, and back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE, AFTER = ("wagtail_gk_village", "0002_seed_categories"), ("wagtail_gk_village", "0003_aligned_item")


def _migrate(target):
    MigrationExecutor(connection).migrate([target])
    return MigrationExecutor(connection).loader.project_state(target).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_catalog_item_ids_become_references_and_back():
    try:
        apps = _migrate(BEFORE)
        ListType = apps.get_model("wagtail_gk_village", "BeneficiaryListType")
        Category = apps.get_model("wagtail_gk_village", "NoticeCategory")
        ListType.objects.filter(code="dibao").update(catalog_item_id=12)
        Category.objects.filter(code="finance").update(catalog_item_id=5)

        apps = _migrate(AFTER)
        ListType = apps.get_model("wagtail_gk_village", "BeneficiaryListType")
        Category = apps.get_model("wagtail_gk_village", "NoticeCategory")
        assert dict(ListType.objects.exclude(aligned_item="").values_list("code", "aligned_item")) == {"dibao": "catalog:12"}
        assert dict(Category.objects.exclude(aligned_item="").values_list("code", "aligned_item")) == {"finance": "catalog:5"}
        ListType.objects.filter(code="farm_subsidy").update(aligned_item="other:x")  # not the catalog's: no id to go back to

        apps = _migrate(BEFORE)
        ListType = apps.get_model("wagtail_gk_village", "BeneficiaryListType")
        Category = apps.get_model("wagtail_gk_village", "NoticeCategory")
        assert dict(ListType.objects.exclude(catalog_item_id=None).values_list("code", "catalog_item_id")) == {"dibao": 12}
        assert dict(Category.objects.exclude(catalog_item_id=None).values_list("code", "catalog_item_id")) == {"finance": 5}
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())
