"""Date inputs render the ISO values a browser's native picker accepts
(``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM``) in the site language, and read them back."""

from __future__ import annotations

import datetime

import pytest
from django import forms
from django.utils import translation

from wagtail_gk.widgets import IsoDateInput, IsoDateTimeInput


class _Form(forms.Form):
    day = forms.DateField(widget=IsoDateInput())
    moment = forms.DateTimeField(widget=IsoDateTimeInput())


def test_plain_django_date_input_is_not_iso_in_chinese():
    # The reason for the widgets: Django's own DateInput follows the locale.
    with translation.override("zh-hans"):
        html = forms.DateInput(attrs={"type": "date"}).render("d", datetime.date(2026, 12, 4))
    assert 'value="2026/12/04"' in html


def test_iso_widgets_render_and_read_iso_in_every_language():
    initial = {"day": datetime.date(2026, 12, 4), "moment": datetime.datetime(2026, 12, 4, 9, 5)}
    for language in ("zh-hans", "en", "de"):
        with translation.override(language):
            html = str(_Form(initial=initial))
            assert 'type="date" name="day" value="2026-12-04"' in html, (language, html)
            assert 'type="datetime-local" name="moment" value="2026-12-04T09:05"' in html, (language, html)
            form = _Form({"day": "2026-12-04", "moment": "2026-12-04T09:05"})
            assert form.is_valid(), (language, form.errors)
            assert form.cleaned_data["day"] == datetime.date(2026, 12, 4)
            assert form.cleaned_data["moment"].replace(tzinfo=None) == datetime.datetime(2026, 12, 4, 9, 5)


@pytest.mark.django_db
def test_admin_edit_forms_render_metadata_dates_as_iso(home_page):
    """The openness metadata dates of a page (成文日期, 发布日期) in Wagtail's
    editor: Wagtail's own date widget, filled with ``YYYY-MM-DD`` in zh-hans."""
    from example_site.home.models import ArticlePage

    page = ArticlePage(title="通知", slug="tongzhi", written_on=datetime.date(2026, 12, 4), release_date=datetime.date(2026, 12, 5))
    home_page.add_child(instance=page)
    form_class = ArticlePage.get_edit_handler().get_form_class()
    with translation.override("zh-hans"):
        form = form_class(instance=page, for_user=None)
        written, release = str(form["written_on"]), str(form["release_date"])
    assert 'value="2026-12-04"' in written, written
    assert 'value="2026-12-05"' in release, release
