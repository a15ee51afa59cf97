"""The policy library's part of the annual report (table 二, 第二十条第（一）项):
规章 and 规范性文件 made this year, repealed this year, and in force at the end
of the year, counted over live policy documents by 发文机关. Registered with
core's ``register_gk_report_contribution`` hook (see
:mod:`wagtail_gk.annual_report`)."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.db.models.functions import Coalesce, TruncDate

from .models import PolicyDocumentPage
from .models.pages import REPEALED_STATES, DocumentKind

KINDS = {"rules": DocumentKind.RULES, "normative": DocumentKind.REGULATION}


def policy_report_figures(*, year: int, agency_ids=None) -> dict[str, int]:
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    qs = PolicyDocumentPage.objects.live().annotate(made_on=Coalesce("release_date", TruncDate("first_published_at")))
    if agency_ids is not None:
        qs = qs.filter(publishing_agency_id__in=list(agency_ids))
    repealed_by_end = Q(validity__in=REPEALED_STATES) & (Q(validity_changed_on__isnull=True) | Q(validity_changed_on__lte=end))
    figures = {}
    for prefix, kind in KINDS.items():
        docs = qs.filter(document_kind=kind)
        figures[f"{prefix}_made"] = docs.filter(made_on__range=(start, end)).count()
        figures[f"{prefix}_repealed"] = docs.filter(validity__in=REPEALED_STATES, validity_changed_on__range=(start, end)).count()
        figures[f"{prefix}_in_force"] = docs.filter(made_on__lte=end).exclude(repealed_by_end).count()
    return figures



