"""Date inputs render the ISO values a browser's native picker accepts
(``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM``) in the site language, and read them back."""

from __future__ import annotations

import datetime

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
