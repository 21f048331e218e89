"""Escaping for each place a value goes in the page: text, attributes, links.

Every value from a claims file or a source passes through here: markup in a quote
or a name stays text and never becomes an element.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from urllib.parse import urlsplit

_INVISIBLE = {
    code: f"&#x{code:X};"
    for code in (
        *range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), 0x7F,
        0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029,
    )
}  # fmt: skip
"""C0 controls, bidi marks and line separators, written as character references: a browser
reads each back as itself (a raw CR would become a line feed). C1 controls (U+0080–U+009F)
are written raw, in UTF-8: a reference to one reads back as the windows-1252 character of
its number (&#x80; is €), the raw character as itself. The page is never written to a
terminal (`report` refuses), and each value that shares a line with others is isolated
(`isolated`), so its direction marks end with it."""
SAFE_SCHEMES = ("http", "https")
"""The only schemes a link in the report may have: no javascript:, data: or file:."""


@lru_cache(maxsize=4096)  # names, labels and titles recur on every row
def text(value: str) -> str:
    """`value` as element content: &, < and > escaped (quotes too, harmless there), and
    controls as character references."""
    return escape(value, quote=True).translate(_INVISIBLE)


@lru_cache(maxsize=4096)
def attr(value: str) -> str:
    """`value` as a double-quoted attribute's content: &, <, > and " escaped."""
    return escape(value, quote=False).replace('"', "&quot;").translate(_INVISIBLE)


def isolated(value: str) -> str:
    """`value` as element content in its own `<bdi>`: its direction, and any bidi override
    it leaves open, cannot reorder the values around it on the same line."""
    return f"<bdi>{text(balanced_bidi(value))}</bdi>"


def isolated_in_text(value: str) -> str:
    """`value` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, for plain text (an
    attribute, a title): its bidi marks end with it, as `<bdi>` makes them in markup."""
    return f"\u2068{balanced_bidi(value)}\u2069"


_OPENERS = {"\u202a": "\u202c", "\u202b": "\u202c", "\u202d": "\u202c", "\u202e": "\u202c",
            "\u2066": "\u2069", "\u2067": "\u2069", "\u2068": "\u2069"}  # fmt: skip
_CLOSERS = frozenset("\u202c\u2069")


def balanced_bidi(value: str) -> str:
    """`value` with its bidi embeddings and isolates balanced, as the Unicode bidi algorithm
    pairs them: a closer with no opener dropped, an opener left open closed at the end.

    An isolate (`<bdi>`, or FSI…PDI in plain text) ends at the first unmatched PDI: a value
    holding one (then an RLO) would end its isolate early and reverse the page's own text
    after it. Balanced, everything it opens ends inside it."""
    if not any(char in _OPENERS or char in _CLOSERS for char in value):
        return value
    kept: list[str] = []
    open_: list[str] = []  # the closer each open embedding or isolate needs, innermost last
    for char in value:
        if char in _OPENERS:
            open_.append(_OPENERS[char])
        elif char == "\u202c":  # PDF: closes an embedding, never crosses an isolate
            if not open_ or open_[-1] != "\u202c":
                continue
            open_.pop()
        elif char == "\u2069":  # PDI: closes its isolate and the embeddings inside it
            if "\u2069" not in open_:
                continue
            while open_.pop() != "\u2069":
                kept.append("\u202c")
        kept.append(char)
    return "".join(kept) + "".join(reversed(open_))


def safe_url(url: str | None) -> str | None:
    """`url` when it is an http(s) address a reader may follow, else None (shown unlinked)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in SAFE_SCHEMES or not parts.netloc:
        return None
    if any(ord(char) < 0x21 or char in "\"'<>\\`" for char in url):
        return None
    return url


def link(url: str | None, label: str) -> str:
    """A link to `url` with `label`, or the label alone when the address is not http(s)."""
    href = safe_url(url)
    if href is None:
        return text(label)
    return f'<a href="{attr(href)}" rel="noopener noreferrer">{text(label)}</a>'
