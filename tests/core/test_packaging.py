"""Properties of an installable suite: stable migrations, complete translations, app configs."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation

ROOT = Path(__file__).resolve().parents[2]
GK_APPS = ["wagtail_gk", "wagtail_gk_policy", "wagtail_gk_catalog", "wagtail_gk_foia", "wagtail_gk_village"]


@pytest.mark.parametrize("label", GK_APPS)
def test_each_app_has_a_prefixed_label_and_translated_name(label):
    config = apps.get_app_config(label)
    assert config.label.startswith("wagtail_gk")
    assert config.default_auto_field == "django.db.models.BigAutoField"
    with translation.override("zh-hans"):
        assert str(config.verbose_name)
        assert all("\u4e00" <= ch <= "\u9fff" for ch in str(config.verbose_name)[:1])


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_no_migrations_leak_from_languages_or_choices(language):
    languages = [("en", "English"), ("zh-hans", "简体中文"), ("zh-hant", "繁體中文")]
    with override_settings(LANGUAGE_CODE=language, LANGUAGES=languages), translation.override(language):
        call_command("makemigrations", *GK_APPS, check=True, dry_run=True, verbosity=0)


PO_FILES = sorted(ROOT.glob("wagtail_gk*/**/locale/zh_Hans/LC_MESSAGES/django.po")) + sorted(
    ROOT.glob("example_site/locale/zh_Hans/LC_MESSAGES/django.po")
)


@pytest.mark.skipif(shutil.which("msgfmt") is None, reason="msgfmt (gettext) is not installed")
@pytest.mark.parametrize("po", PO_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_zh_hans_catalogue_is_complete_and_compiled(po):
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
    mo = po.with_suffix(".mo")
    assert mo.exists(), f"{mo} is missing: run scripts/messages.sh"
