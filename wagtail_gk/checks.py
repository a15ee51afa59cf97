"""System checks of ``wagtail_gk`` (ids ``wagtail_gk.E…`` / ``wagtail_gk.W…``)."""

import importlib.util

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError
from django.utils import timezone

from .conf import gk_setting


@register()
def check_elasticsearch_extra(app_configs, **kwargs):
    if gk_setting("GK_ELASTICSEARCH_URL") and importlib.util.find_spec("elasticsearch.dsl") is None:
        return [
            Error(
                "GK_ELASTICSEARCH_URL is set but elasticsearch-dsl is not installed.",
                hint='Install the extra: pip install "wagtail-gk[elasticsearch]", or unset GK_ELASTICSEARCH_URL.',
                id="wagtail_gk.E001",
            )
        ]
    return []


@register()
def check_rq_backend(app_configs, **kwargs):
    backends = getattr(settings, "TASKS", {})
    uses_rq = any("django_tasks_rq" in conf.get("BACKEND", "") for conf in backends.values())
    if uses_rq and importlib.util.find_spec("django_tasks_rq") is None:
        return [
            Error(
                "TASKS uses django_tasks_rq but it is not installed.",
                hint='Install the extra: pip install "wagtail-gk[rq]".',
                id="wagtail_gk.E002",
            )
        ]
    if uses_rq and "django_rq" not in settings.INSTALLED_APPS:
        return [
            Error(
                "TASKS uses django_tasks_rq but django_rq is not in INSTALLED_APPS.",
                hint="Add 'django_rq' to INSTALLED_APPS and configure RQ_QUEUES.",
                id="wagtail_gk.E003",
            )
        ]
    return []


@register()
def check_index_number_pattern(app_configs, **kwargs):
    pattern = gk_setting("GK_INDEX_NUMBER_PATTERN")
    try:
        pattern.format(agency_code="X", year=2026, serial=1)
    except (KeyError, IndexError, ValueError) as exc:
        return [
            Error(
                f"GK_INDEX_NUMBER_PATTERN {pattern!r} cannot be formatted: {exc}",
                hint="Use only the placeholders {agency_code}, {year} and {serial}.",
                id="wagtail_gk.E004",
            )
        ]
    if "{serial" not in pattern:
        return [
            Error(
                "GK_INDEX_NUMBER_PATTERN has no {serial} placeholder, so index numbers would repeat.",
                id="wagtail_gk.E005",
            )
        ]
    return []


@register(Tags.database)
def check_calendar_years(app_configs, databases=None, **kwargs):
    """Warn when the working-day calendar does not cover this year or, from
    the reminder date (1 November, when the State Council has published it), the next."""
    if not databases:
        return []
    from .calendar_reminders import missing_schedule_years

    try:
        missing = missing_schedule_years()
    except DatabaseError:
        return []  # not migrated yet
    if missing:
        return [
            Warning(
                "The working-day calendar has no schedule for %s; deadlines that reach it are provisional "
                "(weekends only) until it is imported." % ", ".join(map(str, missing)),
                hint="Import the State Council's notice: manage.py gk_calendar_import FILE, or "
                "Settings › Working-day calendar › Import in the admin.",
                id="wagtail_gk.W001",
            )
        ]
    return []
    from .workdays import known_years

    try:
        years = set(known_years())
    except DatabaseError:
        return []  # not migrated yet
    today = timezone.localdate()
    needed = [today.year] + ([today.year + 1] if today.month == 12 else [])
    missing = [year for year in needed if year not in years]
    if missing:
        return [
            Warning(
                "The working-day calendar has no schedule for %s; deadlines in those years cannot be computed."
                % ", ".join(map(str, missing)),
                hint="Enter the State Council's holiday schedule under Settings › 工作日历 (or import it).",
                id="wagtail_gk.W001",
            )
        ]
    return []


def _loopback_warning(where: str, url: str) -> Warning:
    return Warning(
        f"{where} is {url!r}, a loopback address: QR codes, posters, village boards, share links, "
        "e-mails and receipts would point at it, and no phone or other computer can open it.",
        hint="Enter the public address (e.g. https://www.xxx.gov.cn) under Settings › Government website details "
        "› Public base URL, or set GK_PUBLIC_BASE_URL, or give the Wagtail Site its public hostname and port.",
        id="wagtail_gk.W010",
    )


@register()
def check_public_base_url_setting(app_configs, **kwargs):
    """With DEBUG off, GK_PUBLIC_BASE_URL must not be a loopback address."""
    from .links import is_loopback

    base = gk_setting("GK_PUBLIC_BASE_URL")
    if not settings.DEBUG and base and is_loopback(base):
        return [_loopback_warning("GK_PUBLIC_BASE_URL", base)]
    return []


@register(Tags.database)
def check_site_public_base_urls(app_configs, databases=None, **kwargs):
    """With DEBUG off, no Wagtail Site may resolve to a loopback public base
    URL (run by ``migrate`` and ``check --database default``)."""
    if settings.DEBUG or not databases:
        return []
    from wagtail.models import Site

    from .links import is_loopback, site_base_url

    try:
        sites = list(Site.objects.order_by("pk"))
        bases = [(site, site_base_url(site)) for site in sites]
    except DatabaseError:
        return []  # not migrated yet
    return [
        _loopback_warning(f"The public base URL of site {site.site_name or site.hostname!r}", base)
        for site, base in bases
        if is_loopback(base)
    ]


@register()
def check_pdf_font(app_configs, **kwargs):
    """Generated PDFs need an embeddable (TrueType) Chinese font."""
    from .pdf import font_choice

    choice = font_choice()
    problem = choice.problem
    configured = gk_setting("GK_PDF_FONT_FILE")
    if configured and not problem and choice.path != str(configured):
        reason = next((skip for skip in choice.skipped if skip.startswith(str(configured))), str(configured))
        return [
            Warning(
                f"GK_PDF_FONT_FILE cannot be used ({reason}); PDFs embed {choice.path} instead.",
                hint="Point GK_PDF_FONT_FILE at a readable .ttf/.ttc file with TrueType outlines and Chinese characters.",
                id="wagtail_gk.W012",
            )
        ]
    if problem:
        return [
            Warning(
                problem + " PDFs (posters, village boards, request documents) then use reportlab's STSong-Light, "
                "which is not embedded: a computer or printer without that font prints boxes.",
                hint="Install wagtail-gk with its dependencies (the package paperang-p2-fonts-cjk carries "
                "WenQuanYi Micro Hei), install a TrueType Chinese font such as fonts-wqy-microhei, or set "
                "GK_PDF_FONT_FILE to a .ttf/.ttc file with TrueType outlines.",
                id="wagtail_gk.W011",
            )
        ]
    return []


@register()
def check_print_bleed(app_configs, **kwargs):
    from .pdf import MAX_BLEED_MM

    value = gk_setting("GK_PRINT_BLEED_MM")
    valid = isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= MAX_BLEED_MM
    if not valid:
        return [
            Error(
                f"GK_PRINT_BLEED_MM {value!r} is not a number of millimetres from 0 to {MAX_BLEED_MM}.",
                hint="Use 0 (no bleed) or the bleed your print shop asks for, usually 3.",
                id="wagtail_gk.E006",
            )
        ]
    return []
