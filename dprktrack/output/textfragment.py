"""Links that open a web page scrolled to a quote: URL text fragments (`#:~:text=`).

The WICG Text Fragments specification lets a link name the text it points at:
`#:~:text=[prefix-,]textStart[,textEnd][,-suffix]`, each term percent-encoded (a `-`, `&` or
`,` inside a term is syntax otherwise). A browser scrolls to the FIRST passage of the page
that the directive matches, case-insensitively, whitespace-blind, on whole words. So the
directive is chosen by searching the source's own text the same way: the shortest one whose
first match is exactly the passage wins. Pure functions over strings; the page online may
differ from the stored text, so the link is a best effort, the offsets stay the record.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

WHOLE_WORDS = 10
"""A passage of up to this many words is given whole as textStart; a longer one as a range."""
EDGE_WORDS = (4, 6, 8, 12)
"""Words of textStart and textEnd tried, fewest first, for a passage given as a range."""
CONTEXT_WORDS = (1, 2, 3, 5)
"""Words of prefix and suffix tried, fewest first, when the passage's words recur."""


@dataclass(frozen=True)
class TextDirective:
    """The terms of one text directive, in the source's own characters (not encoded)."""

    start: str
    end: str | None = None
    prefix: str | None = None
    suffix: str | None = None

    def encoded(self) -> str:
        """The directive as a URL fragment, `:~:text=…`, every term percent-encoded."""
        parts = [encode_term(self.start)]
        if self.prefix:
            parts.insert(0, encode_term(self.prefix) + "-")
        if self.end:
            parts.append(encode_term(self.end))
        if self.suffix:
            parts.append("-" + encode_term(self.suffix))
        return ":~:text=" + ",".join(parts)


def encode_term(term: str) -> str:
    """A term percent-encoded as UTF-8, nothing left but ASCII letters, digits, `_.~` and
    escapes: the specification's syntax characters (`-`, `&`, `,`) are escaped too."""
    return quote(term, safe="").replace("-", "%2D")


def quote_link(url: str, text: str | FoldedText, start: int, end: int) -> str | None:
    """`url` with a text fragment that scrolls to `text[start:end]`; None for a blank passage.

    A fragment directive already on the URL is replaced; the page's own fragment is kept.
    `text` may come folded already (`fold`), when many passages of one text are linked.
    """
    directive = text_directive(text, start, end)
    if directive is None:
        return None
    page, hash_sign, fragment = url.partition("#")
    kept = fragment.split(":~:", 1)[0]  # a directive is only ever inside the fragment
    return (
        page + "#" + kept + directive.encoded() if hash_sign else page + "#" + directive.encoded()
    )


@dataclass(frozen=True)
class FoldedText:
    """A text as a browser compares it, with the offset in the text of each character."""

    text: str
    folded: str
    origin: Offsets


def fold(text: str) -> FoldedText:
    """The text folded once, for linking many of its passages."""
    folded, origin = _folded(text)
    return FoldedText(text, folded, origin)


Range = tuple[int, int]
"""A span of the folded text."""


def text_directive(text: str | FoldedText, start: int, end: int) -> TextDirective | None:
    """The shortest directive whose first match in `text` is the passage `text[start:end]`.

    When none is found (the passage recurs with the same context all round), the most
    specific one tried is returned: it still finds the passage's words.
    """
    source = fold(text) if isinstance(text, str) else text
    folded = source.folded
    first, last = _folded_span(folded, source.origin, start, end)
    if first >= last:
        return None
    chosen = None
    for candidate in _candidates(folded, first, last):
        chosen = candidate
        if _first_match(folded, _terms(folded, candidate)) == (first, last):
            break
    assert chosen is not None  # the passage itself is always a candidate
    start_at, end_at, prefix_at, suffix_at = chosen
    return TextDirective(
        _original(source, start_at) or "",
        _original(source, end_at),
        _original(source, prefix_at),
        _original(source, suffix_at),
    )


Candidate = tuple[Range, Range | None, Range | None, Range | None]
"""A directive as folded spans: start, end, prefix, suffix."""


def _terms(folded: str, candidate: Candidate) -> TextDirective:
    def piece(term: Range | None) -> str | None:
        return folded[term[0] : term[1]] if term else None

    start, end, prefix, suffix = candidate
    return TextDirective(folded[start[0] : start[1]], piece(end), piece(prefix), piece(suffix))


def _original(source: FoldedText, term: Range | None) -> str | None:
    """A folded span's text in the source's own characters, its whitespace runs one space."""
    if term is None:
        return None
    begin, stop = term
    return " ".join(source.text[source.origin[begin] : source.origin[stop - 1] + 1].split())


CONTEXT_REACH = 400
"""How far (in characters) context words are looked for around a passage."""


def _candidates(folded: str, first: int, last: int) -> Iterator[Candidate]:
    """Directives for the passage as folded spans (start, end, prefix, suffix), from the
    shortest to the most specific."""
    words = folded[first:last].split(" ")
    bases: list[tuple[Range, Range | None]] = []
    if len(words) > WHOLE_WORDS:
        for count in EDGE_WORDS:
            if 2 * count >= len(words):
                break
            head = len(" ".join(words[:count]))
            tail = len(" ".join(words[-count:]))
            bases.append(((first, first + head), (last - tail, last)))
    bases.append(((first, last), None))
    for start, end in bases:
        yield start, end, None, None
        for count in CONTEXT_WORDS:
            prefix = _words_before(folded, first, count)
            suffix = _words_after(folded, last, count)
            yield from ((start, end, prefix, None), (start, end, None, suffix))
            yield start, end, prefix, suffix


def _words_before(folded: str, first: int, count: int) -> Range | None:
    """The `count` words before the passage (more, if those are only punctuation)."""
    stop = first - 1 if first and folded[first - 1] == " " else first
    reach = max(0, stop - CONTEXT_REACH)
    words = folded[reach:stop].split(" ") if stop else []
    if reach:
        words = words[1:]  # the first may be cut
    taken = _with_a_word(words[::-1], count)
    if not taken:
        return None
    return stop - len(" ".join(taken)), stop


def _words_after(folded: str, last: int, count: int) -> Range | None:
    """The `count` words after the passage (more, if those are only punctuation)."""
    begin = last + 1 if folded[last : last + 1] == " " else last
    reach = begin + CONTEXT_REACH
    words = folded[begin:reach].split(" ") if begin < len(folded) else []
    if reach < len(folded):
        words = words[:-1]  # the last may be cut
    taken = _with_a_word(words, count)
    if not taken:
        return None
    return begin, begin + len(" ".join(taken))


def _with_a_word(words: list[str], count: int) -> list[str]:
    """The first `count` words, and more until one holds a letter or digit: punctuation alone
    (`,”`) is poor context, since a page may set its quotation marks otherwise."""
    taken = [word for word in words[:count] if word]
    rest = iter(words[count:])
    while taken and not any(char.isalnum() for word in taken for char in word):
        following = next(rest, None)
        if following is None:
            break
        taken.append(following)
    return taken


class Offsets(Protocol):
    """Where each character of a folded text lies in the text."""

    def __getitem__(self, index: int, /) -> int: ...

    def __len__(self) -> int: ...

    def folded_index(self, offset: int) -> int:
        """The first character of the folded text at or after `offset` of the text."""
        ...


class _Shifted:
    """The offsets of a folded text kept as the few places they shift (runs of several
    whitespace characters, which fold to one space), not one number per character."""

    def __init__(self, length: int, bounds: list[int], shifts: list[int]) -> None:
        self.length = length
        self.bounds = bounds  # folded index from which each shift holds
        self.shifts = shifts  # how far the text is ahead of the folded text from there
        self.starts = [bound + shift for bound, shift in zip(bounds, shifts, strict=True)]

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, index: int, /) -> int:
        if index < 0:
            index += self.length
        if not 0 <= index < self.length:
            raise IndexError(index)
        return index + self.shifts[bisect.bisect_right(self.bounds, index) - 1]

    def folded_index(self, offset: int) -> int:
        segment = bisect.bisect_right(self.starts, offset) - 1
        if segment < 0:
            return 0
        index = offset - self.shifts[segment]
        if segment + 1 < len(self.bounds):  # inside a run folded away: the next segment
            index = min(index, self.bounds[segment + 1])
        return min(index, self.length)


class _Listed:
    """The offsets of a folded text, one number per character."""

    def __init__(self, offsets: list[int]) -> None:
        self.offsets = offsets

    def __len__(self) -> int:
        return len(self.offsets)

    def __getitem__(self, index: int, /) -> int:
        return self.offsets[index]

    def folded_index(self, offset: int) -> int:
        return bisect.bisect_left(self.offsets, offset)


def _folded(text: str) -> tuple[str, Offsets]:
    """The text as a browser compares it (runs of whitespace one space, lower case, none at
    the start), and where each of its characters lies in `text`."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a letter whose lower case is longer (İ): one by one
        return _folded_by_character(text)
    folded = re.sub(r"\s+", " ", lowered)
    leading = re.match(r"\s+", text)
    removed = leading.end() if leading else 0
    if removed:
        folded = folded[1:]
    bounds, shifts = [0], [removed]
    for run in re.finditer(r"\s{2,}", text):
        begin, stop = run.span()
        if begin == 0:
            continue
        space_at = begin - removed
        removed += stop - begin - 1
        bounds.append(space_at + 1)
        shifts.append(removed)
    return folded, _Shifted(len(folded), bounds, shifts)


def _folded_by_character(text: str) -> tuple[str, Offsets]:
    chars: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        if char.isspace():
            if chars and chars[-1] != " ":
                chars.append(" ")
                origin.append(index)
            continue
        for lowered in char.lower():
            chars.append(lowered)
            origin.append(index)
    return "".join(chars), _Listed(origin)


def _folded_span(folded: str, origin: Offsets, start: int, end: int) -> tuple[int, int]:
    """The passage's span in the folded text, its edge spaces left out, widened to whole
    words: a browser matches whole words only, so a passage cut inside a word is linked as
    the words it touches."""
    first = origin.folded_index(start)
    last = origin.folded_index(end)
    while first < last and folded[first] == " ":
        first += 1
    while last > first and folded[last - 1] == " ":
        last -= 1
    while 0 < first < last and folded[first - 1].isalnum() and folded[first].isalnum():
        first -= 1
    while first < last < len(folded) and folded[last - 1].isalnum() and folded[last].isalnum():
        last += 1
    return first, last


def _fold_terms(directive: TextDirective) -> TextDirective:
    def fold(term: str | None) -> str | None:
        return _folded(term)[0].strip() if term else None

    return TextDirective(
        fold(directive.start) or "",
        fold(directive.end),
        fold(directive.prefix),
        fold(directive.suffix),
    )


def _first_match(folded: str, terms: TextDirective) -> tuple[int, int] | None:
    """Where a browser would find the directive first in the folded text (its span), or None.

    As the specification's search does it (and its web-platform tests hold browsers to): a
    prefix begins on a word boundary and is followed by the start, at most a space between;
    without a prefix the start begins on one; the start ends on one unless a suffix alone
    follows it; an end begins on one, and ends on one unless a suffix follows; a suffix
    ends on one. For a start found, each following end is tried in turn until the suffix
    follows it, and a suffix found nowhere after ends the search.
    """
    position = 0
    start_ends = terms.end is not None or terms.suffix is None
    while True:
        if terms.prefix:
            found = _find(folded, terms.prefix, position, begins=True, ends=False)
            if found < 0:
                return None
            position = found + 1
            begin = _skip_space(folded, found + len(terms.prefix))
            if not _at(folded, terms.start, begin, begins=False, ends=start_ends):
                continue
        else:
            begin = _find(folded, terms.start, position, begins=True, ends=start_ends)
            if begin < 0:
                return None
            position = begin + 1
        ended = _ending(folded, terms, begin)
        if ended is not None:
            return (begin, ended) if ended >= 0 else None


def _ending(folded: str, terms: TextDirective, begin: int) -> int | None:
    """For a start found at `begin`: where the match ends; None to try the next start; -1
    when no match can follow (an end or a suffix found nowhere after)."""
    stop = begin + len(terms.start)
    search_from = stop
    while True:
        if terms.end:
            end_at = _find(folded, terms.end, search_from, begins=True, ends=not terms.suffix)
            if end_at < 0:
                return -1
            stop = end_at + len(terms.end)
        if not terms.suffix:
            return stop
        if _at(folded, terms.suffix, _skip_space(folded, stop), begins=False, ends=True):
            return stop
        if _find(folded, terms.suffix, stop, begins=False, ends=True) < 0:
            return -1
        if not terms.end:
            return None
        search_from = stop


def _skip_space(folded: str, index: int) -> int:
    return index + 1 if folded[index : index + 1] == " " else index


def _find(folded: str, term: str, position: int, *, begins: bool, ends: bool) -> int:
    """The first place from `position` where `term` stands, beginning and ending on word
    boundaries where asked, or -1."""
    while True:
        found = folded.find(term, position)
        if found < 0 or _at(folded, term, found, begins=begins, ends=ends):
            return found
        position = found + 1


def _at(folded: str, term: str, index: int, *, begins: bool, ends: bool) -> bool:
    if not folded.startswith(term, index):
        return False
    return (not begins or _boundary(folded, index)) and (
        not ends or _boundary(folded, index + len(term))
    )


def _boundary(folded: str, index: int) -> bool:
    """Whether a word boundary falls before `folded[index]`: not between two letters or
    digits, nor inside "he's" or "3.5" (an apostrophe between letters, a point or comma
    between digits, are inside a word, as a browser's word breaker has them)."""
    if index <= 0 or index >= len(folded):
        return True
    window = folded[max(0, index - 2) : index + 2]
    at = min(index, 2)  # where folded[index] sits in the window
    return not (
        (_in_word(window[at - 1]) and _in_word(window[at]))
        or _joined(window, at - 1, "'’", str.isalpha)  # he|'s
        or _joined(window, at, "'’", str.isalpha)  # he'|s
        or _joined(window, at - 1, ".,", str.isdigit)  # 3|.5
        or _joined(window, at, ".,", str.isdigit)  # 3.|5
    )


_WORD_CATEGORIES = frozenset({"Lu", "Ll", "Lt", "Lm", "Nd"})


def _in_word(char: str) -> bool:
    """Whether a character surely continues a word on both sides for a browser: a cased
    letter, a modifier letter or a decimal digit. Others (ideographs, kana, Thai, which
    browsers split by dictionary; superscripts; combining marks) count as a possible
    boundary, so the search reckons with a match there too and adds context: a link may
    be longer than needed, never open an earlier passage."""
    return unicodedata.category(char) in _WORD_CATEGORIES


def _joined(window: str, middle: int, marks: str, kind: Callable[[str], bool]) -> bool:
    """Whether `window[middle]` is one of `marks` with a character of `kind` either side."""
    return (
        0 < middle < len(window) - 1
        and window[middle] in marks
        and kind(window[middle - 1])
        and kind(window[middle + 1])
    )
