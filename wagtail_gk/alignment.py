"""Items that other apps may align with or link to, offered through core.

An app that holds such items (the standard catalog's 公开事项) registers an
:class:`AlignmentProvider` under a key in its ``AppConfig.ready()``::

    from wagtail_gk import alignment

    alignment.register_alignment_provider(CatalogItemProvider())

An app that points at such items (a village list type matching a catalog
item) stores a reference ``"<provider key>:<item key>"`` in a plain
``CharField`` with :func:`validate_alignment_reference`, edits it with
:class:`AlignmentFieldPanel` and shows it with :func:`describe_references`.
It never imports the providing app: when no provider is registered the panel
is hidden (and the stored value kept), and a reference whose item or app has
gone is shown as such instead of failing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django import forms
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

SEPARATOR = ":"


class AlignmentProvider:
    """What an app offers: its items as choices, and each item by its key.

    Item keys are strings (a primary key written as text, or a stable code);
    the provider's own key may not contain :data:`SEPARATOR`.
    """

    key: str = ""
    label: str = ""

    def choices(self, user=None) -> list[tuple[str, str]]:
        """[(item key, label)] of the items that may be chosen now."""
        raise NotImplementedError

    def get(self, item_key: str):
        """The item, or None when it does not exist (any more)."""
        raise NotImplementedError

    def describe(self, item_key: str) -> str:
        """The item's label for *item_key*, which :meth:`get` found."""
        raise NotImplementedError

    def describe_many(self, item_keys: Iterable[str]) -> dict[str, str]:
        """{item key: label} for the keys that exist; override to use one query."""
        labels = {}
        for item_key in item_keys:
            if self.get(item_key) is not None:
                labels[item_key] = self.describe(item_key)
        return labels

    def url(self, item_key: str) -> str | None:
        """Where the item can be seen in the admin, if anywhere."""
        return None


_providers: dict[str, AlignmentProvider] = {}


def register_alignment_provider(provider: AlignmentProvider) -> AlignmentProvider:
    """Offer *provider*'s items; registering the same key twice is a mistake."""
    if not provider.key or SEPARATOR in provider.key:
        raise ImproperlyConfigured(f"An alignment provider needs a key without {SEPARATOR!r}, got {provider.key!r}")
    existing = _providers.get(provider.key)
    if existing is not None and type(existing) is not type(provider):
        raise ImproperlyConfigured(f"The alignment provider key {provider.key!r} is taken by {type(existing).__name__}")
    _providers[provider.key] = provider
    return provider


def unregister_alignment_provider(key: str) -> AlignmentProvider | None:
    """Withdraw a provider (tests, or an app that turns the feature off)."""
    return _providers.pop(key, None)


def get_provider(key: str) -> AlignmentProvider | None:
    return _providers.get(key)


def providers() -> list[AlignmentProvider]:
    return list(_providers.values())


def has_providers() -> bool:
    return bool(_providers)


@dataclass(frozen=True)
class Reference:
    provider: str
    item: str

    @classmethod
    def parse(cls, value: str) -> Reference | None:
        """The reference stored as *value*, or None when it is not one."""
        provider, sep, item = (value or "").partition(SEPARATOR)
        if not sep or not provider or not item:
            return None
        return cls(provider, item)

    def __str__(self) -> str:
        return f"{self.provider}{SEPARATOR}{self.item}"


def make_reference(provider_key: str, item_key) -> str:
    """The stored form of a reference to *item_key* of *provider_key*."""
    return str(Reference(provider_key, str(item_key)))


def resolve(value: str):
    """The item *value* refers to, or None (empty, malformed, app absent, item gone)."""
    reference = Reference.parse(value)
    provider = get_provider(reference.provider) if reference else None
    return provider.get(reference.item) if provider else None


def validate_alignment_reference(value: str) -> None:
    """Field validator: an empty value, or a reference to an item that exists."""
    if not value:
        return
    reference = Reference.parse(value)
    if reference is None:
        raise ValidationError(_("“%(value)s” is not a reference to an item."), code="invalid", params={"value": value})
    provider = get_provider(reference.provider)
    if provider is None:
        raise ValidationError(
            _("No installed app offers items of the kind “%(provider)s”."), code="no_provider", params={"provider": reference.provider}
        )
    if provider.get(reference.item) is None:
        raise ValidationError(_("The chosen item no longer exists."), code="missing")


def missing_label(value: str) -> str:
    return str(_("Item no longer exists (%(reference)s)") % {"reference": value})


def describe_references(values: Iterable[str]) -> dict[str, str]:
    """{stored value: label} for every non-empty value; a value whose item or
    app is gone gets a label that says so."""
    by_provider: dict[str, set[str]] = {}
    values = {value for value in values if value}
    for value in values:
        reference = Reference.parse(value)
        if reference is not None:
            by_provider.setdefault(reference.provider, set()).add(reference.item)
    found: dict[str, str] = {}
    for key, items in by_provider.items():
        provider = get_provider(key)
        if provider is not None:
            for item, label in provider.describe_many(items).items():
                found[make_reference(key, item)] = label
    return {value: found.get(value) or missing_label(value) for value in values}


def reference_choices(user=None, current: str = "") -> list:
    """Choices for a select: the empty choice, then each provider's items as a
    group. A *current* value that no longer resolves stays selectable, so
    opening and saving a form does not silently drop it."""
    choices: list = [("", "---------")]
    known: set[str] = set()
    for provider in providers():
        group = [(make_reference(provider.key, item), label) for item, label in provider.choices(user)]
        known.update(value for value, _label in group)
        choices.append((str(provider.label), group))
    if current and current not in known:
        choices.append((current, describe_references([current])[current]))
    return choices


class AlignmentSelect(forms.Select):
    """A select of every provider's items, filled when the form renders (so it
    shows the items as they are now, whichever apps are installed)."""

    def get_context(self, name, value, attrs):
        current = value[0] if isinstance(value, (list, tuple)) and value else value
        self.choices = reference_choices(current=str(current or ""))
        return super().get_context(name, value, attrs)


class AlignmentFieldPanel(FieldPanel):
    """A :class:`FieldPanel` for a reference field, with :class:`AlignmentSelect`.

    With no provider registered the panel is not shown and the field is taken
    out of the bound form, so saving the form keeps the stored reference."""

    def __init__(self, field_name, *args, **kwargs):
        kwargs.setdefault("widget", AlignmentSelect)
        super().__init__(field_name, *args, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            form = kwargs.get("form")
            if form is not None and not has_providers():
                form.fields.pop(kwargs["panel"].field_name, None)
            super().__init__(**kwargs)

        def is_shown(self):
            return has_providers() and super().is_shown()
