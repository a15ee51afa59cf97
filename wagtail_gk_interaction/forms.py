"""Forms of the public letter intake, the status look-up, rating, and the officer's steps."""

from __future__ import annotations

import re
import unicodedata

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from wagtail_gk.models import Agency

from .conf import interaction_setting, letter_kinds
from .models import Rating, WriterType

PHONE = re.compile(r"^[0-9+\-() ]{7,20}$")


def clean_text(value: str, *, label: str) -> str:
    """*value* without control characters; refused when it has no letter,
    digit or Chinese character at all (a letter entirely of punctuation)."""
    text = "".join(ch for ch in (value or "") if ch in "\n\t" or unicodedata.category(ch)[0] != "C").strip()
    if not text:
        raise forms.ValidationError(_("%(field)s cannot be empty.") % {"field": label})
    if not any(ch.isalnum() for ch in text):
        raise forms.ValidationError(_("%(field)s must say something in words, not only punctuation or symbols.") % {"field": label})
    return text


class LetterForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of letter"), widget=forms.RadioSelect)
    writer_type = forms.ChoiceField(label=_("I write as"), choices=WriterType.choices, widget=forms.RadioSelect, initial=WriterType.NATURAL_PERSON)
    anonymous = forms.BooleanField(label=_("Send without my name (only where the kind of letter allows it)"), required=False)
    name = forms.CharField(label=_("Name / organization name"), max_length=100, required=False)
    contact_person = forms.CharField(label=_("Contact person"), max_length=50, required=False)
    phone = forms.CharField(label=_("Contact phone"), max_length=30, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    address = forms.CharField(label=_("Postal address"), max_length=200, required=False)
    subject = forms.CharField(label=_("Subject of the letter"))
    body = forms.CharField(label=_("Your letter"), widget=forms.Textarea(attrs={"rows": 8}))
    publish_consent = forms.TypedChoiceField(
        label=_("May the letter and its reply be published on this site (without your personal data)?"),
        choices=[("1", _("Yes, it may be published")), ("0", _("No, reply to me only"))],
        coerce=lambda v: v == "1", widget=forms.RadioSelect, initial="1",
    )
    form_token = forms.CharField(widget=forms.HiddenInput)
    captcha_answer = forms.CharField(label=_("Verification question"), required=False, max_length=4)

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds or [(k.code, k.label) for k in letter_kinds().values()]
        if len(self.fields["kind"].choices) == 1:
            self.fields["kind"].initial = self.fields["kind"].choices[0][0]
        subject_max = interaction_setting("GK_INTERACTION_SUBJECT_MAX_LENGTH")
        body_max = interaction_setting("GK_INTERACTION_BODY_MAX_LENGTH")
        self.fields["subject"].max_length = subject_max
        self.fields["subject"].validators.append(MaxLengthValidator(subject_max))
        self.fields["subject"].widget.attrs["maxlength"] = str(subject_max)
        self.fields["body"].max_length = body_max
        self.fields["body"].validators.append(MaxLengthValidator(body_max))
        self.fields["body"].widget.attrs["maxlength"] = str(body_max)
        for name, label in (("subject", _("The subject")), ("body", _("The letter"))):
            self.fields[name].error_messages["required"] = _("%(field)s cannot be empty.") % {"field": label}

    def clean_subject(self):
        return clean_text(self.cleaned_data["subject"], label=_("The subject"))

    def clean_body(self):
        return clean_text(self.cleaned_data["body"], label=_("The letter"))

    def clean(self):
        data = super().clean()
        kind = letter_kinds().get(data.get("kind") or "")
        if data.get("anonymous"):
            if kind is not None and not kind.anonymous:
                self.add_error("anonymous", _("A letter of this kind needs your name and phone, so that the reply can reach you."))
            for name in ("name", "contact_person", "phone", "email", "address"):
                data[name] = ""
            return data
        if not (data.get("name") or "").strip():
            self.add_error("name", _("Enter your name or your organization's name."))
        phone = (data.get("phone") or "").strip()
        if not phone:
            self.add_error("phone", _("Enter a phone number where you can be reached."))
        elif not PHONE.match(phone):
            self.add_error("phone", _("Enter a phone number of digits (7 to 20)."))
        if data.get("writer_type") == WriterType.ORGANISATION and not (data.get("contact_person") or "").strip():
            self.add_error("contact_person", _("An organization must give a contact person."))
        return data

    def letter_data(self) -> dict:
        data = self.cleaned_data
        keys = ["kind", "writer_type", "anonymous", "name", "contact_person", "phone", "email", "address", "subject", "body", "publish_consent"]
        return {k: data.get(k) if data.get(k) is not None else "" for k in keys}


class LookupForm(forms.Form):
    tracking_number = forms.CharField(label=_("Tracking number"), max_length=40)
    query_code = forms.CharField(label=_("Query code"), max_length=20)


class RatingForm(LookupForm):
    rating = forms.ChoiceField(label=_("Your rating of the reply"), choices=Rating.choices, widget=forms.RadioSelect)


class AgencyForm(forms.Form):
    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.all())
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), required=False, max_length=1000)


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("Working days added"), min_value=1)
    reason = forms.CharField(label=_("Reason for the extension"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class ReplyForm(forms.Form):
    reply_text = forms.CharField(label=_("Reply"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10000)
    public_subject = forms.CharField(label=_("Subject as published"), max_length=200)
    public_body = forms.CharField(label=_("Letter as published"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000,
                                  help_text=_("Prefilled with the letter, personal numbers masked; remove anything else that identifies the writer."))


class ReviewForm(forms.Form):
    publish = forms.BooleanField(label=_("Publish the letter and reply (only where the writer agreed)"), required=False, initial=True)


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)


class FaqForm(forms.Form):
    question = forms.CharField(label=_("Question"), max_length=200)
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 6}), max_length=10000)
