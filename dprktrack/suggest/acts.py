"""Acts under an institution's procedure (the codebook's `act` kind): votes, vetoes,
abstentions, drafts submitted, resolutions adopted, bodies established, sanctions imposed."""

from __future__ import annotations

from dprktrack.suggest.words import Words, folded, past_space, word_char, words

_ACT_WORDS = """vetoed vetoes vetoing abstained abstains submits submitted adopted adopts
    imposed imposes established establishes ratified ratifies signed signs rejected rejects
    accepted accepts blocked approved approves passed enacted withdrew withdraws suspended
    suspends renewed renews extended extends lifted lifts launched launches deployed deploys"""
_ACTS = frozenset(_ACT_WORDS.split())
"""Act verbs of one word, in lower case (any case in the text)."""
_VOTES = frozenset(("voted", "votes", "voting"))
"""An act with the side voted on: "voted for", "voted unanimously against", "votes to"."""
_SIDES = frozenset(("for", "against", "to"))
_FAVOUR = frozenset(("favour", "favor"))
_SETS = frozenset(("set", "sets"))
"""An act with its particle: "set up"."""


def act_verb(
    text: str, start: int, end: int, quoted: list[tuple[int, int]], known: Words | None = None
) -> tuple[int, int] | None:
    """Where the first act verb of text[start:end] outside quotation marks stands, or None
    (`known`: the text's words, if the caller has them)."""
    for found in _acts(text, start, end, known):
        if any(q_start < found[0] < q_end for q_start, q_end in quoted):
            continue
        if not _adjective(text, found[0]):
            return found
    return None


def _acts(text: str, start: int, end: int, known: Words | None = None) -> list[tuple[int, int]]:
    """Every act verb of text[start:end], with its particle or side ("set up", "voted
    for"), in order; none begins inside a word or inside the act before it."""
    tokens = words(text, start, end, known)
    found: list[tuple[int, int]] = []
    reach = start
    for index, (t_start, t_end, word) in enumerate(tokens):
        if t_start < reach or (t_start == start and start > 0 and word_char(text[start - 1])):
            continue  # within the last act, or a word `start` cuts
        lowered = folded(word)
        stop: int | None = t_end
        if lowered in _VOTES:
            stop = _voted_on(text, tokens, index)
        elif lowered in _SETS:
            up = _spaced(text, tokens, index)
            stop = up[1] if up is not None and folded(up[2]) == "up" else None
        elif lowered not in _ACTS:
            stop = None
        if stop is not None:
            found.append((t_start, stop))
            reach = stop
    return found


def _spaced(
    text: str, tokens: list[tuple[int, int, str]], index: int
) -> tuple[int, int, str] | None:
    """The word that follows token `index` after one space, or None."""
    if index + 1 >= len(tokens):
        return None
    end, after = tokens[index][1], tokens[index + 1]
    return after if after[0] == end + 1 and text[end] == " " else None


def _voted_on(text: str, tokens: list[tuple[int, int, str]], index: int) -> int | None:
    """Where "voted" (token `index`) with its side ends, an adverb between them or not
    ("voted for", "voted unanimously in favour"), or None when no side follows."""
    adverb = _spaced(text, tokens, index)
    if adverb is not None and len(adverb[2]) > 2 and folded(adverb[2]).endswith("ly"):
        side = _side(text, tokens, index + 1)
        if side is not None:
            return side
    return _side(text, tokens, index)


def _side(text: str, tokens: list[tuple[int, int, str]], index: int) -> int | None:
    """Where the side voted on after token `index` ends ("for", "against", "to", "in
    favour"), or None."""
    side = _spaced(text, tokens, index)
    if side is None:
        return None
    if folded(side[2]) in _SIDES:
        return side[1]
    favour = _spaced(text, tokens, index + 1) if folded(side[2]) == "in" else None
    return favour[1] if favour is not None and folded(favour[2]) in _FAVOUR else None


_DETERMINERS = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our"]
)


def _adjective(text: str, verb_start: int) -> bool:
    """Whether the participle is an adjective ("the established procedure", "its
    imposed limits"): a determiner stands right before it."""
    before = text[max(0, verb_start - 8) : verb_start].split()
    return bool(before) and before[-1].lower() in _DETERMINERS


_PROPOSAL_WORDS = (
    "submitted adopted tabled sponsored drafted proposed introduced presented circulated"
)
_PROPOSALS = frozenset(_PROPOSAL_WORDS.split())
"""What a body does to a text that a noun phrase names with its agent ("the draft tabled by
X"), besides "put forward"."""


def by_agents(
    text: str, start: int, end: int, known: Words | None = None
) -> list[tuple[int, int, str]]:
    """The noun phrases of text[start:end] with their act's agent: "a draft resolution
    submitted by X" (X's act). Each as where it begins, where its agent does, and its act's
    words (`known`: the text's words, if the caller has them)."""
    found = []
    resume = start
    for article, after, word in words(text, start, end, known):
        if article < resume or word not in ("a", "an", "the"):
            continue
        if article > 0 and word_char(text[article - 1]):
            continue  # the end of a word `start` cuts
        agent = _agent_after(text, after, end)
        if agent is not None:
            found.append((article, *agent))
            resume = agent[0]
    return found


def _agent_after(text: str, after: int, end: int) -> tuple[int, str] | None:
    """After an article, four words at most (each with a comma perhaps), an act of proposing,
    "by" (and "the"): where the agent begins, and the act's words."""
    for count in range(5):
        at = past_space(text, after, end)
        if at == after:
            return None  # no white space after the article or a word
        verb = _proposal(text, at, end)
        agent = None if verb is None else _after_by(text, verb, end)
        if agent is not None and verb is not None:
            return agent, text[at:verb]
        after = _chunk_end(text, at, end)
        if count == 4 or after == at:
            return None
        after += text.startswith(",", after, end)
    return None


def _chunk_end(text: str, at: int, end: int) -> int:
    """Where the run of word characters and hyphens that begins at `at` ends."""
    while at < end and (word_char(text[at]) or text[at] == "-"):
        at += 1
    return at


def _proposal(text: str, at: int, end: int) -> int | None:
    """Where the act of proposing that begins at `at` ends ("tabled", "put forward")."""
    chunk_end = _chunk_end(text, at, end)
    if text[at:chunk_end] in _PROPOSALS:
        return chunk_end
    if text[at:chunk_end] == "put" and text[chunk_end : chunk_end + 1] == " ":
        forward = _chunk_end(text, chunk_end + 1, end)
        return forward if text[chunk_end + 1 : forward] == "forward" else None
    return None


def _after_by(text: str, verb: int, end: int) -> int | None:
    """Where the agent begins after an act's "by" (and "the"), or None if "by" does not
    follow the act."""
    by = past_space(text, verb, end)
    if by == verb or not text.startswith("by", by, end):
        return None
    agent = past_space(text, by + 2, end)
    if agent == by + 2:
        return None
    if text.startswith("the", agent, end):
        after_the = past_space(text, agent + 3, end)
        return after_the if after_the > agent + 3 else agent
    return agent


def passive(text: str, verb_start: int) -> bool:
    """Whether the act verb is in the passive ("was adopted", "were rejected")."""
    before = text[max(0, verb_start - 12) : verb_start].split()
    return bool(before) and before[-1].lower() in ("was", "were", "been", "be", "is", "are")
