"""The officer workspace: registration of other channels (第31条), inbox with
due highlighting and filters, actions, notes, attachments, assignment, and
applicant personal data shown only to officers (each view logged)."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from wagtail_gk import workdays
from wagtail_gk_foia import services
from wagtail_gk_foia.models import DisclosureRequest, PersonalDataAccess, RequestEvent, Status

from .conftest import MARCH_2, RESIDENT_ID, D, application, upload

pytestmark = pytest.mark.django_db
NS = "wagtail_gk_foia_requests"


def u(name, *args):
    return reverse(f"{NS}:{name}", args=args)


@pytest.fixture
def officer_client(client, users):
    client.force_login(users["officer"])
    return client


@pytest.fixture
def viewer_client(client, users):
    """A staff user who may list requests but is not an open-government officer."""
    user = get_user_model().objects.create_user("kanyixia", password="pw")
    user.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="view_disclosurerequest"),
    )
    client.force_login(user)
    return client


@pytest.fixture
def filed(agencies, users):
    def make(received_on=MARCH_2, **data):
        req, _code = services.register_request(
            agency=agencies["county"], data=application(**data), channel="in_person", received_on=received_on,
            user=users["officer"], identity_proof=upload(),
        )
        return req

    return make


def registration_data(agencies, **overrides):
    data = {
        "channel": "registered_post", "received_on": "2026-11-20", "external_reference": "XA123456789CN",
        "agency": agencies["county"].pk, "pieces": 2, "applicant_kind": "natural", "applicant_name": "邮寄申请人",
        "id_type": "resident_id", "id_number": RESIDENT_ID, "phone": "0951-1234567",
        "information_title": "县城供水价格调整听证材料", "description": "2026年县城供水价格调整听证会的全部材料。",
        "delivery_form": "paper", "delivery_channel": "post", "address": "永宁县杨和镇1号",
    }
    data.update(overrides)
    return data


def test_officer_registers_post_request_with_receipt_date_rule(officer_client, agencies, users):
    response = officer_client.post(u("add"), registration_data(agencies))
    assert response.status_code == 302, response.content.decode()[:3000]
    req = DisclosureRequest.objects.get()
    assert (req.channel, req.received_on, req.pieces, req.external_reference) == (
        "registered_post", D(2026, 11, 20), 2, "XA123456789CN"
    )
    assert "签收之日" in req.receipt_date_basis
    assert req.registered_by == users["officer"]
    assert "document=receipt" in response["Location"]


@pytest.mark.parametrize("channel", ["in_person", "fax", "ordinary_letter", "oral"])
def test_registration_channels(officer_client, agencies, channel):
    assert officer_client.post(u("add"), registration_data(agencies, channel=channel)).status_code == 302
    assert DisclosureRequest.objects.get().channel == channel


@pytest.mark.parametrize(
    "received_on, message",
    [
        # Tomorrow in the site's time zone, computed when the test runs.
        (lambda: (timezone.localdate() + datetime.timedelta(days=1)).isoformat(), "不能晚于今天"),
        (lambda: "2026-13-45", "日期格式不正确"),
    ],
    ids=["tomorrow", "malformed"],
)
def test_registration_refuses_future_or_malformed_dates(officer_client, agencies, received_on, message):
    response = officer_client.post(u("add"), registration_data(agencies, received_on=received_on()))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["received_on"])
    assert not DisclosureRequest.objects.exists()


def test_online_channel_not_offered_to_officers(officer_client, agencies):
    response = officer_client.post(u("add"), registration_data(agencies, channel="online"))
    assert "channel" in response.context["form"].errors


def test_inbox_highlights_overdue_and_due_soon_and_filters(officer_client, filed):
    today = datetime.date.today()
    overdue = filed(received_on=D(2026, 3, 2), information_title="超期的申请")
    soon = filed(received_on=today, information_title="即将到期的申请")
    DisclosureRequest.objects.filter(pk=soon.pk).update(reply_due_on=workdays.add_working_days(today, 1, provisional=True))
    html = officer_client.get(u("index")).content.decode()
    assert "超期的申请" in html and "已超期" in html and "即将到期" in html
    only_overdue = officer_client.get(u("index") + "?due=overdue").content.decode()
    assert overdue.tracking_number in only_overdue and soon.tracking_number not in only_overdue
    only_soon = officer_client.get(u("index") + "?due=due_soon").content.decode()
    assert soon.tracking_number in only_soon and overdue.tracking_number not in only_soon
    by_channel = officer_client.get(u("index") + "?channel=fax").content.decode()
    assert overdue.tracking_number not in by_channel


def test_workspace_shows_only_allowed_actions_and_timeline(officer_client, filed):
    req = filed()
    html = officer_client.get(u("edit", req.pk)).content.decode()
    assert "告知补正" in html and "答复" in html
    assert "收到补正" not in html and "登记缴费" not in html
    assert "登记申请" in html  # timeline
    assert "应答复日期" in html and "20 个工作日" in html  # due-date explanation


def test_action_through_the_workspace(officer_client, filed, users):
    req = filed()
    response = officer_client.post(
        u("action", req.pk, "request_correction"),
        {"request_correction-on": "2026-03-03", "request_correction-items": "请写明文件名称"},
    )
    assert response.status_code == 302
    assert "document=correction" in response["Location"]
    req.refresh_from_db()
    assert req.status == Status.CORRECTION_REQUESTED
    # A refused action gives a message and changes nothing.
    response = officer_client.post(u("action", req.pk, "record_payment"), {"record_payment-on": "2026-03-04"}, follow=True)
    assert "不能执行" in response.content.decode()
    req.refresh_from_db()
    assert req.status == Status.CORRECTION_REQUESTED


def test_partial_disclosure_from_the_workspace(officer_client, filed):
    req = filed()
    officer_client.post(
        u("action", req.pk, "reply"),
        {
            "reply-on": "2026-03-10", "reply-outcome": "2", "reply-reasons": "其余部分予以公开",
            "reply-withheld": "评标专家名单｜3.4｜涉及第三方个人信息\n投标报价明细|3.4|商业秘密",
        },
    )
    req.refresh_from_db()
    assert req.outcome == "2"
    assert list(req.withheld_parts.values_list("description", flat=True)) == ["评标专家名单", "投标报价明细"]


def test_assign_note_attachment(officer_client, filed, users):
    req = filed()
    officer_client.post(u("assign", req.pk), {"assignee": users["officer"].pk})
    officer_client.post(u("note", req.pk), {"text": "已联系档案室"})
    officer_client.post(u("attachment", req.pk), {"kind": "provided", "title": "招标文件", "file": upload("zb.pdf"), "pages": "12"})
    req.refresh_from_db()
    assert req.assignee == users["officer"]
    assert req.notes.get().text == "已联系档案室"
    attachment = req.attachments.get()
    assert (attachment.title, attachment.pages) == ("招标文件", 12)
    assert set(RequestEvent.objects.filter(request=req).values_list("action", flat=True)) >= {"assign", "note", "attachment"}
    response = officer_client.get(u("download_attachment", attachment.pk))
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_assignee_must_be_an_officer(filed, users):
    req = filed()
    with pytest.raises(services.TransitionError, match="政务公开工作人员"):
        services.assign(req, user=users["officer"], assignee=users["editor"])


def test_personal_data_only_for_officers_and_logged(officer_client, filed, users, client):
    req = filed(applicant_name="陈申请人")
    html = officer_client.get(u("edit", req.pk)).content.decode()
    assert "陈申请人" in html and RESIDENT_ID in html
    assert PersonalDataAccess.objects.filter(request=req, user=users["officer"], what="workspace").count() == 1
    proof = officer_client.get(u("identity_proof", req.pk))
    assert proof.status_code == 200
    assert PersonalDataAccess.objects.filter(request=req, what="identity_proof").count() == 1


def test_non_officer_sees_masked_data_and_nothing_logged(viewer_client, filed):
    req = filed(applicant_name="陈申请人")
    html = viewer_client.get(u("edit", req.pk)).content.decode()
    assert "陈申请人" not in html and RESIDENT_ID not in html
    assert "陈**" in html
    # Wagtail turns PermissionDenied into a redirect with a message.
    assert viewer_client.get(u("identity_proof", req.pk)).status_code in (302, 403)
    assert viewer_client.get(u("archive_zip", req.pk)).status_code in (302, 403)
    assert not PersonalDataAccess.objects.exists()
    # And no handling rights without the change permission.
    viewer_client.post(u("action", req.pk, "withdraw"), {"withdraw-on": "2026-03-03"})
    req.refresh_from_db()
    assert req.status == Status.REGISTERED


def test_archive_zip_contains_documents(officer_client, filed, users):
    import io
    import zipfile

    from wagtail_gk_foia import documents

    req = filed()
    services.reply(req, user=users["officer"], outcome="4.1", on=D(2026, 3, 10), reasons="经检索，本机关未制作。")
    documents.issue_document(req, "reply_not_exist", user=users["officer"], issued_on=D(2026, 3, 10))
    services.archive(req, user=users["officer"])
    html = officer_client.get(u("edit", req.pk)).content.decode()
    assert "告知补正" not in html
    data = officer_client.get(u("archive_zip", req.pk)).content
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert any(n.endswith(".pdf") for n in names) and any(n.endswith(".docx") for n in names)
    year = officer_client.get(u("year_zip", 2026))
    assert year.status_code == 200
    assert any(req.tracking_number in n for n in zipfile.ZipFile(io.BytesIO(year.content)).namelist())
