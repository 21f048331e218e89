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

from collections.abc import Iterator
from dataclasses import dataclass
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


def quote_link(url: str, text: str, start: int, end: int) -> str | None:
    """`url` with a text fragment that scrolls to `text[start:end]`; None for a blank passage.

    A fragment directive already on the URL is replaced; the page's own fragment is kept.
    """
    directive = text_directive(text, start, end)
    if directive is None:
        return None
    page = url.split(":~:", 1)[0]
    return page + ("" if "#" in page else "#") + directive.encoded()


def text_directive(text: str, start: int, end: int) -> TextDirective | None:
    """The shortest directive whose first match in `text` is the passage `text[start:end]`.

    When none is found (the passage recurs with the same context all round), the most
    specific one tried is returned: it still finds the passage's words.
    """
    folded, origin = _folded(text)
    first, last = _folded_span(folded, origin, start, end)
    if first >= last:
        return None
    chosen: TextDirective | None = None
    for candidate in _candidates(text, folded, origin, first, last):
        chosen = candidate
        if _first_match(folded, _fold_terms(candidate)) == (first, last):
            return candidate
    return chosen


def _candidates(
    text: str, folded: str, origin: list[int], first: int, last: int
) -> Iterator[TextDirective]:
    """Directives for the passage, from the shortest to the most specific."""
    words = folded[first:last].split(" ")

    def original(a: int, b: int) -> str:
        return " ".join(text[origin[a] : origin[b - 1] + 1].split())

    bases: list[tuple[str, str | None]] = []
    if len(words) <= WHOLE_WORDS:
        bases.append((original(first, last), None))
    else:
        for count in EDGE_WORDS:
            if 2 * count >= len(words):
                break
            head = len(" ".join(words[:count]))
            tail = len(" ".join(words[-count:]))
            bases.append((original(first, first + head), original(last - tail, last)))
        bases.append((original(first, last), None))
    before = _context_before(folded, first)
    after = _context_after(folded, last)
    for start, end in bases:
        yield TextDirective(start, end)
        for count in CONTEXT_WORDS:
            prefix = _words_before(text, origin, before, count)
            suffix = _words_after(text, origin, after, count)
            yield from (
                TextDirective(start, end, prefix=prefix),
                TextDirective(start, end, suffix=suffix),
                TextDirective(start, end, prefix=prefix, suffix=suffix),
            )


def _context_before(folded: str, first: int) -> tuple[int, list[str]]:
    """Where the context before the passage ends (its trailing space dropped), and its words."""
    stop = first - 1 if first and folded[first - 1] == " " else first
    return stop, folded[:stop].split(" ") if stop else []


def _context_after(folded: str, last: int) -> tuple[int, list[str]]:
    begin = last + 1 if folded[last : last + 1] == " " else last
    return begin, folded[begin:].split(" ") if begin < len(folded) else []


def _words_before(
    text: str, origin: list[int], context: tuple[int, list[str]], count: int
) -> str | None:
    stop, words = context
    taken = _with_a_word(words[::-1], count)[::-1]
    if not taken:
        return None
    begin = stop - len(" ".join(taken))
    return " ".join(text[origin[begin] : origin[stop - 1] + 1].split())


def _words_after(
    text: str, origin: list[int], context: tuple[int, list[str]], count: int
) -> str | None:
    begin, words = context
    taken = _with_a_word(words, count)
    if not taken:
        return None
    stop = begin + len(" ".join(taken))
    return " ".join(text[origin[begin] : origin[stop - 1] + 1].split())


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


def _folded(text: str) -> tuple[str, list[int]]:
    """The text as a browser compares it (runs of whitespace one space, lower case), and the
    offset in `text` of each of its characters."""
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
    return "".join(chars), origin


def _folded_span(folded: str, origin: list[int], start: int, end: int) -> tuple[int, int]:
    """The passage's span in the folded text, its edge spaces left out."""
    import bisect

    first = bisect.bisect_left(origin, start)
    last = bisect.bisect_left(origin, end)
    while first < last and folded[first] == " ":
        first += 1
    while last > first and folded[last - 1] == " ":
        last -= 1
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

    Each term must begin and end on a word boundary; a prefix is followed by the start,
    and the end (or the start) by the suffix, with at most a space between.
    """
    position = 0
    while True:
        if terms.prefix:
            found = _find_word(folded, terms.prefix, position)
            if found < 0:
                return None
            position = found + 1
            begin = _skip_space(folded, found + len(terms.prefix))
            if not _at_word(folded, terms.start, begin):
                continue
        else:
            begin = _find_word(folded, terms.start, position)
            if begin < 0:
                return None
            position = begin + 1
        stop = begin + len(terms.start)
        if terms.end:
            end_at = _find_word(folded, terms.end, stop)
            if end_at < 0:
                return None
            stop = end_at + len(terms.end)
        if terms.suffix and not _at_word(folded, terms.suffix, _skip_space(folded, stop)):
            continue
        return begin, stop


def _skip_space(folded: str, index: int) -> int:
    return index + 1 if folded[index : index + 1] == " " else index


def _find_word(folded: str, term: str, position: int) -> int:
    """The first place from `position` where `term` stands as whole words, or -1."""
    while True:
        found = folded.find(term, position)
        if found < 0 or _bounded(folded, found, found + len(term)):
            return found
        position = found + 1


def _at_word(folded: str, term: str, index: int) -> bool:
    return folded.startswith(term, index) and _bounded(folded, index, index + len(term))


def _bounded(folded: str, begin: int, stop: int) -> bool:
    """Whether a match begins and ends on word boundaries (no letter or digit runs across)."""
    before = begin > 0 and folded[begin - 1].isalnum() and folded[begin].isalnum()
    after = stop < len(folded) and folded[stop - 1].isalnum() and folded[stop].isalnum()
    return not before and not after
