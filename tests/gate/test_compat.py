"""The patches of Wagtail internals (wagtail_gk.gate.compat) and the system check that verifies them."""

import dataclasses

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.actions.publish_revision import PublishRevisionAction

from wagtail_gk.gate import compat
from wagtail_gk.gate.checks import check_wagtail_patches

EXECUTE = "wagtail.actions.publish_revision.PublishRevisionAction.execute"


def test_every_patch_is_in_place():
    assert compat.problems() == []
    assert check_wagtail_patches() == []
    assert compat.is_patched(PublishRevisionAction.execute)


def test_a_missing_patch_is_an_error_naming_it(monkeypatch):
    monkeypatch.setattr(PublishRevisionAction, "execute", PublishRevisionAction.execute.__wrapped__)
    errors = check_wagtail_patches()
    assert [e.id for e in errors] == ["wagtail_gk.E106"]
    assert EXECUTE in errors[0].msg
    assert "not in place" in errors[0].msg
    assert "docs/gate-wagtail.md" in errors[0].hint


def test_a_target_wagtail_no_longer_has_is_an_error_naming_it(monkeypatch):
    gone = dataclasses.replace(compat.PATCHES[0], attribute="execute_renamed")
    monkeypatch.setattr(compat, "PATCHES", (*compat.PATCHES, gone))
    errors = check_wagtail_patches()
    assert [e.id for e in errors] == ["wagtail_gk.E106"]
    assert "PublishRevisionAction.execute_renamed" in errors[0].msg
    assert "no longer exists" in errors[0].msg
    with pytest.raises(ImproperlyConfigured, match="execute_renamed"):
        compat.install((gone,))


def test_install_is_idempotent_and_restores_a_missing_patch(monkeypatch):
    patched = PublishRevisionAction.execute
    compat.install()
    assert PublishRevisionAction.execute is patched
    monkeypatch.setattr(PublishRevisionAction, "execute", patched.__wrapped__)
    compat.install()
    assert compat.is_patched(PublishRevisionAction.execute)
    assert PublishRevisionAction.execute.__wrapped__ is patched.__wrapped__
    assert check_wagtail_patches() == []
