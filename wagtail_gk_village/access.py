"""Who may do what where: village members, supervisors and township reviewers.

Role groups (``wagtail_gk.roles``) say what a person does; their
``AgencyMembership`` says for which village or township. Every view and
workflow task of this app asks these functions, never the role alone, so a
member of 红星村 never sees 王太村's notices.
"""

from __future__ import annotations

from wagtail_gk import roles
from wagtail_gk.models import Agency, AgencyLevel, agencies_of

STAFF_ROLES = (roles.EDITOR, roles.REVIEWER, roles.OFFICER, roles.TOWNSHIP_REVIEWER)


def _cached(user, name, compute):
    cache = user.__dict__.setdefault("_gk_village_access", {})
    if name not in cache:
        cache[name] = compute()
    return cache[name]


def is_village_only_user(user) -> bool:
    """A village committee or supervision committee member and nothing else: the
    admin shows them the village editor only."""
    if not user.is_authenticated or user.is_superuser:
        return False

    def compute():
        names = set(user.groups.values_list("name", flat=True))
        village = {roles.VILLAGE_MEMBER.group_name, roles.VILLAGE_SUPERVISOR.group_name}
        staff = {role.group_name for role in STAFF_ROLES}
        return bool(names & village) and not (names & staff)

    return _cached(user, "village_only", compute)


def member_village_ids(user) -> set[int]:
    """Ids of the village agencies *user* posts for (村务公开员 with a membership)."""
    if not user.is_authenticated or not roles.user_has_role(user, roles.VILLAGE_MEMBER):
        return set()
    return _cached(
        user,
        "member_villages",
        lambda: set(agencies_of(user).filter(level=AgencyLevel.VILLAGE).values_list("pk", flat=True)),
    )


def supervised_village_ids(user) -> set[int]:
    """Ids of the villages whose 村务监督委员会 *user* sits on."""
    if not user.is_authenticated or not roles.user_has_role(user, roles.VILLAGE_SUPERVISOR):
        return set()
    return _cached(
        user,
        "supervised_villages",
        lambda: set(agencies_of(user).filter(level=AgencyLevel.VILLAGE).values_list("pk", flat=True)),
    )


def reviewed_township_ids(user) -> set[int]:
    """Ids of the townships *user* reviews village notices for; a superuser reviews all."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return _cached(
            user, "townships", lambda: set(Agency.objects.filter(level=AgencyLevel.TOWNSHIP).values_list("pk", flat=True))
        )
    if not roles.user_has_role(user, roles.TOWNSHIP_REVIEWER):
        return set()
    return _cached(
        user,
        "townships",
        lambda: set(agencies_of(user).filter(level=AgencyLevel.TOWNSHIP).values_list("pk", flat=True)),
    )


def reviewed_village_ids(user) -> set[int]:
    townships = reviewed_township_ids(user)
    if not townships:
        return set()
    return _cached(
        user,
        "reviewed_villages",
        lambda: set(
            Agency.objects.filter(parent_id__in=townships, level=AgencyLevel.VILLAGE).values_list("pk", flat=True)
        ),
    )


def can_review_village(user, village_id: int | None) -> bool:
    return village_id is not None and village_id in reviewed_village_ids(user)


def can_post_for_village(user, village_id: int | None) -> bool:
    return village_id is not None and village_id in member_village_ids(user)


def can_supervise_village(user, village_id: int | None) -> bool:
    return village_id is not None and (user.is_superuser or village_id in supervised_village_ids(user))
