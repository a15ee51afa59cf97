"""The other duties of the 条例 recorded on a disclosure request: correction
of inaccurate information about the applicant (第41条) and proactive
disclosure (第44条). Each step validates first, then writes in one
transaction through :func:`~.transitions._transition` (row lock, the
registry's refusal for a closed or archived request, timeline and ledger)."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wagtail_gk.dates import long_date

from ..conf import foia_setting
from ..models import DisclosureRequest
from ..models.duties import (
    CorrectionOutcome,
    CorrectionRequest,
    ProactiveDisclosure,
    ProactiveProposal,
    ProactiveSource,
)
from .audit import record_event
from .errors import TransitionError
from .transitions import _check_day, _locked, _transition


def _text(value, limit=None) -> str:
    value = (value or "").strip()
    return value[:limit] if limit else value


# --- 第41条 ------------------------------------------------------------------------


def receive_correction_request(
    req, *, user, on: datetime.date, information: str, inaccuracy: str, requested_correction: str = ""
) -> CorrectionRequest:
    """第41条: record the applicant's request to correct inaccurate government
    information about themselves, with the evidence they give."""
    information, inaccuracy = _text(information, 300), _text(inaccuracy)
    if not information:
        raise TransitionError(_("Name the government information to be corrected."))
    if not inaccuracy:
        raise TransitionError(_("State what is inaccurate and the evidence given (Article 41)."))
    _check_day(on, not_before=req.arrived_on or req.received_on)
    created = []

    def apply(r):
        created.append(
            CorrectionRequest.objects.create(
                request=r, received_on=on, information=information, inaccuracy=inaccuracy,
                requested_correction=_text(requested_correction),
                registered_by=user if getattr(user, "is_authenticated", False) else None,
            )
        )

    _transition(
        req, "receive_correction_request", user, apply,
        label=_("Request to correct government information received (Article 41): %(what)s") % {"what": information[:100]},
        detail=inaccuracy, effective_on=on,
    )
    return created[0]


def decide_correction_request(
    req, *, user, correction_id: int, on: datetime.date, outcome: str,
    correction_made: str = "", reasons: str = "", competent_agency: str = "",
) -> CorrectionRequest:
    """第41条: correct it (更正), refuse with reasons (不予更正), or forward it
    to the agency competent to correct (转送)."""
    if outcome not in CorrectionOutcome.values:
        raise TransitionError(_("Choose the outcome of the correction request."))
    correction = req.correction_requests.filter(pk=correction_id).first() if correction_id else None
    if correction is None:
        raise TransitionError(_("No such correction request on this disclosure request."))
    if not correction.is_pending:
        raise TransitionError(
            _("This correction request was already decided on %(date)s: %(outcome)s.")
            % {"date": long_date(correction.decided_on), "outcome": correction.get_outcome_display()}
        )
    correction_made, reasons, competent_agency = _text(correction_made), _text(reasons), _text(competent_agency, 200)
    if outcome == CorrectionOutcome.CORRECTED and not correction_made:
        raise TransitionError(_("Describe the correction made."))
    if outcome == CorrectionOutcome.REFUSED and not reasons:
        raise TransitionError(_("A refusal to correct must give reasons."))
    if outcome == CorrectionOutcome.FORWARDED and not competent_agency:
        raise TransitionError(_("Name the agency competent to correct."))
    _check_day(on, not_before=correction.received_on, what=_("Date received"))

    def apply(r):
        correction.outcome = outcome
        correction.decided_on = on
        correction.correction_made = correction_made
        correction.reasons = reasons
        correction.competent_agency = competent_agency
        correction.save()

    label = _("Correction request (Article 41): %(outcome)s") % {"outcome": CorrectionOutcome(outcome).label}
    if competent_agency:
        label = f"{label}（{competent_agency}）"
    _transition(
        req, "decide_correction_request", user, apply, label=label,
        detail=correction_made or reasons, effective_on=on,
    )
    correction.refresh_from_db()
    return correction


# --- 第44条: information several applicants ask for ----------------------------------

_NOISE = re.compile(r"[\s\W_]+", re.UNICODE)


def bigrams(text: str) -> frozenset[str]:
    """The character bigrams of *text* without spaces and punctuation (a
    segmenter-free measure that suits Chinese titles: "县道改造" → 县道 道改 改造)."""
    text = _NOISE.sub("", (text or "").lower())
    if len(text) < 2:
        return frozenset({text}) if text else frozenset()
    return frozenset(text[i : i + 2] for i in range(len(text) - 1))


def similarity(a: str, b: str) -> float:
    """Jaccard similarity of the bigram sets of *a* and *b* (0 … 1)."""
    x, y = bigrams(a), bigrams(b)
    if not x or not y:
        return 0.0
    return len(x & y) / len(x | y)


def _description(req: DisclosureRequest) -> str:
    return req.information_title


@dataclass
class RequestCluster:
    """Requests from several applicants for the same or similar information."""

    requests: list = field(default_factory=list)
    applicants: int = 0

    @property
    def title(self) -> str:
        return self.requests[0].information_title if self.requests else ""

    @property
    def open_requests(self) -> list:
        return [r for r in self.requests if r.is_open]

    @property
    def disclosures(self) -> list:
        seen = {}
        for r in self.requests:
            for d in r.proactive_disclosures.all():
                seen[d.pk] = d
        return list(seen.values())


def frequent_requests(*, since: datetime.date | None = None, threshold: float | None = None, min_applicants: int | None = None):
    """Group the requests received since *since* (default: the last year) whose
    information is the same (same 文号) or similar (bigram similarity of the
    titles ≥ *threshold*), keeping the groups asked for by at least
    *min_applicants* different applicants, largest first."""
    threshold = foia_setting("GK_FOIA_SIMILAR_REQUEST_THRESHOLD") if threshold is None else threshold
    min_applicants = foia_setting("GK_FOIA_SEVERAL_APPLICANTS") if min_applicants is None else min_applicants
    since = since or (timezone.localdate() - datetime.timedelta(days=365))
    reqs = list(
        DisclosureRequest.objects.filter(received_on__gte=since)
        .select_related("agency")
        .prefetch_related("proactive_disclosures")
        .order_by("received_on", "pk")[:5000]
    )
    parent = list(range(len(reqs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    # Pairs sharing bigrams are found through an index of bigram → requests
    # (no all-pairs loop): Jaccard = shared / (|a| + |b| - shared).
    grams = [bigrams(_description(r)) for r in reqs]
    postings: dict[str, list[int]] = {}
    by_reference: dict[str, int] = {}
    for i, r in enumerate(reqs):
        shared: dict[int, int] = {}
        for gram in grams[i]:
            for j in postings.get(gram, ()):
                shared[j] = shared.get(j, 0) + 1
            postings.setdefault(gram, []).append(i)
        for j, common in shared.items():
            if common / (len(grams[i]) + len(grams[j]) - common) >= threshold:
                parent[find(i)] = find(j)
        reference = (r.document_reference or "").strip()
        if reference:
            if reference in by_reference:
                parent[find(i)] = find(by_reference[reference])
            else:
                by_reference[reference] = i
    groups: dict[int, list] = {}
    for i, r in enumerate(reqs):
        groups.setdefault(find(i), []).append(r)
    clusters = []
    for members in groups.values():
        applicants = len({r.applicant_key for r in members})
        if applicants >= min_applicants:
            clusters.append(RequestCluster(requests=members, applicants=applicants))
    clusters.sort(key=lambda c: (-c.applicants, c.requests[0].received_on))
    return clusters


def _open_requests(request_ids) -> list[DisclosureRequest]:
    """The requests of *request_ids*, each known and still open, or a TransitionError naming the first that is not."""
    ids = []
    for value in request_ids or ():
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            raise TransitionError(_("Unknown disclosure request: %(id)s.") % {"id": value}) from None
    if not ids:
        raise TransitionError(_("Choose at least one disclosure request."))
    found = {r.pk: r for r in DisclosureRequest.objects.filter(pk__in=ids)}
    for pk in ids:
        if pk not in found:
            raise TransitionError(_("Unknown disclosure request: %(id)s.") % {"id": pk})
        if not found[pk].is_open:
            raise TransitionError(
                _("Request %(number)s is closed (%(status)s): a proactive disclosure can no longer be recorded on it.")
                % {"number": found[pk].tracking_number, "status": found[pk].get_status_display()}
            )
    return [found[pk] for pk in dict.fromkeys(ids)]


def _check_url(url: str) -> str:
    url = (url or "").strip()
    if not url or not (url.startswith("/") or url.startswith("https://") or url.startswith("http://")):
        raise TransitionError(_("Give the link to the published page (a path such as /zwgk/… or an http(s) address)."))
    return url[:500]


def convert_to_proactive(request_ids, *, user, title: str, published_url: str, on: datetime.date, note: str = "") -> ProactiveDisclosure:
    """第44条第一款: information that several applicants ask for is made 主动公开.
    The record links the published page and the open requests it answers; each
    request's timeline and the ledger say so."""
    title = _text(title, 300)
    if not title:
        raise TransitionError(_("Enter the title of the information made public."))
    url = _check_url(published_url)
    _check_day(on, what=_("Date published"))
    reqs = _open_requests(request_ids)
    with transaction.atomic():
        locked = [_locked(r) for r in reqs]
        for r in locked:  # the status may have changed since the list was read
            if not r.is_open:
                raise TransitionError(
                    _("Request %(number)s is closed (%(status)s): a proactive disclosure can no longer be recorded on it.")
                    % {"number": r.tracking_number, "status": r.get_status_display()}
                )
        disclosure = ProactiveDisclosure.objects.create(
            title=title, published_url=url, published_on=on, source=ProactiveSource.SEVERAL_APPLICANTS, note=_text(note),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        disclosure.requests.set(locked)
        label = _("Made proactively public (Article 44): %(title)s") % {"title": title[:100]}
        for r in locked:
            record_event(r, "convert_to_proactive", user, label, detail=url, effective_on=on)
    return disclosure


def receive_proactive_proposal(req, *, user, on: datetime.date, information: str, grounds: str = "") -> ProactiveProposal:
    """第44条第二款: record an applicant's proposal to make information 主动公开."""
    information = _text(information, 300)
    if not information:
        raise TransitionError(_("Name the information proposed for proactive disclosure."))
    _check_day(on, not_before=req.arrived_on or req.received_on)
    created = []

    def apply(r):
        created.append(ProactiveProposal.objects.create(request=r, received_on=on, information=information, grounds=_text(grounds)))

    _transition(
        req, "receive_proactive_proposal", user, apply,
        label=_("Proposal of proactive disclosure received (Article 44): %(what)s") % {"what": information[:100]},
        detail=grounds, effective_on=on,
    )
    return created[0]


def decide_proactive_proposal(
    req, *, user, proposal_id: int, on: datetime.date, accept: bool, published_url: str = "", reasons: str = ""
) -> ProactiveProposal:
    """第44条第二款: the agency publishes the information if it agrees (with the
    link to the published page), or says why not."""
    proposal = req.proactive_proposals.filter(pk=proposal_id).first() if proposal_id else None
    if proposal is None:
        raise TransitionError(_("No such proposal on this disclosure request."))
    if not proposal.is_pending:
        raise TransitionError(_("This proposal was already decided on %(date)s.") % {"date": long_date(proposal.decided_on)})
    url = _check_url(published_url) if accept else ""
    reasons = _text(reasons)
    if not accept and not reasons:
        raise TransitionError(_("Give the reasons for not publishing the information."))
    _check_day(on, not_before=proposal.received_on, what=_("Date received"))

    def apply(r):
        if accept:
            disclosure = ProactiveDisclosure.objects.create(
                title=proposal.information, published_url=url, published_on=on, source=ProactiveSource.PROPOSAL,
                created_by=user if getattr(user, "is_authenticated", False) else None,
            )
            disclosure.requests.add(r)
            proposal.disclosure = disclosure
        proposal.accepted = accept
        proposal.decided_on = on
        proposal.reasons = reasons
        proposal.save()

    label = (
        _("Proposal accepted: made proactively public (Article 44)") if accept
        else _("Proposal not accepted (Article 44)")
    )
    _transition(req, "decide_proactive_proposal", user, apply, label=label, detail=url or reasons, effective_on=on)
    proposal.refresh_from_db()
    return proposal
