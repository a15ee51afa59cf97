"""The phone editor's date of the matter is written and shown as ISO
(``YYYY-MM-DD``), the only value an ``<input type="date">`` keeps."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_date_of_the_matter_round_trips_as_iso(client, village_site, categories):
    from wagtail_gk_village.models import VillageNoticePage

    client.force_login(village_site["users"]["village_member"])
    village = village_site["villages"]["village_a1"]
    response = client.post(
        reverse("wagtail_gk_village_admin:create", args=[village.pk]),
        {"category": categories["finance"].pk, "period_kind": "date", "period_date": "2026-10-15",
         "period_year": "2026", "title": "", "body": "村道硬化工程招标结果。", "table_kind": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    notice = VillageNoticePage.objects.get()
    assert str(notice.get_latest_revision_as_object().period_date) == "2026-10-15"
    html = client.get(reverse("wagtail_gk_village_admin:edit", args=[notice.pk])).content.decode()
    tag = re.search(r"<input\b[^>]*\bname=\"period_date\"[^>]*>", html).group(0)
    assert 'type="date"' in tag and 'value="2026-10-15"' in tag, tag
