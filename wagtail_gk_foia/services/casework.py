"""Case handling that does not change the status: the case officer, notes
and attachments."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ..conf import foia_setting
from ..models import RequestAttachment, RequestNote
from .audit import record_event
from .errors import TransitionError
from .transitions import _locked


def assign(req, *, user, assignee):
    if req.is_read_only:
        raise TransitionError(_("This request is archived: it can be viewed but not changed."))
    if assignee is not None and not _is_officer(assignee):
        raise TransitionError(_("The case officer must be an openness officer."))
    with transaction.atomic():
        fresh = _locked(req)
        fresh.assignee = assignee
        fresh.save(update_fields=["assignee"])
        record_event(
            fresh, "assign", user,
            _("Case officer assigned: %(name)s") % {"name": _user_name(assignee)} if assignee else _("Case officer removed"),
            public=False,
        )
    req.refresh_from_db()
    return req


def add_note(req, *, user, text: str) -> RequestNote:
    text = (text or "").strip()
    if not text:
        raise TransitionError(_("The note cannot be empty."))
    if req.is_read_only:
        raise TransitionError(_("This request is archived: it can be viewed but not changed."))
    with transaction.atomic():
        note = RequestNote.objects.create(request=req, author=user, text=text)
        record_event(req, "note", user, _("Case note added"), public=False)
    return note


def add_attachment(req, *, user, kind: str, title: str, uploaded_file, pages: int = 0) -> RequestAttachment:
    if req.is_read_only:
        raise TransitionError(_("This request is archived: it can be viewed but not changed."))
    if uploaded_file is None:
        raise TransitionError(_("Choose a file."))
    if uploaded_file.size > foia_setting("GK_FOIA_UPLOAD_MAX_BYTES"):
        raise TransitionError(_("The file is too large."))
    if kind not in RequestAttachment.Kind.values:
        raise TransitionError(_("Invalid attachment type."))
    title = (title or "").strip() or uploaded_file.name
    with transaction.atomic():
        attachment = RequestAttachment.objects.create(
            request=req, kind=kind, title=title[:200], file=uploaded_file, pages=max(pages or 0, 0), uploaded_by=user
        )
        record_event(
            req, "attachment", user,
            _("Attachment uploaded: %(title)s (%(kind)s)") % {"title": title[:100], "kind": attachment.get_kind_display()},
            public=False,
        )
    return attachment



def _is_officer(user) -> bool:
    from wagtail_gk.roles import OFFICER, user_has_role

    return user_has_role(user, OFFICER)


def _user_name(user) -> str:
    if user is None:
        return ""
    return f"{user.last_name}{user.first_name}".strip() or user.get_username()
