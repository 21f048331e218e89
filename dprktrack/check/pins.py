"""A source's sha256 pin: is the source still the one its quotes were anchored in?

A source off its pin is reported as source-changed, with the new digest as its
repair; unless its line endings or byte order mark were converted (a checkout
setting, an editor), which no edit made and which no repair should write down.
"""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

from dprktrack.check.findings import Finding
from dprktrack.check.verdicts import anchored_here

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.schema.records import Claim


def pin_finding(
    catalog: Catalog, index: int, source_id: str, data: bytes, claims: list[Claim]
) -> Finding | None:
    """The source-changed finding of the `index`-th source, read as `data`, or None on its pin."""
    source = catalog.sources[source_id]
    digest = hashlib.sha256(data).hexdigest()
    if digest == source.sha256:
        return None
    endings = _line_ending_hint(data, source.sha256, claims)
    message = (
        f"{catalog.shown_path(source_id)} no longer matches its sha256 pin "
        f"(pinned {source.sha256[:12]}…, now {digest[:12]}…){endings}; "
        "its quotes are checked one by one"
    )
    path = ("sources", index, "sha256")
    repair = None if endings else {"sha256": digest}
    return Finding(source_id, "source", "source-changed", source_id, message, path, repair=repair)


_BOM = b"\xef\xbb\xbf"
_ENDINGS = {"CRLF": b"\r\n", "LF": b"\n", "CR": b"\r"}
"""Line ending styles, by name; CRLF first, as it holds the other two."""


def _line_ending_hint(data: bytes, pin: str, claims: list[Claim]) -> str:
    """Say so when a source's line endings or byte order mark differ from its claims'.

    A checkout that converted line endings (or an editor that added or dropped a byte
    order mark) made no edit: offsets into the converted copy would be wrong in every
    other checkout, so nothing is repaired then, nor the source re-pinned. Found for
    certain when undoing the conversion gives the pinned bytes; else guessed from the
    text the claims recorded around their quotes.
    """
    now = _styles(data)
    exact = _undone(data, pin)
    if exact is not None:
        bom, then = exact
        endings = (then, _named(now)) if then is not None else None
        return _conversion_message(bom, endings, only=True)
    before = frozenset().union(*(_styles(piece) for piece in _recorded(claims)))
    converted = bool(before) and bool(now) and before != now
    endings = (_named(before), _named(now)) if converted else None
    bom = _bom_change(data, claims)
    if endings is None and not bom:
        bom, endings = _shifted_by_conversion(data, claims)
    return _conversion_message(bom, endings, only=False)


def _shifted_by_conversion(data: bytes, claims: list[Claim]) -> tuple[str, tuple[str, str] | None]:
    """A conversion that, undone, puts the source's first claims back at their offsets.

    An edit elsewhere hides a conversion from the hash, and claims whose recorded text
    crosses no line end say nothing of the endings; but a conversion moves the claims
    from the source's start on, while an edit (which may mimic one further down) leaves
    the claims above it where they were.
    """
    text = data.decode("utf-8", errors="replace")
    now = {claim.id for claim in claims if anchored_here(text, claim)}
    for bom, endings, undone in _undoings(text):
        then = [c.start or 0 for c in claims if c.id not in now and anchored_here(undone, c)]
        held = [c.start or 0 for c in claims if c.id in now and not anchored_here(undone, c)]
        if then and min(then) < min(held, default=len(text) + 1):
            return bom, endings
    return "", None


def _undoings(text: str) -> list[tuple[str, tuple[str, str] | None, str]]:
    """The text as it would have been before each conversion that could have made it."""
    now = _named(_styles(text.encode()))
    found: list[tuple[str, tuple[str, str] | None, str]] = []
    for style, ending in (("CRLF", "\r\n"), ("LF", "\n"), ("CR", "\r")):
        lines = text.replace("\r\n", "\n").replace("\r", "\n")
        undone = lines.replace("\n", ending)
        if undone != text:
            found.append(("", (style, now), undone))
    if text.startswith("\ufeff"):
        found.append(("added", None, text[1:]))
    else:
        found.append(("removed", None, "\ufeff" + text))
    return found


def _recorded(claims: list[Claim]) -> list[bytes]:
    """The source's text as its claims recorded it: prefix and suffix, and the quote when its
    offsets say it was verbatim (a quote typed over lines says nothing of the source's).

    Each piece is cut where a CRLF that the 32 characters of a prefix or suffix split would
    read as a CR or an LF alone.
    """
    pieces = []
    for claim in claims:
        verbatim = claim.start is not None and claim.end == claim.start + len(claim.quote)
        quote = claim.quote if verbatim else ""
        pieces.append(f"{claim.prefix or ''}{quote}{claim.suffix or ''}".encode())
    return [piece.removeprefix(b"\n").removesuffix(b"\r") for piece in pieces]


def _styles(data: bytes) -> frozenset[str]:
    """The line endings a text uses: some of CRLF, LF and CR."""
    pairs = data.count(b"\r\n")
    counts = {"CRLF": pairs, "LF": data.count(b"\n") - pairs, "CR": data.count(b"\r") - pairs}
    return frozenset(style for style, count in counts.items() if count)


def _named(styles: frozenset[str]) -> str:
    """`LF`, `CRLF`, `CR`, or `mixed (CRLF, LF)`."""
    ordered = [style for style in _ENDINGS if style in styles]
    return ordered[0] if len(ordered) == 1 else f"mixed ({', '.join(ordered)})"


def _converted(data: bytes, style: str) -> bytes:
    """`data` with every line ending (CRLF, LF or CR) made `style`."""
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return lines.replace(b"\n", _ENDINGS[style])


def _undone(data: bytes, pin: str) -> tuple[str, str | None] | None:
    """The conversion that made `data` of the pinned bytes, if one did.

    Returns what became of a byte order mark ("added", "removed" or "") and the line
    endings the pinned bytes had (None when only the mark changed).
    """
    bom, unmarked = (
        ("added", data[len(_BOM) :]) if data.startswith(_BOM) else ("removed", _BOM + data)
    )
    for mark, base in (("", data), (bom, unmarked)):
        for style in (None, *_ENDINGS):
            candidate = base if style is None else _converted(base, style)
            if (style is not None and candidate == base) or candidate == data:
                continue
            if hashlib.sha256(candidate).hexdigest() == pin:
                return mark, style
    return None


def _bom_change(data: bytes, claims: list[Claim]) -> str:
    """Whether a byte order mark was "added" or "removed" since a claim anchored at the
    source's start recorded it (or its absence), or ""."""
    marked = data.startswith(_BOM)
    for claim in claims:
        prefix = claim.prefix  # the source's first characters, when it is as long as `start`
        if (
            prefix is not None
            and claim.start == len(prefix)
            and prefix.startswith("\ufeff") != marked
        ):
            return "added" if marked else "removed"
    return ""


def _conversion_message(bom: str, endings: tuple[str, str] | None, *, only: bool) -> str:
    """The words for a converted source, or "" when nothing says it was converted.

    `only`: undoing the conversion gives the pinned bytes, so nothing else changed.
    """
    changes, advice = [], []
    if endings is not None:
        then, now = endings
        changes.append(
            f"its line endings are now {now}, unlike when its quotes were anchored ({then} then)"
        )
        advice.append(
            "check it out unconverted (a .gitattributes line `seeds/** -text` does that) "
            "instead of repairing"
        )
    if bom == "added":
        changes.append("a byte order mark was added at its start")
        advice.append("save it without one")
    elif bom == "removed":
        changes.append("the byte order mark at its start was removed")
        advice.append("save it with one again")
    if not changes:
        return ""
    lead = ", and " if not only else ", but only converted: " if endings else ", but only "
    return f"{lead}{', and '.join(changes)}: {'; '.join(advice)}"
