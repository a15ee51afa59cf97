"""Seal the review ledger: verify what was added since the last checkpoint
and write a signed checkpoint to GK_LEDGER_CHECKPOINT_SINK. Run it from cron
(exit 0: sealed or nothing new; 1: refused, nothing written). With
``--generate-key PATH`` it creates the Ed25519 signing key instead
(docs/gate.md, "Review ledger")."""

import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from wagtail_gk.gate.ledger_checkpoints import SealRefused, seal
from wagtail_gk.gate.ledger_keys import generate_signing_key


class Command(BaseCommand):
    help = "Write a signed checkpoint of the review ledger to the checkpoint sink (or --generate-key PATH)."

    def add_arguments(self, parser):
        parser.add_argument("--generate-key", metavar="PATH", help="Create an Ed25519 signing key at PATH (mode 0600) and PATH.pub.")
        parser.add_argument("--full", action="store_true", help="Verify every record, not only those since the last checkpoint.")
        parser.add_argument("--force", action="store_true", help="Write a checkpoint even when nothing was added.")
        parser.add_argument("--quiet", action="store_true", help="Print only problems (for cron).")

    def handle(self, *args, **options):
        if options["generate_key"]:
            try:
                private, public = generate_signing_key(options["generate_key"])
            except FileExistsError as exc:
                raise CommandError(_("%(path)s already exists; it was not overwritten.") % {"path": options["generate_key"]}) from exc
            except OSError as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(
                _("Signing key written to %(private)s (keep it secret; set GK_LEDGER_SIGNING_KEY_FILE), public key to %(public)s.")
                % {"private": private, "public": public}
            )
            return
        try:
            checkpoint, location = seal(full=options["full"], force=options["force"])
        except SealRefused as exc:
            self.stderr.write(str(exc))
            for problem in exc.problems:
                self.stderr.write(_("Ledger problem: %(problem)s") % {"problem": problem.problem})
            sys.exit(1)
        if options["quiet"]:
            return
        if checkpoint is None:
            self.stdout.write(_("Nothing was added since the last checkpoint; none written."))
            return
        self.stdout.write(
            self.style.SUCCESS(
                _("Checkpoint #%(sequence)d written to %(location)s (%(chains)d chains).")
                % {"sequence": checkpoint.sequence, "location": location, "chains": len(checkpoint.chains)}
            )
        )
