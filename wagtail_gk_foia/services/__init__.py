"""The procedure of a disclosure request (条例 第四章) as a state machine.

Views, tasks and the demo call these functions; they validate first, then
write in one transaction, and record every step as a :class:`RequestEvent`
(the timeline) and in the review ledger (``wagtail_gk.gate.ledger``). Deadlines are
computed in working days from the calendar of ``wagtail_gk.workdays`` and each
request keeps a human-readable explanation of how its due date was reached.

States and the actions that leave them::

    registered ──request_correction──▶ correction ──receive_correction──▶ registered
                                       correction ──abandon_uncorrected──▶ abandoned (6.1)
    registered ──start_consultation──▶ consulting ──end_consultation──▶ registered
    registered ──request_reasons (第35条)──▶ awaiting_reasons ──accept_reasons──▶ registered
    registered ──issue_fee_notice──▶ fee_pending ──record_payment──▶ registered
                                     fee_pending ──close_unpaid──▶ abandoned (6.2)
    registered / awaiting_reasons ──reply(outcome)──▶ replied
    any open state ──withdraw──▶ withdrawn (6.3)
    replied / abandoned / withdrawn ──archive──▶ archived (read-only)

``confirm_receipt`` (第31条: ordinary letter, online, fax) sets the date of
receipt; until then the request is 待确认 and other steps wait.
``approve_extension`` (once, ≤ 20 working days) keeps the state.

The package is split by concern: :mod:`.registration`, :mod:`.deadlines`,
:mod:`.transitions`, :mod:`.fees`, :mod:`.casework`, :mod:`.secrets` and
:mod:`.audit`. Which action is allowed in which state is declared once, in
the registry of :mod:`wagtail_gk_foia.actions`. This module re-exports the
public names for callers outside the app (``services.register_request(...)``);
code inside the app imports from the submodules.
"""

from __future__ import annotations

from .audit import log_personal_data_access, record_event
from .casework import add_attachment, add_note, assign
from .deadlines import (
    Deadlines,
    Recalculation,
    compute_deadlines,
    due_state,
    recompute_provisional_dates,
    refresh_deadlines,
)
from .errors import TransitionError
from .fees import (
    assess_fee,
    close_unpaid,
    issue_fee_notice,
    overdue_unpaid,
    prior_pieces_in_month,
    record_fee_notice_receipt,
    record_payment,
)
from .registration import (
    APPLICATION_FIELDS,
    DuplicateSubmission,
    allocate_tracking_number,
    register_request,
    validate_received_on,
)
from .secrets import (
    QUERY_CODE_ALPHABET,
    QUERY_CODE_BITS,
    QUERY_CODE_LENGTH,
    applicant_key_for,
    hash_query_code,
    new_query_code,
    normalise_query_code,
    query_code_matches,
)
from .transitions import (
    abandon_uncorrected,
    accept_reasons,
    approve_extension,
    archive,
    available_actions,
    confirm_receipt,
    end_consultation,
    receive_correction,
    record_consultation_receipt,
    reply,
    request_correction,
    request_reasons,
    start_consultation,
    withdraw,
)

__all__ = [
    "APPLICATION_FIELDS",
    "QUERY_CODE_ALPHABET",
    "QUERY_CODE_BITS",
    "QUERY_CODE_LENGTH",
    "Deadlines",
    "DuplicateSubmission",
    "Recalculation",
    "TransitionError",
    "abandon_uncorrected",
    "accept_reasons",
    "add_attachment",
    "add_note",
    "allocate_tracking_number",
    "applicant_key_for",
    "approve_extension",
    "archive",
    "assess_fee",
    "assign",
    "available_actions",
    "close_unpaid",
    "compute_deadlines",
    "confirm_receipt",
    "due_state",
    "end_consultation",
    "hash_query_code",
    "issue_fee_notice",
    "log_personal_data_access",
    "new_query_code",
    "normalise_query_code",
    "overdue_unpaid",
    "prior_pieces_in_month",
    "query_code_matches",
    "receive_correction",
    "recompute_provisional_dates",
    "record_consultation_receipt",
    "record_event",
    "record_fee_notice_receipt",
    "record_payment",
    "refresh_deadlines",
    "register_request",
    "reply",
    "request_correction",
    "request_reasons",
    "start_consultation",
    "validate_received_on",
    "withdraw",
]
