"""The publication gate's check of village tables (registered as a checker).

The gate reads text fields and attachments; the finance statement and the
beneficiary list are JSON, so this checker looks at them: balances and totals
must add up, and no cell may hold an unmasked ID number or a column the list
type does not publish. Each problem is a blocking finding naming the row.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail_gk.gate.checkers import Checker, Finding, Severity, TextSource

from .privacy import find_id_numbers, mask_id_number
from .tables import TableError, validate_finance_rows


class VillageTableChecker(Checker):
    code = "village_tables"
    verbose_name = gettext_lazy("Village affairs spreadsheet check")

    def check(self, obj, sources: Iterable[TextSource]) -> Iterable[Finding]:
        from .models import GovernmentListPage, VillageNoticePage

        if not isinstance(obj, VillageNoticePage | GovernmentListPage):
            return []
        findings: list[Finding] = []
        finance = getattr(obj, "finance_rows", None) or []
        if finance:
            try:
                validate_finance_rows(list(enumerate(finance, start=1)))
            except TableError as exc:
                findings += [
                    Finding("village_finance", Severity.BLOCK, str(error), location=_("Income and expenses"), checker=self.code)
                    for error in exc.errors
                ]
        allowed = set(obj.list_type.published_columns()) if obj.list_type_id else set()
        for number, row in enumerate(obj.beneficiary_rows or [], start=1):
            location = _("List, row %(row)d") % {"row": number}
            extra = set(row) - allowed
            if extra:
                findings.append(
                    Finding("village_list_column", Severity.BLOCK, _("The list has columns that its list type does not publish; upload it again."), location=location, checker=self.code)
                )
            for value in row.values():
                for id_number in find_id_numbers(str(value)):
                    findings.append(
                        Finding(
                            "id_number",
                            Severity.BLOCK,
                            _("The list has an unmasked ID number."),
                            location=location,
                            excerpt=mask_id_number(id_number),
                            checker=self.code,
                        )
                    )
        for number, row in enumerate(finance, start=1):
            for value in row.values():
                if find_id_numbers(str(value)):
                    findings.append(
                        Finding("id_number", Severity.BLOCK, _("The income and expenses have an unmasked ID number."), location=_("Income and expenses, row %(row)d") % {"row": number}, checker=self.code)
                    )
        return findings
