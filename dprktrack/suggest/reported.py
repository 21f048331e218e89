"""Reported speech: a sentence with a reporting cue, cut into the words reported, with the
speaker the cue names (its subject, "according to" whom, or who was speaking before)."""

from __future__ import annotations

import re

from dprktrack.suggest.acting import acts
from dprktrack.suggest.cues import Cue, cues
from dprktrack.suggest.model import SpeakerGuess
from dprktrack.suggest.quotes import OPENING
from dprktrack.suggest.reading import Context, add, clean, pieces, quote_type, subject
from dprktrack.suggest.sentences import Sentence
from dprktrack.suggest.speakers import Mention, after_title, pronoun, reference
from dprktrack.suggest.words import begins_with_word, past_space, word_char, words

_PARTICIPLES = ("calling", "describing", "adding", "noting", "warning", "urging")
"""A participle after a comma that makes a statement of its own (", calling the …")."""
_INFERENCES = ("which means", "meaning")
_RELATIVES = ("who", "which")
_ASIDE_ACTS = frozenset(("abstained", "vetoed", "voted", "submitted", "adopted"))


def _comma_before(text: str, start: int, end: int, wanted: tuple[str, ...]) -> int | None:
    """Where the first comma of text[start:end] stands that white space and one of the
    `wanted` words (whole) follow: ", calling", ", which means"."""
    at = text.find(",", start, end)
    while at >= 0:
        word = past_space(text, at + 1, end)
        for phrase in wanted if word > at + 1 else ():
            stop = word + len(phrase)
            if text.startswith(phrase, word, end) and (stop == end or not word_char(text[stop])):
                return at
        at = text.find(",", at + 1, end)
    return None


def _act_aside_end(text: str, start: int, end: int) -> int | None:
    """Where ", who abstained from voting," ends in text[start:end] (the first aside between
    commas that opens with "who" or "which" and has an act in it), or None."""
    at = text.find(",", start, end)
    while at >= 0:
        after = _past_relative(text, at, end)
        closing = -1 if after is None else text.find(",", after, end)
        aside = words(text, after, closing) if after is not None and closing >= 0 else []
        if any(word in _ASIDE_ACTS for _, _, word in aside):
            return closing + 1
        at = text.find(",", at + 1, end)
    return None


def _past_relative(text: str, comma: int, end: int) -> int | None:
    """Where the words after ", who " or ", which " begin (its comma at `comma`), or None."""
    relative = past_space(text, comma + 1, end)
    for word in _RELATIVES if relative > comma + 1 else ():
        after = past_space(text, relative + len(word), end)
        if text.startswith(word, relative, end) and after > relative + len(word):
            return after
    return None


def reported(context: Context, unit: Sentence, cue: Cue, found: list[Mention]) -> None:
    """Add the reported words of a sentence with a reporting cue, and say who spoke."""
    text = context.text
    _act_aside(context, unit, cue, found)
    speaker, via = _speaker(context, unit, cue, found)
    for start, end, labels in _spans(context, unit, cue):
        inference = _comma_before(text, start, end, _INFERENCES)
        cut = end if inference is None else inference
        speaker_here, via_here = _inner(context, (start, cut), speaker, via)
        add(context, (start, cut), labels, speaker_here, via=via_here)
        if inference is not None:  # "…, which means that…": the reporter's own inference
            begin = clean(text, inference, end)
            add(context, begin, (quote_type(context, *begin), "statement", "which means"), speaker)
    if speaker.actor is not None or speaker.name:
        context.last, context.last_at = speaker, unit.start
    context.reported = cue.lemma != "according to"  # a source, not a speaker who goes on


def _act_aside(context: Context, unit: Sentence, cue: Cue, found: list[Mention]) -> None:
    """ "The representative of X, who abstained from voting, said…": the act is a claim too."""
    aside = _act_aside_end(context.text, unit.start, cue.start)
    if aside is not None:
        acts(context, Sentence(unit.start, aside - 1, unit.paragraph), found)


def _speaker(
    context: Context, unit: Sentence, cue: Cue, found: list[Mention]
) -> tuple[SpeakerGuess, str | None]:
    """Who the cue attributes the words to, and the medium they came through."""
    text = context.text
    after = [m for m in found if m.start >= cue.end]
    via = _medium(context, cue, after)
    if cue.lemma == "according to" and after:
        named = after[0]
        if context.lex.kinds.get(named.actor or "") == "media":
            return SpeakerGuess(
                named.actor, named.name, "medium named after 'according to'"
            ), named.actor
        return SpeakerGuess(named.actor, named.name, "named after 'according to'"), via
    inverted = [
        m for m in after if _right_after(text, cue.end, m.start) and text[unit.start] in OPENING
    ]
    if inverted:
        return SpeakerGuess(
            inverted[0].actor, inverted[0].name, "named after the reporting verb"
        ), via
    subject_named = None if cue.leads else subject(context, found, unit.start, cue.start)
    if subject_named is not None:
        guess = SpeakerGuess(
            subject_named.actor, subject_named.name, "subject of the reporting verb"
        )
        return guess, via
    return _carried(context, text[unit.start : cue.end]), via


_IT = re.compile(r"\s*It\b")
"""A sentence opening "It said…": the body that spoke last."""
_PERSONAL = frozenset(("he", "she", "his", "her"))


def _right_after(text: str, end: int, start: int) -> bool:
    """Whether a name follows the cue at once, titles aside ("said Dr. Ana Rell")."""
    between = text[end:start]
    if not between.startswith(" "):
        return False
    rest = between[1:]
    while rest:
        name = after_title(rest)
        if name is None:
            return False
        rest = rest[name:]
    return True


def _carried(context: Context, before: str) -> SpeakerGuess:
    """A pronoun or "the diplomat" before the cue: the last speaker, carried over."""
    said = pronoun(before)
    referred = None if said is not None else reference(before)
    it = _IT.match(before)
    word = said or referred or (it.group(0) if it else None)
    if word is None:
        return SpeakerGuess(None, "", "no speaker found")
    personal = word.lower() in _PERSONAL or referred is not None
    if personal and context.named is not None and context.named[0] > context.last_at:
        named = context.named[1]
        reason = f"the person last named, carried: '{word}'"
        return SpeakerGuess(named.actor, named.name, reason)
    if context.last is not None:
        reason = f"carried from the previous sentence: '{word}'"
        return SpeakerGuess(context.last.actor, context.last.name, reason)
    return SpeakerGuess(None, "", "no speaker found")


def _medium(context: Context, cue: Cue, after: list[Mention]) -> str | None:
    """ "told the Tidewater Post that…": the medium right after the cue."""
    if after and after[0].start <= cue.end + 6 and cue.lemma in ("tell", "say"):
        actor = after[0].actor
        if actor and context.lex.kinds.get(actor) == "media":
            return actor
    return None


def _inner(
    context: Context, span: tuple[int, int], speaker: SpeakerGuess, via: str | None
) -> tuple[SpeakerGuess, str | None]:
    """A medium reporting what someone else proposed, refused or said: the words are the
    subject's of that inner cue, the medium only relays them."""
    if context.lex.kinds.get(speaker.actor or "") != "media":
        return speaker, via
    from dprktrack.suggest.speakers import mentions

    start, end = span
    inner = cues(context.text, start, end, context.quoted, context.words)
    found = mentions(context.lex, context.text, start, end, context.words)
    if inner:
        named = subject(context, found, start, inner[0].start)
        if named is not None and named.actor is not None:
            guess = SpeakerGuess(named.actor, named.name, f"subject of '{inner[0].words}'")
            return guess, speaker.actor
    return speaker, via


def _spans(
    context: Context, unit: Sentence, cue: Cue
) -> list[tuple[int, int, tuple[str, str, str]]]:
    """The reported words of the unit, each span with its labels."""
    text = context.text
    start, end = unit.start, unit.end
    leading = [q for q in context.quotes if q.start == start and q.end <= cue.start]
    if leading:  # “…,” she said. “…”
        later = [q for q in context.quotes if cue.end <= q.start < end]
        return [_labelled(context, *clean(text, q.start, q.end), cue) for q in [*leading, *later]]
    after = text[cue.end : end]
    opens = _colon_before_quote(after)
    if opens is None:
        opens = _comma_before_quote(after)
    if opens is not None and _quote_to_end(context, cue.end + opens, end):
        spans = [
            _labelled(context, q_s, q_e, cue) for q_s, q_e in pieces(context, cue.end + opens, end)
        ]
        lead_in = after[:opens]
        head = clean(text, start, cue.end + len(lead_in.rstrip()) - 1)
        if lead_in.count(" ") >= 3 and ":" in lead_in:
            spans.insert(0, _labelled(context, *head, cue))
        return spans
    tail = _trailing_clause(text, start, cue, end)
    if tail is not None:
        return [_labelled(context, *tail, cue)]
    that = _after_that(after)
    lead = _after_comma(after)
    if that is not None and not cue.leads:
        begin = cue.end + that
    elif lead is not None and (
        cue.leads or begins_with_word(text[start : cue.start], ("As", "Like"))
    ):
        begin = cue.end + lead
    else:
        return _whole(context, unit, cue)
    return [_labelled(context, s, e, cue) for s, e in pieces(context, *clean(text, begin, end))]


_MARKS = '“”"«»'
"""Quotation marks a reporting clause's own words run up to, not over."""


def _colon_before_quote(after: str) -> int | None:
    """ "said in a statement: “…”": where the quotation opens after the first colon, if
    no full stop or semicolon comes before the colon, 120 characters at most in."""
    ends = [at for at in (after.find(stop, 0, 121) for stop in ".;:") if at >= 0]
    if not ends or after[min(ends)] != ":":
        return None
    quote = past_space(after, min(ends) + 1)
    return quote if quote < len(after) and after[quote] in OPENING else None


def _comma_before_quote(after: str) -> int | None:
    """ "said, “…”": where the quotation opens after the first comma that has one after it,
    if no stop or quotation mark comes before that comma, 80 characters at most in."""
    for at, char in enumerate(after[:81]):
        if char in _MARKS or char in ".;:":
            return None
        if char == ",":
            quote = past_space(after, at + 1)
            if quote < len(after) and after[quote] in OPENING:
                return quote
    return None


def _after_that(after: str) -> int | None:
    """ "said that …": where the words after the first "that" begin (the word "that" and
    one white space after it), if no stop, comma or quotation mark comes before it, 60
    characters at most in."""
    for at, char in enumerate(after[:61]):
        starts_word = at == 0 or not word_char(after[at - 1])
        if starts_word and after.startswith("that", at) and after[at + 4 : at + 5].isspace():
            return at + 5
        if char in _MARKS or char in ".;:,":
            return None
    return None


def _after_comma(after: str) -> int | None:
    """ "As the minister said, …": where the words after the first comma and white space
    begin, if no stop or quotation mark comes before it, 60 characters at most in."""
    for at, char in enumerate(after[:61]):
        if char == "," and after[at + 1 : at + 2].isspace():
            return at + 2
        if char in _MARKS or char in ".;":
            return None
    return None


def _trailing_clause(text: str, start: int, cue: Cue, end: int) -> tuple[int, int] | None:
    """ "The tides were too strong, he said.": the words before a reporting clause that
    closes the sentence (three words at most after the cue, a clause of five words or more
    before the comma)."""
    comma = _last_comma(text[start : cue.start])
    rest = text[cue.end : end]
    if comma is None or not _closes(rest) or len(rest.split()) > 3:
        return None  # "…, Osk said the talks would go on": the words follow the cue
    words = clean(text, start, start + comma)
    if len(text[words[0] : words[1]].split()) < 5:
        return None
    return words


def _closes(rest: str) -> bool:
    """Whether what follows a cue may close its sentence: 40 characters at most, with no
    comma, colon, semicolon or quotation mark."""
    return len(rest) <= 40 and not any(mark in rest for mark in ',;:“”"«»')


def _last_comma(before: str) -> int | None:
    """Where the comma before a closing reporting clause stands: the last comma, white space
    after it, then 1 to 50 characters with no comma or quotation mark up to the end (or up
    to a final newline, as `$` reads it)."""
    at = before.rfind(",")
    if at < 0 or any(mark in before[at:] for mark in _MARKS):
        return None
    space = past_space(before, at + 1) - at - 1
    ends = (len(before), len(before) - 1) if before.endswith("\n") else (len(before),)
    for stop in ends:
        after = stop - at - 1  # the white space and the clause after it, as long as it can be
        if max(1, after - 50) <= min(space, after - 1):
            return at
    return None


def _quote_to_end(context: Context, begin: int, end: int) -> bool:
    """Whether a quotation opens at `begin` and runs to the end of the sentence."""
    return any(q.start == begin and q.end >= end - 1 for q in context.quotes)


def _whole(
    context: Context, unit: Sentence, cue: Cue
) -> list[tuple[int, int, tuple[str, str, str]]]:
    """No "that" and no comma: the whole sentence, cut before a participle that makes a
    statement of its own (", calling the Committee…")."""
    text = context.text
    start, end = clean(text, unit.start, unit.end)
    participle = _comma_before(text, cue.end, end, _PARTICIPLES)
    cuts = [(start, participle), (participle, end)] if participle is not None else [(start, end)]
    return [
        _labelled(context, s, e, cue)
        for a, b in cuts
        for s, e in pieces(context, *clean(text, a, b))
    ]


def _labelled(
    context: Context, start: int, end: int, cue: Cue
) -> tuple[int, int, tuple[str, str, str]]:
    return start, end, (quote_type(context, start, end), "statement", cue.words)
