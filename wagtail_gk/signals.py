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

# The publication gate's models send these; the gate (``gate/signals.py``,
# connected in ``AppConfig.ready()``) answers them, so that the models import
# none of the gate's modules, which import the models.

#: Sent by ``AutomatedCheckTask.start()`` with ``task_state`` (the specific
#: ``AutomatedCheckTaskState``) and ``user``. The gate's runner checks the
#: revision and approves or rejects the task state; a task started with no
#: receiver connected raises instead of passing content unchecked.
automated_check_started = Signal()

#: Sent by ``SensitiveTerm.clean()`` with ``term`` (normalised) and
#: ``exemptions`` when an active term is new, changed or activated. Each
#: receiver returns a list of error messages for the term field.
sensitive_term_validating = Signal()

#: Sent (after the transaction commits) when the sensitive-word library's
#: version moved; the process's cached matcher is dropped.
sensitive_library_changed = Signal()
