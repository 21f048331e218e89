"""What the rules share while they read a source: the context of the sentences read so
far, the span helpers, and the subject of a verb."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable

from dprktrack.suggest.model import SpeakerGuess, Suggestion
from dprktrack.suggest.quotes import Quoted
from dprktrack.suggest.sentences import sentence_spans
from dprktrack.suggest.speakers import Lexicon, Mention, subject_like
from dprktrack.suggest.words import Words


class Context:
    """What the rules know while reading a source: its text and actors, and what came before.

    A plain class, not a dataclass: creating a dataclass costs `suggest` most of a millisecond
    of start-up, and nothing compares or copies a context."""

    def __init__(
        self,
        *,
        text: str,
        words: Words,
        source: str,
        lex: Lexicon,
        author: str | None,
        author_name: str,
        every: list[Quoted],
        bodies: Callable[[int], list[str]],
    ) -> None:
        self.text = text
        self.words = words
        """The text's words, found once for every rule that reads a stretch's words."""
        self.source = source
        self.lex = lex
        self.author = author
        self.author_name = author_name
        self.every = every
        """The source's quotations (outermost), in order: they do not overlap."""
        self.bodies = bodies
        """Per paragraph number, the organizations it names (where a passive act took place)."""
        self.quotes: list[Quoted] = []
        """The quotations that reach into the unit being read (see `window`)."""
        self.last: SpeakerGuess | None = None
        self.last_at = -1
        """Where the unit that named the last speaker begins."""
        self.named: tuple[int, SpeakerGuess] | None = None
        """The last person named as a sentence's subject, and where that sentence begins: "he
        said" after "Ana Rell arrived." is hers even if someone else spoke before."""
        self.reported = False
        self.last_body: str | None = None
        self.found: list[Suggestion] = []
        self._starts = [q.start for q in every]
        self._ends = [q.end for q in every]

    @property
    def quoted(self) -> list[tuple[int, int]]:
        """The unit's quotations as (start, end)."""
        return [(q.start, q.end) for q in self.quotes]

    def window(self, start: int, end: int) -> None:
        """Look at the quotations reaching into start..end only: each unit's rules then
        take time by the unit's length, not the whole source's (found by bisection, as the
        quotations neither overlap nor nest)."""
        low = bisect.bisect_right(self._ends, start)
        high = bisect.bisect_left(self._starts, end)
        self.quotes = self.every[low:high]


def clean(text: str, start: int, end: int) -> tuple[int, int]:
    """A span without white space, stray commas, a leading "and" or a final full stop."""
    while start < end and (text[start].isspace() or text[start] in ",;:–—-"):
        start += 1
    lead = re.match(r"(?:and|but|while|although|whereas)\s+", text[start:end])
    if lead:
        start += lead.end()
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:–—-."):
        end -= 1
    return start, end


def pieces(context: Context, start: int, end: int) -> list[tuple[int, int]]:
    """A span cut where a quotation running over several sentences begins (the paraphrase
    before it is one claim, each sentence of the quotation another)."""
    text = context.text
    for quoted in context.quotes:
        if start <= quoted.start < end and len(sentence_spans(text, quoted.start, quoted.end)) > 1:
            cut = []
            head = clean(text, start, quoted.start)
            head = (head[0], _before_relative(text, *head))
            if head[1] - head[0] > 20:
                cut.append(head)
            cut.extend(sentence_spans(text, quoted.start, quoted.end))
            return cut
    return [(start, end)]


def _before_relative(text: str, start: int, end: int) -> int:
    """The end of a paraphrase without a dangling ", which" or ", but" before a quotation."""
    trailing = re.search(r",?\s+(?:which|who|but|and|that)\s*$", text[start:end])
    return start + trailing.start() if trailing else end


def quote_type(context: Context, start: int, end: int) -> str:
    """direct when the span lies within one quotation, mixed when it holds quoted words
    among others, indirect when it holds none."""
    for quoted in context.quotes:
        if quoted.start <= start and end <= quoted.end + 1:
            return "direct"
    inside = [q for q in context.quotes if start <= q.start and q.end <= end + 1]
    return "mixed" if inside else "indirect"


def add(
    context: Context,
    span: tuple[int, int],
    labels: tuple[str, str, str],
    speaker: SpeakerGuess,
    *,
    via: str | None = None,
) -> None:
    """Add a suggestion: the author's words are always direct (the article is his own)."""
    start, end = span
    kind_of_quote, kind, cue = labels
    if speaker.actor is not None and speaker.actor == context.author:
        kind_of_quote = "direct"
    speakers = (speaker,) if speaker.actor is not None or speaker.name else ()
    context.found.append(
        Suggestion(
            source=context.source,
            start=start,
            end=end,
            quote=context.text[start:end],
            quote_type=kind_of_quote,
            kind=kind,
            cue=cue,
            speakers=speakers,
            reported_via=via,
        )
    )


def clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence cut at its coordinating conjunctions: ", and", " and", ", although"…"""
    cuts = [start]
    for match in re.finditer(
        r";\s+|,?\s+(?:and|although|while|whereas|but)\s+(?=\w)", text[start:end]
    ):
        cuts.append(start + match.start())
    cuts.append(end)
    spans = [clean(text, a, b) for a, b in itertools.pairwise(cuts)]
    return [(a, b) for a, b in spans if a < b]


def subject(context: Context, found: list[Mention], start: int, stop: int) -> Mention | None:
    """The subject of a verb at `stop`: the first subject-like mention of start..stop (an
    actor's phrase before an unknown name), a list of actors taken as their group."""
    text = context.text
    here = [m for m in found if start <= m.start and m.end <= stop]
    candidates = [m for m in here if subject_like(text, m)]
    known = [m for m in candidates if m.actor is not None]
    chosen = known or candidates or [m for m in here if m.actor is not None]
    if not chosen:  # the last resort: an actor named in a phrase ("the reaction of X")
        return None
    return _group(context, here, chosen[0]) or chosen[0]


def _group(context: Context, here: list[Mention], first: Mention) -> Mention | None:
    """ "Brack, Ulm and Serra": the group actor whose members are exactly those listed."""
    text = context.text
    listed = [first]
    for mention in here:
        if mention.start <= listed[-1].start:
            continue
        between = text[listed[-1].end : mention.start]
        if not re.fullmatch(r",\s*|\s+and\s+|,\s+and\s+", between):
            break
        listed.append(mention)
    if len(listed) < 2:
        return None
    named = {m.actor for m in listed}
    for actor, members in context.lex.members.items():
        if members and set(members) == named:
            end = listed[-1].end
            return Mention(first.start, end, actor, text[first.start : end], "list of its members")
    return None
