"""``gk_demo`` is quiet and uses the configured host: one run for the module
(it is slow), then its summary, its e-mail folder and the QR codes it leads
to are checked."""

import io
import re

import pytest
from django.urls import reverse

from tests.policy.qr_decode import decode_pdf_rendered

pytestmark = pytest.mark.slow

HOST = "gk-demo.example.test:8123"
BASE = f"http://{HOST}"


@pytest.fixture(scope="module")
def demo_run(django_db_blocker, tmp_path_factory):
    """The full demo, loaded once with ``--host`` and a file mail folder, rolled back after."""
    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    folder = tmp_path_factory.mktemp("demo-mail")
    out = io.StringIO()
    with django_db_blocker.unblock(), override_settings(
        EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend", EMAIL_FILE_PATH=str(folder)
    ):
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("gk_demo", host=HOST, stdout=out)
            yield {"out": out.getvalue(), "folder": folder}
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_summary_is_short_chinese_and_names_logins_and_places(demo_run, db):
    from wagtail_gk.roles import ROLES

    out = demo_run["out"]
    lines = out.strip().splitlines()
    assert 5 < len(lines) <= 40, out
    assert "演示站点“永宁县人民政府”已就绪" in out
    assert f"网站前台：{BASE}/" in out and f"管理后台：{BASE}/admin/" in out
    # Every login with its role in Chinese, and the password once.
    for username, role_key in (("editor", "editor"), ("reviewer", "reviewer"), ("officer", "officer"), ("village", "village_member"), ("township", "township_reviewer")):
        line = next(line for line in lines if line.split() and line.split()[0] == username)
        assert str(ROLES[role_key].label) in line and re.search(r"[\u4e00-\u9fff]", line), line
    assert re.search(r"^\s*admin\s+系统管理员", out, re.M)
    assert out.count("gk-demo-2026") == 1
    # The navigation's columns with URLs on the configured host.
    assert re.search(rf"政务公开\s+{re.escape(BASE)}/\S+", out)
    # No progress noise, no raw e-mail, no other host or port.
    for noise in ("Content-Type", "MIME-Version", "=?utf-8?", "base64", "village:", "catalog:", "foia:", "Policy library", "alignment:"):
        assert noise not in out, noise
    assert not re.search(r"https?://(?!gk-demo\.example\.test:8123)", out)


def test_mail_goes_to_the_folder_it_names(demo_run, db):
    out, folder = demo_run["out"], demo_run["folder"]
    match = re.search(r"每封保存为 (\S+) 中的一个文件（本次写入 (\d+) 封）", out)
    assert match, out
    assert match.group(1) == str(folder)
    written = [path for path in folder.iterdir() if path.is_file()]
    assert int(match.group(2)) == len(written)


def test_demo_sets_the_public_base_url_and_posters_scan_to_it(demo_run, db, client):
    from django.contrib.auth import get_user_model
    from wagtail.models import Site

    from wagtail_gk.models import GovernmentSiteSettings, ShortLink
    from wagtail_gk.policy.models import PolicyDocumentPage

    site = Site.objects.get(is_default_site=True)
    assert GovernmentSiteSettings.for_site(site).public_base_url == BASE
    policy = PolicyDocumentPage.objects.live().order_by("pk").first()
    client.force_login(get_user_model().objects.get(username="admin"))
    poster = client.get(reverse("wagtail_gk_policy_admin:poster", args=[policy.pk]), {"paper": "A4"})
    assert poster["Content-Type"] == "application/pdf"
    assert decode_pdf_rendered(poster.content) == [[f"{BASE}/q/{ShortLink.objects.for_page(policy).code}/"]]


@pytest.mark.requires_apps("wagtail_gk_village")
def test_demo_village_board_scans_to_the_configured_host(demo_run, db, client):
    from wagtail_gk.models import ShortLink
    from wagtail_gk_village.models import VillageNoticePage

    notice = VillageNoticePage.objects.live().order_by("pk").first()
    board = client.get(notice.get_board_url("A4"))
    assert board["Content-Type"] == "application/pdf"
    codes = [text for page in decode_pdf_rendered(board.content) for text in page]
    assert codes == [f"{BASE}/q/{ShortLink.objects.for_page(notice).code}/"]


def test_bad_host_is_refused_with_a_message(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="8x"):
        call_command("gk_demo", host="127.0.0.1:8x", stdout=io.StringIO())
