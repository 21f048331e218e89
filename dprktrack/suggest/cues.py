"""Reporting cues of English news prose: the verbs and phrases that attribute words.

A cue is found outside quotation marks only (a quoted "said" is the speaker's, not the
article's). Each verb is listed with its inflections, so no stemming is needed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_VERBS = {
    "say": "say says said saying",
    "state": "state states stated stating",
    "tell": "tell tells told telling",
    "add": "add adds added adding",
    "note": "note notes noted noting",
    "warn": "warn warns warned warning",
    "argue": "argue argues argued arguing",
    "stress": "stress stresses stressed stressing",
    "insist": "insist insists insisted insisting",
    "claim": "claims claimed claiming",
    "believe": "believe believes believed believing",
    "emphasise": "emphasise emphasises emphasised emphasising emphasize emphasizes "
    "emphasized emphasizing",
    "express": "express expresses expressed expressing",
    "explain": "explains explained",
    "recall": "recalls recalled",
    "announce": "announce announces announced announcing",
    "suggest": "suggests suggested",
    "propose": "proposes proposed",
    "declare": "declare declares declared declaring",
    "comment": "comments commented commenting",
    "reply": "replies replied",
    "respond": "responds responded",
    "remark": "remarks remarked",
    "acknowledge": "acknowledges acknowledged",
    "admit": "admits admitted",
    "observe": "observes observed",
    "report": "reports reported",
    "write": "writes wrote",
    "conclude": "concludes concluded",
    "assert": "asserts asserted",
    "maintain": "maintains maintained",
    "deny": "denies denied",
    "urge": "urges urged",
    "demand": "demands demanded",
    "predict": "predicts predicted",
    "agree": "agree agrees agreed",
    "call": "calling",
    "think": "thinks thought",
    "condemn": "condemn condemns condemned",
    "criticise": "criticises criticised criticizes criticized",
    "refuse": "refuse refuses refused",
}
_LEMMA = {word: lemma for lemma, words in _VERBS.items() for word in words.split()}
"""Verbs in lower case only: "States" in "the Gulf States" is no verb."""
_PARTICLES = {
    "for": {"called", "calls", "calling"},
    "out": {"pointed", "points", "pointing"},
    "to": {"according", "According"},
}
"""Two-word cues: the second word, and the first words it completes."""
_VIEWS = {"view", "words", "opinion"}
_OWNERS = {"his", "her", "their", "its"}
_TOKEN = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class Cue:
    """A reporting cue: its words, where they stand, and what follows them."""

    start: int
    end: int
    words: str
    lemma: str

    @property
    def leads(self) -> bool:
        """Whether the speaker follows the cue ("according to X", "in his view")."""
        return self.lemma in ("according to", "view")


def cues(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> list[Cue]:
    """The reporting cues of text[start:end] that stand outside every quotation."""
    tokens = [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]
    found = []
    for index, (t_start, _, word) in enumerate(tokens):
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        cue_end = _cue_end(text, tokens, index, word, nxt)
        if cue_end is None or any(q_start < t_start < q_end for q_start, q_end in quoted):
            continue
        words = text[t_start:cue_end]
        found.append(Cue(t_start, cue_end, words, lemma_of(words)))
    return found


def _cue_end(
    text: str,
    tokens: list[tuple[int, int, str]],
    index: int,
    word: str,
    nxt: tuple[int, int, str] | None,
) -> int | None:
    """Where the cue that begins with token `index` ends, or None if none begins there."""
    spaced = nxt is not None and text[tokens[index][1] : nxt[0]] == " "
    if spaced and nxt is not None and word in _PARTICLES.get(nxt[2], ()):
        return nxt[1]
    if word in ("in", "In") and spaced and nxt is not None and nxt[2] in _OWNERS:
        after = tokens[index + 2] if index + 2 < len(tokens) else None
        if after is not None and after[2] in _VIEWS and text[nxt[1] : after[0]] == " ":
            return after[1]
    if word in ("state", "states"):  # a verb only when it says something: "states that"
        following = text[tokens[index][1] : tokens[index][1] + 7]
        return tokens[index][1] if re.match(r"(?: that\b|:|,)", following) else None
    if word in _LEMMA and not (spaced and nxt is not None and word in _PARTICLES.get(nxt[2], ())):
        return tokens[index][1]
    return None


def lemma_of(words: str) -> str:
    """The cue's dictionary form: "emphasized" → "emphasise", "In his view" → "view"."""
    lowered = words.lower()
    if lowered.startswith("in "):
        return "view"
    if lowered == "according to":
        return lowered
    if lowered.endswith(" for"):
        return "call for"
    if lowered.endswith(" out"):
        return "point out"
    return _LEMMA.get(lowered, lowered)
