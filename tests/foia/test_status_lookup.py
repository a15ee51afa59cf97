"""The status look-up slows down guessers and never locks out the applicant
(docs/foia.md, "The status look-up"): all through the public status URL."""

from __future__ import annotations

import datetime
import math
import re
import zoneinfo

import pytest
import time_machine
from django.core.checks import run_checks
from django.test import Client, override_settings
from django.utils.translation import override

from wagtail_gk_foia import antispam, services
from wagtail_gk_foia.conf import status_lookup_limits
from wagtail_gk_foia.models import DisclosureRequest

from .captcha import solve
from .conftest import form_post

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 2, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
WRONG = "AAAA-BBBB-CCCC"


@pytest.fixture
def filed(foia_page):
    """(request, query code) filed through the public form and read off the receipt."""
    applicant = Client(REMOTE_ADDR="10.9.9.9")
    url = foia_page.url
    assert applicant.post(url, form_post(applicant, url)).status_code == 302
    receipt = applicant.get(url + "receipt/")
    return DisclosureRequest.objects.get(), receipt.context["query_code"]


@pytest.fixture
def clock():
    with time_machine.travel(START, tick=False) as traveller:
        yield traveller


def look_up(client, page, number, code, *, question=None):
    """POST the status form; *question*: the page whose question to answer."""
    data = {"tracking_number": number, "query_code": code}
    if question is not None:
        assert question.context["ask_question"], "the page asked no question"
        data.update(form_token=question.context["form_token"], captcha_answer=str(solve(question.context["question"])))
    return client.post(page.url + "status/", data)


def shows_status(response, req) -> bool:
    return response.status_code == 200 and req.information_title in response.content.decode()


def test_query_code_entropy_makes_guessing_hopeless():
    assert services.QUERY_CODE_BITS > 59
    codes = {services.new_query_code() for _i in range(2000)}
    assert len(codes) == 2000
    for code in list(codes)[:50]:
        raw = code.replace("-", "")
        assert len(raw) == services.QUERY_CODE_LENGTH and set(raw) <= set(services.QUERY_CODE_ALPHABET)
    # The figure stated in docs/foia.md: a million addresses at the backoff cap.
    limits = status_lookup_limits()
    per_address_per_day = 86400 / limits.backoff_max + limits.free_failures + math.log2(limits.backoff_max)
    guesses_per_year = 1_000_000 * per_address_per_day * 365
    expected_years = (len(services.QUERY_CODE_ALPHABET) ** services.QUERY_CODE_LENGTH / 2) / guesses_per_year
    assert expected_years > 3_000_000


def test_fifty_addresses_guessing_do_not_lock_out_the_applicant(clock, foia_page, filed):
    req, code = filed
    for i in range(50):
        response = look_up(Client(REMOTE_ADDR=f"10.1.0.{i}"), foia_page, req.tracking_number, f"AAAA-BBBB-{i:04d}")
        assert response.status_code in (400, 403)
        assert req.information_title not in response.content.decode()
    applicant = Client(REMOTE_ADDR="10.2.0.1")
    # The number has had many failures: even a new address is asked the question …
    asked = look_up(applicant, foia_page, req.tracking_number, code)
    assert asked.status_code == 400 and asked.context["ask_question"]
    assert req.information_title not in asked.content.decode()
    # … and with it answered, the right code shows the status at once.
    response = look_up(applicant, foia_page, req.tracking_number, code, question=asked)
    assert shows_status(response, req)


def test_one_address_is_slowed_and_another_is_not(clock, foia_page, filed):
    req, code = filed
    guesser = Client(REMOTE_ADDR="10.3.0.1")
    for i in range(3):
        response = look_up(guesser, foia_page, req.tracking_number, f"AAAA-BBBB-CCC{i}")
        assert response.status_code == 403
    assert response["Retry-After"] == "2"  # the third failure starts the wait
    # Fourth attempt at once: 429 with Retry-After, the code is not checked.
    slowed = look_up(guesser, foia_page, req.tracking_number, code)
    assert slowed.status_code == 429 and slowed["Retry-After"] == "2"
    assert req.information_title not in slowed.content.decode()
    # Another address is not affected: no question, no wait.
    other = Client(REMOTE_ADDR="10.3.0.2")
    assert not other.get(foia_page.url + "status/").context["ask_question"]
    assert shows_status(look_up(other, foia_page, req.tracking_number, code), req)
    # After the wait the guesser must answer the question …
    clock.shift(2)
    asked = look_up(guesser, foia_page, req.tracking_number, WRONG)
    assert asked.status_code == 400 and asked.context["ask_question"]
    # … and each further wrong code doubles the wait.
    assert look_up(guesser, foia_page, req.tracking_number, WRONG, question=asked).status_code == 403
    again = look_up(guesser, foia_page, req.tracking_number, WRONG)
    assert again.status_code == 429 and again["Retry-After"] == "4"
    clock.shift(3)
    assert look_up(guesser, foia_page, req.tracking_number, WRONG)["Retry-After"] == "1"


@override_settings(GK_FOIA_STATUS_BACKOFF_MAX=16)
def test_waits_double_up_to_the_cap(clock, foia_page, filed):
    req, _code = filed
    guesser = Client(REMOTE_ADDR="10.4.0.1")
    waits = []
    page = guesser.get(foia_page.url + "status/")
    for _i in range(8):
        response = look_up(guesser, foia_page, req.tracking_number, WRONG, question=page if page.context["ask_question"] else None)
        assert response.status_code == 403
        waits.append(int(response.get("Retry-After", 0)))
        clock.shift(waits[-1])
        page = guesser.get(foia_page.url + "status/")
    assert waits == [0, 0, 2, 4, 8, 16, 16, 16]


def test_right_code_from_the_guessing_address_works_after_the_question(clock, foia_page, filed):
    req, code = filed
    guesser = Client(REMOTE_ADDR="10.5.0.1")
    for i in range(6):
        page = guesser.get(foia_page.url + "status/")
        response = look_up(guesser, foia_page, req.tracking_number, f"AAAA-BBBB-CCC{i}", question=page if page.context["ask_question"] else None)
        assert response.status_code == 403
        clock.shift(int(response.get("Retry-After", 0)))
    # Without the question the right code is not checked …
    unanswered = look_up(guesser, foia_page, req.tracking_number, code)
    assert unanswered.status_code == 400 and req.information_title not in unanswered.content.decode()
    # … a wrong answer burns the question and checks nothing …
    wrong_answer = guesser.post(
        foia_page.url + "status/",
        {
            "tracking_number": req.tracking_number, "query_code": code,
            "form_token": unanswered.context["form_token"], "captcha_answer": "999",
        },
    )
    assert wrong_answer.status_code == 400 and req.information_title not in wrong_answer.content.decode()
    # … and with the question answered, the right code shows the status.
    response = look_up(guesser, foia_page, req.tracking_number, code, question=wrong_answer)
    assert shows_status(response, req)
    # A solved question is good for one look-up only.
    replay = guesser.post(
        foia_page.url + "status/",
        {
            "tracking_number": req.tracking_number, "query_code": code,
            "form_token": wrong_answer.context["form_token"], "captcha_answer": str(solve(wrong_answer.context["question"])),
        },
    )
    assert replay.status_code == 400 and req.information_title not in replay.content.decode()


def _page_without_tokens(response) -> str:
    html = response.content.decode()
    html = re.sub(r'name="(csrfmiddlewaretoken|form_token)" value="[^"]*"', r'name="\1"', html)
    html = re.sub(r'<span class="gk-foia-question">[^<]*</span>', "", html)
    return html.replace(response.wsgi_request.POST.get("tracking_number", ""), "NUMBER")


@pytest.mark.parametrize("failures", [1, 5, 8])
def test_wrong_code_and_missing_number_answer_alike(clock, foia_page, filed, failures):
    req, _code = filed
    missing = "YSQ2026999999"
    assert not DisclosureRequest.objects.filter(tracking_number=missing).exists()
    answers = {}
    for n, number in enumerate((req.tracking_number, missing)):
        with override("en"):
            for i in range(failures):
                client = Client(REMOTE_ADDR=f"10.6.{n}.{i}")
                page = client.get(foia_page.url + "status/")
                response = look_up(client, foia_page, number, WRONG)
                if response.status_code == 400:  # the number now needs the question
                    response = look_up(client, foia_page, number, WRONG, question=response)
                answers.setdefault(number, []).append(
                    (response.status_code, response.get("Retry-After"), response.context["error"],
                     response.context["ask_question"], _page_without_tokens(response), page.status_code)
                )
    assert answers[req.tracking_number] == answers[missing]
    status, _retry, error, _ask, _html, _get = answers[missing][-1]
    assert status == 403 and error.startswith("受理编号或查询码不正确")


def test_unknown_number_counts_like_a_known_one():
    limits = status_lookup_limits()
    for i in range(limits.number_captcha_after):
        antispam.record_status_failure(f"10.7.0.{i}", "YSQ2026999999", limits)
    assert antispam.status_needs_question("10.7.1.1", "YSQ2026999999", limits)
    assert not antispam.status_needs_question("10.7.1.1", "YSQ2026999998", limits)


def test_ipv6_failures_count_per_64_network():
    assert antispam.address_key("2001:db8:1:2:aaaa::1") == antispam.address_key("2001:db8:1:2:ffff::9") == "2001:db8:1:2::/64"
    assert antispam.address_key("2001:db8:1:3::1") != antispam.address_key("2001:db8:1:2::1")
    assert antispam.address_key("::ffff:10.0.0.1") == "10.0.0.1"
    assert antispam.address_key("10.0.0.1") == "10.0.0.1"


@override_settings(GK_FOIA_STATUS_RATE="3/h")
def test_many_look_ups_from_one_address_ask_the_question_but_never_lock(clock, foia_page, filed):
    req, code = filed
    applicant = Client(REMOTE_ADDR="10.8.0.1")
    for _i in range(3):
        assert shows_status(look_up(applicant, foia_page, req.tracking_number, code), req)
    asked = look_up(applicant, foia_page, req.tracking_number, code)
    assert asked.status_code == 400 and asked.context["ask_question"]
    assert shows_status(look_up(applicant, foia_page, req.tracking_number, code, question=asked), req)


@override_settings(GK_FOIA_STATUS_FAILURE_RATE="2/h")
def test_obsolete_failure_rate_is_translated_and_reported(clock, foia_page, filed):
    req, code = filed
    limits = status_lookup_limits()
    assert (limits.number_captcha_after, limits.failure_window) == (2, 3600)
    warnings = [m for m in run_checks() if m.id == "wagtail_gk_foia.W003"]
    assert len(warnings) == 1 and "GK_FOIA_STATUS_NUMBER_CAPTCHA_AFTER = 2" in warnings[0].msg
    for i in range(2):
        assert look_up(Client(REMOTE_ADDR=f"10.10.0.{i}"), foia_page, req.tracking_number, WRONG).status_code == 403
    # Where the old setting locked the number, the applicant now answers the question.
    applicant = Client(REMOTE_ADDR="10.10.1.1")
    asked = look_up(applicant, foia_page, req.tracking_number, code)
    assert asked.status_code == 400
    assert shows_status(look_up(applicant, foia_page, req.tracking_number, code, question=asked), req)
    # The failures are forgotten after the old setting's period.
    clock.shift(3601)
    assert shows_status(look_up(Client(REMOTE_ADDR="10.10.1.2"), foia_page, req.tracking_number, code), req)


@override_settings(GK_FOIA_STATUS_BACKOFF_MAX=0, GK_FOIA_STATUS_FREE_FAILURES="3")
def test_bad_limits_are_reported():
    errors = [m for m in run_checks() if m.id == "wagtail_gk_foia.E004"]
    assert {e.msg.split(" ")[0] for e in errors} == {"GK_FOIA_STATUS_BACKOFF_MAX", "GK_FOIA_STATUS_FREE_FAILURES"}
