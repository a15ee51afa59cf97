"""The roles of a 政务公开 site as Django groups.

Each role is a group with a fixed name (translated for display). Apps add
the model permissions a role needs through the ``register_gk_role_permissions``
hook, whose functions return ``{role_key: ["app_label.codename", …]}``;
:func:`ensure_role_groups` creates the groups and grants them (idempotent).
Where in the page tree a role may act is set by page permissions, and which
agency a user works for by :class:`~wagtail_gk.models.AgencyMembership`.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@dataclass(frozen=True)
class Role:
    key: str
    group_name: str  # stored name of the Django group
    label: str


EDITOR = Role("editor", "政务公开编辑", _("Openness editor"))
REVIEWER = Role("reviewer", "审核人", _("Reviewer"))
OFFICER = Role("officer", "政务公开工作人员", _("Openness officer"))
VILLAGE_MEMBER = Role("village_member", "村务公开员", _("Village poster (village committees)"))
TOWNSHIP_REVIEWER = Role("township_reviewer", "乡镇审核人", _("Township reviewer"))
VILLAGE_SUPERVISOR = Role("village_supervisor", "村务监督委员会", _("Village affairs supervisory committee member"))

ROLES = {role.key: role for role in (EDITOR, REVIEWER, OFFICER, VILLAGE_MEMBER, TOWNSHIP_REVIEWER, VILLAGE_SUPERVISOR)}


def user_has_role(user, role: Role) -> bool:
    return user.is_authenticated and (user.is_superuser or user.groups.filter(name=role.group_name).exists())


def role_permissions() -> dict[str, set[str]]:
    merged: dict[str, set[str]] = {key: set() for key in ROLES}
    for fn in hooks.get_hooks("register_gk_role_permissions"):
        for key, perms in fn().items():
            merged.setdefault(key, set()).update(perms)
    return merged


def ensure_role_groups():
    """Create the role groups and give each the permissions registered for it,
    plus access to the Wagtail admin. Returns {role_key: Group}."""
    from django.contrib.auth.models import Group, Permission

    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    groups = {}
    for key, perms in role_permissions().items():
        role = ROLES.get(key)
        if role is None:
            continue
        group, _created = Group.objects.get_or_create(name=role.group_name)
        group.permissions.add(admin_access)
        for dotted in sorted(perms):
            app_label, codename = dotted.split(".", 1)
            group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        groups[key] = group
    return groups


def core_role_permissions() -> dict[str, list[str]]:
    """The permissions each role needs in core: the working-day calendar, QR
    short links, and the publication gate's term list, ledger and re-scan."""
    # The open-government office keeps the working-day calendar (imports each year's notice).
    calendar = [f"wagtail_gk.{verb}_{model}" for verb in ("add", "change", "view") for model in ("calendaryear", "calendarday")]
    # QR short links: poster sheets and scan counts.
    short_links = ["wagtail_gk.view_shortlink"]
    view_terms = ["wagtail_gk.view_sensitiveterm"]
    ledger = ["wagtail_gk.view_ledgerentry", "wagtail_gk.export_ledgerentry"]
    rescan = ["wagtail_gk.view_rescanfinding", "wagtail_gk.change_rescanfinding"]
    maintain_terms = ["wagtail_gk.add_sensitiveterm", "wagtail_gk.change_sensitiveterm", "wagtail_gk.delete_sensitiveterm"]
    return {
        "editor": short_links + view_terms,
        "reviewer": short_links + view_terms + ledger + rescan + ["wagtail_gk.dismiss_finding"],
        "officer": calendar + short_links + view_terms + maintain_terms + ledger + rescan,
        "township_reviewer": view_terms + ["wagtail_gk.view_ledgerentry"],
    }
