"""Published letters at the public URLs (filters, masking, only consenting
letters), rating once by query code, and the statistics JSON contract."""

from __future__ import annotations

import datetime
import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from wagtail_gk_interaction import services
from wagtail_gk_interaction.models import Letter

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def answered(make_letter, agencies):
    """answered(received, replied, agency, **data) → (letter, code), replied and published when consenting."""

    def make(received, replied, agency="county", publish=True, **data):
        letter, code = make_letter(received, **data)
        letter = services.assign(letter, agencies[agency])
        letter = services.draft_reply(letter, f"答复：{letter.subject}", public_subject=letter.subject, public_body=letter.body)
        return services.approve_reply(letter, publish=publish, today=replied), code

    return make


def test_public_list_and_filters(client, mailbox, answered, make_letter, agencies):
    answered(D(2025, 6, 2), D(2025, 6, 5), subject="医保缴费咨询", kind="consultation")
    answered(D(2026, 3, 2), D(2026, 3, 20), "township_a", subject="路灯损坏投诉", kind="complaint")  # late: due 11 Mar
    answered(D(2026, 3, 3), D(2026, 3, 4), subject="不同意公开的来信", publish_consent="0")
    make_letter(D(2026, 3, 4), subject="尚未答复的来信")
    url = mailbox.url + "replies/"
    html = client.get(url).content.decode()
    assert "医保缴费咨询" in html and "路灯损坏投诉" in html
    assert "不同意公开的来信" not in html and "尚未答复的来信" not in html

    def titles(**params):
        return {letter.public_subject for letter in client.get(url, params).context["letters"]}

    assert titles(kind="complaint") == {"路灯损坏投诉"}
    assert titles(agency=agencies["township_a"].pk) == {"路灯损坏投诉"}
    assert titles(year=2025) == {"医保缴费咨询"}
    assert titles(status="late") == {"路灯损坏投诉"}
    assert titles(status="on_time") == {"医保缴费咨询"}
    assert titles(q="路灯 投诉") == {"路灯损坏投诉"}
    assert titles(q="路灯损坏的投诉") == {"路灯损坏投诉"}  # segmented: 路灯 / 损坏 / 投诉, each must match
    assert titles(q="路灯维修") == set()
    assert titles(year="abc", agency="x") == {"医保缴费咨询", "路灯损坏投诉"}  # nonsense filters are ignored


def test_public_detail_shows_the_fields_and_hides_the_writer(client, mailbox, answered, agencies):
    letter, _code = answered(D(2026, 3, 2), D(2026, 3, 5), subject="医保缴费咨询", name="陈来信", phone="13800138000")
    html = client.get(f"{mailbox.url}replies/{letter.pk}/").content.decode()
    for text in ("2026年3月2日", "2026年3月5日", agencies["county"].name, "医保缴费咨询", "答复：医保缴费咨询"):
        assert text in html
    assert "陈来信" not in html and "13800138000" not in html
    hidden = Letter.objects.create(
        mailbox=mailbox, kind="consultation", tracking_number="HDX1", query_code_hash="x", subject="未公开", body="x",
        received_on=D(2026, 3, 2), reply_due_on=D(2026, 3, 9),
    )
    assert client.get(f"{mailbox.url}replies/{hidden.pk}/").status_code == 404


def test_rating_once_by_query_code(client, mailbox, answered, make_letter):
    letter, code = answered(D(2026, 3, 2), D(2026, 3, 5))
    url = mailbox.url + "rate/"
    wrong = client.post(url, {"tracking_number": letter.tracking_number, "query_code": "AAAA-BBBB-CCCC", "rating": "satisfied"})
    assert wrong.status_code == 403
    first = client.post(url, {"tracking_number": letter.tracking_number, "query_code": code, "rating": "fairly"})
    assert first.status_code == 200 and "评价已记录" in first.content.decode()
    second = Client().post(url, {"tracking_number": letter.tracking_number, "query_code": code, "rating": "dissatisfied"})
    assert second.status_code == 409 and "只能评价一次" in second.content.decode()
    letter.refresh_from_db()
    assert letter.rating == "fairly"
    open_letter, open_code = make_letter(D(2026, 3, 2))
    early = client.post(url, {"tracking_number": open_letter.tracking_number, "query_code": open_code, "rating": "satisfied"})
    assert early.status_code == 409
    assert not Letter.objects.get(pk=open_letter.pk).rating


def test_stats_json_contract(answered, make_letter, agencies, settings):
    import time_machine

    answered(D(2026, 3, 2), D(2026, 3, 5), kind="consultation")  # 3 working days, on time
    answered(D(2026, 3, 2), D(2026, 3, 13), kind="consultation")  # 9 working days, late (due 9 Mar)
    answered(D(2026, 3, 2), D(2026, 3, 4), "township_a", kind="complaint")
    make_letter(D(2026, 1, 5), kind="consultation")  # open, overdue, over 3 months on 20 May
    make_letter(D(2025, 12, 1), kind="consultation")  # another year
    with time_machine.travel(datetime.datetime(2026, 5, 20, 2, tzinfo=datetime.UTC), tick=False):
        out = StringIO()
        call_command("gk_interaction_stats", "--year", "2026", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["year"] == 2026
    rows = {(entry["agency"], kind): row for entry in data["agencies"] for kind, row in entry["kinds"].items()}
    county = rows[(agencies["county"].name, "consultation")]
    assert county == {
        "received": 2, "replied": 2, "replied_on_time": 1, "open": 0, "overdue": 0,
        "unanswered_over_3_months": 0, "average_working_days_to_reply": 6.0,
        "ratings": {"satisfied": 0, "fairly": 0, "dissatisfied": 0},
    }
    unassigned = rows[("", "consultation")]
    assert unassigned["received"] == 1 and unassigned["open"] == 1 and unassigned["overdue"] == 1 and unassigned["unanswered_over_3_months"] == 1
    assert unassigned["average_working_days_to_reply"] is None
    assert rows[(agencies["township_a"].name, "complaint")]["replied_on_time"] == 1
    assert sum(row["received"] for row in rows.values()) == 4


def test_statistics_page_and_xlsx(answered, users, agencies):
    import io

    from openpyxl import load_workbook

    letter, code = answered(D(2026, 3, 2), D(2026, 3, 5), kind="consultation")
    services.rate(letter, "satisfied")
    client = Client()
    client.force_login(users["officer"])
    html = client.get("/admin/wagtail_gk_interaction_letters/statistics/?year=2026").content.decode()
    assert agencies["county"].name in html and "咨询" in html
    response = client.get("/admin/wagtail_gk_interaction_letters/statistics.xlsx?year=2026")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[0][:3] == ("机构", "类型", "收信数")
    assert rows[1][:5] == (agencies["county"].name, "咨询", 1, 1, 1) and rows[1][9] == 1
    editor = Client()
    editor.force_login(users["editor"])
    assert editor.get("/admin/wagtail_gk_interaction_letters/statistics/?year=2026").status_code in (302, 403)


def test_reply_becomes_faq_and_is_suggested_while_typing(client, mailbox, answered, users):
    letter, _code = answered(D(2026, 3, 2), D(2026, 3, 5), subject="医保缴费截止时间", kind="consultation")
    officer = Client()
    officer.force_login(users["officer"])
    response = officer.post(
        f"/admin/wagtail_gk_interaction_letters/{letter.pk}/step/make_faq/",
        {"make_faq-question": "医保缴费截止时间是哪天？", "make_faq-answer": "每年12月31日截止，<b>可手机缴费</b>。"},
    )
    assert response.status_code == 302
    from wagtail_gk.models import LedgerEntry
    from wagtail_gk_interaction.models import FaqEntry

    entry = FaqEntry.objects.get()
    assert entry.source_letter == letter and entry.kind == "consultation"
    assert LedgerEntry.objects.filter(object_id=str(letter.pk), action="interaction.make_faq").exists()
    form_page = client.get(mailbox.url).content.decode()
    assert "医保缴费截止时间是哪天？" in form_page and "&lt;b&gt;可手机缴费" in form_page  # escaped
    data = client.get(mailbox.url + "suggest/", {"q": "医保缴费什么时候截止"}).json()
    assert [f["question"] for f in data["faqs"]] == ["医保缴费截止时间是哪天？"]
    assert [r["subject"] for r in data["replies"]] == ["医保缴费截止时间"]
    assert client.get(mailbox.url + "suggest/", {"q": "路灯"}).json() == {"faqs": [], "replies": []}
    # An open letter offers no FAQ step.
    editor = Client()
    editor.force_login(users["reviewer"])
    assert editor.post(f"/admin/wagtail_gk_interaction_letters/{letter.pk}/step/make_faq/", {}).status_code in (302, 403)
    assert FaqEntry.objects.count() == 1


def test_statistics_query_count_does_not_grow_with_agencies(answered, make_letter, agencies):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wagtail_gk_interaction.stats import year_statistics

    answered(D(2026, 3, 2), D(2026, 3, 5))
    year_statistics(2026)  # the calendar is cached after the first call
    with CaptureQueriesContext(connection) as few:
        year_statistics(2026)
    for key in ("township_a", "township_b", "village_a1", "village_b1"):
        answered(D(2026, 3, 3), D(2026, 3, 6), key, kind="complaint")
        make_letter(D(2025, 4, 1), kind="suggestion")
    with CaptureQueriesContext(connection) as many:
        data = year_statistics(2026)
    assert len(data["agencies"]) == 5
    assert len(many) == len(few)


def test_mailboxes_fill_the_portal_interaction_column(mailbox, demo):
    """Through core's portal registry: each live mailbox, its replies and the
    status look-up go to 互动交流 (nothing when the mailbox is unpublished)."""
    from wagtail.models import Site

    from wagtail_gk.portal import PortalSection, portal_entries

    site = Site.objects.get(is_default_site=True)
    url = mailbox.url
    urls = [e.url for e in portal_entries(site, PortalSection.INTERACTION)]
    assert url in urls and url + "replies/" in urls and url + "status/" in urls
    mailbox.unpublish()
    assert not [e for e in portal_entries(site, PortalSection.INTERACTION) if e.url.startswith(url)]
