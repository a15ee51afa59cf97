"""Fixtures shared by the whole suite: a small county site tree, users per role,
and gates for tests that need real services."""

import os
import socket

import pytest

REQUIRE_SERVICES = os.environ.get("GK_REQUIRE_SERVICES") == "1"


def pytest_configure(config):
    """``GK_TEST_TODAY=2027-12-20`` runs the whole suite with the clock moved
    to that day (10:00 in Asia/Shanghai, ticking): the suite must pass on any
    day, in a year whose holiday schedule is known or not."""
    today = os.environ.get("GK_TEST_TODAY")
    if today:
        import datetime
        import zoneinfo

        import time_machine

        day = datetime.date.fromisoformat(today)
        moment = datetime.datetime(day.year, day.month, day.day, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
        config._gk_clock = time_machine.travel(moment, tick=True)
        config._gk_clock.start()


def pytest_ignore_collect(collection_path, config):
    """tests/foreign_host runs only with its own settings (``--ds=tests.foreign_host.settings``),
    and the rest of the suite only with the example site's."""
    from django.conf import settings

    host_run = settings.SETTINGS_MODULE == "tests.foreign_host.settings"
    in_host = "foreign_host" in collection_path.parts
    if in_host and not host_run:
        return True
    if host_run and not in_host and collection_path.suffix == ".py" and collection_path.name.startswith("test_"):
        return True
    return None


def pytest_runtest_setup(item):
    """A test marked ``requires_apps("wagtail_gk_village", …)`` is skipped when
    the host leaves one of those apps out (see tests/isolated_settings.py)."""
    marker = item.get_closest_marker("requires_apps")
    if marker is not None:
        from django.apps import apps

        missing = [app for app in marker.args if not apps.is_installed(app)]
        if missing:
            pytest.skip(f"not installed: {', '.join(missing)}")


def pytest_report_header(config):
    if os.environ.get("GK_TEST_TODAY"):
        return f"clock moved to {os.environ['GK_TEST_TODAY']} (GK_TEST_TODAY)"
    return None


def _reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def require_service(name: str, available: bool, reason: str):
    """Skip (or, with GK_REQUIRE_SERVICES=1, fail) a test whose service is absent."""
    if available:
        return
    if REQUIRE_SERVICES:
        pytest.fail(f"{name} is required (GK_REQUIRE_SERVICES=1) but {reason}")
    pytest.skip(f"{name} not available: {reason}")


@pytest.fixture
def postgres(settings):
    """The test runs on PostgreSQL; skipped on SQLite runs."""
    from django.db import connection

    require_service(
        "PostgreSQL",
        connection.vendor == "postgresql",
        "the tests run on SQLite (set DATABASE_URL=postgres://… to run them)",
    )
    return connection


@pytest.fixture
def redis_url():
    from urllib.parse import urlparse

    url = os.environ.get("REDIS_URL", "")
    parsed = urlparse(url or "redis://127.0.0.1:6379/15")
    require_service(
        "Redis",
        bool(url) and _reachable(parsed.hostname or "127.0.0.1", parsed.port or 6379),
        "REDIS_URL is not set or the server does not answer",
    )
    return url


@pytest.fixture
def demo(db):
    """The demo base: agencies, the county site tree, role groups and one user per role."""
    from example_site.home.demo import build_base

    return build_base()


@pytest.fixture
def agencies(demo):
    return demo.agencies


@pytest.fixture
def home_page(demo):
    return demo.home


@pytest.fixture
def users(demo):
    return demo.users


@pytest.fixture
def admin_client_zh(client, users):
    client.force_login(users["admin"])
    return client


CHROMIUM = os.environ.get("GK_CHROMIUM", "/usr/bin/chromium")


@pytest.fixture
def browser(django_db_serialized_rollback, live_server):
    """A headless Debian Chromium driven by Playwright (never a downloaded browser).
    Yields a factory: ``browser(width=390, height=844)`` opens a new page."""
    require_service("Chromium", os.path.exists(CHROMIUM), f"{CHROMIUM} is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; the ORM calls the
    # test itself makes are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        contexts = []

        def open_page(width=1280, height=900, **kwargs):
            context = instance.new_context(
                viewport={"width": width, "height": height}, locale="zh-CN", base_url=live_server.url, **kwargs
            )
            contexts.append(context)
            return context.new_page()

        try:
            yield open_page
        finally:
            for context in contexts:
                context.close()
            instance.close()


@pytest.fixture(autouse=True)
def _fresh_working_day_calendar():
    """Each test reads the calendar rows it sees, not a year cached in this
    process by an earlier test whose transaction was rolled back."""
    from wagtail_gk.workdays import clear_cache

    clear_cache()
    yield
    clear_cache()


@pytest.fixture(autouse=True)
def _site_language():
    """Each test starts in the site's language: a request handled in English
    (LocaleMiddleware activates the language and leaves it active in the
    thread) must not make the next test's messages English."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()
