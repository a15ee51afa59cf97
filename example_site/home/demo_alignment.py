"""Demo wiring between the apps (``gk_demo``, loader order 60): the 低保 list
type of village affairs and the township's list are aligned with the township
catalog's 最低生活保障 item, and the township's list is filed under it.

Only the host knows that both apps are installed, so this lives here and not
in either app; it does nothing when one of them is absent. Idempotent.
"""

from django.apps import apps

from wagtail_gk.alignment import make_reference

CATALOG_PROVIDER = "catalog"


def _dibao_item(context):
    CatalogItem = apps.get_model("wagtail_gk_catalog", "CatalogItem")
    return (
        CatalogItem.objects.filter(catalog__agency=context.agencies["township_a"], level1="最低生活保障", level2="审核").first()
        or CatalogItem.objects.filter(level1="最低生活保障").exclude(catalog__kind="guide").first()
    )


def align_demo_lists(context) -> None:
    if not (apps.is_installed("wagtail_gk_catalog") and apps.is_installed("wagtail_gk_village")):
        return
    BeneficiaryListType = apps.get_model("wagtail_gk_village", "BeneficiaryListType")
    GovernmentListPage = apps.get_model("wagtail_gk_village", "GovernmentListPage")
    CatalogFiling = apps.get_model("wagtail_gk_catalog", "CatalogFiling")
    dibao = BeneficiaryListType.objects.filter(code="dibao").first()
    item = _dibao_item(context)
    if dibao is None or item is None:
        return
    reference = make_reference(CATALOG_PROVIDER, item.pk)
    if dibao.aligned_item != reference:
        dibao.aligned_item = reference
        dibao.save(update_fields=["aligned_item"])
    filed = 0
    for page in GovernmentListPage.objects.filter(list_type=dibao, slug__startswith="dibao-hongxing-"):
        if page.aligned_item != reference:
            page.aligned_item = reference
            page.save_revision().publish()
        _filing, created = CatalogFiling.objects.get_or_create(
            page=page.page_ptr, item=item, defaults={"event_date": page.period_end}
        )
        filed += created
    context.log(f"alignment: 低保 aligned with catalog item {item.pk}, {filed} list(s) filed")
