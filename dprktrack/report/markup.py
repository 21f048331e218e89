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
        *range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), *range(0x7F, 0xA0),
        0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x2028, 0x2029,
    )
}  # fmt: skip
"""Controls, bidi marks and line separators, written as character references: a browser
reads them back (C1 controls as the HTML standard maps them), and a page sent to a terminal
cannot act on it. The page's style isolates each value's direction besides."""
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
