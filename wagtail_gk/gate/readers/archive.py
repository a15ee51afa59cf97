"""Zip archives: every member is read as a file of its own (archives inside
archives too), within a depth, a member count and an unpacked-size limit
shared by the whole tree."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ...conf import gk_setting
from .base import OcrDeferred, ReadContext, SafeZip, Unreadable


def member_name(info) -> str:
    """The member's name as its author saw it: zips made on Chinese Windows
    store GBK names without the UTF-8 flag."""
    if info.flag_bits & 0x800:
        return info.filename
    try:
        return info.filename.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return info.filename


def read_zip(data: bytes, result, context: ReadContext) -> None:
    from ..documents import FileText, read_into

    if context.depth >= gk_setting("GK_GATE_ARCHIVE_MAX_DEPTH"):
        raise Unreadable(
            _("The archive is nested more than %(limit)d deep, so it was not checked.") % {"limit": gk_setting("GK_GATE_ARCHIVE_MAX_DEPTH")}
        )
    problems = []
    with SafeZip(data, context) as archive:
        for info in archive.infos:
            if info.is_dir():
                continue
            context.members += 1
            if context.members > gk_setting("GK_GATE_ARCHIVE_MAX_MEMBERS"):
                raise Unreadable(
                    _("The archive holds more than %(limit)d files, so it was not checked.") % {"limit": gk_setting("GK_GATE_ARCHIVE_MAX_MEMBERS")}
                )
            name = member_name(info)
            member = FileText(name=name)
            try:
                member_data = archive.read(info.filename)
                context.depth += 1
                try:
                    read_into(name, member_data, member, context)
                finally:
                    context.depth -= 1
            except OcrDeferred:
                raise
            except Unreadable as exc:
                member.unreadable = str(exc)
            if member.unreadable:
                problems.append(_("%(member)s: %(reason)s") % {"member": name, "reason": member.unreadable})
            for label, text in member.pages:
                result.pages.append((f"{name} › {label}" if label else name, text))
    if problems:
        # Some members could be read: their text is checked, and the rest is
        # reported, so the file as a whole counts as not fully checked.
        result.unreadable = "; ".join(problems)
