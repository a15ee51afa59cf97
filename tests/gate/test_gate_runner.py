"""The gate runner: checkers from the hook, disabled checkers, failing
checkers, one re-scan per library change."""

import pytest
from wagtail import hooks

from wagtail_gk.gate import get_checkers, run_checks
from wagtail_gk.gate.checkers import Checker, Finding, Severity, TextSource


class StampChecker(Checker):
    code = "draft_stamp"
    verbose_name = "征求意见稿"

    def check(self, obj, sources):
        return [Finding("draft_stamp", Severity.BLOCK, "含有征求意见稿字样", s.location) for s in sources if "征求意见稿" in s.text]


class BrokenChecker(Checker):
    code = "broken"
    verbose_name = "坏的检查项"

    def check(self, obj, sources):
        raise RuntimeError("boom")


def test_registered_checker_runs_and_can_be_disabled(db, settings):
    with hooks.register_temporarily("register_gk_checker", lambda: StampChecker()):
        assert "draft_stamp" in [c.code for c in get_checkers()]
        report = run_checks(None, [TextSource("正文", "本文件为征求意见稿")])
        assert [f.checker for f in report.blocking] == ["draft_stamp"]
        settings.GK_GATE_DISABLED_CHECKERS = ["draft_stamp"]
        assert not run_checks(None, [TextSource("正文", "本文件为征求意见稿")]).findings


def test_failing_checker_blocks_by_default_without_crashing(db, settings):
    with hooks.register_temporarily("register_gk_checker", lambda: BrokenChecker()):
        report = run_checks(None, [TextSource("正文", "正常内容")])
        assert [(f.code, f.blocks) for f in report.findings] == [("checker_error", True)]
        assert "坏的检查项" in report.findings[0].message
        settings.GK_GATE_CHECKER_ERROR_SEVERITY = "warn"
        assert not run_checks(None, [TextSource("正文", "正常内容")]).blocks


@pytest.mark.parametrize("enabled", [True, False])
def test_an_import_schedules_one_rescan(db, settings, django_capture_on_commit_callbacks, enabled):
    from wagtail_gk.gate.rescan import _enqueue_rescan
    from wagtail_gk.gate.term_library import import_file

    settings.GK_GATE_RESCAN_ON_LIBRARY_CHANGE = enabled
    with django_capture_on_commit_callbacks() as callbacks:
        import_file("a.txt", "赌球\n六合彩\n办证\n".encode())
    assert [cb for cb in callbacks if cb is _enqueue_rescan] == ([_enqueue_rescan] if enabled else [])
