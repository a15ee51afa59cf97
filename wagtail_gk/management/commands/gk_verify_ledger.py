"""Verify the hash chain of the review ledger: exit 0 when every record is
intact, 1 naming the first edited or missing record."""

import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from wagtail_gk.gate.ledger import verify_ledger


class Command(BaseCommand):
    help = "Verify the review ledger's hash chain; exit 1 and name the first broken record."

    def handle(self, *args, **options):
        checked, broken = verify_ledger()
        if broken is None:
            self.stdout.write(self.style.SUCCESS(_("审查记录台账完整：已校验 %(count)d 条记录") % {"count": checked}))
            return
        self.stderr.write(
            _("审查记录台账校验失败：第 %(sequence)d 条记录（ID %(id)s）%(problem)s；此前 %(count)d 条完好")
            % {"sequence": broken.sequence, "id": broken.entry_id if broken.entry_id is not None else "-", "problem": broken.problem, "count": checked}
        )
        sys.exit(1)
