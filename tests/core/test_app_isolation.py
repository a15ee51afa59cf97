"""Each feature app works on its own: its tests pass with every other feature
app left out of ``INSTALLED_APPS`` (tests/isolated_settings.py).

Each run is a separate pytest process, since Django's app registry is fixed
once set up. Tests that exercise several apps carry
``@pytest.mark.requires_apps(...)`` and are skipped there.
"""

import os
import pathlib
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
FEATURE_TESTS = {"wagtail_gk_catalog": "tests/catalog", "wagtail_gk_foia": "tests/foia", "wagtail_gk_village": "tests/village",
                 "wagtail_gk_interaction": "tests/interaction"}


@pytest.mark.slow
@pytest.mark.parametrize("app", sorted(FEATURE_TESTS))
def test_feature_app_passes_its_tests_alone(app):
    others = sorted(set(FEATURE_TESTS) - {app})
    env = dict(os.environ, GK_DROP_APPS=",".join(others), DJANGO_SETTINGS_MODULE="tests.isolated_settings")
    # Always on the embedded SQLite: a PostgreSQL run's test database is in use
    # by this very process, and the services add nothing to the question asked.
    for name in ("DATABASE_URL", "REDIS_URL", "GK_TEST_DB_NAME", "GK_REQUIRE_SERVICES"):
        env.pop(name, None)
    command = [
        sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--ds=tests.isolated_settings",
        "-m", "not browser and not postgres and not redis and not elasticsearch", FEATURE_TESTS[app],
    ]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=3600)
    summary = result.stdout[-4000:] + result.stderr[-2000:]
    assert result.returncode == 0, f"{app} without {', '.join(others)}:\n{summary}"
