"""The rules that read one sentence (a unit: a sentence with the rest of a quotation it
opens) and say what claims it may hold, who made them, and of which quote type.

Following the codebook: reported words are cut after the reporting clause ("said that",
"According to X,"), a quotation after its reporting clause is the speaker's own words, a
paraphrase with quoted words is mixed, a sentence that goes on with the last speaker's
paraphrase is still theirs, an act is its doer's, and a sentence that judges, hedges or
predicts with no one else's cue is the author's.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.schema.records import Actor
from dprktrack.suggest.acting import acts
from dprktrack.suggest.acts import act_verb
from dprktrack.suggest.cues import Cue, cues, negated_speech
from dprktrack.suggest.judging import judges, weighs
from dprktrack.suggest.model import SpeakerGuess, Suggestion
from dprktrack.suggest.quotes import OPENING, Quoted, outermost, quotations
from dprktrack.suggest.reading import Context, add, clean, pieces, quote_type, subject
from dprktrack.suggest.reported import reported
from dprktrack.suggest.sentences import Sentence, paragraph_spans, units
from dprktrack.suggest.speakers import Lexicon, Mention, lexicon, mentions
from dprktrack.suggest.words import Words, past_space, word_char

_LONG_LINE = 12
"""Words from which a line without a stop is read as a sentence, not taken for a title."""
_TERMINAL = (".", "!", "…", "”", "’", '"', "'", ")", "»", "“", "‘")


def _source_author(catalog: Catalog, name: str | None) -> Actor | None:
    """The actor who wrote this source: its `author` by name or alias, never another
    article's author (judgements of a new article are not the bundled one's)."""
    wanted = (name or "").strip().casefold()
    if not wanted:
        return None
    for actor in catalog.actors.values():
        if wanted in (actor.name.casefold(), *(alias.casefold() for alias in actor.aliases)):
            return actor
    return None


def candidate_spans(
    catalog: Catalog, source_id: str, text: str, read: list[Sentence] | None = None
) -> list[Suggestion]:
    """Every candidate claim of the source, before anchoring, in article order (`read`: its
    sentences, if the caller has them already)."""
    source = catalog.sources[source_id]
    author = _source_author(catalog, source.author)
    lex = lexicon(catalog.actors)
    known = Words(text)
    context = Context(
        text=text,
        words=known,
        source=source_id,
        lex=lex,
        author=author.id if author else None,
        author_name=author.name if author else (source.author or ""),
        every=outermost(quotations(text)),
        bodies=_bodies(lex, text, known),
    )
    paragraph = -1
    for unit in units(text, [(q.start, q.end) for q in context.every], read):
        if _heading(text, unit):
            context.reported = False
            continue
        if unit.paragraph != paragraph:
            context.reported, paragraph = False, unit.paragraph
        _read(context, unit)
    return sorted(context.found, key=lambda suggestion: suggestion.start)


def _bodies(lex: Lexicon, text: str, known: Words) -> Callable[[int], list[str]]:
    """Per paragraph number, the organizations it names, found when first asked (only a
    passive act asks, so most paragraphs are never looked at)."""
    spans = paragraph_spans(text)
    found: dict[int, list[str]] = {}

    def named(number: int) -> list[str]:
        if not 0 <= number < len(spans):
            return []
        if number not in found:
            found[number] = [
                m.actor
                for m in mentions(lex, text, *spans[number], known)
                if m.actor and lex.kinds.get(m.actor) == "organization"
            ]
        return found[number]

    return named


def _heading(text: str, unit: Sentence) -> bool:
    """A title, byline, question heading or label: a paragraph of its own that does not end
    as a sentence does."""
    starts_paragraph = unit.start == 0 or text[unit.start - 1] in "\r\n"
    ends_paragraph = unit.end == len(text) or text[unit.end] in "\r\n"
    ending = text[unit.end - 1]
    if ending not in _TERMINAL and len(text[unit.start : unit.end].split()) >= _LONG_LINE:
        return False  # a sentence that lost its stop, not a title
    return starts_paragraph and ends_paragraph and (ending not in _TERMINAL or ending == "?")


_CAPITALS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_IN_CAPITALS = _CAPITALS | frozenset("’'.-")
"""What a word of a dateline's place is written with after its first capital ("O’NEIL")."""
_DASHES = frozenset("–—-")


def dateline_end(text: str, start: int, end: int) -> int | None:
    """Where the words after a dateline at the start of text[start:end] begin: "HARBOURTON,
    May 2 (Ledger Wire) – ", "OSLO — " are no one's words. The first reading that fits,
    tried as a regular expression would try them: the longest place first."""
    for place in _place_ends(text, start, end, set()):
        for dated in _dated_ends(text, place, end):
            for agency in _agency_ends(text, dated, end):
                dash = _after_dash(text, agency, end)
                if dash is not None:
                    return dash
    return None


def _place_ends(text: str, at: int, end: int, tried: set[int]) -> Iterator[int]:
    """Where a place in capitals that begins at `at` may end ("NEW YORK", "PORT-AU-PRINCE"):
    words of two characters or more, one space or hyphen apart; the longest first. A word
    begun where one was `tried` before is not read again: all it can end at failed."""
    if at >= end or text[at] not in _CAPITALS or at in tried:
        return
    tried.add(at)
    last = at + 1
    while last < end and text[last] in _IN_CAPITALS:
        last += 1
    for word_end in range(last, at + 1, -1):
        if word_end < end and text[word_end] in " -":
            yield from _place_ends(text, word_end + 1, end, tried)
        yield word_end


def _dated_ends(text: str, at: int, end: int) -> Iterator[int]:
    """Where a place's date may end (", May 2", ", Monday"), the longest first, or none."""
    word = past_space(text, at + 1, end) if text.startswith(",", at, end) else end
    if word < end and text[word] in _CAPITALS:
        last = word + 1
        while last < end and (word_char(text[last]) or text[last] == "."):
            last += 1
        for word_end in range(last, word, -1):
            day = past_space(text, word_end, end)
            if day > word_end and day < end and text[day].isdecimal():
                if day + 1 < end and text[day + 1].isdecimal():
                    yield day + 2
                yield day + 1
            yield word_end
    yield at


def _agency_ends(text: str, at: int, end: int) -> Iterator[int]:
    """Where the agency in brackets after a dateline's place may end (" (Ledger Wire) "), and
    where the white space after the place does."""
    bracket = past_space(text, at, end)
    if text.startswith("(", bracket, end):
        inner = bracket + 1
        while inner < end and text[inner] not in "()\n":
            inner += 1
        if 1 <= inner - bracket - 1 <= 40 and text.startswith(")", inner, end):
            yield past_space(text, inner + 1, end)
    yield bracket


def _after_dash(text: str, at: int, end: int) -> int | None:
    """Where the words after one or two dashes and white space begin, or None."""
    dashes = at
    while dashes < end and dashes < at + 2 and text[dashes] in _DASHES:
        dashes += 1
    words = past_space(text, dashes, end)
    return words if dashes > at and words > dashes else None


def _read(context: Context, unit: Sentence) -> None:
    """Add the unit's candidate claims to `context.found` (after a dateline)."""
    dateline = dateline_end(context.text, unit.start, unit.end)
    if dateline is not None:
        unit = Sentence(dateline, unit.end, unit.paragraph)
    text, start, end = context.text, unit.start, unit.end
    context.window(start, end)
    if _read_asides(context, unit) or _read_colon(context, unit):
        return
    found = [
        m
        for m in mentions(context.lex, text, start, end, context.words)
        if not _in_quote(context, m.start)
    ]
    _read_kinds(context, unit, found)
    _remember_person(context, unit, found)


def _remember_person(context: Context, unit: Sentence, found: list[Mention]) -> None:
    """Note the person the sentence names as its subject (for a later "he said")."""
    named = subject(context, found, unit.start, unit.end)
    if named is None or context.lex.kinds.get(named.actor or "", "person") != "person":
        return
    context.named = (unit.start, SpeakerGuess(named.actor, named.name, "named as subject"))


def _read_kinds(context: Context, unit: Sentence, found: list[Mention]) -> None:
    """Read the unit as reported speech, quoted words, an act, or the author's words."""
    text, start, end = context.text, unit.start, unit.end
    reporting = [
        c for c in cues(text, start, end, context.quoted, context.words) if _real_cue(c, found)
    ]
    if reporting:
        reported(context, unit, reporting[0], found)
        return
    speech = [q for q in context.quotes if start <= q.start < end and _speech(text, q)]
    if speech and context.last is not None:
        _carried_quotes(context, unit, speech, found)
        return
    if act_verb(text, start, end, context.quoted, context.words) is not None:
        acts(context, unit, found)
        return
    _unattributed(context, unit, found)


def _unattributed(context: Context, unit: Sentence, found: list[Mention]) -> None:
    """A sentence with no cue, quotation or act: it goes on with the last speaker's words,
    or with the act just told, or it is the author's evaluation, or plain narration."""
    text, start, end = context.text, unit.start, unit.end
    previous = context.found[-1] if context.found else None
    if _new_person(context, unit, found):
        context.reported = False  # "Edo Brask arrived.": no longer the last speaker's words
    if weighs(text[start:end]):
        context.reported = False  # "That claim is weak.": the author's verdict on it
    if negated_speech(text, start, end, context.words):
        context.reported = False  # "She did not speak.": narration
    elif context.reported and context.last is not None:
        add(context, (start, end), ("indirect", "statement", "continued"), context.last)
    elif judges(text[start:end]) and (context.author is not None or context.author_name):
        guess = SpeakerGuess(
            context.author, context.author_name, "the author: unattributed evaluation"
        )
        add(context, (start, end), ("direct", "statement", "evaluation"), guess)
    elif (
        previous is not None and previous.kind == "act" and _same_paragraph(context, previous, unit)
    ):
        joined = previous._replace(end=end, quote=text[previous.start : end])
        context.found[-1] = joined  # what the act did, told in the next sentence


def _new_person(context: Context, unit: Sentence, found: list[Mention]) -> bool:
    """Whether the sentence's subject is a person other than the last speaker (the
    speaker's paraphrase does not go on through someone else's doings)."""
    named = subject(context, found, unit.start, unit.end)
    if named is None or context.last is None or named.start > unit.start + 40:
        return False
    if context.lex.kinds.get(named.actor or "", "person") != "person":
        return False
    return (named.actor, named.name) != (context.last.actor, context.last.name) and (
        named.actor is not None or named.name not in (context.last.name or "")
    )


def _same_paragraph(context: Context, previous: Suggestion, unit: Sentence) -> bool:
    return "\n" not in context.text[previous.end : unit.start].strip(" ") and (
        "\n\n" not in context.text[previous.end : unit.start]
    )


def _real_cue(cue: Cue, found: list[Mention]) -> bool:
    """ "according to" attributes only when someone follows it ("according to the
    procedure" is no one's word)."""
    if cue.lemma != "according to":
        return True
    return any(cue.end <= m.start <= cue.end + 40 for m in found)


def _in_quote(context: Context, offset: int) -> bool:
    return any(q.start < offset < q.end for q in context.quotes)


def _read_asides(context: Context, unit: Sentence) -> bool:
    """A parenthesised aside with a reporting cue of its own ("(…, the author would add)")
    read as a unit of its own, and the sentence around it as two; whether there was one."""
    text, start, end = context.text, unit.start, unit.end
    for found in re.finditer(r"\([^()]*\)", text[start:end]):
        p_start, p_end = start + found.start(), start + found.end()
        if not cues(text, p_start + 1, p_end - 1, context.quoted, context.words):
            continue
        before, after = clean(text, start, p_start), clean(text, p_end, end)
        if before[0] < before[1]:
            _read(context, Sentence(*before, unit.paragraph))
        last, reported = context.last, context.reported
        _read(context, Sentence(*clean(text, p_start + 1, p_end - 1), unit.paragraph))
        context.last, context.reported = last, reported  # an aside does not take the floor
        if after[0] < after[1]:
            _read(context, Sentence(*after, unit.paragraph))
        return True
    return False


def _read_colon(context: Context, unit: Sentence) -> bool:
    """ "X has every reason to wait: its farmers have complained that…": the clause before
    the colon (no cue of its own) and the reported one after it are two claims, read as two
    units; whether the unit was one such."""
    text, start, end = context.text, unit.start, unit.end
    colon = _colon_clause(text[start:end])
    if colon is None or any(q[0] < start + colon < q[1] for q in context.quoted):
        return False
    middle = start + colon
    head, tail = clean(text, start, middle), clean(text, middle + 1, end)
    if len(text[head[0] : head[1]].split()) < 4 or cues(
        text, start, middle, context.quoted, context.words
    ):
        return False
    if not cues(text, middle, end, context.quoted, context.words):
        return False
    _read(context, Sentence(start, middle, unit.paragraph))
    _read(context, Sentence(*tail, unit.paragraph))
    return True


def _colon_clause(sentence: str) -> int | None:
    """Where the first colon with white space after it stands, unless that is one white
    space and then a quotation mark (": “…" opens a quotation, not a clause)."""
    at = sentence.find(":")
    while at >= 0:
        after = past_space(sentence, at + 1)
        space = after - at - 1
        if space >= 2 or (
            space == 1 and (after == len(sentence) or sentence[after] not in OPENING)
        ):
            return at
        at = sentence.find(":", at + 1)
    return None


def _speech(text: str, quoted: Quoted) -> bool:
    """Whether a quotation is someone's words rather than the author's scare quotes: five
    words or more."""
    return len(text[quoted.start : quoted.end].split()) >= 5


def _carried_quotes(
    context: Context, unit: Sentence, speech: list[Quoted], found: list[Mention]
) -> None:
    """Quoted words with no reporting cue: those of the subject of "X … that “…”", else
    the last speaker's."""
    text = context.text
    assert context.last is not None
    guess = SpeakerGuess(
        context.last.actor, context.last.name, "carried from the previous sentence: quoted words"
    )
    if re.search(r"\bthat\s*$", text[unit.start : speech[0].start]):
        named = subject(context, found, unit.start, speech[0].start)
        if named is not None:
            guess = SpeakerGuess(named.actor, named.name, "subject of the clause before 'that'")
    start, end = clean(text, unit.start, unit.end)
    for s, e in pieces(context, start, end):
        add(context, (s, e), (quote_type(context, s, e), "statement", "quotation marks"), guess)
    context.last = guess  # quoted words alone do not make what follows theirs
