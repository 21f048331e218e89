"""Whether a sentence in the author's voice judges rather than narrates: general English
words of assessment, hedges, comparisons and modals of judgement (no article's own words).

A sentence reaches these rules only when it has no reporting cue, no quotation of someone's
words and no act: what is left is the author's narration or the author's judgement.
"""

from __future__ import annotations

import re

_ASSESSMENT_WORDS = """unfortunately fortunately certainly clearly obviously surely indeed perhaps
    probably likely unlikely apparently evidently admittedly arguably undoubtedly doubtless
    sadly alas ironically oddly curiously strangely surprisingly remarkably regrettably
    predictably inevitably conveniently tellingly notably rightly wrongly naturally frankly
    important significant crucial essential serious dangerous unacceptable absurd biased
    obvious evident deep regrettable remarkable familiar plausible implausible convincing
    unconvincing credible persuasive doubtful questionable dubious misguided mistaken wrong
    right wise unwise foolish reckless naive cynical hollow empty futile pointless useless
    worthless worth worthy sensible reasonable unreasonable fair unfair justified unjustified
    legitimate illegitimate sound flawed weak strong feeble timid muted modest meagre meager
    poor rich costly cheap risky safe fragile shaky hopeful hopeless bleak grim dire troubling
    worrying alarming disturbing encouraging promising welcome unwelcome disappointing
    surprising telling striking ironic odd strange curious awkward clumsy effective
    ineffective successful unsuccessful productive counterproductive harmful helpful useful
    necessary unnecessary urgent overdue premature inadequate sufficient insufficient
    excessive irresponsible responsible hypocritical inconsistent ambitious unrealistic
    realistic naive true false better worse best worst easier harder greater lesser
    rarely seldom hardly barely scarcely mistake miscalculation blunder error failure
    bargain folly irony paradox gamble"""
ASSESSMENT = frozenset(_ASSESSMENT_WORDS.split())
"""Adjectives, adverbs and nouns by which a writer judges, hedges or weighs."""
_PHRASES = re.compile(
    r"\b(?:of course|hard to|easy to|no doubt|not helping|every reason|little reason"
    r"|no reason|too (?:little|late|much|early)|at best|at worst|in trouble|no longer holds?"
    r"|remains to be seen|more (?:\w+ )?than|less (?:\w+ )?than|more \w+ly\b|more \w+(?:ble|ive|ful"
    r"|ous|ic|al|ant|ent)\b)",
    re.IGNORECASE,
)
"""Phrases of judgement and comparison."""
_MODAL = re.compile(
    r"\b(?:should|must|ought to|might|may)(?:\s+not)?\s+\w+|\bwould(?:\s+not)?\s+be\b"
    r"|\bcannot\b|\bcan[’']t\b",
    re.IGNORECASE,
)
"""Modals of judgement and hedging ("should publish", "may be right", "would be")."""
_DEMONSTRATIVE = re.compile(
    r"^(?:(?:But|And|Yet|So|Still)\s+)?(?:That|This|Such|Neither|Either|None)\b[^,;]{0,40}?"
    r"\b(?:is|was|are|were|seems|looks|remains)\b"
)
"""A sentence weighing what came before: "That is the language of…", "Neither step is…"."""
_ARGUING = re.compile(
    r"^(?:However|Yet|Still|Thus|Therefore|Hence|Consequently|Indeed|In fact|After all"
    r"|In short|In other words|Instead|Worse|Better still)\b"
    r"|\bin this (?:direction|sense|way|respect|light|context|regard)\b"
)
"""A sentence that argues from what came before ("However, …", "in this direction"), so that
even its plain prediction ("will step up", "have already begun") is the author's."""
_WORD = re.compile(r"[a-z]+")


def weighs(sentence: str) -> bool:
    """Whether a sentence weighs what came before ("That explanation is not convincing."):
    after someone's words, the author's verdict on them, not more of them."""
    stripped = sentence.strip()
    return bool(_DEMONSTRATIVE.match(stripped)) and judges(stripped)


def judges(sentence: str) -> bool:
    """Whether a sentence with no cue, quotation or act judges, hedges or weighs: a word of
    assessment, a phrase of judgement or comparison, a modal of judgement, a demonstrative
    that weighs what came before, or a question."""
    lowered = sentence.lower()
    if set(_WORD.findall(lowered)) & ASSESSMENT:
        return True
    if _PHRASES.search(sentence) or _MODAL.search(sentence):
        return True
    stripped = sentence.strip()
    if _ARGUING.search(stripped):
        return True
    return bool(_DEMONSTRATIVE.match(stripped)) or stripped.endswith("?")
