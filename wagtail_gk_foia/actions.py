"""The actions an officer takes on a disclosure request, declared once.

Each :class:`Action` carries what the admin, the services and the tests need
to know about one step of the procedure: its form, the statuses it may start
from (and any one-time rule), the permission it takes, the document to offer
after it, and :meth:`Action.run`, which hands the form's data to the service
in :mod:`wagtail_gk_foia.services`. The workspace renders the actions that
:meth:`ActionRegistry.for_request` allows and dispatches a POST through
:meth:`ActionRegistry.get`; the services refuse a step the registry does not
allow (:meth:`ActionRegistry.refusal`), and the timeline names each step by
its action's label.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import forms
from .models import OPEN_STATUSES, DisclosureRequest, DocumentKind, Status
from .models.documents import CORRECTION_DOCUMENTS, OUTCOME_DOCUMENTS
from .services import duties, fees, transitions

CHANGE = "change_disclosurerequest"
#: The steps possible while a request waits for its confirmation of receipt (第31条).
BEFORE_CONFIRMATION = frozenset({"confirm_receipt", "withdraw"})

#: ``service(request_obj, user, cleaned_data)`` performs the step.
Service = Callable[[DisclosureRequest, object, dict], DisclosureRequest]


@dataclass(frozen=True)
class Action:
    """One step of the procedure as the officer sees it."""

    code: str
    label: str
    statuses: frozenset
    service: Service
    form_class: type | None = None
    #: A :class:`DocumentKind`, or a function of the request after the step.
    follow_up: DocumentKind | Callable[[DisclosureRequest], str | None] | None = None
    #: Codenames of ``wagtail_gk_foia`` permissions the user needs.
    permissions: tuple[str, ...] = (CHANGE,)
    #: A rule beyond the status (e.g. "only once"): ``applies(request_obj, today)``.
    applies: Callable[[DisclosureRequest, datetime.date], bool] | None = None
    #: The form needs the request (its choices come from it).
    form_takes_request: bool = False

    def form(self, request_obj: DisclosureRequest, data=None):
        """The action's form, bound to *data* when given; None for an action without one."""
        if self.form_class is None:
            return None
        kwargs = {"request_obj": request_obj} if self.form_takes_request else {}
        return self.form_class(data, prefix=self.code, **kwargs)

    def allowed_for(self, user) -> bool:
        return user is None or all(user.has_perm(f"wagtail_gk_foia.{codename}") for codename in self.permissions)

    def allows(self, request_obj: DisclosureRequest, today: datetime.date | None = None) -> bool:
        """The status and the one-time rule allow this action on *request_obj* now."""
        if request_obj.status not in self.statuses:
            return False
        if request_obj.awaiting_confirmation and self.code not in BEFORE_CONFIRMATION:
            return False  # 第31条: the date of receipt comes first
        return self.applies is None or self.applies(request_obj, today or timezone.localdate())

    def run(self, request_obj: DisclosureRequest, form, user) -> DisclosureRequest:
        """Perform the step with the data of a valid *form* (or none); raises
        :class:`~wagtail_gk_foia.services.errors.TransitionError` when refused."""
        return self.service(request_obj, user, form.cleaned_data if form is not None else {})

    def follow_up_document(self, request_obj: DisclosureRequest) -> str | None:
        """The kind of document to offer once the step is done."""
        if callable(self.follow_up):
            return self.follow_up(request_obj)
        return self.follow_up


class ActionRegistry:
    """The actions by code, in the order the workspace shows them."""

    def __init__(self) -> None:
        self._actions: dict[str, Action] = {}

    def register(self, action: Action) -> Action:
        if action.code in self._actions:
            raise ValueError(f"Disclosure action {action.code!r} is already registered")
        self._actions[action.code] = action
        return action

    def get(self, code: str) -> Action | None:
        return self._actions.get(code)

    def __iter__(self) -> Iterator[Action]:
        return iter(self._actions.values())

    def __contains__(self, code: str) -> bool:
        return code in self._actions

    def codes(self) -> list[str]:
        return list(self._actions)

    def label(self, code: str) -> str:
        """The label of *code*, or "" for a timeline step that is not an action (registration, notes…)."""
        action = self._actions.get(code)
        return action.label if action else ""

    def for_status(self, status: str, user=None) -> list[Action]:
        """The actions that may start from *status* and that *user* (if given) may take."""
        return [a for a in self if status in a.statuses and a.allowed_for(user)]

    def for_request(self, request_obj: DisclosureRequest, user=None, today: datetime.date | None = None) -> list[Action]:
        """The actions allowed on *request_obj* now: status, one-time rules and, with *user*, permissions."""
        if request_obj.is_read_only:
            return []
        today = today or timezone.localdate()
        return [a for a in self.for_status(request_obj.status, user) if a.allows(request_obj, today)]

    def refusal(self, request_obj: DisclosureRequest, code: str, today: datetime.date | None = None) -> str:
        """Why *code* cannot be taken on *request_obj* now, or "" when it can."""
        if request_obj.is_read_only:
            return str(_("This request is archived: it can be viewed but not changed."))
        action = self.get(code)
        if action is not None and request_obj.awaiting_confirmation and code not in BEFORE_CONFIRMATION:
            return str(
                _("“%(action)s” must wait: first record the confirmation of receipt with the applicant (Article 31).")
                % {"action": action.label}
            )
        if action is None or not action.allows(request_obj, today):
            return str(
                _("“%(action)s” is not possible while the status is “%(status)s”.")
                % {"status": request_obj.get_status_display(), "action": action.label if action else code}
            )
        return ""


registry = ActionRegistry()
register = registry.register
get = registry.get
for_status = registry.for_status


def _outcome_document(request_obj: DisclosureRequest) -> str | None:
    """After a reply, the first document of its outcome (table 3)."""
    return (OUTCOME_DOCUMENTS.get(request_obj.outcome) or [None])[0]


def _date_passed(attribute: str) -> Callable[[DisclosureRequest, datetime.date], bool]:
    def applies(request_obj: DisclosureRequest, today: datetime.date) -> bool:
        due = getattr(request_obj, attribute)
        return bool(due) and today > due

    return applies


register(Action(
    "confirm_receipt", _("Confirm receipt (Article 31)"), frozenset(OPEN_STATUSES),
    lambda r, u, cd: transitions.confirm_receipt(r, user=u, on=cd["on"], method=cd["method"], note=cd.get("note", "")),
    forms.ConfirmReceiptForm, follow_up=DocumentKind.RECEIPT,
    applies=lambda r, today: r.awaiting_confirmation,
))
register(Action(
    "request_correction", _("Request correction"), frozenset({Status.REGISTERED}),
    lambda r, u, cd: transitions.request_correction(r, user=u, items=cd["items"], on=cd["on"], period_days=cd.get("period_days")),
    forms.RequestCorrectionForm, follow_up=DocumentKind.CORRECTION,
    applies=lambda r, today: not r.correction_requested_on,  # 第30条: the applicant is told once
))
register(Action(
    "receive_correction", _("Correction received"), frozenset({Status.CORRECTION_REQUESTED}),
    lambda r, u, cd: transitions.receive_correction(r, user=u, on=cd["on"], note=cd.get("note", "")),
    forms.NoteDayForm,
))
register(Action(
    "abandon_uncorrected", _("No correction in time: deem abandoned"), frozenset({Status.CORRECTION_REQUESTED}),
    lambda r, u, cd: transitions.abandon_uncorrected(r, user=u, on=cd["on"], note=cd.get("note", "")),
    forms.NoteDayForm, follow_up=DocumentKind.ABANDONED_NOTICE, applies=_date_passed("correction_due_on"),
))
register(Action(
    "start_consultation", _("Consultation"), frozenset({Status.REGISTERED, Status.CONSULTING}),
    lambda r, u, cd: transitions.start_consultation(
        r, user=u, kind=cd["kind"], party=cd["party"], on=cd["on"],
        received_on=cd.get("received_on"), delivery=cd.get("delivery", ""),
    ),
    forms.StartConsultationForm,
))
register(Action(
    "record_consultation_receipt", _("Consultation letter received"), frozenset({Status.CONSULTING}),
    lambda r, u, cd: transitions.record_consultation_receipt(
        r, user=u, consultation_id=cd["consultation"], on=cd["on"], delivery=cd["delivery"]
    ),
    forms.ConsultationReceiptForm, form_takes_request=True,
    applies=lambda r, today: r.consultations.filter(answered_on__isnull=True, letter_received_on__isnull=True).exists(),
))
register(Action(
    "end_consultation", _("End consultation"), frozenset({Status.CONSULTING}),
    lambda r, u, cd: transitions.end_consultation(
        r, user=u, consultation_id=cd["consultation"], on=cd["on"], result=cd["result"], opinion=cd.get("opinion", "")
    ),
    forms.EndConsultationForm, form_takes_request=True,
))
register(Action(
    "approve_extension", _("Extension"), frozenset({Status.REGISTERED, Status.CONSULTING, Status.AWAITING_REASONS}),
    lambda r, u, cd: transitions.approve_extension(
        r, user=u, days=cd["days"], approved_by=cd["approved_by"], reason=cd["reason"], on=cd["on"]
    ),
    forms.ExtensionForm, follow_up=DocumentKind.EXTENSION, permissions=(CHANGE, "approve_extension"),
    applies=lambda r, today: not r.extension_days,  # 第33条: one extension
))
register(Action(
    "request_reasons", _("Ask for reasons (Article 35)"), frozenset({Status.REGISTERED}),
    lambda r, u, cd: transitions.request_reasons(r, user=u, on=cd["on"], note=cd.get("note", "")),
    forms.NoteDayForm, follow_up=DocumentKind.REASONS,
))
register(Action(
    "accept_reasons", _("Reasons accepted: set reply deadline"), frozenset({Status.AWAITING_REASONS}),
    lambda r, u, cd: transitions.accept_reasons(
        r, user=u, on=cd["on"], reasonable_due_on=cd["reasonable_due_on"], note=cd.get("note", "")
    ),
    forms.AcceptReasonsForm, follow_up=DocumentKind.DELAYED_REPLY,
))
register(Action(
    "issue_fee_notice", _("Issue fee notice"), frozenset({Status.REGISTERED}),
    lambda r, u, cd: fees.issue_fee_notice(
        r, user=u, method=cd["method"], quantity=cd["quantity"], on=cd["on"],
        received_on=cd.get("received_on"), delivery=cd.get("delivery", ""),
    ),
    forms.FeeNoticeForm, follow_up=DocumentKind.FEE_NOTICE,
))
register(Action(
    "record_fee_notice_receipt", _("Fee notice received by the applicant"), frozenset({Status.FEE_PENDING}),
    lambda r, u, cd: fees.record_fee_notice_receipt(r, user=u, on=cd["on"], delivery=cd["delivery"]),
    forms.FeeNoticeReceiptForm, applies=lambda r, today: not r.fee_notice_received_on,
))
register(Action(
    "record_payment", _("Record payment"), frozenset({Status.FEE_PENDING}),
    lambda r, u, cd: fees.record_payment(r, user=u, on=cd["on"]),
    forms._DayForm,
))
register(Action(
    "close_unpaid", _("Not paid in time: close"), frozenset({Status.FEE_PENDING}),
    lambda r, u, cd: fees.close_unpaid(r, user=u, on=cd["on"]),
    forms._DayForm, follow_up=DocumentKind.UNPAID_NOTICE, applies=_date_passed("fee_due_on"),
))
register(Action(
    "reply", _("Reply"), frozenset({Status.REGISTERED, Status.AWAITING_REASONS}),
    lambda r, u, cd: transitions.reply(
        r, user=u, outcome=cd["outcome"], on=cd["on"], reasons=cd.get("reasons", ""),
        published_where=cd.get("published_where", ""), responsible_agency=cd.get("responsible_agency", ""),
        withheld_parts=cd.get("withheld", []),
    ),
    forms.ReplyForm, follow_up=_outcome_document,
))
def _correction_document(request_obj: DisclosureRequest) -> str | None:
    """After a decision on a correction request, the notice of its outcome (第41条)."""
    latest = request_obj.correction_requests.exclude(outcome="").order_by("-decided_on", "-pk").first()
    return CORRECTION_DOCUMENTS.get(latest.outcome) if latest else None


register(Action(
    "receive_correction_request", _("Correction of information about the applicant (Article 41)"), frozenset(OPEN_STATUSES),
    lambda r, u, cd: duties.receive_correction_request(
        r, user=u, on=cd["on"], information=cd["information"], inaccuracy=cd["inaccuracy"],
        requested_correction=cd.get("requested_correction", ""),
    ),
    forms.CorrectionRequestForm,
))
register(Action(
    "decide_correction_request", _("Decide on the correction (Article 41)"), frozenset(OPEN_STATUSES),
    lambda r, u, cd: duties.decide_correction_request(
        r, user=u, correction_id=cd["correction"], on=cd["on"], outcome=cd["outcome"],
        correction_made=cd.get("correction_made", ""), reasons=cd.get("reasons", ""), competent_agency=cd.get("competent_agency", ""),
    ),
    forms.DecideCorrectionForm, form_takes_request=True, follow_up=_correction_document,
    applies=lambda r, today: r.correction_requests.filter(outcome="").exists(),
))
register(Action(
    "receive_proactive_proposal", _("Proposal of proactive disclosure (Article 44)"), frozenset(OPEN_STATUSES),
    lambda r, u, cd: duties.receive_proactive_proposal(r, user=u, on=cd["on"], information=cd["information"], grounds=cd.get("grounds", "")),
    forms.ProactiveProposalForm,
))
register(Action(
    "decide_proactive_proposal", _("Decide on the proposal (Article 44)"), frozenset(OPEN_STATUSES),
    lambda r, u, cd: duties.decide_proactive_proposal(
        r, user=u, proposal_id=cd["proposal"], on=cd["on"], accept=cd["decision"] == "accept",
        published_url=cd.get("published_url", ""), reasons=cd.get("reasons", ""),
    ),
    forms.DecideProposalForm, form_takes_request=True, follow_up=DocumentKind.PROACTIVE_PROPOSAL_REPLY,
    applies=lambda r, today: r.proactive_proposals.filter(accepted__isnull=True).exists(),
))
register(Action(
    "withdraw", _("Withdrawal by applicant"), frozenset(OPEN_STATUSES),
    lambda r, u, cd: transitions.withdraw(r, user=u, on=cd["on"], note=cd.get("note", "")),
    forms.NoteDayForm, follow_up=DocumentKind.WITHDRAWAL_CONFIRMATION,
))
register(Action(
    "archive", _("Archive"), frozenset({Status.REPLIED, Status.ABANDONED, Status.WITHDRAWN}),
    lambda r, u, cd: transitions.archive(r, user=u),
))
