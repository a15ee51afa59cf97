"""The intake pages' fast path (docs/foia.md, "How the intake stays fast"):
routes and site frame from a per-process snapshot, pre-rendered blank fields,
the receipt in a signed cookie; and that none of it changes what an applicant
or an editor sees."""

from __future__ import annotations

import os
import re

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from wagtail_gk_foia import routing
from wagtail_gk_foia.models import DisclosureRequest
from wagtail_gk_foia.storage import private_storage
from wagtail_gk_foia.views import public

from .conftest import form_post

pytestmark = pytest.mark.django_db

VOLATILE = [
    re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+'),
    re.compile(r'(name="form_token" value=")[^"]+'),
    re.compile(r"(data-question>)[^<]+"),
]


def normalised(html: str) -> str:
    """The page without the values that differ on every request."""
    for pattern in VOLATILE:
        html = pattern.sub(r"\1…", html)
    return html


def test_form_page_from_the_snapshot_is_the_page_wagtail_renders(client, foia_page, settings):
    public._blank_fields.clear()
    first = client.get(foia_page.url).content.decode()  # builds the snapshot, frame and blank fields
    cached = client.get(foia_page.url).content.decode()
    settings.GK_FOIA_ROUTE_CACHE_SECONDS = 0  # through Wagtail's serve, rendered whole
    whole = client.get(foia_page.url).content.decode()
    assert 'name="form_token"' in cached and "data-question>" in cached
    assert normalised(first) == normalised(cached) == normalised(whole)
    # ...and every request gets its own token and question.
    assert re.search(VOLATILE[1], first).group(0) != re.search(VOLATILE[1], cached).group(0)


def test_accessible_form_from_the_snapshot_is_the_same_page(client, foia_page, settings):
    cached = [client.get(foia_page.url + "easy/").content.decode() for _i in range(2)][1]
    settings.GK_FOIA_ROUTE_CACHE_SECONDS = 0
    whole = client.get(foia_page.url + "easy/").content.decode()
    assert normalised(cached) == normalised(whole)
    assert f'action="{foia_page.url}easy/"' in cached


def test_queries_of_one_submission(client, foia_page):
    """Form and receipt need no routing queries; the POST writes the request,
    its token, the ledger entry and the timeline event, nothing more."""
    # The first submission builds the snapshot and the frames (once per process).
    first = client.post(foia_page.url, form_post(client, foia_page.url))
    client.get(first["Location"])
    client = Client()
    with CaptureQueriesContext(connection) as form_queries:
        data = form_post(client, foia_page.url)
    with CaptureQueriesContext(connection) as post_queries:
        response = client.post(foia_page.url, data)
    assert response.status_code == 302
    with CaptureQueriesContext(connection) as receipt_queries:
        receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    assert len(form_queries) == 0
    # The request itself, and the site's public base URL for the receipt's QR
    # code and links (Government website details; the site is the one Wagtail
    # already found for the request).
    assert len(receipt_queries) == 2
    # Every table a statement writes, in order (on PostgreSQL the ledger entry
    # and its chain head are written by one WITH … INSERT … UPDATE statement).
    writes = [
        " ".join(m)
        for q in post_queries
        if re.match(r"(WITH|INSERT|UPDATE)\b", q["sql"])
        for m in re.findall(r'\b(INSERT|UPDATE)(?: INTO)? ("\w+")', q["sql"])
    ]
    assert writes == [
        'UPDATE "wagtail_gk_foia_foiacounter"',
        'INSERT "wagtail_gk_foia_disclosurerequest"',
        'INSERT "wagtail_gk_foia_usedformtoken"',
        'INSERT "wagtail_gk_ledgerentry"',
        'UPDATE "wagtail_gk_ledgerhead"',
        'INSERT "wagtail_gk_foia_requestevent"',
    ]
    assert len(post_queries) <= 12  # the writes, the ledger head lock, savepoints


def test_unpublished_page_is_gone_at_once(client, foia_page):
    assert client.get(foia_page.url).status_code == 200
    foia_page.unpublish()
    assert client.get(foia_page.url).status_code == 404


@pytest.mark.parametrize("on", ["page", "parent"])
def test_view_restriction_applies_at_once(client, foia_page, on):
    from wagtail.models import PageViewRestriction

    assert 'name="form_token"' in client.get(foia_page.url).content.decode()
    restricted = foia_page if on == "page" else foia_page.get_parent()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="x")
    html = client.get(foia_page.url).content.decode()
    assert 'name="form_token"' not in html
    assert 'name="password"' in html  # Wagtail's password form


def test_change_in_another_process_is_seen_through_the_cache(client, foia_page, monkeypatch):
    """Another process saves the page: this process learns it from the version
    key in the shared cache (within VERSION_CHECK_SECONDS)."""
    from django.core.cache import cache
    from wagtail.models import Page

    assert client.get(foia_page.url).status_code == 200
    Page.objects.filter(pk=foia_page.pk).update(title="依申请公开（新）")  # no signal in this process
    assert "依申请公开（新）" not in client.get(foia_page.url).content.decode()
    cache.set(routing.VERSION_KEY, "changed-elsewhere", None)
    monkeypatch.setattr(routing, "VERSION_CHECK_SECONDS", 0)
    assert "依申请公开（新）" in client.get(foia_page.url).content.decode()


def test_snapshot_is_rebuilt_when_it_is_too_old(client, foia_page, monkeypatch):
    """Without a shared cache, a change made in another process is seen once
    the snapshot is GK_FOIA_ROUTE_CACHE_SECONDS old."""
    from wagtail.models import Page

    from wagtail_gk_foia.conf import foia_setting

    assert client.get(foia_page.url).status_code == 200
    Page.objects.filter(pk=foia_page.pk).update(title="依申请公开（新）")
    assert "依申请公开（新）" not in client.get(foia_page.url).content.decode()
    snap = routing._state["snapshot"]
    monkeypatch.setattr(snap, "built_at", snap.built_at - foia_setting("GK_FOIA_ROUTE_CACHE_SECONDS") - 1)
    assert "依申请公开（新）" in client.get(foia_page.url).content.decode()


def test_signed_in_editor_gets_the_whole_page(client, foia_page, users):
    client.force_login(users["admin"])
    html = client.get(foia_page.url).content.decode()
    assert 'name="form_token"' in html
    assert "wagtail-userbar" in html  # the frame cached for anonymous visitors has no editor bar
    assert "wagtail-userbar" not in Client().get(foia_page.url).content.decode()


def test_other_pages_still_reach_wagtail(client, foia_page, home_page):
    assert client.get(home_page.url).status_code == 200
    assert client.get(foia_page.url + "no-such-part/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404


# --- the receipt cookie -----------------------------------------------------------


def _submitted(client, page):
    response = client.post(page.url, form_post(client, page.url))
    assert response.status_code == 302
    return response


def test_query_code_is_not_kept_on_the_server(client, foia_page):
    from django.contrib.sessions.models import Session

    _submitted(client, foia_page)
    code = client.get(foia_page.url + "receipt/").context["query_code"]
    req = DisclosureRequest.objects.get()
    assert code not in req.query_code_hash
    assert not any(code in str(s.get_decoded()) for s in Session.objects.all())
    cookie = client.cookies[public.RECEIPT_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Lax" and cookie["path"] == foia_page.url


def test_forged_or_foreign_receipt_cookie_shows_nothing(client, foia_page):
    from django.core import signing

    _submitted(client, foia_page)
    req = DisclosureRequest.objects.get()
    forged = Client()
    forged.cookies[public.RECEIPT_COOKIE] = client.cookies[public.RECEIPT_COOKIE].value[:-2] + "xx"
    assert forged.get(foia_page.url + "receipt/").status_code == 302
    # Signed for another page, or with a wrong query code: no receipt either.
    for data in (
        {"page": foia_page.pk + 1, "id": req.pk, "n": req.tracking_number, "code": "AAAA-BBBB-CCCC"},
        {"page": foia_page.pk, "id": req.pk, "n": req.tracking_number, "code": "AAAA-BBBB-CCCC"},
    ):
        other = Client()
        other.cookies[public.RECEIPT_COOKIE] = signing.dumps(data, salt=public.RECEIPT_SALT)
        assert other.get(foia_page.url + "receipt/").status_code == 302
        assert other.get(foia_page.url + "receipt/pdf/").status_code == 404


@override_settings(GK_FOIA_RECEIPT_MAX_AGE=0)
def test_receipt_cookie_expires(client, foia_page):
    import time

    _submitted(client, foia_page)
    time.sleep(1.1)
    assert client.get(foia_page.url + "receipt/").status_code == 302


def test_double_submission_leaves_no_file(client, foia_page):
    from .conftest import upload

    data = form_post(client, foia_page.url)
    assert client.post(foia_page.url, data).status_code == 302
    folder = private_storage.path("identity")
    stored = set(os.listdir(folder)) if os.path.isdir(folder) else set()
    data["identity_proof"] = upload()
    response = client.post(foia_page.url, data)
    assert response.status_code == 409
    assert "查看已提交申请的回执" in response.content.decode()  # this browser has the receipt
    assert (set(os.listdir(folder)) if os.path.isdir(folder) else set()) == stored
    assert DisclosureRequest.objects.count() == 1
