"""Acts under an institution's procedure (the codebook's `act` kind): votes, vetoes,
abstentions, drafts submitted, resolutions adopted, bodies established, sanctions imposed."""

from __future__ import annotations

import re

ACT = re.compile(
    r"\b(vetoe[sd]|vetoing|vot(?:ed|es|ing)(?: \w+ly)? (?:for|against|in favou?r|to)"
    r"|abstained|abstains|submit(?:s|ted)|adopted|adopts|imposed|imposes|established|ratified|signed"
    r"|rejected|blocked|approved|passed|enacted|withdrew|suspended)\b",
    re.IGNORECASE,
)


def act_verb(
    text: str, start: int, end: int, quoted: list[tuple[int, int]]
) -> re.Match[str] | None:
    """The first act verb of text[start:end] outside quotation marks, or None."""
    for match in ACT.finditer(text, start, end):
        if not any(q_start < match.start() < q_end for q_start, q_end in quoted):
            return match
    return None


def passive(text: str, verb_start: int) -> bool:
    """Whether the act verb is in the passive ("was adopted", "were rejected")."""
    before = text[max(0, verb_start - 12) : verb_start].split()
    return bool(before) and before[-1].lower() in ("was", "were", "been", "be", "is", "are")
