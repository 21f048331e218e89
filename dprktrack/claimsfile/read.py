"""Reading text as the tool takes it: strict UTF-8, a bad byte named by line:column.

A claims file is refused whole when it is empty, too large, or carries a byte
order mark or another encoding's mark, each with a message saying how to save it.
"""

from __future__ import annotations

from pathlib import Path

from dprktrack.claimsfile.safeio import MAX_CLAIMS_BYTES, Refused, read_bounded
from dprktrack.errors import DprkError


def decode_utf8(data: bytes, name: str) -> str:
    """Strict UTF-8 decoding, with the line:column of the first bad byte on failure."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line_start = data.rfind(b"\n", 0, err.start) + 1
        line = data.count(b"\n", 0, err.start) + 1
        column = len(data[line_start : err.start].decode("utf-8", errors="replace")) + 1
        raise DprkError(
            f"{name}:{line}:{column}: not valid UTF-8 (byte 0x{data[err.start]:02x} at offset "
            f"{err.start}); save the file as UTF-8"
        ) from None


def read_claims_text(path: Path, name: str) -> str:
    """The claims file's text, or a one-line refusal naming `name` and what to do."""
    try:
        data = read_bounded(path, MAX_CLAIMS_BYTES)
    except Refused as refusal:
        raise DprkError(f"{name}: claims file {refusal}") from None
    return claims_text(data, name)


def claims_text(data: bytes, name: str) -> str:
    """A claims file's bytes as text, or a one-line refusal naming `name` and what to do
    (from disk, or from a git revision: both are read alike)."""
    if data.startswith(b"\xef\xbb\xbf"):
        raise DprkError(f"{name}:1:1: starts with a byte order mark; save it as UTF-8 without BOM")
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise DprkError(f"{name}:1:1: is UTF-32 (it starts with a UTF-32 mark); save as UTF-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DprkError(f"{name}:1:1: is UTF-16 (it starts with a UTF-16 mark); save as UTF-8")
    if not data.strip():
        raise DprkError(f"{name}:1:1: claims file is empty")
    return decode_utf8(data, name)
