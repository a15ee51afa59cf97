"""Where ledger checkpoints are kept: outside the database, append-only
(docs/gate.md, "Review ledger").

``GK_LEDGER_CHECKPOINT_SINK = {"BACKEND": "...", "OPTIONS": {...}}`` names a
class with the interface of :class:`CheckpointSink`; :class:`DirectorySink`
(one JSON file per checkpoint, named by its sequence number) is the default.
A sink never overwrites a checkpoint: a second writer of the same number gets
:class:`CheckpointExists`.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from pathlib import Path

from django.utils.module_loading import import_string

from ..conf import gk_setting


class SinkError(Exception):
    """The checkpoint sink is not configured or cannot be read or written."""


class CheckpointExists(SinkError):
    """A checkpoint with this sequence number is already in the sink."""


class CheckpointSink:
    """Interface of a checkpoint sink."""

    def sequences(self) -> list[int]:
        """Sequence numbers of the stored checkpoints, ascending."""
        raise NotImplementedError

    def read(self, sequence: int) -> bytes:
        raise NotImplementedError

    def write(self, sequence: int, data: bytes) -> str:
        """Store checkpoint *sequence*; raise :class:`CheckpointExists` if it
        is already stored. Returns where it was written."""
        raise NotImplementedError

    def read_public_key(self, fingerprint: str) -> bytes | None:
        raise NotImplementedError

    def write_public_key(self, fingerprint: str, pem: bytes) -> None:
        """Store the public key that verifies checkpoints (once per key)."""
        raise NotImplementedError


class DirectorySink(CheckpointSink):
    """Checkpoints as ``checkpoint-000000000001.json`` … in a directory, with
    the public keys as ``signing-key-<fingerprint>.pub.pem`` beside them.
    Files are created with ``O_EXCL`` semantics (a hard link of a completed
    temporary file), so a checkpoint is never half written nor replaced."""

    PATTERN = re.compile(r"^checkpoint-(\d{12})\.json$")

    def __init__(self, path: str | os.PathLike = ""):
        if not path:
            raise SinkError("GK_LEDGER_CHECKPOINT_SINK has no OPTIONS['path'].")
        self.path = Path(path)

    def _name(self, sequence: int) -> Path:
        return self.path / f"checkpoint-{sequence:012d}.json"

    def sequences(self) -> list[int]:
        if not self.path.exists():
            return []
        try:
            names = os.listdir(self.path)
        except OSError as exc:
            raise SinkError(f"Cannot list {self.path}: {exc}") from exc
        return sorted(int(m.group(1)) for m in map(self.PATTERN.match, names) if m)

    def read(self, sequence: int) -> bytes:
        try:
            return self._name(sequence).read_bytes()
        except OSError as exc:
            raise SinkError(f"Cannot read {self._name(sequence)}: {exc}") from exc

    def _create(self, target: Path, data: bytes, mode: int = 0o644) -> None:
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path, prefix=".tmp-")
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.chmod(tmp, mode)
                os.link(tmp, target)
            finally:
                os.unlink(tmp)
            dir_fd = os.open(self.path, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)
        except FileExistsError as exc:
            raise CheckpointExists(str(target)) from exc
        except OSError as exc:
            raise SinkError(f"Cannot write {target}: {exc}") from exc

    def write(self, sequence: int, data: bytes) -> str:
        target = self._name(sequence)
        self._create(target, data)
        return str(target)

    def _key_name(self, fingerprint: str) -> Path:
        if not re.fullmatch(r"[0-9a-f]{16}", fingerprint):
            raise SinkError(f"Invalid key fingerprint {fingerprint!r}.")
        return self.path / f"signing-key-{fingerprint}.pub.pem"

    def read_public_key(self, fingerprint: str) -> bytes | None:
        try:
            return self._key_name(fingerprint).read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise SinkError(f"Cannot read {self._key_name(fingerprint)}: {exc}") from exc

    def write_public_key(self, fingerprint: str, pem: bytes) -> None:
        if self.read_public_key(fingerprint) is not None:
            return
        with contextlib.suppress(CheckpointExists):  # written by a concurrent seal
            self._create(self._key_name(fingerprint), pem)


def sink_configured() -> bool:
    conf = gk_setting("GK_LEDGER_CHECKPOINT_SINK") or {}
    return bool(conf.get("BACKEND")) and (
        conf.get("BACKEND") != "wagtail_gk.gate.ledger_sinks.DirectorySink" or bool((conf.get("OPTIONS") or {}).get("path"))
    )


def get_sink() -> CheckpointSink:
    """The sink of ``GK_LEDGER_CHECKPOINT_SINK``; :class:`SinkError` when it is
    not configured."""
    conf = gk_setting("GK_LEDGER_CHECKPOINT_SINK") or {}
    backend = conf.get("BACKEND")
    if not backend:
        raise SinkError("GK_LEDGER_CHECKPOINT_SINK has no BACKEND.")
    try:
        cls = import_string(backend)
    except ImportError as exc:
        raise SinkError(f"Cannot import the checkpoint sink {backend}: {exc}") from exc
    return cls(**(conf.get("OPTIONS") or {}))
