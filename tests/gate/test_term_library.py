"""The shared sensitive-word library: import/export, remote sync, matcher version."""

import http.server
import json
import threading

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail_gk.gate.checkers import TextSource, sensitive_words
from wagtail_gk.gate.checkers.sensitive_words import SensitiveWordChecker, get_matcher
from wagtail_gk.gate.term_library import (
    LibraryImportError,
    export_csv,
    export_txt,
    export_xlsx,
    import_file,
    sync_from_remote,
)
from wagtail_gk.models import SensitiveLibraryState, SensitiveTerm

from .documents import xlsx_bytes


@pytest.fixture(autouse=True)
def _fresh_matcher():
    # The library version lives in the test database, which every test rolls
    # back: a matcher cached by an earlier test could carry the same number.
    sensitive_words.forget_matcher()
    yield
    sensitive_words.forget_matcher()


def words(text):
    return [f.excerpt for f in SensitiveWordChecker().check(None, [TextSource("正文", text)])]


# --- import --------------------------------------------------------------------


def test_txt_import_one_term_a_line(db):
    result = import_file("词库.txt", "# 注释\n六合彩\n\n代开发票\n".encode(), default_category="广告", default_severity="warn")
    assert (result.created, result.updated) == (2, 0)
    term = SensitiveTerm.objects.get(term="六合彩")
    assert (term.category, term.severity, term.source) == ("广告", "warn", "import")


def test_csv_import_with_chinese_header_and_update(db):
    SensitiveTerm.objects.create(term="六合彩", category="旧", severity="warn")
    data = "敏感词,类别,处理方式,豁免短语,启用\n六合彩,赌博,拦截,打击六合彩|取缔六合彩,是\n赌球,赌博,提示,,否\n"
    result = import_file("词库.csv", data.encode("utf-8-sig"))
    assert (result.created, result.updated) == (1, 1)
    term = SensitiveTerm.objects.get(term="六合彩")
    assert (term.category, term.severity) == ("赌博", "block")
    assert term.exemption_list() == ["打击六合彩", "取缔六合彩"]
    assert not SensitiveTerm.objects.get(term="赌球").active


def test_xlsx_import(db):
    data = xlsx_bytes({"词库": [["term", "category", "severity"], ["赌球", "赌博", "block"], ["办证", "广告", "warn"]]})
    assert import_file("词库.xlsx", data).created == 2
    assert SensitiveTerm.objects.get(term="办证").severity == "warn"


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("a.csv", "敏感词,处理方式\n赌球,拦截\n,拦截\n办证,随便\n", ["第3行：敏感词为空", "第4行：处理方式“随便”无效"]),
        ("a.csv", "敏感词\n赌球\n赌球\n", ["第3行：“赌球”与第2行重复"]),
        ("a.csv", "敏感词,豁免短语\n赌球,足球比赛\n", ["第2行：豁免短语“足球比赛”不包含敏感词本身"]),
        ("a.csv", "类别\n赌博\n", ["第1行：表头缺少“敏感词”列"]),
        ("a.txt", ("正常\n" + "长" * 101 + "\n").encode(), ["第2行：敏感词超过 100 个字"]),
        ("a.xlsx", b"not a workbook", ["文件不是有效的 XLSX 文件"]),
        ("a.doc", b"x", ["不支持的文件格式 .doc"]),
    ],
)
def test_bad_imports_name_the_line_and_write_nothing(db, name, data, expected):
    SensitiveTerm.objects.create(term="已有", category="原类别")
    version = SensitiveLibraryState.current().version
    if isinstance(data, str):
        data = data.encode()
    with pytest.raises(LibraryImportError) as caught:
        import_file(name, data)
    for message in expected:
        assert any(error.startswith(message) for error in caught.value.errors), caught.value.errors
    assert list(SensitiveTerm.objects.values_list("term", flat=True)) == ["已有"]
    assert SensitiveLibraryState.current().version == version


def test_export_round_trip(db):
    SensitiveTerm.objects.create(term="六合彩", category="赌博", exemptions="打击六合彩")
    SensitiveTerm.objects.create(term="办证", category="广告", severity="warn", active=False)
    assert export_txt(SensitiveTerm.objects.all()).decode() == "六合彩\n"
    csv_data = export_csv(SensitiveTerm.objects.all())
    assert csv_data.startswith("\ufeff".encode())
    assert "六合彩,赌博,拦截,打击六合彩,是" in csv_data.decode("utf-8-sig")
    xlsx = export_xlsx(SensitiveTerm.objects.all())
    SensitiveTerm.objects.all().delete()
    assert import_file("x.xlsx", xlsx).created == 2
    term = SensitiveTerm.objects.get(term="办证")
    assert (term.severity, term.active) == ("warn", False)
    assert SensitiveTerm.objects.get(term="六合彩").exemption_list() == ["打击六合彩"]


# --- remote sync ------------------------------------------------------------------


class _Library(http.server.BaseHTTPRequestHandler):
    body = b""
    content_type = "application/json"

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.send_header("Content-Type", self.content_type)
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args):
        pass


@pytest.fixture
def remote_library():
    """A local HTTP server publishing a library; set ``serve(body, type)``."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Library)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def serve(body, content_type="application/json"):
        _Library.body = body if isinstance(body, bytes) else body.encode()
        _Library.content_type = content_type
        return f"http://127.0.0.1:{server.server_address[1]}/library"

    yield serve
    server.shutdown()
    server.server_close()


def test_sync_adds_updates_and_deactivates_remote_terms_keeping_local_ones(db, remote_library, settings):
    SensitiveTerm.objects.create(term="本地词", category="本地")
    SensitiveTerm.objects.create(term="重名词", category="本地自定", source="local")
    url = remote_library(json.dumps({"terms": [
        {"term": "六合彩", "category": "赌博", "severity": "block", "exemptions": ["打击六合彩"]},
        {"term": "旧词", "category": "其他"},
        {"term": "重名词", "category": "上级"},
    ]}, ensure_ascii=False))
    settings.GK_GATE_SYNC_URL = url
    result = sync_from_remote()
    assert not result.errors and result.created == 2
    assert SensitiveTerm.objects.get(term="六合彩").source == "remote"
    assert SensitiveTerm.objects.get(term="重名词").category == "本地自定"  # local addition kept as it was
    # the regional office drops 旧词 and publishes plain text now
    remote_library("六合彩\n赌球\n", "text/plain; charset=utf-8")
    result = sync_from_remote()
    assert (result.created, result.deactivated) == (1, 1)
    assert not SensitiveTerm.objects.get(term="旧词").active
    assert SensitiveTerm.objects.get(term="本地词").active
    state = SensitiveLibraryState.current()
    assert state.last_sync_at is not None and "同步成功" in state.last_sync_message


def test_sync_of_a_bad_library_changes_nothing(db, remote_library):
    SensitiveTerm.objects.create(term="本地词")
    result = sync_from_remote(remote_library('{"terms": [{"term": ""}]}'))
    assert result.errors
    assert list(SensitiveTerm.objects.values_list("term", flat=True)) == ["本地词"]
    assert "同步失败" in SensitiveLibraryState.current().last_sync_message


def test_sync_when_server_is_down(db):
    result = sync_from_remote("http://127.0.0.1:9/nothing")
    assert result.errors
    assert "无法连接" in SensitiveLibraryState.current().last_sync_message


def test_periodic_task_registered_and_skips_without_url(db, settings):
    from wagtail_gk.periodic import periodic_tasks
    from wagtail_gk.tasks import sync_sensitive_terms_if_due

    assert "wagtail_gk.tasks.sync_sensitive_terms_if_due" in periodic_tasks()
    settings.GK_GATE_SYNC_URL = ""
    assert sync_sensitive_terms_if_due.call() == ""


def test_periodic_sync_runs_when_due(db, settings, remote_library):
    from django.core.management import call_command

    settings.GK_GATE_SYNC_URL = remote_library("赌球\n", "text/plain")
    call_command("gk_run_periodic")
    assert SensitiveTerm.objects.filter(term="赌球", source="remote").exists()
    # not due again within the interval
    SensitiveTerm.objects.filter(term="赌球").delete()
    call_command("gk_run_periodic")
    assert not SensitiveTerm.objects.filter(term="赌球").exists()


# --- the matcher follows the library in every process ----------------------------------


def test_matcher_is_rebuilt_when_another_process_changes_the_library(db):
    SensitiveTerm.objects.create(term="六合彩")
    assert len(words("买六合彩")) == 1
    matcher = get_matcher()
    # Another process adds a term: the row and the version move in the
    # database, but this process's cached matcher is not told.
    SensitiveTerm.objects.bulk_create([SensitiveTerm(term="赌球")])
    SensitiveLibraryState.objects.filter(pk=1).update(version=SensitiveLibraryState.current().version + 1)
    assert sensitive_words._cached[1] is matcher
    assert len(words("赌球")) == 1
    assert get_matcher() is not matcher


def test_matcher_is_reused_while_version_unchanged(db):
    SensitiveTerm.objects.create(term="六合彩")
    first = get_matcher()
    with CaptureQueriesContext(connection) as queries:
        assert get_matcher() is first
    assert len(queries) == 1  # only the version row


def test_saving_deleting_and_bulk_edit_move_the_version(db):
    version = SensitiveLibraryState.current().version
    term = SensitiveTerm.objects.create(term="六合彩")
    term.category = "赌博"
    term.save()
    term.delete()
    assert SensitiveLibraryState.current().version == version + 3
    assert words("六合彩") == []


# --- normalised terms and refusals (docs/gate.md, "A term library that refuses nonsense") ---


def english_errors(name, data):
    from django.utils import translation

    with translation.override("en"), pytest.raises(LibraryImportError) as caught:
        import_file(name, data)
    return caught.value.errors


def test_variants_of_a_term_are_one_term_with_one_severity(db):
    SensitiveTerm.objects.create(term="ABC赌", severity="warn")
    assert list(SensitiveTerm.objects.values_list("term", flat=True)) == ["abc赌"]
    result = import_file("词库.csv", "敏感词,处理方式\nＡＢＣ賭,拦截\n".encode())
    assert (result.created, result.updated) == (0, 1)
    assert list(SensitiveTerm.objects.values_list("term", "severity")) == [("abc赌", "block")]
    assert len(words("网传ＡＢＣ赌场，abc\u200b赌")) == 2


def test_variants_inside_one_file_are_reported_as_the_same_term(db):
    errors = english_errors("a.csv", "敏感词,处理方式\nABC赌,拦截\nＡＢＣ赌,提示\n".encode())
    assert len(errors) == 1 and errors[0].startswith("Line 3") and "same term as “ABC赌” on line 2" in errors[0]
    assert not SensitiveTerm.objects.exists()


@pytest.mark.parametrize("term", ["的", "Ａ", "x\u200b"])
def test_one_character_terms_are_refused(db, term):
    errors = english_errors("a.txt", f"六合彩\n{term}\n".encode())
    assert len(errors) == 1 and errors[0].startswith("Line 2") and "shorter than 2 characters" in errors[0]
    assert not SensitiveTerm.objects.exists()


def test_files_over_the_size_limit_are_refused_before_parsing(db):
    # the reported case: a 5 MB TXT of 281,789 terms went in whole
    data = "\n".join(f"测试敏感词{index:06d}" for index in range(281_789)).encode()
    assert len(data) > 4 * 1024 * 1024
    errors = english_errors("big.txt", data)
    assert len(errors) == 1 and "at most 4.0 MB" in errors[0]
    assert not SensitiveTerm.objects.exists()


def test_files_over_the_term_limit_are_refused(db, settings):
    settings.GK_GATE_TERM_IMPORT_MAX_TERMS = 3
    errors = english_errors("a.txt", "甲乙\n丙丁\n戊己\n庚辛\n".encode())
    assert errors == ["The file has 4 terms; an import may add at most 3 (GK_GATE_TERM_IMPORT_MAX_TERMS)."]
    assert not SensitiveTerm.objects.exists()


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20,
        b"PK\x03\x04" + b"\x00" * 200,
        bytes(range(256)) * 50,
        b"\x00\x01\x02garbage" * 100,
    ],
    ids=["png", "zip", "binary", "nul-bytes"],
)
def test_a_binary_file_named_txt_is_reported_as_not_text(db, data):
    errors = english_errors("词库.txt", data)
    assert errors == [
        "The file is not a text file. Save the list as plain text (UTF-8 or GB18030) or CSV, or upload the XLSX workbook itself."
    ]


def test_utf16_and_gb18030_text_files_are_still_text(db):
    assert import_file("a.txt", "六合彩\n代开发票\n".encode("utf-16")).created == 2
    assert import_file("b.txt", "赌球\n".encode("gb18030")).created == 1


def test_terms_found_on_most_live_pages_are_refused_with_the_page_count(db, make_article, settings):
    for index in range(8):
        make_article(f"本机关统一公开批次第{index}批。", title=f"公开{index}", publish=True)
    from wagtail.models import Page

    live = Page.objects.live().filter(depth__gt=1).count()
    # A limit half of the 8 pages' share of the site, whatever else the demo base publishes.
    settings.GK_GATE_BROAD_TERM_LIMIT = {"share": 4 / live, "min_pages": 3, "sample": 300}
    errors = english_errors("a.txt", "六合彩\n统一公开批次\n".encode())
    assert errors == [f"Line 2: “统一公开批次” would flag 8 of the {live} live pages; so broad a term is not added. Use a longer phrase, or exemptions."]
    assert not SensitiveTerm.objects.exists()
    # an exemption that covers those pages makes it narrow again
    assert import_file("b.csv", "敏感词,豁免短语\n统一公开批次,本机关统一公开批次\n".encode()).created == 1


def test_admin_form_refuses_short_broad_and_variant_terms(db, make_article, settings, client, users):
    from django.urls import reverse
    from wagtail.models import Page

    for index in range(8):
        make_article(f"本机关统一公开批次第{index}批。", title=f"公开{index}", publish=True)
    live = Page.objects.live().filter(depth__gt=1).count()
    settings.GK_GATE_BROAD_TERM_LIMIT = {"share": 4 / live, "min_pages": 3, "sample": 300}
    SensitiveTerm.objects.create(term="abc赌")
    client.force_login(users["admin"])
    url = reverse(SensitiveTerm.snippet_viewset.get_url_name("add"))
    for term, problem in (("的", "shorter than 2"), ("统一公开批次", "would flag 8 of"), ("ＡＢＣ賭", "already exists")):
        response = client.post(url, {"term": term, "category": "", "severity": "block", "exemptions": "", "active": "on", "note": ""}, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, term  # the form again, not a redirect or an error page
        assert problem in response.content.decode(), term
    assert list(SensitiveTerm.objects.values_list("term", flat=True)) == ["abc赌"]


def _rescans(callbacks):
    from wagtail_gk.gate.rescan import _enqueue_rescan

    return [callback for callback in callbacks if callback is _enqueue_rescan]


RESCAN_CASES = [
    ({"active": True}, True),
    ({"severity": "block"}, True),
    ({"category": "其他"}, False),
    ({"severity": "warn"}, False),
]


@pytest.mark.parametrize(("change", "rescan"), RESCAN_CASES)
def test_activating_a_term_or_raising_its_severity_rescans_the_live_site(db, django_capture_on_commit_callbacks, change, rescan):
    # bulk_create: no save(), so no re-scan is pending before the change
    inactive, active_warn = SensitiveTerm.objects.bulk_create(
        [SensitiveTerm(term="六合彩", severity="warn", active=False), SensitiveTerm(term="代开发票", severity="warn")]
    )
    term = SensitiveTerm.objects.get(pk=(inactive if "active" in change else active_warn).pk)
    with django_capture_on_commit_callbacks() as callbacks:
        for name, value in change.items():
            setattr(term, name, value)
        term.save()
    assert bool(_rescans(callbacks)) is rescan


@pytest.mark.parametrize(("change", "rescan"), RESCAN_CASES)
def test_an_import_that_activates_or_raises_a_term_rescans_the_live_site(db, django_capture_on_commit_callbacks, change, rescan):
    SensitiveTerm.objects.bulk_create([SensitiveTerm(term="六合彩", severity="warn", active="active" not in change)])
    header = ",".join({"active": "启用", "severity": "处理方式", "category": "类别"}[name] for name in change)
    values = ",".join({True: "是", "block": "拦截", "warn": "提示"}.get(value, value) for value in change.values())
    with django_capture_on_commit_callbacks() as callbacks:
        result = import_file("a.csv", f"敏感词,{header}\n六合彩,{values}\n".encode())
    assert bool(_rescans(callbacks)) is rescan
    assert result.updated == (0 if change == {"severity": "warn"} else 1)


def test_migration_folds_existing_variants_into_one_term(db):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("wagtail_gk.migrations.0007_sensitive_terms_normalised")
    # rows written before terms were normalised (bulk_create skips save())
    SensitiveTerm.objects.bulk_create(
        [
            SensitiveTerm(term="ABC赌", severity="warn", active=False, exemptions="打击ABC赌"),
            SensitiveTerm(term="ＡＢＣ賭", severity="block", active=True, exemptions="取缔ＡＢＣ赌"),
            SensitiveTerm(term="機密", severity="warn"),
            SensitiveTerm(term="六合彩", severity="warn"),
        ]
    )
    version = SensitiveLibraryState.current().version
    migration.normalise_terms(apps, None)
    rows = {t.term: (t.severity, t.active, t.exemption_list()) for t in SensitiveTerm.objects.all()}
    assert rows == {
        "abc赌": ("block", True, ["打击abc赌", "取缔abc赌"]),
        "机密": ("warn", True, []),
        "六合彩": ("warn", True, []),
    }
    assert SensitiveLibraryState.current().version > version  # every process rebuilds its matcher
