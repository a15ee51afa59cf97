"""System checks of wagtail_gk_foia."""

import os

from django.test import override_settings

from wagtail_gk_foia import checks


def test_private_root_inside_media_root_warns(settings):
    with override_settings(GK_FOIA_PRIVATE_ROOT=os.path.join(settings.MEDIA_ROOT, "private")):
        assert [w.id for w in checks.check_private_root(None)] == ["wagtail_gk_foia.W002"]
    assert checks.check_private_root(None) == []


def test_bad_rate_and_number_formats():
    with override_settings(GK_FOIA_INTAKE_RATE="many"):
        assert "wagtail_gk_foia.E001" in [e.id for e in checks.check_rates(None)]
    with override_settings(GK_FOIA_TRACKING_NUMBER_FORMAT="YSQ{serial}"):
        assert "wagtail_gk_foia.E002" in [e.id for e in checks.check_number_formats(None)]
    with override_settings(GK_FOIA_DOCUMENT_NUMBER_FORMAT="{prefix}{oops}"):
        assert "wagtail_gk_foia.E003" in [e.id for e in checks.check_number_formats(None)]


@override_settings(DEBUG=False, GK_FOIA_CAPTCHA_ENABLED=False)
def test_unprotected_forms_warn():
    assert "wagtail_gk_foia.W001" in [w.id for w in checks.check_protection_enabled(None)]
