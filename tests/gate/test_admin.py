"""The gate's admin screens render in Chinese for the roles that use them;
term import/export screens; re-scan of live pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail_gk.models import RescanFinding, SensitiveTerm

from .conftest import CLEAN_TEXT


@pytest.mark.parametrize(
    ("url_name", "args", "expected"),
    [
        ("wagtailsnippets_wagtail_gk_sensitiveterm:list", [], ["敏感词库", "导入", "导出 XLSX", "从上级词库同步", "法轮功"]),
        ("wagtail_gk_gate:terms_import", [], ["导入敏感词", "格式说明", "默认处理方式"]),
        ("wagtail_gk_gate:terms_sync", [], ["同步上级共享词库", "上级词库地址", "立即同步"]),
        ("wagtail_gk_gate:ledger", [], ["审查记录台账", "日期", "操作人", "问题类型"]),
        ("wagtail_gk_gate:rescan", [], ["已发布内容复查", "没有需要复查的已发布页面"]),
    ],
)
def test_screens_render_in_chinese(admin_client_zh, terms, url_name, args, expected):
    response = admin_client_zh.get(reverse(url_name, args=args))
    assert response.status_code == 200
    html = response.content.decode()
    for text in expected:
        assert text in html, text


def test_menu_shows_the_gate_to_reviewers_only(client, users):
    client.force_login(users["reviewer"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    # the sidebar is rendered from JSON props: look for the item names
    assert '"gk-gate"' in html and '"gk-gate-ledger"' in html
    client.force_login(users["village_member"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert '"gk-gate-ledger"' not in html


def test_officer_imports_a_file_through_the_screen(client, users):
    client.force_login(users["officer"])
    upload = SimpleUploadedFile("词库.csv", "敏感词,类别\n赌球,赌博\n".encode())
    response = client.post(reverse("wagtail_gk_gate:terms_import"), {"file": upload, "default_severity": "block"}, follow=True)
    assert "导入完成" in response.content.decode()
    assert SensitiveTerm.objects.filter(term="赌球", category="赌博").exists()


def test_bad_import_shows_line_errors_and_writes_nothing(client, users):
    client.force_login(users["officer"])
    upload = SimpleUploadedFile("词库.csv", "敏感词,处理方式\n赌球,随便\n".encode())
    response = client.post(reverse("wagtail_gk_gate:terms_import"), {"file": upload, "default_severity": "block"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "没有导入任何内容" in html and "第2行" in html
    assert not SensitiveTerm.objects.exists()


def test_editor_cannot_import(client, users):
    client.force_login(users["editor"])
    upload = SimpleUploadedFile("词库.txt", "赌球\n".encode())
    response = client.post(reverse("wagtail_gk_gate:terms_import"), {"file": upload, "default_severity": "block"})
    assert response.status_code in (302, 403)
    assert not SensitiveTerm.objects.exists()


def test_export_download(admin_client_zh, terms):
    response = admin_client_zh.get(reverse("wagtail_gk_gate:terms_export", args=["txt"]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert "法轮功" in response.content.decode()


def test_bulk_edit_terms(admin_client_zh, terms):
    url = reverse("wagtail_bulk_action", args=["wagtail_gk", "sensitiveterm", "gk_bulk_edit_terms"])
    query = "?" + "&".join(f"id={t.pk}" for t in terms[:2])
    response = admin_client_zh.get(url + query)
    assert response.status_code == 200 and "批量修改敏感词" in response.content.decode()
    admin_client_zh.post(url + query, {"category": "统一类别", "severity": "warn", "active": ""})
    assert set(SensitiveTerm.objects.filter(pk__in=[t.pk for t in terms[:2]]).values_list("category", "severity")) == {("统一类别", "warn")}
    assert SensitiveTerm.objects.get(pk=terms[2].pk).category == "保密"


def test_new_terms_rescan_live_pages_without_unpublishing(make_article, admin_client_zh, django_capture_on_commit_callbacks):
    page = make_article(CLEAN_TEXT, publish=True)
    with django_capture_on_commit_callbacks(execute=True):
        SensitiveTerm.objects.create(term="依申请公开", category="测试")  # enqueues the re-scan on commit
    row = RescanFinding.objects.get(page=page)
    assert row.findings[0]["code"] == "sensitive_word"
    page.refresh_from_db()
    assert page.live
    html = admin_client_zh.get(reverse("wagtail_gk_gate:rescan")).content.decode()
    assert page.title in html and "标记为已处理" in html
    # running again lists nothing new
    from wagtail_gk.gate.rescan import rescan_live_pages

    assert rescan_live_pages() == 0
    admin_client_zh.post(reverse("wagtail_gk_gate:resolve_rescan", args=[row.pk]))
    row.refresh_from_db()
    assert row.resolved


def test_system_checks_of_gate_settings(settings):
    from wagtail_gk.gate.checks import check_gate_settings

    assert check_gate_settings() == []
    settings.GK_GATE_UNREADABLE_SEVERITY = "stop"
    settings.GK_GATE_PERSONAL_DATA_SEVERITY = {"mobile": "maybe"}
    settings.GK_GATE_SYNC_URL = "ftp://example"
    assert sorted(e.id for e in check_gate_settings()) == ["wagtail_gk.E101", "wagtail_gk.E102", "wagtail_gk.E103"]


def test_pdf_extractor_setting_and_missing_pdftotext_are_reported(monkeypatch, settings):
    from django.core import checks

    from wagtail_gk.gate.checks import check_pdf_extractor

    settings.GK_GATE_PDF_EXTRACTOR = "poppler"
    assert [e.id for e in check_pdf_extractor(None)] == ["wagtail_gk.E104"]
    monkeypatch.setenv("PATH", "/nonexistent")
    settings.GK_GATE_PDF_EXTRACTOR = "pdftotext"
    assert [e.id for e in check_pdf_extractor(None)] == ["wagtail_gk.E105"]
    settings.GK_GATE_PDF_EXTRACTOR = "auto"
    assert [(e.id, e.level) for e in check_pdf_extractor(None)] == [("wagtail_gk.I101", checks.INFO)]
    settings.GK_GATE_PDF_EXTRACTOR = "pypdf"
    assert check_pdf_extractor(None) == []
