"""The validity notice of a policy (the red sentence on the page, in search
and on posters). Used by the page model, so it depends on nothing of the
policy library's views, search or services."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from wagtail_gk.dates import long_date
from wagtail_gk.models import Validity

# Whole sentences, so that each language orders date, status and basis its own
# way: (dated with basis, dated, undated with basis, undated) for each validity.
_VALIDITY_SENTENCES = {
    Validity.EXPIRED: (
        pgettext_lazy("validity notice", "This document expired on %(date)s, under %(reference)s."),
        pgettext_lazy("validity notice", "This document expired on %(date)s."),
        pgettext_lazy("validity notice", "This document has expired, under %(reference)s."),
        pgettext_lazy("validity notice", "This document has lapsed."),
    ),
    Validity.REPEALED: (
        pgettext_lazy("validity notice", "This document was repealed on %(date)s by %(reference)s."),
        pgettext_lazy("validity notice", "This document was repealed on %(date)s."),
        pgettext_lazy("validity notice", "This document has been repealed by %(reference)s."),
        pgettext_lazy("validity notice", "This document has been repealed."),
    ),
    Validity.AMENDED: (
        pgettext_lazy("validity notice", "This document was amended on %(date)s by %(reference)s."),
        pgettext_lazy("validity notice", "This document was amended on %(date)s."),
        pgettext_lazy("validity notice", "This document has been amended by %(reference)s."),
        pgettext_lazy("validity notice", "This document has been amended."),
    ),
}
_SENTENCE_END = (".", "。", "!", "！", "?", "？")


def _reference(policy) -> str:
    """The title (and number) of the policy that changed *policy*, quoted the active language's way."""
    if policy.document_number:
        return _("“%(title)s” (%(number)s)") % {"title": policy.title, "number": policy.document_number}
    return _("“%(title)s”") % {"title": policy.title}


def validity_notice(policy) -> str:
    """The red sentence for a policy that is no longer simply in force, e.g.
    "本文件已于2025年3月1日废止，依据《…》（…号）。" or "This document was
    repealed on March 1, 2025 by “…” (…)."; empty when it is valid."""
    if policy.validity == Validity.VALID:
        return ""
    dated_basis, dated, basis, plain = _VALIDITY_SENTENCES[policy.validity]
    changer = policy.validity_changed_by
    values = {"date": long_date(policy.validity_changed_on), "reference": _reference(changer) if changer else ""}
    if policy.validity_changed_on:
        sentence = (dated_basis if changer else dated) % values
    else:
        sentence = (basis if changer else plain) % values
    note = policy.validity_note.strip()
    if note:
        if not note.endswith(_SENTENCE_END):
            note = _("%(sentence)s.") % {"sentence": note}
        sentence = _("%(notice)s %(note)s") % {"notice": sentence, "note": note}
    return sentence
