"""Acts under an institution's procedure (the codebook's `act` kind): votes, vetoes,
abstentions, drafts submitted, resolutions adopted, bodies established, sanctions imposed."""

from __future__ import annotations

import re

ACT = re.compile(
    r"\b(vetoe[sd]|vetoing|vot(?:ed|es|ing)(?: \w+ly)? (?:for|against|in favou?r|to)"
    r"|abstained|abstains|submit(?:s|ted)|adopted|adopts|imposed|imposes|established"
    r"|establishes|ratified|ratifies|signed|signs|rejected|rejects|accepted|accepts|blocked"
    r"|approved|approves|passed|enacted|withdrew|withdraws|suspended|suspends|renewed"
    r"|renews|extended|extends|lifted|lifts|launched|launches|deployed|deploys"
    r"|set up|sets up)\b",
    re.IGNORECASE,
)


def act_verb(
    text: str, start: int, end: int, quoted: list[tuple[int, int]]
) -> re.Match[str] | None:
    """The first act verb of text[start:end] outside quotation marks, or None."""
    for match in ACT.finditer(text, start, end):
        if any(q_start < match.start() < q_end for q_start, q_end in quoted):
            continue
        if not _adjective(text, match.start()):
            return match
    return None


_DETERMINERS = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our"]
)


def _adjective(text: str, verb_start: int) -> bool:
    """Whether the participle is an adjective ("the established procedure", "its
    imposed limits"): a determiner stands right before it."""
    before = text[max(0, verb_start - 8) : verb_start].split()
    return bool(before) and before[-1].lower() in _DETERMINERS


BY_AGENT = re.compile(
    r"\b(?:a|an|the)\s+(?:[\w-]+,?\s+){0,4}?(submitted|adopted|tabled|sponsored|drafted"
    r"|proposed|put forward|introduced|presented|circulated)\s+by\s+(?:the\s+)?"
)
"""A noun phrase with its act's agent: "a draft resolution submitted by X" (X's act)."""


def passive(text: str, verb_start: int) -> bool:
    """Whether the act verb is in the passive ("was adopted", "were rejected")."""
    before = text[max(0, verb_start - 12) : verb_start].split()
    return bool(before) and before[-1].lower() in ("was", "were", "been", "be", "is", "are")
