"""The demo adds two mailboxes and about 30 letters across kinds, agencies and
states: published replies, one enquiry past 3 months, one transferred, one rated."""

import pytest

from wagtail_gk_interaction.deadlines import unanswered_consultations
from wagtail_gk_interaction.models import Letter, LetterEvent, MailboxPage

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def test_demo_letters_cover_kinds_states_and_the_alarm(demo):
    from wagtail_gk_interaction.demo import load_interaction_demo

    load_interaction_demo(demo)
    load_interaction_demo(demo)  # idempotent
    assert MailboxPage.objects.count() == 2
    letters = list(Letter.objects.all())
    assert 28 <= len(letters) <= 32
    assert {letter.kind for letter in letters} == {"leader", "consultation", "complaint", "suggestion", "help"}
    assert {letter.status for letter in letters} == {"received", "in_hand", "replied"}
    assert len({letter.agency_id for letter in letters if letter.agency_id}) >= 3
    assert Letter.objects.published().count() >= 5
    assert unanswered_consultations().count() >= 1
    assert LetterEvent.objects.filter(action="transfer").count() == 1
    assert Letter.objects.exclude(rating="").count() == 1
    from wagtail_gk_interaction.models import FaqEntry

    assert FaqEntry.objects.filter(source_letter__isnull=False).count() == 3


def test_demo_pages_render(demo, client):
    from django.test import Client

    from wagtail_gk_interaction.demo import load_interaction_demo

    load_interaction_demo(demo)
    home = client.get("/").content.decode()
    general = MailboxPage.objects.get(slug="zxts")
    assert general.url in home  # the service tile
    replies = client.get(general.url + "replies/")
    assert replies.status_code == 200 and len(replies.context["letters"]) >= 3
    officer = Client()
    officer.force_login(demo.users["officer"])
    for url in ("/admin/wagtail_gk_interaction_letters/", "/admin/wagtail_gk_interaction_letters/alarm/",
                "/admin/wagtail_gk_interaction_letters/statistics/", "/admin/wagtail_gk_interaction_faq/"):
        assert officer.get(url).status_code == 200, url
    assert "农村低保申请流程咨询" in officer.get("/admin/wagtail_gk_interaction_letters/alarm/").content.decode()
