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

import json
import re
import unicodedata
from typing import Literal, NamedTuple

from dprktrack.matching import omissions
from dprktrack.matching.boundaries import APOSTROPHES, HYPHENS
from dprktrack.matching.normalise import normalise_text
from dprktrack.matching.textpos import PARAGRAPH_BREAK, Span

PIN_LENGTH = 16
"""Hex digits of a review pin: 64 bits, enough that no edit keeps a pin by chance."""

_NEGATING_WORDS = frozenset(
    (
        *("not", "no", "never", "nor", "neither", "none", "nothing", "nobody", "nowhere"),
        *("noone", "naught", "cannot", "without", "hardly", "barely", "scarcely"),
        *("seldom", "rarely"),
    )
)
_REVERSING_WORDS = frozenset(
    (
        *("fail", "fails", "failed", "failing", "failure", "unable", "inability"),
        *("lack", "lacks", "lacked", "lacking", "absent", "absence"),
        *("refuse", "refuses", "refused", "refusing", "refusal"),
        *("decline", "declines", "declined", "declining"),
        *("deny", "denies", "denied", "denying"),
        *("unwilling", "unwillingly", "reluctant", "reluctantly"),
    )
)
_CONTRACTION = re.compile(
    r"(?:ca|do|does|did|is|are|was|were|has|have|had|could|should|would|wo|must|need"
    r"|might|ai|sha|dare|may|ought)n'?t"
)
_NEGATING_PREFIXES = (
    *("non", "un", "in", "im", "il", "ir", "dis", "anti", "counter", "mis", "de", "a", "an"),
    *("ab", "dys", "mal"),
)
_OPPOSITE_SUFFIXES = (("less", "ful"), ("less", ""))
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")
_CLITICS = re.compile(r"(?:'(?:s|ve|ll|d|re|m))+$")
# Letters of other scripts that look like Latin ones, read as those: a source or a bracket
# spelling "not" with a Cyrillic "о" still says "not".
_LOOK_ALIKES = str.maketrans(
    "\u0430\u0435\u043e\u0440\u0441\u0443\u0445\u0456\u0455\u0458\u04cf\u0501"
    "\u03bf\u03b1\u03b5\u03b9\u03ba\u03bd\u03c1\u03c4\u03c5\u03c7",
    "aeopcyxisjldoaeikvptux",
)
_FOLD = str.maketrans(dict.fromkeys(APOSTROPHES, "'") | dict.fromkeys(HYPHENS, "-"))
_GOVERNING_WORDS = 12
"""Words before a quote, in its sentence, that may govern it ("did not, in the end, |")."""
_OPPOSITE = "the quote may say the opposite of the source"


class Departure(NamedTuple):
    """One place where the quote does not reproduce the source's words.

    This module's records are named tuples: check and locate import it, and a frozen
    dataclass costs about a millisecond to create at start, five times as much.
    """

    kind: Literal["omission", "alteration"]
    source: str
    """The source's words in its place, white space folded ("" for an insertion)."""
    replacement: str
    """What the quote has instead: its marks as written, white space folded."""
    at: int
    """Where the source's stretch begins in the source text."""


class Review(NamedTuple):
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
        refusals.extend(_scope_shift(raw, gap))
    if departures:
        refusals.extend(_governed(raw, outer.start))
    return Review(tuple(departures), tuple(dict.fromkeys(refusals)))


def review_pin(departures: tuple[Departure, ...]) -> str:
    """A short hash over exactly the departures, in order, in normalised spelling, so that
    retyped quotation marks keep a pin and any change of words breaks it. (hashlib loads
    OpenSSL, some milliseconds: only a claim with departures to pin asks for it.)"""
    import hashlib

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
    for marker in omissions.markers(quote):
        hidden = next((c for c in marker.group() if _hidden(c)), None)
        mark = marker.group()
        foreign = next((c for c in mark if not (c.isascii() or c in raw)), None)
        foreign = None if omissions.is_elision(mark) else foreign
        odd = hidden or foreign
        if odd is not None:
            problems.append(
                f"the mark {_shown(marker.group())} holds U+{ord(odd):04X}, an invisible, "
                "control or look-alike character the source does not use"
            )
    problems.extend(_run_of_brackets(quote))
    for piece in omissions.pieces(quote):
        if _hidden(piece.text[0]) or _hidden(piece.text[-1]):
            problems.append(
                f"the kept piece {_shown(piece.text)} begins or ends with an invisible character"
            )
    rewrite = omissions.long_alteration(quote)
    if rewrite:
        problems.append(
            f"the bracket {_shown(rewrite)} holds more than an alteration may "
            f"({omissions.ALTERATION_GAP} characters): a rewrite, not a quote"
        )
    return problems


def _run_of_brackets(quote: str) -> list[str]:
    """Brackets side by side are one alteration: together they may hold no more than one."""
    run: list[str] = []
    last_end = -1
    for marker in [*omissions.markers(quote), None]:
        joined = marker is not None and not omissions.is_elision(marker.group())
        if joined and marker is not None and quote[last_end : marker.start()].strip() == "":
            run.append(marker.group()[1:-1])
        else:
            if len(run) > 1 and len("".join(run)) > omissions.ALTERATION_GAP:
                return [
                    f"{len(run)} brackets side by side hold more than an alteration may "
                    f"({omissions.ALTERATION_GAP} characters): a rewrite, not a quote"
                ]
            run = [marker.group()[1:-1]] if joined and marker is not None else []
        if marker is not None:
            last_end = marker.end()
    return []


_IGNORABLE = re.compile(
    "[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
    "\U0001d173-\U0001d17a\U000e0000-\U000e01ef]"
)


def _hidden(char: str) -> bool:
    """A character a reader does not see: a format or control character, a joiner, a
    variation selector or a filler that draws as blank."""
    return unicodedata.category(char) in ("Cf", "Cc") or _IGNORABLE.match(char) is not None


def _shown(text: str) -> str:
    return json.dumps(text if len(text) <= 60 else text[:57] + "…", ensure_ascii=True)


class _Gap(NamedTuple):
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
    for text, marker in omissions.segments(quote):
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
        marks = quote[q.start : q.end]
        if side and _alters(marks) and (s.start == s.end or _reaches_past_its_word(marks)):
            # Counted as nothing more than the letters it touches, `Lakonia did [invade]` or
            # `di[d invade]` would hide the source's "did not invade".
            edge = _sentence_side(raw, s.end if side == "trail" else s.start, side)
            s = Span(s.start, edge.end) if side == "trail" else Span(edge.start, s.end)
        gaps.append(_gap(quote, raw, q, s, edge=bool(side)))
    return gaps


def _alters(marks: str) -> bool:
    return any(not omissions.is_elision(marker.group()) for marker in omissions.markers(marks))


def _reaches_past_its_word(marks: str) -> bool:
    """Whether an edge bracket holds more than a word's letters (`di[d attack Freedonia]`)."""
    return any(
        not omissions.is_elision(m.group()) and any(c.isspace() for c in m.group())
        for m in omissions.markers(marks)
    )


_REACH = 300
"""Most characters a sentence is followed either side of a quote, for what governs it."""
_SENTENCE_BREAK = re.compile(r"[.!?]+[\"'\u201d\u2019)\]]*\s+")
_ABBREVIATION = re.compile(r"(?:\b[A-Z][a-z]{0,2}|\b(?:[A-Za-z]\.)+[A-Za-z])\.+$")


def _sentence_side(raw: str, at: int, side: str) -> Span:
    """The source's words from `at` to the end (or from the start) of its sentence, within
    reach. A period after an abbreviation ("Gen.", "U.S.") or before a lower-case word, and
    an ellipsis, end no sentence."""
    if side == "trail":
        limit = min(len(raw), at + _REACH)
        ends = [m.start() for m in _sentence_ends(raw, at, limit)]
        ends += [m.start() for m in PARAGRAPH_BREAK.finditer(raw, at, limit)]
        return Span(at, min(ends, default=_word_start(raw, limit)))
    limit = max(0, at - _REACH)
    starts = [m.end() for m in _sentence_ends(raw, limit, at)]
    starts += [m.end() for m in PARAGRAPH_BREAK.finditer(raw, limit, at)]
    return Span(max(starts, default=_word_end(raw, limit)), at)


def _sentence_ends(raw: str, start: int, end: int) -> list[re.Match[str]]:
    found = []
    for mark in _SENTENCE_BREAK.finditer(raw, start, end):
        following = raw[mark.end() : mark.end() + 1]
        before = raw[max(0, mark.start() - 12) : mark.end()].rstrip()
        if following[:1].islower() or _ABBREVIATION.search(before.rstrip("\"'\u201d\u2019)]")):
            continue
        found.append(mark)
    return found


def _gap(quote: str, raw: str, q: Span, s: Span, *, edge: bool) -> _Gap:
    marks = quote[q.start : q.end]
    source = " ".join(raw[s.start : s.end].split())
    departure = None
    found = omissions.markers(marks)
    if found and not (edge and not source and all(omissions.is_elision(m.group()) for m in found)):
        kind: Literal["omission", "alteration"] = (
            "omission" if all(omissions.is_elision(m.group()) for m in found) else "alteration"
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
    for marker in omissions.markers(text):
        out.append(text[position : marker.start()])
        mark = marker.group()
        out.append(" " if omissions.is_elision(mark) else mark[1:-1])
        position = marker.end()
    out.append(text[position:])
    return "".join(out)


def _words(text: str) -> list[str]:
    cleaned = "".join(c for c in text if not _hidden(c) or c in "\t\n\r")
    folded = unicodedata.normalize("NFKC", cleaned).translate(_FOLD).lower()
    folded = folded.translate(_LOOK_ALIKES)
    return [word.group() for word in _WORD.finditer(folded) if not _numbering(folded, word)]


def _numbering(text: str, word: re.Match[str]) -> bool:
    """Whether "no" is the abbreviation of "number": "resolution No. 2397", not the
    answer "No." before a sentence that begins with a figure ("Yes. 40 …" → "No. 40 …")."""
    if word.group() != "no" or not re.match(r"\.\s*\d", text[word.end() :]):
        return False
    before = text[: word.start()].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] in ",(")


def _negating(word: str) -> bool:
    """Whether a word negates, itself or in a part of it: "no-one", "not-guilty",
    "nobody's", "wouldn't've"."""
    return any(_negating_part(part) for part in _CLITICS.sub("", word).split("-"))


def _negating_part(word: str) -> bool:
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
        f"{word}:{''.join(words[index + 1 : index + 2])[:4]}"
        for index, word in enumerate(words)
        if _negating(word)
    ]


_CONTRAST_WORDS = frozenset(
    ("but", "yet", "however", "instead", "rather", "except", "unless", "although", "though")
)


def _scope_shift(raw: str, gap: _Gap) -> list[str]:
    """An omission after a kept negation that drops the contrast ending its reach: "will
    not attack Freedonia, but it will attack | Lakonia" quoted as "will not attack … Lakonia"
    moves the "not" onto what the source says will happen."""
    departure = gap.departure
    if departure is None or departure.kind != "omission":
        return []
    kept_before = _words(raw[max(0, gap.where - 80) : gap.where])[-6:]
    contrast = next((w for w in _words(departure.source) if w in _CONTRAST_WORDS), None)
    if contrast is None or not any(_negating(word) for word in kept_before):
        return []
    return [
        f"the omission drops the source's {contrast!r} after a kept negation, so the negation "
        f"bears on other words: {_OPPOSITE}"
    ]


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
                if stem == longer or longer in other:
                    continue
                # The same word, or the same stem in another form ("illegally" / "legal").
                match = next((w for w in other if w == stem or _same_stem(stem, w)), None)
                if match is not None:
                    source, quote = (one[longer], other[match])
                    return (quote, source) if flip else (source, quote)
    return None


def _same_stem(one: str, other: str) -> bool:
    """Two forms of one word, as far as letters tell: "legally" and "legal"."""
    shorter, longer = sorted((one, other), key=len)
    return len(shorter) >= 4 and longer.startswith(shorter) and len(longer) - len(shorter) <= 3


def _governed(raw: str, start: int) -> list[str]:
    """A negating word right before the quote, in its clause: the quote's departures may
    turn the verb it governs into a statement ("failed to | perform[ed]")."""
    sentence = _sentence_side(raw, start, "lead")
    words = _words(raw[sentence.start : sentence.end])[-_GOVERNING_WORDS:]
    negating = [word for word in words if _negating(word)]
    if not negating:
        return []
    return [
        f"the quote begins after the source's {' '.join(words)!r}, whose {negating[0]!r} may "
        "govern it; "
        "with omissions or alterations the quote may say the opposite of the source"
    ]
