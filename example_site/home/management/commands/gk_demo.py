"""``manage.py gk_demo [--host HOST]``: build (idempotently) the demo county
and print a short summary in Chinese: what was built, where to look, the
logins with their roles, and the folder e-mails go to. ``-v 2`` also prints
each app's progress lines."""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from wagtail_gk.demo import DEMO_PASSWORD, demo_loaders
from wagtail_gk.models import AgencyMembership, GovernmentSiteSettings
from wagtail_gk.roles import ROLES

from ...demo import build_base

DEFAULT_HOST = "127.0.0.1:8000"


def base_url_for(host: str) -> str:
    """``127.0.0.1:8000`` → ``http://127.0.0.1:8000``; a full URL stays as it is."""
    host = host.strip().rstrip("/")
    if not host:
        raise CommandError(_("The host must not be empty, e.g. 127.0.0.1:8000."))
    if "://" not in host:
        host = "http://" + host
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(host)
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError as exc:
        raise CommandError(_("The host %(host)s is not a valid address.") % {"host": host}) from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CommandError(_("The host %(host)s is not a valid address.") % {"host": host})
    return host


def _mail_folder() -> Path | None:
    if settings.EMAIL_BACKEND == "django.core.mail.backends.filebased.EmailBackend":
        return Path(settings.EMAIL_FILE_PATH)
    return None


def _mail_files(folder: Path | None) -> set[str]:
    if folder is None or not folder.is_dir():
        return set()
    return {entry.name for entry in folder.iterdir() if entry.is_file()}


class Command(BaseCommand):
    help = "Build (idempotently) the demo county site with townships, villages, users and each app's content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--host",
            default=os.environ.get("HOST") or DEFAULT_HOST,
            help="Host (and port) the demo is served on, e.g. 192.168.1.20:8000; QR codes, posters and e-mails "
            "carry it. Default: the HOST environment variable, else %s." % DEFAULT_HOST,
        )

    def handle(self, *args, **options):
        base = base_url_for(options["host"])
        verbose = options["verbosity"] >= 2
        folder = _mail_folder()
        mail_before = _mail_files(folder)
        with transaction.atomic():
            context = build_base(stdout=self.stdout if verbose else None)
            # Everything printed or sent (QR codes, posters, boards, e-mails) uses the configured host.
            site_settings = GovernmentSiteSettings.for_site(context.site)
            site_settings.public_base_url = base
            site_settings.save(update_fields=["public_base_url"])
        for loader in demo_loaders():
            with transaction.atomic():
                loader.load(context)
        mail_count = len(_mail_files(folder) - mail_before)
        with translation.override("zh-hans"):
            self.summary(context, base, folder, mail_count)

    def summary(self, context, base, folder, mail_count):
        write = self.stdout.write
        pages = Page.objects.live().descendant_of(context.home, inclusive=True)
        write(self.style.SUCCESS(_("The demo site “%(site)s” is ready.") % {"site": context.site.site_name or context.home.title}))
        write(_("Built: %(pages)d published pages, %(agencies)d agencies, %(users)d demo accounts.") % {
            "pages": pages.count(), "agencies": len(context.agencies), "users": len(context.users)})
        kinds = (
            pages.exclude(depth=context.home.depth).values("content_type").annotate(n=Count("pk")).order_by("-n")
        )
        from django.contrib.contenttypes.models import ContentType

        parts = []
        for row in kinds[:8]:
            model = ContentType.objects.get_for_id(row["content_type"]).model_class()
            if model is not None:
                parts.append(_("%(kind)s %(count)d") % {"kind": model._meta.verbose_name, "count": row["n"]})
        if parts:
            write("  " + _("including: %(list)s") % {"list": "、".join(parts)})
        write("")
        write(_("Where to look:"))
        write("  " + _("Public site: %(url)s") % {"url": base + "/"})
        for page in context.home.get_children().live().in_menu().specific():
            write(f"    {page.title}  {base}{page.url}")
        write("  " + _("Admin: %(url)s (every account's password is %(password)s)") % {"url": base + "/admin/", "password": DEMO_PASSWORD})
        agencies = {
            membership.user_id: membership.agency.name
            for membership in AgencyMembership.objects.filter(user__in=context.users.values()).select_related("agency")
        }
        for key, user in context.users.items():
            role = ROLES.get(key)
            label = str(role.label) if role else _("Site administrator (all permissions)")
            where = agencies.get(user.pk, "")
            write(f"    {user.username:<10} {label}" + (f" · {where}" if where else ""))
        write("")
        if folder is not None:
            write(_("E-mail is not sent: each message is saved as a file in %(folder)s (%(count)d written this time).") % {
                "folder": folder, "count": mail_count})
        write(_("QR codes, posters and e-mails point at %(url)s; to use another address run gk_demo --host HOST (make demo HOST=…).") % {
            "url": base})
