"""Typographic normalisation with a map back to the raw text.

A quote typed with straight quotes, `...` or a hyphen still matches a source that
uses curly quotes, `…` or a dash; the offset map turns a match in normalised text
into the source's real span, so a report or a repair points at the actual characters.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import lru_cache
from typing import NamedTuple

from dprktrack.matching.textpos import Span

_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4"
_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_TABLE = {
    **dict.fromkeys(map(ord, _SINGLE_QUOTES), "'"),
    **dict.fromkeys(map(ord, _DOUBLE_QUOTES), '"'),
    **dict.fromkeys(map(ord, _DASHES), "-"),
    **dict.fromkeys(map(ord, _INVISIBLE), ""),
}
# Compatibility forms that carry meaning NFKC would erase: 10⁵ is not 105, ½ not 1/2.
_MEANINGFUL_FORMS = ("<super>", "<sub>", "<fraction>")
_COMBINING = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# What normalisation may change: runs of white space and invisible characters (other
# than one plain space), and any character outside ASCII with the combining marks after it.
_SPECIAL = re.compile(
    rf"[\s{_INVISIBLE}]{{2,}}|[^\S ]|.[{_COMBINING}]+|(?P<run>[^\x00-\x7f\s{_INVISIBLE}]{{2,}})"
    r"|[^\x00-\x7f]",
    re.DOTALL,
)
_CLUSTER = re.compile(rf".[{_COMBINING}]*", re.DOTALL)


class Normalised(NamedTuple):
    """A normalised text and a map from its offsets back to the raw text.

    The map is piecewise: `seams[k]` is where piece k begins in the normalised text
    and `raw_starts[k]` where it begins in the raw text. A piece is either copied
    verbatim (`raw_ends[k]` is None) or the folded form of the raw span
    `[raw_starts[k], raw_ends[k])`, each of its characters standing for all of it.
    A named tuple: a frozen dataclass would cost five times as much to create at start.
    """

    text: str
    seams: tuple[int, ...]
    raw_starts: tuple[int, ...]
    raw_ends: tuple[int | None, ...]
    raw_length: int

    def raw_span(self, span: Span) -> Span:
        """The raw text's span that a span of the normalised text stands for."""
        if span.start >= len(self.text):
            return Span(self.raw_length, self.raw_length)
        start = self._raw_offset(span.start, at_end=False)
        end = self._raw_offset(span.end - 1, at_end=True) if span.end > span.start else start
        return Span(start, end)

    def aligned(self, span: Span) -> bool:
        """Whether a span begins and ends on whole raw characters, not inside a folded one."""
        return self._on_seam(span.start) and self._on_seam(span.end)

    def _on_seam(self, offset: int) -> bool:
        if offset <= 0 or offset >= len(self.text):
            return True
        piece = bisect_right(self.seams, offset) - 1
        return self.raw_ends[piece] is None or self.seams[piece] == offset

    def offset_of(self, raw_offset: int) -> int:
        """Where a raw offset lands in the normalised text."""
        piece = bisect_right(self.raw_starts, raw_offset) - 1
        if piece < 0:
            return 0
        start = self.seams[piece]
        if self.raw_ends[piece] is None:
            return min(start + raw_offset - self.raw_starts[piece], len(self.text))
        return start

    def _raw_offset(self, offset: int, *, at_end: bool) -> int:
        piece = bisect_right(self.seams, offset) - 1
        raw_end = self.raw_ends[piece]
        if raw_end is None:
            return self.raw_starts[piece] + offset - self.seams[piece] + (1 if at_end else 0)
        return raw_end if at_end else self.raw_starts[piece]


def normalise(raw: str) -> Normalised:
    """Quotes, dashes, ellipses, spaces and compatibility forms reduced to one spelling each.

    Runs of white space (line breaks and non-breaking spaces included) become one
    space; a character and its combining marks are normalised together (NFKC), so
    precomposed and decomposed accents agree. ASCII text is copied in bulk.
    """
    out: list[str] = []
    seams: list[int] = []
    raw_starts: list[int] = []
    raw_ends: list[int | None] = []
    length = 0
    copied = 0

    def add(piece: str, raw_start: int, raw_end: int | None) -> None:
        nonlocal length
        if piece:
            seams.append(length)
            raw_starts.append(raw_start)
            raw_ends.append(raw_end)
            out.append(piece)
            length += len(piece)

    for match in _SPECIAL.finditer(raw):
        run = match.group("run")
        if run is not None and _stable(run):
            continue  # text in another script, already in normal form: copied as it is
        add(raw[copied : match.start()], copied, None)
        clusters = _CLUSTER.finditer(raw, match.start(), match.end()) if run else [match]
        for cluster in clusters:
            folded = _fold(cluster.group())
            if folded == " " and out and out[-1].endswith(" "):
                folded = ""  # a space beside a space that is already there
            add(folded, cluster.start(), cluster.end())
        copied = match.end()
    add(raw[copied:], copied, None)
    return Normalised("".join(out), tuple(seams), tuple(raw_starts), tuple(raw_ends), len(raw))


def _stable(run: str) -> bool:
    """Whether normalisation leaves a run of non-ASCII characters as it is."""
    return run.translate(_TABLE) == run and unicodedata.is_normalized("NFKC", run)


@lru_cache(maxsize=4096)
def _fold(cluster: str) -> str:
    if all(char.isspace() or char in _INVISIBLE for char in cluster):
        # A run of white space, invisible characters among it or not, is one space.
        return " " if any(char.isspace() for char in cluster) else ""
    if any(unicodedata.decomposition(char).startswith(_MEANINGFUL_FORMS) for char in cluster):
        return cluster.translate(_TABLE)
    folded = unicodedata.normalize("NFKC", cluster.translate(_TABLE)).translate(_TABLE)
    return " " if folded.isspace() else folded


def normalise_text(raw: str) -> str:
    """Only the normalised text, for a quote whose offsets are not needed."""
    return normalise(raw).text
