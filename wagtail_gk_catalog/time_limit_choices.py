"""The choices of a 公开时限 rule, apart from the models so that
:mod:`wagtail_gk_catalog.time_limits` (which the item and filing models use)
imports no model. ``models.items`` re-exports them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeLimitKind(models.TextChoices):
    """The shape of a 公开时限 rule."""

    WORKING_DAYS = "working_days", _("Within N days of an event")
    ON_CHANGE = "on_change", _("Updated within N days of a change")
    REAL_TIME = "real_time", _("Real time")
    CONTINUOUS = "continuous", _("Ongoing (adjusted as needed)")
    OTHER = "other", _("Other (wording only)")


class PublicityDayType(models.TextChoices):
    """How a number of days is counted (time limits and publicity periods)."""

    WORKING = "working", _("Working days")
    CALENDAR = "calendar", _("Calendar days")
