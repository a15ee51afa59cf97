"""Stored codes are never shown raw: every admin screen of the suite, and the
public pages of the demo site, rendered with the full demo data, show the
labels of choices and ledger actions, and 是/否 (or icons) for booleans.

The screens are collected from the admin URL patterns whose views live in the
suite, so a new screen is covered without editing this file."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

pytestmark = pytest.mark.slow

# Kwarg names → how to find a demo object for them (model label, lookup).
_KWARG_SOURCES = {
    "catalog_id": ("wagtail_gk_catalog.Catalog", {}),
    "domain_id": ("wagtail_gk_catalog.Domain", {}),
    "item_id": ("wagtail_gk_catalog.CatalogItem", {}),
    "township_id": ("wagtail_gk.Agency", {"level": "township"}),
    "village_page_id": ("wagtail_gk_village.VillagePage", {}),
    "notice_id": ("wagtail_gk_village.VillageNoticePage", {}),
    "page_id": ("wagtail_gk_policy.PolicyDocumentPage", {}),
    "delivery_id": ("wagtail_gk_policy.PolicyDelivery", {}),
    "doc_pk": ("wagtail_gk_foia.IssuedDocument", {}),
    "att_pk": ("wagtail_gk_foia.RequestAttachment", {}),
}


def _walk(patterns, prefix="", namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), f"{namespace}:{ns}".strip(":") if ns else namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            view = getattr(pattern.callback, "view_class", pattern.callback)
            yield prefix + str(pattern.pattern), f"{namespace}:{pattern.name}".strip(":"), view.__module__, pattern


SUITE = {"wagtail_gk", "wagtail_gk_catalog", "wagtail_gk_foia", "wagtail_gk_village"}


def _suite_admin_routes() -> list[tuple[str, str]]:
    """The admin URLs whose view, or whose viewset (a snippet's, say), is the suite's."""
    from wagtail.admin.viewsets import viewsets

    patterns = list(_walk(get_resolver().url_patterns))  # loading the URLs registers the viewsets
    namespaces = {_namespace_of(v) for v in viewsets.viewsets if type(v).__module__.split(".")[0] in SUITE} - {None}
    routes = []
    for route, name, module, _pattern in patterns:
        if route.startswith("admin/") and (module.split(".")[0] in SUITE or name.split(":")[0] in namespaces):
            routes.append((name, route))
    return sorted(set(routes))


def _suite_choice_codes() -> dict[str, str]:
    """Every code of the suite's choices and registries that differs from its label."""
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from django.db.models import Choices

    from wagtail_gk.gate.ledger import action_labels
    from wagtail_gk.models.ledger import LedgerEntry

    codes: dict[str, str] = {}

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    for choices in subclasses(Choices):
        if choices.__module__.split(".")[0].startswith("wagtail_gk"):
            for value, label in choices.choices:
                codes[str(value)] = f"{choices.__qualname__}: {label}"
    for app in apps.get_app_configs():
        if not app.name.split(".")[0].startswith("wagtail_gk"):
            continue
        for model in app.get_models():
            for field in model._meta.get_fields():
                for value, label in getattr(field, "flatchoices", None) or ():
                    codes.setdefault(str(value), f"{model.__name__}.{field.name}: {label}")
    for action, label in action_labels().items():
        codes[action] = f"ledger action: {label}"
    for action in LedgerEntry.objects.values_list("action", flat=True).distinct():
        codes.setdefault(action, "ledger action without a label")
    # Login names are shown as they are, even when one reads like a code ("village").
    for username in get_user_model().objects.values_list(get_user_model().USERNAME_FIELD, flat=True):
        codes.pop(username, None)
    # Only codes that read as identifiers: short words such as "pdf" are labels too.
    return {code: why for code, why in codes.items() if re.fullmatch(r"[a-z][a-z0-9]*([_.][a-z0-9]+)+|[a-z]{4,}", code)}


class _VisibleText(HTMLParser):
    """The text a reader sees: element text and the title/aria-label/placeholder attributes."""

    HIDDEN = {"script", "style", "template", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        for name, value in attrs:
            if name in {"title", "aria-label", "placeholder", "alt"} and value and not self._hidden:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return "\n".join(part.strip() for part in parser.parts if part.strip())


def spreadsheet_text(content: bytes) -> str:
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    return "\n".join(str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None)


def archive_text(content: bytes) -> str:
    """The CSV and spreadsheet files of an archive: those are read by people (JSON is data)."""
    import zipfile

    parts = []
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name in archive.namelist():
            if name.endswith(".csv"):
                parts.append(archive.read(name).decode("utf-8-sig"))
            elif name.endswith(".xlsx"):
                parts.append(spreadsheet_text(archive.read(name)))
    return "\n".join(parts)


def raw_codes_in(text: str, codes: dict[str, str]) -> list[str]:
    """Each raw code or Python boolean in *text*, with the words around it."""
    text = re.sub(r"\{\{.*?\}\}", " ", text)  # a document template's placeholders ({{ email }}) are not codes
    found = []
    for code, why in [*codes.items(), ("True", "a boolean"), ("False", "a boolean")]:
        pattern = rf"(?<![\w.\-/]){re.escape(code)}(?![\w\-/]|\.\w)"
        if "." not in code and "_" not in code:
            # A plain word inside English prose is a word, not a code ("This document expired").
            pattern = rf"(?<![A-Za-z] ){pattern}(?! [A-Za-z])"
        match = re.search(pattern, text)
        if match:
            context = text[max(0, match.start() - 30) : match.end() + 30].replace("\n", " ")
            found.append(f"{code!r} ({why}) in …{context}…")
    return found


@pytest.fixture(scope="module")
def demo_site(django_db_blocker):
    """The full demo (``gk_demo``) loaded once for the module and rolled back after it."""
    from django.core.management import call_command
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("gk_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def _kwargs_for(route_name: str, pattern_route: str) -> dict | None:
    """Demo objects for the URL's arguments, or None when the demo has none."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    from wagtail_gk.models.ledger import LedgerEntry

    names = re.findall(r"<(?:\w+:)?(\w+)>", pattern_route)
    kwargs = {}
    for name in names:
        if name in _KWARG_SOURCES:
            label, lookup = _KWARG_SOURCES[name]
            obj = apps.get_model(label).objects.filter(**lookup).order_by("pk").first()
            if obj is None:
                return None
            kwargs[name] = obj.pk
        elif name == "pk" and route_name.startswith("wagtail_gk_gate:"):
            obj = LedgerEntry.objects.exclude(object_id="").order_by("-pk").first()
            if "documents/" in pattern_route:
                from wagtail.documents import get_document_model

                obj = get_document_model().objects.order_by("pk").first()
            if obj is None:
                return None
            kwargs[name] = obj.pk if "documents/" in pattern_route else obj.object_id
        elif name == "pk":
            from wagtail.admin.viewsets import viewsets

            namespace = route_name.split(":")[0]
            viewset = next((v for v in viewsets.viewsets if _namespace_of(v) == namespace), None)
            model = getattr(viewset, "model", None)
            obj = model.objects.order_by("pk").first() if model is not None else None
            if obj is None:
                return None
            kwargs[name] = obj.pk
        elif name in {"app_label", "model_name"}:
            entry = LedgerEntry.objects.exclude(object_id="").order_by("-pk").first()
            if entry is None:
                return None
            content_type = ContentType.objects.get_for_id(entry.content_type_id)
            kwargs[name] = content_type.app_label if name == "app_label" else content_type.model
        elif name == "fmt":
            kwargs[name] = "xlsx"
        elif name == "year":
            from django.utils import timezone

            kwargs[name] = timezone.localdate().year
        elif name == "kind":
            return None  # spreadsheet templates: headings only, no stored codes
        elif name == "name":
            return None  # a workflow action: POST only
        else:
            return None
    return kwargs


def _namespace_of(viewset) -> str | None:
    try:
        return viewset.url_namespace
    except Exception:  # a viewset without a name has no URLs of its own
        return None


ADMIN_ROUTES = _suite_admin_routes()


@pytest.mark.parametrize(("route_name", "pattern_route"), ADMIN_ROUTES, ids=[name for name, _route in ADMIN_ROUTES])
def test_admin_screen_shows_labels_not_codes(demo_site, db, client, route_name, pattern_route):
    from django.contrib.auth import get_user_model

    kwargs = _kwargs_for(route_name, pattern_route)
    if kwargs is None:
        pytest.skip("the demo has no object for this URL's arguments")
    client.force_login(get_user_model().objects.get(username="admin"))
    url = reverse(route_name, kwargs=kwargs)
    response = client.get(url)
    text = readable_text(response)
    if text is None:
        pytest.skip("not a screen or an export")
    codes = _suite_choice_codes()
    assert raw_codes_in(text, codes) == []
    # A report's own exports (Wagtail's ?export=csv / ?export=xlsx) say the same.
    for fmt in ("csv", "xlsx"):
        if response.get("Content-Type", "").startswith("text/html") and f"export={fmt}" in response.content.decode():
            exported = readable_text(client.get(url, {"export": fmt}))
            assert exported is not None, f"?export={fmt} gave nothing readable"
            assert raw_codes_in(exported, codes) == [], f"?export={fmt}"


def readable_text(response) -> str | None:
    """What a person reads in *response*: a page's visible text, a CSV, a
    spreadsheet's cells, an archive's CSV files; None for anything else."""
    content_type = response.get("Content-Type", "")
    readable = ("text/html", "text/csv", "application/zip", "application/vnd.openxmlformats-officedocument.spreadsheetml")
    if response.status_code != 200 or not content_type.startswith(readable):
        return None
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheet" in content_type:
        return spreadsheet_text(content)
    if content_type.startswith("text/csv"):
        return content.decode("utf-8-sig")
    if content_type.startswith("application/zip"):
        return archive_text(content)
    return visible_text(content.decode())


def test_public_pages_show_labels_not_codes(demo_site, db, client):
    from wagtail.models import Page

    codes = _suite_choice_codes()
    problems = {}
    for page in Page.objects.live().filter(depth__gt=1).specific():
        response = client.get(page.url)
        if response.status_code == 200 and response.get("Content-Type", "").startswith("text/html"):
            found = raw_codes_in(visible_text(response.content.decode()), codes)
            if found:
                problems[page.url] = found
    assert problems == {}
