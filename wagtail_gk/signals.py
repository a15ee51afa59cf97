"""Signals that ``wagtail_gk`` sends for the feature apps to act on.

Feature apps never import each other; where one needs to react to something
core does, core sends a signal here and the app connects a receiver in its
``AppConfig.ready()``.
"""

from django.dispatch import Signal

#: Sent (after the transaction commits) when a year's holiday schedule has been
#: imported or replaced, with ``year`` (int) and ``calendar_year``. Receivers
#: recompute the provisional dates (暂定) that fall in that year.
calendar_year_imported = Signal()
