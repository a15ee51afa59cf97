"""Checks of what an applicant types or uploads; every message is in Chinese."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .conf import foia_setting

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"
MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE_RE = re.compile(r"^0\d{2,3}-?\d{7,8}(-\d{1,6})?$")
USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def resident_id_is_valid(value: str) -> bool:
    """GB 11643: 17 digits and an ISO 7064 MOD 11-2 check character."""
    value = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", value):
        return False
    total = sum(int(d) * w for d, w in zip(value[:17], ID_WEIGHTS, strict=True))
    return ID_CHECK[total % 11] == value[17]


def credit_code_is_valid(value: str) -> bool:
    """GB 32100 统一社会信用代码: 18 characters with a MOD 31 check character."""
    value = (value or "").strip().upper()
    if len(value) != 18 or any(ch not in USCC_CHARS for ch in value):
        return False
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(value[:17], USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31] == value[17]


def validate_phone(value: str) -> str:
    value = re.sub(r"[\s（）()]", "", value or "")
    if not (MOBILE_RE.match(value) or LANDLINE_RE.match(value)):
        raise ValidationError(_("Enter a valid mobile number (11 digits) or landline number (e.g. 0951-1234567)."))
    return value


# Magic numbers of the file types accepted as identity proof or attachment.
SIGNATURES = {
    "pdf": [b"%PDF-"],
    "jpg": [b"\xff\xd8\xff"],
    "png": [b"\x89PNG\r\n\x1a\n"],
}
EXTENSIONS = {"pdf": "pdf", "jpg": "jpg", "jpeg": "jpg", "png": "png"}
EXECUTABLE_SIGNATURES = [b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"#!"]


def sniff_upload(uploaded) -> str:
    """Return the real type ("pdf", "jpg", "png") of *uploaded* judged by its
    first bytes, after checking the size; the name's extension must agree.
    An executable renamed to .pdf is refused."""
    max_bytes = foia_setting("GK_FOIA_UPLOAD_MAX_BYTES")
    if uploaded.size > max_bytes:
        raise ValidationError(
            _("The file is too large: %(size).1f MB; the maximum is %(max).1f MB.")
            % {"size": uploaded.size / 1048576, "max": max_bytes / 1048576}
        )
    if uploaded.size == 0:
        raise ValidationError(_("The file is empty. Please choose another one."))
    name = uploaded.name or ""
    ext = EXTENSIONS.get(name.rsplit(".", 1)[-1].lower() if "." in name else "")
    if ext is None:
        raise ValidationError(_("Only PDF, JPG or PNG files are accepted."))
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    if any(head.startswith(sig) for sig in EXECUTABLE_SIGNATURES):
        raise ValidationError(_("The file is not a PDF or an image (it looks like an executable program) and was rejected."))
    actual = next((kind for kind, sigs in SIGNATURES.items() if any(head.startswith(s) for s in sigs)), None)
    if actual is None:
        raise ValidationError(_("The file content does not match PDF, JPG or PNG. Please upload a scan or a photo."))
    if actual != ext:
        raise ValidationError(
            _("The file extension (.%(ext)s) does not match its actual content (%(actual)s).") % {"ext": ext, "actual": actual.upper()}
        )
    return actual
