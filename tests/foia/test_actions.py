"""The actions registry: every action refuses a status it does not allow
(clear message, nothing written), the workspace offers and dispatches what
the registry allows, and the timeline names each step by its action."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse

from wagtail_gk.models import LedgerEntry
from wagtail_gk_foia import actions, services
from wagtail_gk_foia.forms import NoteDayForm
from wagtail_gk_foia.models import DisclosureRequest, IssuedDocument, RequestEvent, Status

from .conftest import MARCH_2, application, upload

pytestmark = pytest.mark.django_db
NS = "wagtail_gk_foia_requests"

REFUSED = [
    (action.code, status)
    for action in actions.registry
    for status in Status.values
    if status not in action.statuses
]


def u(name, *args):
    return reverse(f"{NS}:{name}", args=args)


@pytest.fixture
def filed(agencies, users):
    def make():
        req, _code = services.register_request(
            agency=agencies["county"], data=application(), channel="in_person", received_on=MARCH_2,
            user=users["officer"], identity_proof=upload(),
        )
        return req

    return make


def _change_only_user():
    """Handles requests but may not record the approval of an extension."""
    user = get_user_model().objects.create_user("banli", password="pw")
    user.user_permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_disclosurerequest", "change_disclosurerequest"]
        )
    )
    return user


def test_every_status_has_a_refusing_action():
    assert len(REFUSED) > len(Status.values)  # the parametrization below is not empty
    assert {status for _code, status in REFUSED} == set(Status.values)


@pytest.mark.parametrize("code, status", REFUSED, ids=[f"{c}-{s}" for c, s in REFUSED])
def test_action_refuses_a_status_it_does_not_allow(client, users, filed, code, status):
    req = filed()
    DisclosureRequest.objects.filter(pk=req.pk).update(status=status)
    req.refresh_from_db()
    action = actions.registry.get(code)
    assert not action.allows(req)
    assert action not in actions.registry.for_request(req)
    events, ledger = RequestEvent.objects.filter(request=req).count(), LedgerEntry.objects.count()
    client.force_login(users["officer"])
    # A well-formed post: the refusal comes from the status, not from the form.
    response = client.post(u("action", req.pk, code), {f"{code}-on": "2026-03-03"}, follow=True)
    html = response.content.decode()
    if status == Status.ARCHIVED:
        assert "该申请已归档，只能查看，不能修改。" in html
    else:
        assert f"当前状态“{req.get_status_display()}”下不能执行“{action.label}”。" in html
    req.refresh_from_db()
    assert req.status == status
    assert RequestEvent.objects.filter(request=req).count() == events
    assert LedgerEntry.objects.count() == ledger


def test_workspace_offers_and_dispatches_the_registry(client, users, filed):
    req = filed()
    client.force_login(users["officer"])
    html = client.get(u("edit", req.pk)).content.decode()
    offered = {a.code for a in actions.registry.for_request(req, users["officer"])}
    assert offered == {
        "request_correction", "start_consultation", "approve_extension", "request_reasons",
        "issue_fee_notice", "reply", "withdraw", "receive_correction_request", "receive_proactive_proposal",
    }
    for code in actions.registry.codes():
        assert (u("action", req.pk, code) in html) is (code in offered)
    response = client.post(u("action", req.pk, "withdraw"), {"withdraw-on": "2026-03-03"})
    assert "document=withdrawal_confirmation" in response["Location"]
    html = client.get(u("edit", req.pk)).content.decode()
    # The timeline heads the step with its action's label, then the step's own words.
    assert "<strong>申请人撤回</strong><br>申请人撤回申请" in html.replace("\n", "")


def test_an_action_needs_its_permission(client, filed):
    req = filed()
    user = _change_only_user()
    assert "approve_extension" not in {a.code for a in actions.registry.for_request(req, user)}
    assert "withdraw" in {a.code for a in actions.registry.for_status(Status.REGISTERED, user)}
    client.force_login(user)
    assert u("action", req.pk, "approve_extension") not in client.get(u("edit", req.pk)).content.decode()
    response = client.post(
        u("action", req.pk, "approve_extension"),
        {
            "approve_extension-on": "2026-03-03", "approve_extension-days": "5",
            "approve_extension-approved_by": "主任", "approve_extension-reason": "量大",
        },
    )
    # Wagtail turns PermissionDenied into a redirect to the dashboard.
    assert response.status_code in (302, 403)
    assert u("edit", req.pk) not in response.get("Location", "")
    req.refresh_from_db()
    assert req.extension_days == 0
    assert not RequestEvent.objects.filter(request=req, action="approve_extension").exists()


def test_unknown_action_is_not_found(client, users, filed):
    req = filed()
    client.force_login(users["officer"])
    assert client.post(u("action", req.pk, "delete_everything"), {}).status_code == 404


def test_run_passes_the_form_to_the_service(users, filed):
    req = filed()
    action = actions.registry.get("request_reasons")
    form = action.form(req, {"request_reasons-on": "2026-03-03", "request_reasons-note": "数量明显过多"})
    assert isinstance(form, NoteDayForm) and form.is_valid()
    action.run(req, form, users["officer"])
    assert req.status == Status.AWAITING_REASONS
    event = RequestEvent.objects.filter(request=req).last()
    assert (event.action, event.detail) == ("request_reasons", "数量明显过多")
    assert action.follow_up_document(req) == "reasons"
    assert not IssuedDocument.objects.filter(request=req).exists()  # offered, not issued


def test_registering_a_code_twice_is_refused():
    with pytest.raises(ValueError, match="already registered"):
        actions.register(actions.registry.get("archive"))
