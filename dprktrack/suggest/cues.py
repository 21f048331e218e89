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
_PHRASES = (
    r"called for|calls for|calling for|pointed out|points out|pointing out|[Aa]ccording to"
    r"|[Ii]n (?:his|her|their|its) (?:view|words|opinion)"
)
_ALL_VERBS = "|".join(word for words in _VERBS.values() for word in words.split())
CUE = re.compile(rf"\b({_PHRASES}|{_ALL_VERBS})\b")
"""Verbs in lower case only: "States" in "the Gulf States" is no verb."""
_LEMMA = {word: lemma for lemma, words in _VERBS.items() for word in words.split()}


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
    found = []
    for match in CUE.finditer(text, start, end):
        if any(q_start < match.start() < q_end for q_start, q_end in quoted):
            continue
        words = match.group(1)
        found.append(Cue(match.start(), match.end(), words, lemma_of(words)))
    return found


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
