"""Wagtail strings that Wagtail's own zh_Hans catalogue lacks are translated by the
suite's (``wagtail_gk/wagtail_strings.py``, docs/translations.md)."""

import ast
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest
import wagtail
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext, ngettext

import wagtail_gk

MODULE = Path(wagtail_gk.__file__).parent / "wagtail_strings.py"
SUITE_PO = Path(wagtail_gk.__file__).parent / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
MAIN_LIST = "wagtail_strings"
KEPT_FOR_7_4 = "kept_for_wagtail_7_4"
# Argument positions of (msgctxt, msgid, msgid_plural) in each marking function.
MARKERS = {
    "gettext_noop": (None, 0, None),
    "pgettext_lazy": (0, 1, None),
    "ngettext_lazy": (None, 0, 1),
    "npgettext_lazy": (0, 1, 2),
}


def listed_strings():
    """{function name: [(msgctxt, msgid, msgid_plural), ...]} of wagtail_strings.py, read
    with ast: the module is never imported."""
    tree = ast.parse(MODULE.read_text(encoding="utf-8"))
    found = {}
    for func in tree.body:
        if not isinstance(func, ast.FunctionDef):
            continue
        entries = found.setdefault(func.name, [])
        for node in ast.walk(func):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKERS:
                args = [ast.literal_eval(arg) for arg in node.args]
                entries.append(tuple(None if i is None else args[i] for i in MARKERS[node.func.id]))
    return found


def read_po(path):
    """{(msgctxt, msgid, msgid_plural): msgstr or msgstr[0]} of a .po file, without
    obsolete entries (enough of the format for Django's and Wagtail's catalogues)."""
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):  # blank lines, comments, obsolete "#~" entries
            key = None
            continue
        if line.startswith('"'):
            entry[key] += ast.literal_eval(line)
            continue
        keyword, _, value = line.partition(" ")
        if keyword == "msgctxt" or (keyword == "msgid" and key != "msgctxt"):
            entry = {}
            entries.append(entry)
        key = keyword
        entry[key] = ast.literal_eval(value)
    return {
        (e.get("msgctxt"), e["msgid"], e.get("msgid_plural")): e.get("msgstr", e.get("msgstr[0]", ""))
        for e in entries
        if e.get("msgid")
    }


def wagtail_msgids():
    """Every (msgctxt, msgid, msgid_plural) of the installed Wagtail's source catalogues."""
    found = set()
    for po in Path(wagtail.__file__).parent.rglob("locale/en/LC_MESSAGES/django.po"):
        found |= set(read_po(po))
    return found


# A few of the listed strings, as a zh-hans editor sees them.
@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("Content metrics", "内容指标"),
        ("Schedule to publish", "计划发布"),
        ("Changes requested %(finished_at)s", "%(finished_at)s 请求变更"),
        ("Privacy and access", "隐私与访问"),
        ("Locked by workflow", "已被工作流锁定"),
        ("API tokens", "API 令牌"),
    ],
)
def test_listed_string_is_translated(msgid, expected):
    with translation.override("zh-hans"):
        assert gettext(msgid) == expected


def test_model_name_sentence_is_all_chinese():
    # Wagtail translates "page" itself; the sentence around it is the suite's.
    with translation.override("zh-hans"):
        sentence = gettext("Anyone can edit this %(model_name)s") % {"model_name": gettext("page")}
    assert sentence == "任何人都可以编辑此页面"


@pytest.mark.parametrize("count", [1, 113])
def test_plural_string_has_chinese_for_every_count(count):
    with translation.override("zh-hans"):
        assert ngettext("%(num_pages)d page", "%(num_pages)d pages", count) % {"num_pages": count} == (
            f"{count} 个页面"
        )


def test_dashboard_page_count_is_chinese():
    """Wagtail's own dashboard template: "113 Pages" becomes "113 个页面"."""
    context = {"root_page": SimpleNamespace(pk=1), "total_pages": 113, "site_name": "示例县人民政府"}
    with translation.override("zh-hans"):
        html = render_to_string("wagtailadmin/home/site_summary_pages.html", context)
    assert "113 个页面" in html
    assert "Pages" not in html


def test_every_listed_string_is_translated_in_the_suite_catalogue():
    catalogue = read_po(SUITE_PO)
    listed = [entry for entries in listed_strings().values() for entry in entries]
    untranslated = [entry[1] for entry in listed if not catalogue.get(entry)]
    assert not untranslated, f"{len(untranslated)} not translated in {SUITE_PO}, such as {untranslated[:5]}"


def test_list_has_no_duplicates():
    listed = [entry for entries in listed_strings().values() for entry in entries]
    assert len(listed) == len(set(listed))
    assert set(listed_strings()) == {MAIN_LIST, KEPT_FOR_7_4}


@pytest.mark.skipif(wagtail.VERSION[:2] < (8, 0), reason="the list was taken from Wagtail 8.0's catalogues")
def test_every_listed_msgid_is_still_a_wagtail_msgid():
    """An entry Wagtail no longer has translates nothing: remove it, or move it to
    kept_for_wagtail_7_4() if Wagtail 7.4 LTS still uses it."""
    installed = wagtail_msgids()
    stale = [entry[1] for entry in listed_strings()[MAIN_LIST] if entry not in installed]
    assert not stale, f"not msgids of Wagtail {wagtail.__version__}: {stale}"


@pytest.mark.skipif(wagtail.VERSION[:2] != (7, 4), reason="checked on Wagtail 7.4")
def test_strings_kept_for_wagtail_7_4_are_wagtail_7_4_msgids():
    installed = wagtail_msgids()
    stale = [entry[1] for entry in listed_strings()[KEPT_FOR_7_4] if entry not in installed]
    assert not stale, f"not msgids of Wagtail {wagtail.__version__}: {stale}"


def test_module_is_not_imported():
    # makemessages reads the file; nothing needs it at runtime.
    assert "wagtail_gk.wagtail_strings" not in sys.modules
