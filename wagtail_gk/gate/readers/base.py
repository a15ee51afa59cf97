"""What every reader shares: the reasons a file cannot be read, format
recognition by content, bounded zip access and bounded external tools."""

from __future__ import annotations

import io
import os
import resource
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ...conf import gk_setting

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy Office, WPS, encrypted OOXML
TEXT_EXTENSIONS = {"txt", "csv", "md", "text"}
IMAGE_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF87a", "gif"),
    (b"GIF89a", "gif"),
    (b"BM", "bmp"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
)
KNOWN_BINARY_EXTENSIONS = {
    "pdf", "doc", "docx", "docm", "dot", "dotx", "xls", "xlsx", "xlsm", "wps", "et", "dps", "ppt", "pptx",
    "odt", "ods", "odp", "ofd", "zip", "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp", "rtf",
}  # fmt: skip
# Where a tool is missing, these formats cannot be read (and so block, see
# GK_GATE_UNREADABLE_SEVERITY); the system checks name them.
OLE_WRITER = ("doc", "wps")
OLE_CALC = ("xls", "et")
OLE_IMPRESS = ("ppt", "dps")


class Unreadable(Exception):
    """The file cannot be checked; ``str(exc)`` says why, for people."""


class OcrDeferred(Exception):
    """The file needs more OCR than the synchronous budget allows; its text
    will be read in the background (see :mod:`wagtail_gk.gate.tasks`)."""


@dataclass
class ReadContext:
    """Limits that hold across one file and everything nested in it."""

    depth: int = 0  # archives opened to reach this file
    ocr_deadline: float | None = None  # time.monotonic() by which OCR must end; None: no budget
    members: int = 0  # archive members seen so far
    unpacked: int = 0  # bytes unpacked from archives so far


def extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def ole_stream_names(data: bytes) -> set[str]:
    """Names of the streams of an OLE compound file, read from its directory
    sectors (UTF-16 names), enough to tell Word from Excel from PowerPoint."""
    names = set()
    for name in ("WordDocument", "Workbook", "Book", "PowerPoint Document", "EncryptedPackage", "EncryptionInfo"):
        if name.encode("utf-16-le") in data:
            names.add(name)
    return names


def sniff(name: str, data: bytes) -> str:
    """The format of *data*, from its content; the extension only decides
    between formats that look alike (a .wps and a .doc, text files)."""
    ext = extension(name)
    if data[:5] == b"%PDF-" or data[:1024].lstrip().startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(OLE_MAGIC):
        streams = ole_stream_names(data)
        if "EncryptedPackage" in streams:
            return "encrypted_ooxml"
        if "WordDocument" in streams:
            return "doc"
        if streams & {"Workbook", "Book"}:
            return "xls"
        if "PowerPoint Document" in streams:
            return "ppt"
        return "ole"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _sniff_zip(data)
    for magic, _kind in IMAGE_MAGIC:
        if data.startswith(magic):
            return "image"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image"
    if data.startswith(b"{\\rtf"):
        return "rtf"
    if ext in TEXT_EXTENSIONS or (not ext and b"\x00" not in data[:4096]):
        return "text"
    if ext in KNOWN_BINARY_EXTENSIONS:
        return "corrupt"  # named as a format we read, but its content is not that format
    return "unknown"


def _sniff_zip(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                if mimetype.startswith("application/vnd.oasis.opendocument."):
                    return "odf"
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return "docx"
                if any(n.startswith("xl/") for n in names):
                    return "xlsx"
                if any(n.startswith("ppt/") for n in names):
                    return "pptx"
            if "OFD.xml" in names:
                return "ofd"
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):
        return "corrupt_zip"
    return "zip"


def corrupt() -> Unreadable:
    return Unreadable(_("The file is damaged or in the wrong format, so it could not be read"))


class SafeZip:
    """A zip opened with caps on members, unpacked size and packing ratio, so
    that a zip bomb is reported instead of exhausting memory."""

    def __init__(self, data: bytes, context: ReadContext | None = None):
        self.context = context or ReadContext()
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
            self.infos = self.archive.infolist()
        except (zipfile.BadZipFile, OSError, ValueError) as exc:
            raise corrupt() from exc
        if len(self.infos) > gk_setting("GK_GATE_ARCHIVE_MAX_MEMBERS"):
            raise Unreadable(
                _("The archive holds %(count)d files, more than the %(limit)d that are checked.")
                % {"count": len(self.infos), "limit": gk_setting("GK_GATE_ARCHIVE_MAX_MEMBERS")}
            )
        self.names = {info.filename: info for info in self.infos}

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(self, *exc) -> None:
        self.archive.close()

    def read(self, name: str) -> bytes:
        """The unpacked bytes of member *name*, within the caps."""
        info = self.names[name]
        if info.flag_bits & 0x1:
            raise Unreadable(_("The file is protected by a password, so it could not be checked."))
        limit = max_unpacked_bytes()
        ratio = gk_setting("GK_GATE_ARCHIVE_MAX_RATIO")
        if info.file_size > limit or (info.compress_size and info.file_size / info.compress_size > ratio and info.file_size > 1048576):
            raise _too_big()
        if self.context.unpacked + info.file_size > limit:
            raise _too_big()
        try:
            with self.archive.open(info) as member:
                data = member.read(limit + 1)  # the declared size may lie
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as exc:
            raise corrupt() from exc
        if len(data) > limit or self.context.unpacked + len(data) > limit:
            raise _too_big()
        self.context.unpacked += len(data)
        return data


def max_unpacked_bytes() -> int:
    """Bytes one file may unpack to in all: ``GK_GATE_ARCHIVE_MAX_UNPACKED_BYTES``,
    and never more than ten times ``GK_GATE_MAX_DOCUMENT_BYTES``."""
    return min(gk_setting("GK_GATE_ARCHIVE_MAX_UNPACKED_BYTES"), 10 * gk_setting("GK_GATE_MAX_DOCUMENT_BYTES"))


def _too_big() -> Unreadable:
    return Unreadable(
        _("The file unpacks to more than %(limit)s MB, so it was not checked (this is how a zip bomb looks).")
        % {"limit": round(max_unpacked_bytes() / 1048576, 1)}
    )


def tool_path(name: str) -> str | None:
    """Path of an optional external tool, or None when it is not installed."""
    return shutil.which(name)


def _memory_limiter(cap: int):
    """The function the child runs between fork and exec: one system call,
    no Python-level locks (the cap is computed in the parent), so it is safe
    while other threads of the web process hold locks."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))

    return limit


def run_tool(args: Sequence[str], *, data: bytes | None = None, timeout: float, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run an external reader with a time limit and an address-space cap
    (``GK_GATE_TOOL_MEMORY_MB``); a tool past its time is killed and the file
    reported as not checked."""
    try:
        return subprocess.run(  # noqa: S603 — fixed arguments; file content on stdin or in a private temp file
            list(args),
            input=data,
            capture_output=True,
            timeout=timeout,
            check=False,
            preexec_fn=_memory_limiter(gk_setting("GK_GATE_TOOL_MEMORY_MB") * 1048576),  # noqa: PLW1509 — one syscall in the child
            env={**os.environ, **(env or {})},
        )
    except subprocess.TimeoutExpired as exc:
        raise Unreadable(
            _("Reading the file took longer than %(seconds)d seconds, so it was not checked.") % {"seconds": round(timeout)}
        ) from exc
    except OSError as exc:
        raise Unreadable(_("The reader for this format could not be started, so the file was not checked.")) from exc


def temp_dir() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="gk-gate-")
