"""The rules that read one sentence (a unit: a sentence with the rest of a quotation it
opens) and say what claims it may hold, who made them, and of which quote type."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.suggest.acts import act_verb, passive
from dprktrack.suggest.cues import Cue, cues
from dprktrack.suggest.model import SpeakerGuess, Suggestion
from dprktrack.suggest.quotes import Quoted, outermost, quotations
from dprktrack.suggest.sentences import Sentence, sentence_spans, units
from dprktrack.suggest.speakers import (
    PRONOUNS,
    REFERENCES,
    Lexicon,
    Mention,
    lexicon,
    mentions,
    speaker_before,
)

EVALUATIVE = re.compile(
    r"\b(unfortunately|fortunately|of course|certainly|clearly|obviously|surely|indeed"
    r"|perhaps|probably|likely|unlikely|apparently|evidently|admittedly|yes|important"
    r"|significant|crucial|essential|serious|dangerous|unacceptable|absurd|biased|obvious"
    r"|evident|already|even|rather|must|should|will|would|could|deep|regrettabl[ey]"
    r"|remarkabl[ey]|ironically|arguably|undoubtedly|doubtless|no doubt)\b",
    re.IGNORECASE,
)
"""Words by which the author judges, hedges or predicts rather than narrates."""

_TERMINAL = (".", "!", "…", "”", "’", '"', "'", ")", "»")


@dataclass
class Context:
    """What the rules know while reading a source: its text and actors, and what came before."""

    text: str
    source: str
    lex: Lexicon
    author: str | None
    author_name: str
    quoted: list[tuple[int, int]]
    quotes: list[Quoted]
    last: SpeakerGuess | None = None
    last_paragraph: int = -1
    reported: bool = False
    organizations: list[str] = field(default_factory=list)


def candidate_spans(catalog: Catalog, source_id: str, text: str) -> Iterator[Suggestion]:
    """Every candidate claim of the source, before anchoring, in article order."""
    found = outermost(quotations(text))
    source = catalog.sources[source_id]
    author = next(
        (a.id for a in catalog.actors.values() if a.kind == "author" and a.name == source.author),
        next((a.id for a in catalog.actors.values() if a.kind == "author"), None),
    )
    context = Context(
        text,
        source_id,
        lexicon(catalog.actors),
        author,
        source.author or "the author",
        [(q.start, q.end) for q in found],
        found,
    )
    for unit in units(text, context.quoted):
        if _heading(text, unit, context):
            continue
        if unit.paragraph != context.last_paragraph:
            context.reported = False
            context.last_paragraph = unit.paragraph
        yield from _read(context, unit)


def _heading(text: str, unit: Sentence, context: Context) -> bool:
    """A title, byline, question heading or label: a paragraph of its own that does not end
    as a sentence does."""
    starts_paragraph = unit.start == 0 or text[unit.start - 1] == "\n"
    ends_paragraph = unit.end == len(text) or text[unit.end] == "\n"
    ending = text[unit.end - 1]
    return starts_paragraph and ends_paragraph and (ending not in _TERMINAL or ending == "?")


def _read(context: Context, unit: Sentence) -> Iterator[Suggestion]:
    text = context.text
    start, end = unit.start, unit.end
    asides = _asides(text, start, end, context)
    if asides:
        for aside in asides:
            yield from _read(context, aside)
        return
    outside = [(s, e) for s, e in context.quoted] + _parentheses(text, start, end)
    found_cues = cues(text, start, end, outside)
    found = mentions(context.lex, text, start, end)
    context.organizations.extend(
        m.actor for m in found if m.actor and context.lex.kinds.get(m.actor) == "organization"
    )
    if found_cues:
        yield from _reported(context, unit, found_cues[0], found)
        return
    speech = [q for q in context.quotes if start <= q.start < end and _speech(text, q)]
    if speech and context.last is not None:
        yield from _carried_quotes(context, unit, speech)
        return
    act = act_verb(text, start, end, context.quoted)
    if act is not None:
        yield from _acts(context, unit, found)
        return
    if context.reported and context.last is not None:
        yield _suggestion(
            context, (start, end), ("indirect", "statement", "continued"), context.last
        )
        return
    if EVALUATIVE.search(text, start, end) and context.author is not None:
        guess = SpeakerGuess(
            context.author, context.author_name, "the author: unattributed evaluation"
        )
        yield _suggestion(context, (start, end), ("direct", "statement", "evaluation"), guess)


def _speech(text: str, quoted: Quoted) -> bool:
    """Whether a quotation is someone's words rather than the author's scare quotes: five
    words or more."""
    return len(text[quoted.start : quoted.end].split()) >= 5


def _parentheses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"\([^()]*\)", text[start:end])] and [
        (start + m.start(), start + m.end()) for m in re.finditer(r"\([^()]*\)", text[start:end])
    ]


def _asides(text: str, start: int, end: int, context: Context) -> list[Sentence]:
    """A parenthesised aside with a reporting cue of its own, and the sentence around it,
    read as separate units: "(…, the author would add)"."""
    for p_start, p_end in _parentheses(text, start, end):
        if cues(text, p_start + 1, p_end - 1, context.quoted):
            parts = [(start, p_start), (p_start + 1, p_end - 1), (p_end, end)]
            return [
                Sentence(*_clean(text, s, e), 0 if False else -1)
                for s, e in parts
                if _clean(text, s, e)[0] < _clean(text, s, e)[1]
            ]
    return []


def _clean(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without white space, stray commas, a leading "and" or a final full stop."""
    while start < end and (text[start].isspace() or text[start] in ",;:–—-"):
        start += 1
    lead = re.match(r"(?:and|but|while|although|whereas)\s+", text[start:end])
    if lead:
        start += lead.end()
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–—-."):
        end -= 1
    return start, end


def _guess(context: Context, mention: Mention, reason: str) -> SpeakerGuess:
    return SpeakerGuess(mention.actor, mention.name, reason)


def _speaker(
    context: Context, unit: Sentence, cue: Cue, found: list[Mention]
) -> SpeakerGuess | None:
    """Who the reporting cue attributes the words to."""
    text = context.text
    if cue.lemma == "according to":
        after = [m for m in found if m.start >= cue.end]
        if after:
            return _guess(context, after[0], "named after 'according to'")
    elif not cue.leads:
        subject = speaker_before(text, found, unit.start, cue.start)
        if subject is not None:
            return _guess(context, subject, "subject of the reporting verb")
    before = text[unit.start : cue.start] if not cue.leads else text[cue.start : cue.end]
    word = PRONOUNS.search(before) or REFERENCES.search(before)
    if word and context.last is not None:
        return SpeakerGuess(
            context.last.actor,
            context.last.name,
            f"carried from the previous sentence: '{word.group(0)}'",
        )
    return None


def _reported(
    context: Context, unit: Sentence, cue: Cue, found: list[Mention]
) -> Iterator[Suggestion]:
    """A sentence with a reporting cue: the reported words and their speaker."""
    text = context.text
    speaker = _speaker(context, unit, cue, found)
    start, end = _content(text, unit, cue, context)
    if speaker is not None:
        context.last = speaker
    context.reported = True
    guess = speaker or SpeakerGuess(None, "", "no speaker found")
    if speaker is not None and speaker.actor == context.author:
        yield _suggestion(context, (start, end), ("direct", "statement", cue.words), guess)
        return
    for s, e in _pieces(context, start, end):
        kind = _quote_type(context, s, e)
        yield _suggestion(context, (s, e), (kind, "statement", cue.words), guess)


def _content(text: str, unit: Sentence, cue: Cue, context: Context) -> tuple[int, int]:
    """Where the reported words stand: after "that", after the speaker of "according to",
    after the reporting clause's comma or colon, or the whole sentence."""
    start, end = unit.start, unit.end
    after = text[cue.end : end]
    that = re.match(r"[^“”\"«».;:]{0,60}?\bthat\s", after)
    if that and not cue.leads:
        return _clean(text, cue.end + that.end(), end)
    comma = re.match(r"[^“”\"«».;]{0,60}?[,:]\s", after)
    if comma and (cue.leads or _opens_sentence(text, unit.start, cue.start)):
        return _clean(text, cue.end + comma.end(), end)
    return _clean(text, start, end)


def _opens_sentence(text: str, start: int, cue: int) -> bool:
    """Whether the reporting clause leads the sentence ("As X said, …")."""
    return bool(re.match(r"(?:As|Like)\b", text[start:cue]))


def _pieces(context: Context, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut where a quotation running over several sentences begins (the paraphrase
    before it is one claim, each sentence of the quotation another)."""
    text = context.text
    for quoted in context.quotes:
        if start <= quoted.start < end and len(sentence_spans(text, quoted.start, quoted.end)) > 1:
            pieces = []
            head = _clean(text, start, quoted.start)
            head = (head[0], _before_relative(text, *head))
            if head[1] - head[0] > 20:
                pieces.append(head)
            pieces.extend(sentence_spans(text, quoted.start, quoted.end))
            return pieces
    return [(start, end)]


def _before_relative(text: str, start: int, end: int) -> int:
    """The end of a paraphrase without a dangling ", which" or ", but" before a quotation."""
    trailing = re.search(r",?\s+(?:which|who|but|and|that)\s*$", text[start:end])
    return start + trailing.start() if trailing else end


def _quote_type(context: Context, start: int, end: int) -> str:
    inside = [q for q in context.quotes if start <= q.start and q.end <= end + 1]
    if not inside:
        return "indirect"
    if inside[0].start == start and len(inside) == 1 and inside[0].end >= end:
        return "direct"
    if text_starts_quote(context.text, start) and len(inside) == 1:
        return "direct"
    return "mixed"


def text_starts_quote(text: str, start: int) -> bool:
    return text[start] in "“«„\"‘'"


def _carried_quotes(context: Context, unit: Sentence, speech: list[Quoted]) -> Iterator[Suggestion]:
    """Quoted words with no reporting cue: the last speaker's."""
    assert context.last is not None
    guess = SpeakerGuess(
        context.last.actor, context.last.name, "carried from the previous sentence: quoted words"
    )
    start, end = _clean(context.text, unit.start, unit.end)
    context.reported = True
    for s, e in _pieces(context, start, end):
        yield _suggestion(
            context, (s, e), (_quote_type(context, s, e), "statement", "quotation marks"), guess
        )


def _acts(context: Context, unit: Sentence, found: list[Mention]) -> Iterator[Suggestion]:
    """Each clause with an act verb: the act, by the clause's subject (or, in the passive
    without an agent, by the body last named)."""
    text = context.text
    for start, end in _clauses(text, unit.start, unit.end):
        verb = act_verb(text, start, end, context.quoted)
        if verb is None:
            continue
        here = [m for m in found if start <= m.start < end]
        subject = speaker_before(text, here, start, verb.start())
        if passive(text, verb.start()):
            agent = re.match(r"\s+by\s+", text[verb.end() : end])
            after = [m for m in here if m.start >= verb.end()]
            if agent and after:
                subject = after[0]
            else:
                subject = None
                body = _body(context, here)
                if body is not None:
                    yield _suggestion(
                        context,
                        (start, end),
                        ("indirect", "act", verb.group(0)),
                        SpeakerGuess(body, body, "the body where the act took place"),
                    )
                    continue
        guess = (
            _guess(context, subject, "subject of the act")
            if subject
            else SpeakerGuess(None, "", "no actor found")
        )
        yield _suggestion(context, (start, end), ("indirect", "act", verb.group(0)), guess)


def _body(context: Context, here: list[Mention]) -> str | None:
    named = [m.actor for m in here if m.actor and context.lex.kinds.get(m.actor) == "organization"]
    if named:
        return named[0]
    return context.organizations[-1] if context.organizations else None


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at its coordinating conjunctions: ", and", " and", ", although"…"""
    cuts = [start]
    for match in re.finditer(r",?\s+(?:and|although|while|whereas|but)\s+(?=\w)", text[start:end]):
        cuts.append(start + match.start())
    cuts.append(end)
    spans = [_clean(text, a, b) for a, b in itertools.pairwise(cuts)]
    return [(a, b) for a, b in spans if a < b]


def _suggestion(
    context: Context, span: tuple[int, int], labels: tuple[str, str, str], speaker: SpeakerGuess
) -> Suggestion:
    start, end = span
    quote_type, kind, cue = labels
    speakers = (speaker,) if speaker.actor is not None or speaker.name else ()
    return Suggestion(
        source=context.source,
        start=start,
        end=end,
        quote=context.text[start:end],
        quote_type=quote_type,
        kind=kind,
        cue=cue,
        speakers=speakers,
    )
