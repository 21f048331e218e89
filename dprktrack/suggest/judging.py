"""Whether a sentence in the author's voice judges rather than narrates: general English
words of assessment, hedges, comparisons and modals of judgement (no article's own words).

A sentence reaches these rules only when it has no reporting cue, no quotation of someone's
words and no act: what is left is the author's narration or the author's judgement.
"""

from __future__ import annotations

import re
from itertools import pairwise

from dprktrack.suggest.words import begins_with_word, folded, words

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
_PHRASE_LIST = """of course|hard to|easy to|no doubt|not helping|every reason|little reason
    |no reason|too little|too late|too much|too early|at best|at worst|in trouble
    |no longer hold|remains to be seen"""
_PHRASES = tuple(tuple(phrase.split()) for phrase in _PHRASE_LIST.split("|"))
"""Phrases of judgement, their last word perhaps the start of a longer one ("holds")."""
_PHRASE_STARTS = frozenset(phrase[0] for phrase in _PHRASES)
_COMPARED = ("ly", "ble", "ive", "ful", "ous", "ic", "al", "ant", "ent")
"""How the word after "more" ends when it is compared ("more likely", "more credible")."""
_MODALS = frozenset(("should", "must", "might", "may"))
_APOSTROPHES = ("’", "'")
_CONJUNCTIONS = frozenset(("But", "And", "Yet", "So", "Still"))
_DEMONSTRATIVES = frozenset(("That", "This", "Such", "Neither", "Either", "None"))
_LINKING_VERBS = frozenset(("is", "was", "are", "were", "seems", "looks", "remains"))
_ARGUING_OPENINGS = """However|Yet|Still|Thus|Therefore|Hence|Consequently|Indeed|In fact
    |After all|In short|In other words|Instead|Worse|Better still"""
_ARGUING = tuple(opening.strip() for opening in _ARGUING_OPENINGS.split("|"))
"""How a sentence that argues from what came before opens ("However, …"), so that even its
plain prediction ("will step up", "have already begun") is the author's."""
_IN_THIS = frozenset(("direction", "sense", "way", "respect", "light", "context", "regard"))
"""What "in this …" may argue from ("in this direction")."""
_WORD = re.compile(r"[a-z]+")


def weighs(sentence: str) -> bool:
    """Whether a sentence weighs what came before ("That explanation is not convincing."):
    after someone's words, the author's verdict on them, not more of them."""
    stripped = sentence.strip()
    return _demonstrative(stripped) and judges(stripped)


def judges(sentence: str) -> bool:
    """Whether a sentence with no cue, quotation or act judges, hedges or weighs: a word of
    assessment, a phrase of judgement or comparison, a modal of judgement, a demonstrative
    that weighs what came before, or a question."""
    lowered = sentence.lower()
    if set(_WORD.findall(lowered)) & ASSESSMENT:
        return True
    found = words(sentence, 0, len(sentence))
    if _phrase(sentence, found) or _modal(sentence, found):
        return True
    stripped = sentence.strip()
    if begins_with_word(stripped, _ARGUING) or _in_this(stripped):
        return True
    return _demonstrative(stripped) or stripped.endswith("?")


def _demonstrative(sentence: str) -> bool:
    """Whether a sentence weighs what came before: "That is the language of…", "But neither
    step is…" (a demonstrative opens it, a conjunction perhaps before, and "is", "seems"…
    follows within 40 characters, no comma or semicolon between)."""
    found = words(sentence, 0, len(sentence))
    if not found or found[0][0] != 0:
        return False
    first = found[0]
    if first[2] in _CONJUNCTIONS and len(found) > 1 and sentence[first[1] : found[1][0]].isspace():
        found = found[1:]
    if found[0][2] not in _DEMONSTRATIVES:
        return False
    after = found[0][1]
    for start, _, word in found[1:]:
        if start - after > 40 or any(stop in sentence[after:start] for stop in ",;"):
            return False
        if word in _LINKING_VERBS:
            return True
    return False


def _phrase(sentence: str, found: list[tuple[int, int, str]]) -> bool:
    """Whether the sentence has a phrase of judgement ("of course", "too late") or of
    comparison ("more than", "less costly than", "more credible"), in any case, its words
    one space apart."""
    lowered = [folded(word) for _, _, word in found]
    spaced = [sentence[end:start] == " " for (_, end, _), (start, _, _) in pairwise(found)]
    for at, word in enumerate(lowered):
        for phrase in _PHRASES if word in _PHRASE_STARTS else ():
            last = at + len(phrase) - 1
            if (
                last < len(lowered)
                and lowered[at:last] == list(phrase[:-1])
                and all(spaced[at:last])
                and lowered[last].startswith(phrase[-1])
            ):
                return True
        if word in ("more", "less") and at + 1 < len(lowered) and spaced[at]:
            after = lowered[at + 1]
            if after.startswith("than"):
                return True
            if at + 2 < len(lowered) and spaced[at + 1] and lowered[at + 2].startswith("than"):
                return True
            if word == "more" and any(
                len(after) > len(ending) and after.endswith(ending) for ending in _COMPARED
            ):
                return True
    return False


def _modal(sentence: str, found: list[tuple[int, int, str]]) -> bool:
    """Whether the sentence has a modal of judgement or hedging ("should publish", "may be
    right", "ought to go", "would not be", "cannot", "can’t"), in any case."""
    lowered = [folded(word) for _, _, word in found]
    gaps = [sentence[end:start] for (_, end, _), (start, _, _) in pairwise(found)]
    for at, word in enumerate(lowered):
        after = lowered[at + 1 : at + 3]
        gap = gaps[at] if at < len(gaps) else ""  # white space alone: a word follows
        then = gaps[at + 1] if at + 1 < len(gaps) else ""
        if (
            (word in _MODALS and gap.isspace())
            or (word == "ought" and gap == " " and after[:1] == ["to"] and then.isspace())
            or (word == "would" and gap.isspace() and after[:1] == ["be"])
            or (word == "would" and gap.isspace() and after == ["not", "be"] and then.isspace())
            or word == "cannot"
            or (word == "can" and gap in _APOSTROPHES and after[:1] == ["t"])
        ):
            return True
    return False


def _in_this(sentence: str) -> bool:
    """Whether the sentence argues "in this direction", "in this sense"…"""
    found = words(sentence, 0, len(sentence))
    for first, second, third in zip(found, found[1:], found[2:], strict=False):
        if (
            (first[2], second[2]) == ("in", "this")
            and third[2] in _IN_THIS
            and sentence[first[1] : second[0]] == " "
            and sentence[second[1] : third[0]] == " "
        ):
            return True
    return False
