"""The suite's zh_Hans catalogues agree with each other and with Django's and Wagtail's.

Django merges the catalogues of all installed apps into one, and the first app
in INSTALLED_APPS wins: a msgid the suite shares with Wagtail ("Edit", "Show")
but translates differently would silently reword Wagtail's whole admin, and
one the feature apps translate differently would show one app's wording in the
other. The suite's English therefore never reuses a host msgid with another
meaning.
"""

import gettext
import importlib.util
from pathlib import Path

import django
import pytest
import wagtail
from django.apps import apps

SUITE_APPS = ("wagtail_gk", "wagtail_gk_policy", "wagtail_gk_catalog", "wagtail_gk_foia", "wagtail_gk_village")

# Deliberate: the suite's "Name" is 名称 (of an agency, a calendar, a topic);
# Wagtail's snippets say 名字. Both are right; 名称 reads better for things.
DELIBERATE = {"Name"}


def _catalog(mo: Path) -> dict[str, str]:
    with mo.open("rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    entries = {}
    for key, msgstr in catalog.items():
        msgid = key[0] if isinstance(key, tuple) else key
        if msgid and (not isinstance(key, tuple) or key[1] == 0):
            entries[msgid] = msgstr
    return entries


def _suite_catalogs():
    for label in SUITE_APPS:
        path = Path(apps.get_app_config(label).path) / "locale/zh_Hans/LC_MESSAGES/django.mo"
        yield label, _catalog(path)


def _host_catalogs():
    installed = {config.path for config in apps.get_app_configs()}
    roots = [Path(django.__file__).parent / "conf"] + [Path(path) for path in installed]
    for root in roots:
        if not str(root).startswith((str(Path(django.__file__).parent), str(Path(wagtail.__file__).parent))):
            continue
        mo = root / "locale/zh_Hans/LC_MESSAGES/django.mo"
        if mo.exists():
            yield ".".join(root.relative_to(Path(django.__file__).parents[1]).parts), _catalog(mo)


def test_feature_apps_translate_a_shared_msgid_the_same_way():
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    for label, catalog in _suite_catalogs():
        for msgid, msgstr in catalog.items():
            if msgid in seen and seen[msgid][1] != msgstr:
                clashes.append(f"{msgid!r}: {seen[msgid][0]} {seen[msgid][1]!r}, {label} {msgstr!r}")
            seen.setdefault(msgid, (label, msgstr))
    assert not clashes, "\n".join(clashes)


def test_the_suite_never_rewords_django_or_wagtail():
    ours: dict[str, tuple[str, str]] = {}
    for label, catalog in _suite_catalogs():
        for msgid, msgstr in catalog.items():
            ours.setdefault(msgid, (label, msgstr))
    hosts: dict[str, dict[str, str]] = {}
    for host, catalog in _host_catalogs():
        for msgid, msgstr in catalog.items():
            hosts.setdefault(msgid, {})[host] = msgstr
    # Django's and Wagtail's catalogues disagree among themselves on a few
    # ("All": 全部 / 所有); agreeing with one of them is enough.
    clashes = [
        f"{msgid!r}: {said} but {ours[msgid][0]} says {ours[msgid][1]!r}"
        for msgid, said in hosts.items()
        if msgid in ours and ours[msgid][1] not in said.values() and msgid not in DELIBERATE and "\x04" not in msgid
    ]
    assert not clashes, "\n".join(clashes)


def _identical_translations_check():
    """scripts/check_identical_translations.py, the check messages.sh --check runs."""
    path = Path(__file__).resolve().parents[2] / "scripts/check_identical_translations.py"
    spec = importlib.util.spec_from_file_location("check_identical_translations", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("label", SUITE_APPS)
def test_each_catalogue_has_a_chinese_translation_for_its_strings(label):
    catalog = dict(_suite_catalogs())[label]
    assert len(catalog) > 50
    mo = Path(apps.get_app_config(label).path) / "locale/zh_Hans/LC_MESSAGES/django.mo"
    # No msgid translated to itself, except the names listed as the same in every language.
    assert list(_identical_translations_check().identical(mo)) == []
