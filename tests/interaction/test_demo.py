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
