"""Figures other apps contribute to the annual report on government
information openness (政府信息公开工作年度报告, 第50条).

The report itself belongs to the disclosure-request app; some of its figures
are held elsewhere (the policy library knows how many 规章 and 规范性文件 were
made, repealed and are in force). Apps meet here, never by importing each
other: an app that holds such figures registers a function with the
``register_gk_report_contribution`` hook::

    @hooks.register("register_gk_report_contribution")
    def policy_report_figures():
        return policy_figures  # callable(year=…, agency_ids=…) -> {key: int}

The function is called with the report year and the ids of the agencies the
report covers (``None``: every agency) and returns some of the keys of
:data:`CONTRIBUTION_KEYS`. Figures from several apps are added up; a key no
app returns is absent from the result (the report then uses what the office
entered, or 0).
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail import hooks

HOOK = "register_gk_report_contribution"

# Table 二 of the format of 国办公开办函〔2021〕30号, 第二十条第（一）项.
CONTRIBUTION_KEYS = (
    "rules_made",
    "rules_repealed",
    "rules_in_force",
    "normative_made",
    "normative_repealed",
    "normative_in_force",
)


def report_contributors() -> list:
    return [fn() for fn in hooks.get_hooks(HOOK)]


def collect_report_contributions(year: int, agency_ids: Iterable[int] | None = None) -> dict[str, int]:
    """The figures every registered contributor gives for *year* and the
    agencies *agency_ids* (``None``: all), added up by key."""
    ids = None if agency_ids is None else sorted(set(agency_ids))
    totals: dict[str, int] = {}
    for contribute in report_contributors():
        for key, value in (contribute(year=year, agency_ids=ids) or {}).items():
            if key not in CONTRIBUTION_KEYS:
                continue
            totals[key] = totals.get(key, 0) + int(value)
    return totals
