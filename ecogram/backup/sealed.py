"""The backup file: a plain header line, then the dump sealed in encrypted pieces.

A dump is written and read a piece at a time, so neither a backup nor a
restore holds the database in memory, however large it grows. Each piece is
one Fernet token on a line of its own (AES-128-CBC with an HMAC-SHA256), and
its sealed text starts with:

- the first 16 bytes of the SHA-256 of the header line, so an edited header,
  or a piece from another backup (each header holds a random id), is refused;
- the piece's number (8 bytes), so a piece left out, repeated or moved is refused;
- whether it is the last piece (1 byte), so a file cut short is refused.

A wrong key or a changed byte fails the HMAC of the first piece it touches.
`verify` reads the whole file before a restore changes anything; `pieces`
checks every piece again as it hands it out, in case the file changed since.
"""

from __future__ import annotations

import hashlib
import json
import os
import struct
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from secrets import token_hex

from cryptography.fernet import Fernet, InvalidToken

FORMAT = "ecogram-backup/2"
KINDS = ("sqlite", "postgresql")
PIECE_BYTES = 1 << 20
MAX_HEADER_BYTES = 4096
# A token is base64 of the piece plus 73 bytes of Fernet and our own prefix, and a newline.
_MAX_LINE = (PIECE_BYTES + 1024) * 4 // 3 + 2
_PREFIX = struct.Struct(">16sQ?")


class BackupError(ValueError):
    """A backup or restore cannot go ahead; one line that says why, never any case data."""


@dataclass(frozen=True)
class Header:
    kind: str  #: "sqlite" or "postgresql"
    created: str  #: ISO 8601, UTC
    revision: str | None  #: the Alembic revision of the schema in the backup
    id: str = field(default_factory=lambda: token_hex(16))  #: ties the pieces to this header

    def line(self) -> bytes:
        fields = {
            "created": self.created,
            "format": FORMAT,
            "id": self.id,
            "kind": self.kind,
            "revision": self.revision,
        }
        return json.dumps(fields, sort_keys=True).encode("ascii") + b"\n"

    def digest(self) -> bytes:
        return hashlib.sha256(self.line()).digest()[:16]


def _pieces(data: Iterable[bytes]) -> Iterator[tuple[bytes, bool]]:
    """`data` cut into PIECE_BYTES pieces, each told whether it is the last (one at least)."""
    buffer = bytearray()
    for chunk in data:
        buffer += chunk
        while len(buffer) > PIECE_BYTES:  # more follows, so this piece is not the last
            yield bytes(buffer[:PIECE_BYTES]), False
            del buffer[:PIECE_BYTES]
    yield bytes(buffer), True


def write(target: Path, header: Header, key: Fernet, data: Iterable[bytes]) -> None:
    """Seal `data` into `target`, replaced atomically: an interrupted backup never
    replaces a good one with half a file, and the file is readable by its owner only."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(header.line())
            for number, (piece, last) in enumerate(_pieces(data)):
                prefix = _PREFIX.pack(header.digest(), number, last)
                handle.write(key.encrypt(prefix + piece) + b"\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_header(source: Path) -> Header:
    """The plain header: enough to see what a file is without the key."""
    try:
        with source.open("rb") as handle:
            first = handle.readline(MAX_HEADER_BYTES)
    except OSError as exc:
        raise BackupError(f"FILE: cannot read {str(source)!r} ({exc.strerror})") from None
    return _parse_header(first)


def _parse_header(first: bytes) -> Header:
    not_ours = BackupError(f"FILE: not an Ecogram backup (expected {FORMAT})")
    try:
        fields = json.loads(first)
    except ValueError:
        raise not_ours from None
    if not isinstance(fields, dict):
        raise not_ours
    if fields.get("format") == "ecogram-backup/1":
        raise BackupError(
            "FILE: an ecogram-backup/1 file, which this version no longer reads; "
            "restore it with the version that made it, then make a new backup"
        )
    try:
        header = Header(
            kind=str(fields["kind"]),
            created=str(fields["created"]),
            revision=fields["revision"],
            id=str(fields["id"]),
        )
    except KeyError:
        raise not_ours from None
    if fields.get("format") != FORMAT or header.kind not in KINDS or header.line() != first:
        raise not_ours
    return header


def pieces(source: Path, key: Fernet) -> Iterator[bytes]:
    """The dump, piece by piece; raises BackupError at the first piece that does not check out."""
    try:
        handle = source.open("rb")
    except OSError as exc:
        raise BackupError(f"FILE: cannot read {str(source)!r} ({exc.strerror})") from None
    with handle:
        header = _parse_header(handle.readline(MAX_HEADER_BYTES))
        expected, ended = 0, False
        while line := handle.readline(_MAX_LINE):
            if ended:
                raise BackupError("FILE: was changed: there is more after the last piece")
            try:
                plain = key.decrypt(line.strip())
            except InvalidToken:
                raise BackupError(
                    "FILE: cannot be decrypted: wrong ECOGRAM_BACKUP_KEY, or the file was changed"
                ) from None
            digest, number, ended = _PREFIX.unpack_from(plain)
            if digest != header.digest():
                raise BackupError("FILE: the header does not match the encrypted contents")
            if number != expected:
                raise BackupError("FILE: was changed: pieces are missing or out of order")
            expected += 1
            yield plain[_PREFIX.size :]
        if not ended:
            raise BackupError("FILE: was cut short: the last piece is missing")


def verify(source: Path, key: Fernet) -> Header:
    """Read and check the whole file without keeping it; the header once it all checks out."""
    for _ in pieces(source, key):
        pass
    return read_header(source)
