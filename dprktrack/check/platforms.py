"""What every report for a CI platform (SARIF, JUnit, GitLab Code Quality) needs of a finding.

A finding's identity (`fingerprint`) must outlive the lines it stands on: an actor
added at the top of the claims file shifts every claim down, and a platform that
keyed its alerts on line numbers would close each one and open it again (bringing
back alerts someone dismissed). Paths are given as a platform expects them, from the
current folder with forward slashes. Text from data is made safe for the format that
carries it: XML cannot hold some characters at all, and no encoder takes a lone
surrogate. Standard library only.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path, PurePath
from typing import Any

from dprktrack.output.safetext import LOG_COMMAND, visible

FINGERPRINT_KEY = "dprktrack/v1"
"""The name of the fingerprint in SARIF's `partialFingerprints`; a new way of computing it
would get a new version, so that old and new are never compared."""

LEVELS = {"failure": "error", "warning": "warning", "ignored": "note", "pass": "note"}
"""A severity's SARIF level (GitHub shows `error` and `warning` as alerts, `note` as a note)."""

_SURROGATE = re.compile("[\ud800-\udfff]")
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def fingerprint(record: Mapping[str, Any]) -> str:
    """sha256 of the finding's kind, id, quote and verdict, never of where it stands.

    The same claim quoting the same words with the same verdict is the same finding
    wherever its line moves; a new quote or a new verdict is a new one.
    """
    parts = (record["kind"], record["id"], record["expected"] or "", record["verdict"])
    data = "\0".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def remaining(record: Mapping[str, Any], totals: Mapping[str, Any]) -> str:
    """The record's severity once `--fix` has written: a repaired finding passes (a dry
    run repairs nothing)."""
    if record["fixed"] and not totals["dry_run"]:
        return "pass"
    if record.get("ignored") and record["severity"] != "pass":
        return "ignored"  # excused by the settings file: told as such, never as a failure
    return str(record["severity"])


def relative_path(name: str) -> str:
    """A file's path from the current folder with `/` between parts, as platforms show it
    (an absolute path outside the current folder stays absolute)."""
    path = Path(name)
    if path.is_absolute():
        try:
            relative = os.path.relpath(path)
        except ValueError:  # on another drive (Windows)
            return path.as_posix()
        if relative.startswith(".."):
            return path.as_posix()
        name = relative
    return PurePath(os.path.normpath(name)).as_posix()


def without_surrogates(value: Any) -> Any:
    """`value` (strings, lists and dicts of them) with each lone surrogate written as its
    escape: no encoder takes one, and a report must never fail to be written."""
    if isinstance(value, str):
        return _SURROGATE.sub(_escape, value)
    if isinstance(value, list):
        return [without_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {key: without_surrogates(item) for key, item in value.items()}
    return value


def xml_text(text: str) -> str:
    """Text from data as XML 1.0 can hold it: control characters (NUL included), lone
    surrogates and U+FFFE/U+FFFF shown as escapes; tab and line breaks kept. ElementTree
    escapes `&`, `<`, `>` and quotes itself."""
    return _XML_ILLEGAL.sub(_escape, visible(text))


def log_inert_xml(document: str) -> str:
    """An XML document that a CI log shows runs no workflow command: `##[` and a line that
    begins with `::` are written with character references, which mean the same."""
    return LOG_COMMAND.sub(_xml_inert, document)


def _xml_inert(match: re.Match[str]) -> str:
    """The command's first colon or bracket as a character reference, which XML readers
    take for the same character and a runner reading the log does not."""
    if match.group(1) is not None:
        return f"{match.group(1)}&#58;"
    return f"#{match.group(2)}#{match.group(3)}&#91;"


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"
