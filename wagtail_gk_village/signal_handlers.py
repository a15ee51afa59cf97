"""Signal receivers of ``wagtail_gk_village``, connected from ``AppConfig.ready()``."""

from django.db import transaction
from django.db.models.signals import post_save


def keep_township_workflow(sender, instance, raw=False, **kwargs):
    """Saving a township page (re)builds its review workflow, so turning on the
    supervision sign-off takes effect for the next submission."""
    if raw:
        return
    from .services import ensure_township_workflow

    transaction.on_commit(lambda: ensure_township_workflow(instance))


def connect():
    from .models import TownshipPage

    post_save.connect(keep_township_workflow, sender=TownshipPage, dispatch_uid="gk_village_township_workflow")
