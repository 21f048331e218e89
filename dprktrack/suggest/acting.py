"""Acts told in a sentence: each clause with an act verb is its doer's act, a passive
with no agent the act of the body named in the paragraph (the codebook's rule)."""

from __future__ import annotations

import re

from dprktrack.suggest.acts import act_verb, by_agents, passive
from dprktrack.suggest.model import SpeakerGuess
from dprktrack.suggest.reading import Context, add, clauses, subject
from dprktrack.suggest.sentences import Sentence
from dprktrack.suggest.speakers import Mention
from dprktrack.suggest.words import past_space, word_char, words


def acts(context: Context, unit: Sentence, found: list[Mention]) -> None:
    """Add each act of the unit, by clause, to `context.found`."""
    text = context.text
    for start, end in _act_clauses(context, unit):
        verb = act_verb(text, start, end, context.quoted, context.words)
        if verb is None:
            continue
        here = [m for m in found if start <= m.start < end]
        guess = _doer(context, unit, here, start, verb)
        add(context, (start, end), ("indirect", "act", text[verb[0] : verb[1]]), guess)
        _by_agent(context, here, start, end)
        if guess.actor and context.lex.kinds.get(guess.actor) == "organization":
            context.last_body = guess.actor
    context.reported = False


def _by_agent(context: Context, here: list[Mention], start: int, end: int) -> None:
    """ "a draft resolution submitted by X" inside a clause: X's own act."""
    text = context.text
    for phrase, agent_start, act in by_agents(text, start, end, context.words):
        agent = [m for m in here if m.start == agent_start and m.actor is not None]
        if agent and phrase > start:
            guess = SpeakerGuess(agent[0].actor, agent[0].name, "agent of the act: 'by'")
            add(context, (phrase, agent[0].end), ("indirect", "act", act), guess)


def _act_clauses(context: Context, unit: Sentence) -> list[tuple[int, int]]:
    """The unit cut at its conjunctions only between two acts ("X vetoed it, while Y
    abstained"): a piece with no act verb ("Brack and Ulm") stays with its neighbour."""
    text = context.text
    joined: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in clauses(text, unit.start, unit.end):
        begin = start if pending is None else pending
        if act_verb(text, start, end, context.quoted, context.words) is None:
            if joined and pending is None and not _only_names(text[start:end]):
                joined[-1] = (joined[-1][0], end)
            else:
                pending = begin
            continue
        joined.append((begin, end))
        pending = None
    if pending is not None and joined:
        joined[-1] = (joined[-1][0], unit.end if text[unit.end - 1] != "." else unit.end - 1)
    return joined


def _only_names(piece: str) -> bool:
    """Whether a piece is only capitalised names ("Ishar, Dunmere", "Port Ulm"): the head of
    the next act's list. Its words (a capital, then letters, digits, "’", "'" or "-") stand
    apart by white space, or by a comma and white space."""
    names = piece.split()
    if not names or piece[0].isspace() or piece[-1].isspace():
        return False
    names[:-1] = [name[:-1] if name.endswith(",") else name for name in names[:-1]]
    return all(_capitalised(name) for name in names)


def _capitalised(name: str) -> bool:
    return "A" <= name[:1] <= "Z" and all(char.isalnum() or char in "_’'-" for char in name[1:])


def _doer(
    context: Context, unit: Sentence, here: list[Mention], start: int, verb: tuple[int, int]
) -> SpeakerGuess:
    """Who did the act: the agent of a passive ("by X"), else the subject, else the body."""
    text = context.text
    verb_start, verb_end = verb
    if passive(text, verb_start):
        agent = re.match(r"\s+by\s+(?:the\s+)?", text[verb_end:])
        after = [m for m in here if m.start >= verb_end and m.actor]
        if agent and after and after[0].start == verb_end + agent.end():
            return SpeakerGuess(after[0].actor, after[0].name, "agent of the act: 'by'")
    else:
        start = _clause_start(text, start, verb_start)
        named = subject(context, here, start, verb_start)
        if named is not None:
            return SpeakerGuess(named.actor, named.name, "subject of the act")
    body = _body(context, unit)
    if body is None:
        return SpeakerGuess(None, "", "no actor found")
    return SpeakerGuess(body, body, "the body in which the act took place")


_SUBORDINATING_WORDS = "after when because since before once until unless though although as"
_SUBORDINATING = frozenset(_SUBORDINATING_WORDS.split())


def _clause_start(text: str, start: int, verb: int) -> int:
    """Where the clause of the act verb begins: after the last subordinating conjunction
    before it and its white space ("… failed after X vetoed": X's act, not the sentence
    subject's). Its words are looked up (an expression for them compiled slowly)."""
    begin = start
    for at, after, word in words(text, start, verb):
        if (
            word in _SUBORDINATING
            and (at == 0 or not word_char(text[at - 1]))
            and after < verb
            and text[after].isspace()
        ):
            begin = past_space(text, after, verb)
    return begin


def _body(context: Context, unit: Sentence) -> str | None:
    named = context.bodies(unit.paragraph)
    return named[0] if named else context.last_body
