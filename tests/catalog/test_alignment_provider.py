"""The catalog's items offered through core's alignment registry, and a
village list type aligned with one of them."""

import pytest

from wagtail_gk import alignment
from wagtail_gk_catalog.alignment import PROVIDER_KEY

pytestmark = pytest.mark.django_db


def _item(catalog, level2):
    return catalog.items.get(level1="最低生活保障", level2=level2)


def test_catalog_registers_its_items(township_catalog):
    provider = alignment.get_provider(PROVIDER_KEY)
    assert provider is not None and alignment.has_providers()
    item = _item(township_catalog, "审核")
    choices = dict(provider.choices())
    assert choices[str(item.pk)] == f"社会救助 / 最低生活保障 / 审核（{township_catalog.name}）"
    assert provider.get(str(item.pk)) == item and provider.get("x") is None and provider.get("999999") is None
    assert provider.url(str(item.pk)).endswith(f"/{item.pk}/") and provider.url("999999") is None
    reference = alignment.make_reference(PROVIDER_KEY, item.pk)
    assert alignment.resolve(reference) == item
    assert alignment.describe_references([reference]) == {reference: choices[str(item.pk)]}


def test_removed_items_are_not_offered_and_deleted_ones_are_reported(township_catalog):
    from django.core.exceptions import ValidationError

    provider = alignment.get_provider(PROVIDER_KEY)
    removed, deleted = _item(township_catalog, "审核"), _item(township_catalog, "办事指南")
    removed.removed = True
    removed.save()
    assert str(removed.pk) not in dict(provider.choices())
    reference = alignment.make_reference(PROVIDER_KEY, deleted.pk)
    alignment.validate_alignment_reference(reference)
    deleted.delete()
    with pytest.raises(ValidationError):
        alignment.validate_alignment_reference(reference)
    assert alignment.describe_references([reference]) == {reference: f"项目已不存在（{reference}）"}


@pytest.mark.requires_apps("wagtail_gk_village")
def test_village_list_type_aligns_with_a_catalog_item(township_catalog):
    from django.core.exceptions import ValidationError

    from wagtail_gk_village.models import BeneficiaryListType

    item = _item(township_catalog, "审核")
    dibao = BeneficiaryListType.objects.get(code="dibao")
    dibao.aligned_item = alignment.make_reference(PROVIDER_KEY, item.pk)
    dibao.full_clean()
    dibao.aligned_item = alignment.make_reference(PROVIDER_KEY, 999999)
    with pytest.raises(ValidationError) as error:
        dibao.full_clean()
    assert "aligned_item" in error.value.message_dict


@pytest.mark.slow
@pytest.mark.requires_apps("wagtail_gk_village")
def test_demo_aligns_the_village_list_with_the_township_catalog(db):
    import io

    from django.core.management import call_command

    from wagtail_gk_catalog.models import CatalogFiling
    from wagtail_gk_village.alignment import PairStatus, alignment_report
    from wagtail_gk_village.models import BeneficiaryListType, GovernmentListPage

    call_command("gk_demo", stdout=io.StringIO())
    call_command("gk_demo", stdout=io.StringIO())  # idempotent
    dibao = BeneficiaryListType.objects.get(code="dibao")
    item = alignment.resolve(dibao.aligned_item)
    assert dibao.aligned_item.startswith(f"{PROVIDER_KEY}:") and item.catalog.agency.short_name == "杨和镇"
    government = GovernmentListPage.objects.get(slug__startswith="dibao-hongxing-")
    assert government.aligned_item == dibao.aligned_item
    assert CatalogFiling.objects.filter(page=government.page_ptr, item=item).count() == 1
    pairs = alignment_report(item.catalog.agency)
    assert [p.status for p in pairs if p.village_name == "红星村"] == [PairStatus.DIFFERENT]
