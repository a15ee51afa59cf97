"""The counters behind tracking numbers (受理编号) and document numbers (文号)."""

from wagtail_gk.models.sequences import SequenceCounter

# Sequence keys. Tracking numbers count per year; document numbers per
# prefix (the scope) and year.
TRACKING_NUMBER = "tracking_number"
DOCUMENT_NUMBER = "document_number"


class FoiaCounter(SequenceCounter):
    """Last tracking number serial of a year, and last document number serial
    of a prefix in a year; taken with :func:`wagtail_gk.sequences.allocate`."""
