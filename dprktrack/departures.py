"""What a quote changes of its source's words, and whether a change turns the source around.

Every omission mark and bracket in a quote is a departure: the source's stretch in
its place and what the quote has instead. No program can tell which departures keep
the source's meaning, so `check` fails a claim whose departures no person approved
(`altered`); `dprktrack approve` records a review pin, a hash over exactly those
departures, which any change to them breaks. What can be told mechanically is
refused whatever was approved:

- a departure whose source stretch and replacement differ in negation, compared
  departure by departure, in order (so two reversals cannot cancel out): negating
  words, contractions with any apostrophe or none, "no" before a number, words such
  as "failed" or "unable", and one word turned into the other by a negating prefix
  (`[il]legal`, `[non-]binding`, `was [able] to`);
- a quote with departures that begins right after a negating word of the source
  ("failed to | perform[ed] its duties");
- an invisible or control character inside a bracket or at the edge of a kept piece,
  and a bracket holding more than an alteration may.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from dprktrack import elision
from dprktrack.anchor import PARAGRAPH_BREAK, Span
from dprktrack.boundaries import APOSTROPHES, HYPHENS
from dprktrack.normalise import normalise_text

PIN_LENGTH = 16
"""Hex digits of a review pin: 64 bits, enough that no edit keeps a pin by chance."""

_NEGATING_WORDS = frozenset(
    (
        *("not", "no", "never", "nor", "neither", "none", "nothing", "nobody", "nowhere"),
        *("noone", "naught", "cannot", "without", "hardly", "barely", "scarcely"),
    )
)
_REVERSING_WORDS = frozenset(
    (
        *("fail", "fails", "failed", "failing", "failure", "unable", "inability"),
        *("lack", "lacks", "lacked", "lacking", "absent", "absence"),
        *("refuse", "refuses", "refused", "refusing", "refusal"),
        *("decline", "declines", "declined", "declining"),
        *("deny", "denies", "denied", "denying"),
    )
)
_CONTRACTION = re.compile(
    r"(?:ca|do|does|did|is|are|was|were|has|have|had|could|should|would|wo|must|need"
    r"|might|ai|sha|dare|may|ought)n'?t"
)
_NEGATING_PREFIXES = (
    *("non", "un", "in", "im", "il", "ir", "dis", "anti", "counter", "mis", "de", "a", "an"),
)
_OPPOSITE_SUFFIXES = (("less", "ful"), ("less", ""))
_WORD = re.compile(r"\w+(?:['-]\w+)*")
_FOLD = str.maketrans(dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(HYPHENS, "-"))
_SENTENCE_END = re.compile(r"[.!?;:…]")
_GOVERNING_WORDS = 8
"""Words before a quote, in its sentence, that may govern it ("did not, in the end, |")."""
_OPPOSITE = "the quote may say the opposite of the source"


@dataclass(frozen=True)
class Departure:
    """One place where the quote does not reproduce the source's words."""

    kind: Literal["omission", "alteration"]
    source: str
    """The source's words in its place, white space folded ("" for an insertion)."""
    replacement: str
    """What the quote has instead: its marks as written, white space folded."""
    at: int
    """Where the source's stretch begins in the source text."""


@dataclass(frozen=True)
class Review:
    """A quote's departures, and what forbids it whatever a person approves."""

    departures: tuple[Departure, ...]
    refusals: tuple[str, ...]

    @property
    def pin(self) -> str | None:
        return review_pin(self.departures) if self.departures else None


def review(quote: str, raw: str, spans: tuple[Span, ...], outer: Span) -> Review:
    """The departures of a quote whose kept pieces stand at `spans` of `raw`."""
    places = _piece_places(quote)
    if len(places) != len(spans):
        return Review((), ("the quote's kept pieces do not line up with the source",))
    refusals = structural_problems(quote, raw)
    departures: list[Departure] = []
    for gap in _gaps(quote, raw, places, spans, outer):
        if gap.departure is None:
            continue
        departures.append(gap.departure)
        refusals.extend(_reversal(gap))
    if departures:
        refusals.extend(_governed(raw, outer.start))
    return Review(tuple(departures), tuple(dict.fromkeys(refusals)))


def review_pin(departures: tuple[Departure, ...]) -> str:
    """A short hash over exactly the departures, in order, in normalised spelling, so that
    retyped quotation marks keep a pin and any change of words breaks it."""
    pairs = [[d.kind, normalise_text(d.source), normalise_text(d.replacement)] for d in departures]
    encoded = json.dumps(["dprktrack review 1", pairs], ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()[:PIN_LENGTH]


def structural_problems(quote: str, raw: str = "") -> list[str]:
    """What the quote's own marks do that no review may approve.

    A bracket may hold only ASCII and characters the source itself uses: a look-alike
    letter (Cyrillic "о" in "nоt"), a combining joiner inside a word or a filler that
    looks like nothing would hide a negation from the detector and the reviewer alike.
    """
    problems = []
    for marker in elision.markers(quote):
        hidden = next((c for c in marker.group() if _hidden(c)), None)
        mark = marker.group()
        foreign = next((c for c in mark if not (c.isascii() or c in raw)), None)
        foreign = None if elision.is_elision(mark) else foreign
        odd = hidden or foreign
        if odd is not None:
            problems.append(
                f"the mark {_shown(marker.group())} holds U+{ord(odd):04X}, an invisible, "
                "control or look-alike character the source does not use"
            )
    problems.extend(_run_of_brackets(quote))
    for piece in elision.pieces(quote):
        if _hidden(piece.text[0]) or _hidden(piece.text[-1]):
            problems.append(
                f"the kept piece {_shown(piece.text)} begins or ends with an invisible character"
            )
    rewrite = elision.long_alteration(quote)
    if rewrite:
        problems.append(
            f"the bracket {_shown(rewrite)} holds more than an alteration may "
            f"({elision.ALTERATION_GAP} characters): a rewrite, not a quote"
        )
    return problems


def _run_of_brackets(quote: str) -> list[str]:
    """Brackets side by side are one alteration: together they may hold no more than one."""
    run: list[str] = []
    last_end = -1
    for marker in [*elision.markers(quote), None]:
        joined = marker is not None and not elision.is_elision(marker.group())
        if joined and marker is not None and quote[last_end : marker.start()].strip() == "":
            run.append(marker.group()[1:-1])
        else:
            if len(run) > 1 and len("".join(run)) > elision.ALTERATION_GAP:
                return [
                    f"{len(run)} brackets side by side hold more than an alteration may "
                    f"({elision.ALTERATION_GAP} characters): a rewrite, not a quote"
                ]
            run = [marker.group()[1:-1]] if joined and marker is not None else []
        if marker is not None:
            last_end = marker.end()
    return []


def _hidden(char: str) -> bool:
    return unicodedata.category(char) in ("Cf", "Cc") and char not in " "


def _shown(text: str) -> str:
    return json.dumps(text if len(text) <= 60 else text[:57] + "…", ensure_ascii=True)


@dataclass(frozen=True)
class _Gap:
    """The stretch between two kept pieces (or before the first, after the last)."""

    departure: Departure | None
    source_words: str
    """The source's stretch with the nearest word of the pieces on either side."""
    quote_words: str
    """The quote's reading there: brackets' words kept, omission marks as a space."""
    where: int


def _piece_places(quote: str) -> list[Span]:
    """Where each kept piece stands in the quote itself."""
    places = []
    position = 0
    for text, marker in elision.segments(quote):
        if text.strip():
            start = position + len(text) - len(text.lstrip())
            places.append(Span(start, start + len(text.strip())))
        position += len(text) + len(marker)
    return places


def _gaps(
    quote: str, raw: str, places: list[Span], spans: tuple[Span, ...], outer: Span
) -> list[_Gap]:
    bounds_q = [0, *(p for place in places for p in (place.start, place.end)), len(quote)]
    bounds_s = [outer.start, *(p for span in spans for p in (span.start, span.end)), outer.end]
    gaps = []
    for index in range(0, len(bounds_q), 2):
        q = Span(bounds_q[index], bounds_q[index + 1])
        s = Span(bounds_s[index], bounds_s[index + 1])
        side = "lead" if index == 0 else "trail" if index == len(bounds_q) - 2 else ""
        if side and s.start == s.end and _alters(quote[q.start : q.end]):
            s = _replaced_at_edge(raw, s.start, side)
        gaps.append(_gap(quote, raw, q, s, edge=bool(side)))
    return gaps


def _alters(marks: str) -> bool:
    return any(not elision.is_elision(marker.group()) for marker in elision.markers(marks))


_CLAUSE_MARK = re.compile(r"[,.;:!?()\u2013\u2014\"\u201c\u201d]")


def _replaced_at_edge(raw: str, at: int, side: str) -> Span:
    """What a bracket at the quote's edge, not attached to a word, stands for: the source's
    words on that side up to the clause's edge (at most an alteration's length). Counted as
    nothing, `Lakonia did [invade]` would hide the source's "did not invade"."""
    if side == "trail":
        end = min(len(raw), at + elision.ALTERATION_GAP)
        mark = _CLAUSE_MARK.search(raw, at, end) or PARAGRAPH_BREAK.search(raw, at, end)
        return Span(at, _word_start(raw, mark.start()) if mark else _word_start(raw, end))
    start = max(0, at - elision.ALTERATION_GAP)
    marks = [m.end() for m in _CLAUSE_MARK.finditer(raw, start, at)]
    marks += [m.end() for m in PARAGRAPH_BREAK.finditer(raw, start, at)]
    return Span(max(marks) if marks else _word_end(raw, start), at)


def _gap(quote: str, raw: str, q: Span, s: Span, *, edge: bool) -> _Gap:
    marks = quote[q.start : q.end]
    source = " ".join(raw[s.start : s.end].split())
    departure = None
    found = elision.markers(marks)
    if found and not (edge and not source and all(elision.is_elision(m.group()) for m in found)):
        kind: Literal["omission", "alteration"] = (
            "omission" if all(elision.is_elision(m.group()) for m in found) else "alteration"
        )
        departure = Departure(kind, source, " ".join(marks.split()), s.start)
    source_words = raw[_word_start(raw, s.start) : _word_end(raw, s.end)]
    quote_words = _reading(quote[_word_start(quote, q.start) : _word_end(quote, q.end)])
    return _Gap(departure, source_words, quote_words, s.start)


def _word_start(text: str, offset: int) -> int:
    while offset > 0 and not text[offset - 1].isspace():
        offset -= 1
    return offset


def _word_end(text: str, offset: int) -> int:
    while offset < len(text) and not text[offset].isspace():
        offset += 1
    return offset


def _reading(text: str) -> str:
    """How the quote reads there: a bracket's words in place, an omission as a space."""
    out = []
    position = 0
    for marker in elision.markers(text):
        out.append(text[position : marker.start()])
        mark = marker.group()
        out.append(" " if elision.is_elision(mark) else mark[1:-1])
        position = marker.end()
    out.append(text[position:])
    return "".join(out)


def _words(text: str) -> list[str]:
    cleaned = "".join(c for c in text if not _hidden(c) or c in "\t\n\r")
    folded = unicodedata.normalize("NFKC", cleaned).translate(_FOLD).lower()
    return [
        word.group()
        for word in _WORD.finditer(folded)
        if not (word.group() == "no" and re.match(r"\.\s*\d", folded[word.end() :]))
    ]


def _negating(word: str) -> bool:
    return (
        word in _NEGATING_WORDS
        or word in _REVERSING_WORDS
        or _CONTRACTION.fullmatch(word) is not None
        or word.endswith("n't")
    )


def _negations(text: str) -> list[str]:
    """The negating words of a text, each with the start of the word it negates: "not
    sign" and "not only signed" hold as many negations, but not the same ones."""
    words = _words(text)
    return [
        f"{word}:{_contracted(word, words[index + 1 : index + 2])[:4]}"
        for index, word in enumerate(words)
        if _negating(word)
    ]


def _contracted(word: str, following: list[str]) -> str:
    """The word a negation bears on: the next word ("did not sign" → sign)."""
    return following[0] if following else ""


def _reversal(gap: _Gap) -> list[str]:
    """Why the quote's reading of a gap turns the source's around, if it does.

    A bracket may not add or take away any negating word. An omission may not drop a
    negation, nor a word such as "refused" right before the words it keeps ("We
    refused to … accept"), though a whole clause holding one may go.
    """
    said = _negations(gap.source_words)
    quoted = _negations(gap.quote_words)
    if len(said) > len(quoted) or (len(said) == len(quoted) and said != quoted):
        dropped = next((word for word in said if word not in quoted), said[0] if said else "")
        return [
            f"the source's {dropped.split(':')[0]!r} is left out or altered away by "
            f"{_shown(' '.join(gap.quote_words.split()))}: {_OPPOSITE}"
        ]
    if len(quoted) > len(said):
        return [
            f"the quote adds {quoted[0].split(':')[0]!r} where the source reads "
            f"{_shown(' '.join(gap.source_words.split()))}: {_OPPOSITE}"
        ]
    turned = _prefixed_pair(_words(gap.source_words), _words(gap.quote_words))
    if turned:
        before, after = turned
        return [f"the quote turns the source's {before!r} into {after!r}: {_OPPOSITE}"]
    return []


def _prefixed_pair(said: list[str], quoted: list[str]) -> tuple[str, str] | None:
    """A word of one side that is a word of the other with a negating prefix (or with
    "-less" for "-ful")."""
    plain_said = {word.replace("-", ""): word for word in said}
    plain_quoted = {word.replace("-", ""): word for word in quoted}
    for s_word, q_word in ((s, q) for s in plain_said for q in plain_quoted if s != q):
        for first, second in _OPPOSITE_SUFFIXES:
            for a, b in ((first, second), (second, first)):
                if s_word.endswith(a) and s_word.removesuffix(a) + b == q_word:
                    return plain_said[s_word], plain_quoted[q_word]
    for one, other, flip in ((plain_said, plain_quoted, False), (plain_quoted, plain_said, True)):
        for longer in one:
            for prefix in _NEGATING_PREFIXES:
                stem = longer.removeprefix(prefix)
                if stem != longer and stem in other and longer not in other:
                    source, quote = (one[longer], other[stem])
                    return (quote, source) if flip else (source, quote)
    return None


def _governed(raw: str, start: int) -> list[str]:
    """A negating word right before the quote, in its clause: the quote's departures may
    turn the verb it governs into a statement ("failed to | perform[ed]")."""
    before = raw[max(0, start - 200) : start]
    cut = max(
        (m.end() for m in (*_SENTENCE_END.finditer(before), *PARAGRAPH_BREAK.finditer(before))),
        default=0,
    )
    words = _words(before[cut:])[-_GOVERNING_WORDS:]
    negating = [word for word in words if _negating(word)]
    if not negating:
        return []
    return [
        f"the quote begins after the source's {' '.join(words)!r}, whose {negating[0]!r} may "
        "govern it; "
        "with omissions or alterations the quote may say the opposite of the source"
    ]
