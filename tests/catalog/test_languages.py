"""A catalog exported in English imports again, in English or in Chinese, and
a Chinese export imports in English: the importer accepts both languages'
headers and values. Import problems name the column in the user's language."""

import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from wagtail_gk_catalog import importing, services
from wagtail_gk_catalog.exporting import LAYOUT_SINGLE, export_catalog_xlsx
from wagtail_gk_catalog.models import Catalog, CatalogKind


def _elements(catalog):
    rows = []
    for item in services.items_with_elements(catalog.items.all()):
        values = services.item_elements(item)
        values.pop("sort_order")
        rows.append(values)
    return sorted(rows, key=lambda v: (v["domain"], v["level1"], v["level2"]))


@pytest.mark.parametrize("exported_in, imported_in", [("en", "en"), ("en", "zh-hans"), ("zh-hans", "en")])
def test_round_trip_across_languages(guide, agencies, exported_in, imported_in):
    with translation.override(exported_in):
        data = export_catalog_xlsx(guide, LAYOUT_SINGLE)
    headers = [cell.value for cell in load_workbook(io.BytesIO(data)).worksheets[0][3] if cell.value]
    assert ("First-level item" in headers) == (exported_in == "en"), headers
    copy = Catalog.objects.create(name="copy", kind=CatalogKind.GUIDE, agency=agencies["region"])
    with translation.override(imported_in):
        result = importing.import_catalog(copy, data)
        assert result.ok, [str(p) for p in result.problems]
    assert _elements(copy) == _elements(guide)


def test_problem_names_the_column_in_english(guide, agencies):
    with translation.override("en"):
        data = export_catalog_xlsx(guide, LAYOUT_SINGLE)
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook.worksheets[0]
    level1 = [cell.column_letter for cell in sheet[3] if cell.value == "First-level item"][0]
    sheet[f"{level1}4"] = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    copy = Catalog.objects.create(name="copy", kind=CatalogKind.GUIDE, agency=agencies["region"])
    with translation.override("en"):
        messages = [str(p) for p in importing.import_catalog(copy, buffer.getvalue()).problems]
    assert any(f", row 4, column {level1} (First-level item): " in m for m in messages), messages
    assert not any("列" in m or "（" in m for m in messages), messages
    assert not copy.items.exists()
