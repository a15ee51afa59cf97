"""Hostile term-list workbooks through the import screen: a clear message on
the form (400, never a 500) and nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import spreadsheet_files as files
from wagtail_gk.models import SensitiveTerm

pytestmark = pytest.mark.django_db


def _post(client, users, data):
    client.force_login(users["officer"])
    upload = SimpleUploadedFile("词库.xlsx", data)
    response = client.post(reverse("wagtail_gk_gate:terms_import"), {"file": upload, "default_severity": "block"})
    assert response.status_code == 400
    assert not SensitiveTerm.objects.exists()
    return response.content.decode()


def test_zip_bomb_is_refused(client, users):
    assert "解压后内容达 160.1 MB，超过允许的 32 MB" in _post(client, users, files.zip_bomb(("敏感词", "类别"), ("六合彩", "赌博")))


def test_too_many_rows_stop_early(client, users, settings):
    settings.GK_GATE_TERM_IMPORT_MAX_TERMS = 500
    data = files.many_rows(["敏感词"], lambda n: [f"测试词{n:05d}"], 2000)
    assert "文件超过 500 行" in _post(client, users, data)


def test_merged_rows_and_formulas_are_refused(client, users):
    rows = [["敏感词", "类别"], ["六合彩", "赌博"], ["赌球", None]]
    assert "单元格 B2:B3 已合并" in _post(client, users, files.xlsx([("Sheet1", rows, ["B2:B3"])]))
    rows = [["敏感词", "类别"], [("=", '"六合"&"彩"'), "赌博"]]
    assert "A2单元格" in _post(client, users, files.xlsx([("Sheet1", rows, [])]))
