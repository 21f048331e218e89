"""Reporting cues of English news prose: the verbs and phrases that attribute words.

A cue is found outside quotation marks only (a quoted "said" is the speaker's, not the
article's). Each verb is listed with its inflections, so no stemming is needed.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import NamedTuple

from dprktrack.suggest.words import Words, folded, word_char, words

_BASE_WORDS = """say state tell add note warn argue stress insist claim believe emphasise emphasize
    express explain recall announce suggest propose declare comment reply respond remark
    acknowledge admit observe report write conclude assert maintain deny urge demand predict
    agree think condemn criticise criticize refuse accuse dismiss welcome appeal reject
    concede contend vow pledge promise describe confirm complain question caution charge
    allege recommend reiterate counter protest deplore praise hail blame
    ask answer testify call"""
_BASES = _BASE_WORDS.split()
_IRREGULAR = {
    "say": "said",
    "tell": "told",
    "think": "thought",
    "write": "wrote written",
}
"""Past forms no rule makes (the rest are made by `inflections`)."""


def inflections(base: str) -> set[str]:
    """A verb's forms in English spelling: say → says, saying, said; urge → urged, urging;
    deny → denies, denied; admit → admitted; vow → vowed."""
    forms = {base}
    if base.endswith(("s", "sh", "ch", "x", "z")):
        forms.add(base + "es")
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms.add(base[:-1] + "ies")
    else:
        forms.add(base + "s")
    forms.add((base[:-1] if base.endswith("e") and not base.endswith("ee") else base) + "ing")
    if base in _IRREGULAR:
        forms.update(_IRREGULAR[base].split())
    elif base.endswith("e"):
        forms.add(base + "d")
    elif base.endswith("y") and base[-2] not in "aeiou":
        forms.add(base[:-1] + "ied")
    elif base in _DOUBLING:
        forms.update({base + base[-1] + "ed", base + base[-1] + "ing"})
        forms.discard(base + "ing")
    else:
        forms.add(base + "ed")
    return forms


_DOUBLING = frozenset({"admit", "commit", "regret", "refer", "permit", "submit", "omit"})
"""Verbs stressed on a last short syllable: admit → admitted, admitting."""
_NOUN_WORDS = """claim report charge question counter answer comment appeal praise blame promise
    protest reply remark pledge vow caution call"""
_NOUNS_TOO = frozenset(_NOUN_WORDS.split())
"""Base forms that are as often nouns ("the claim", "a reply"): only their inflected forms
are cues."""
_BRITISH = {"emphasize": "emphasise", "criticize": "criticise"}
_LEMMA = {
    form: _BRITISH.get(base, base)
    for base in _BASES
    for form in sorted(inflections(base))
    if form not in _NOUNS_TOO
}
"""Verbs in lower case only: "States" in "the Gulf States" is no verb."""
_PARTICLES = {
    "for": {"called", "calls", "calling"},
    "out": {"pointed", "points", "pointing"},
    "to": {"according", "According"},
}
"""Two-word cues: the second word, and the first words it completes."""
_CHARGE_WORDS = """charge charges claim claims accusation accusations allegation allegations
    criticism criticisms report reports suggestion suggestions idea ideas notion notions view
    assertion assertions argument"""
_CHARGES = frozenset(_CHARGE_WORDS.split())
"""What a speaker rejects when rejecting is speech: a charge, a claim, a report…"""
_DETERMINERS = frozenset(("the", "that", "this", "these", "those", "such", "any", "all", "a", "an"))
_GERUND_WORDS = "before after by without of for from in on about despite instead while when"
_GERUND_AFTER = frozenset(_GERUND_WORDS.split())
_SUBJECTS_AND_MODALS = frozenset(
    ("i", "we", "you", "they", "would", "will", "may", "might", "could", "should", "must")
)
_NOT_PLURAL = frozenset(("its", "this", "his", "was", "has", "is", "as", "us", "thus", "ours"))
_BE = frozenset(("be", "been", "being", "is", "are", "was", "were"))
_VIEWS = {"view", "words", "opinion"}
_OWNERS = {"his", "her", "their", "its"}
_TOKEN = re.compile(r"[A-Za-z]+")
_MAY_BEGIN = frozenset(
    [
        *_LEMMA,
        *_NOUNS_TOO,
        "in",
        "In",
        "state",
        "states",
        *(w for f in _PARTICLES.values() for w in f),
    ]
)
"""Every word `_cue_end` can find a cue at (each of its answers needs one): the rest are
passed over without asking it."""


class Cue(NamedTuple):
    """A reporting cue: its words, where they stand, and what follows them."""

    start: int
    end: int
    words: str
    lemma: str

    @property
    def leads(self) -> bool:
        """Whether the speaker follows the cue ("according to X", "in his view")."""
        return self.lemma in ("according to", "view")


def cues(
    text: str, start: int, end: int, quoted: list[tuple[int, int]], known: Words | None = None
) -> list[Cue]:
    """The reporting cues of text[start:end] that stand outside every quotation (`known`:
    the text's words, if the caller has them)."""
    tokens = _letter_runs(text, start, end, known)
    found = []
    for index, (t_start, _, word) in enumerate(tokens):
        if word not in _MAY_BEGIN:
            continue
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        cue_end = _cue_end(text, tokens, index, word, nxt)
        if cue_end is None or any(q_start < t_start < q_end for q_start, q_end in quoted):
            continue
        if negated(text, start, t_start) or text[t_start - 1 : t_start] == "-":
            continue  # "did not say", "declined to comment", "so-called"
        if word.endswith("ing") and index and tokens[index - 1][2].lower() in _GERUND_AFTER:
            continue  # "before agreeing to", "without explaining": no one speaks here
        if _after_be(tokens, index) and not word.endswith("ing"):
            continue  # "have been promised", "was told": the passive names no speaker
        words = text[t_start:cue_end]
        found.append(Cue(t_start, cue_end, words, lemma_of(words)))
    return found


def _letter_runs(
    text: str, start: int, end: int, known: Words | None
) -> list[tuple[int, int, str]]:
    """The runs of ASCII letters of text[start:end] (a run an edge cuts, cut), with their
    offsets. Each lies in one word: most words of `known` are such a run whole."""
    if known is None:
        return [(m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, start, end)]
    runs: list[tuple[int, int, str]] = []
    for found in known.within(start, end):
        word = found[2]
        if word.isascii() and word.isalpha():
            runs.append(found)
        else:
            runs.extend((m.start(), m.end(), m.group(0)) for m in _TOKEN.finditer(text, *found[:2]))
    return runs


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
    if word in ("state", "states") or _LEMMA.get(word) == "reject":
        return _guarded(text, tokens[index][1], word)
    if word in _LEMMA and not (spaced and nxt is not None and word in _PARTICLES.get(nxt[2], ())):
        return tokens[index][1]
    if word in _NOUNS_TOO and index and _verb_before(tokens[index - 1][2]):
        return tokens[index][1]  # "officials blame", "they claim", "would welcome"
    return None


def _after_be(tokens: list[tuple[int, int, str]], index: int) -> bool:
    """Whether a form of "be" stands before the verb, adverbs aside ("was openly told")."""
    back = index - 1
    while back >= 0 and tokens[back][2].lower().endswith("ly"):
        back -= 1
    return back >= 0 and tokens[back][2].lower() in _BE


def _guarded(text: str, end: int, word: str) -> int | None:
    """ "state" is a verb only when it says something ("states that"); "reject" is an act
    ("rejected the draft") unless words are rejected ("rejects that charge")."""
    if word in ("state", "states"):
        return end if re.match(r"(?: that\b|:|,)", text[end : end + 7]) else None
    return end if _charge_follows(text[end : end + 40]) else None


def _charge_follows(after: str) -> bool:
    """Whether a charge, a claim, a report… is the next word, or the one after it, or the
    one after a determiner and a word ("rejects the charge", "rejected that old claim")."""
    if not after[:1].isspace():
        return False
    chunks = after.split()
    if chunks and _leading_word(chunks[0]) in _CHARGES:
        return True
    if len(chunks) < 2 or _leading_word(chunks[0]) != chunks[0]:
        return False
    if _leading_word(chunks[1]) in _CHARGES:
        return True
    return (
        chunks[0] in _DETERMINERS
        and len(chunks) > 2
        and _leading_word(chunks[1]) == chunks[1]
        and _leading_word(chunks[2]) in _CHARGES
    )


def _leading_word(chunk: str) -> str:
    """The word a chunk of text begins with ("claim" of "claim’s"), or ""."""
    at = 0
    while at < len(chunk) and word_char(chunk[at]):
        at += 1
    return chunk[:at]


def _verb_before(previous: str) -> bool:
    """Whether a word that is as often a noun is a verb here: after a plural subject, a
    pronoun or a modal ("critics question", "they claim", "would welcome")."""
    lowered = previous.lower()
    if lowered in _SUBJECTS_AND_MODALS:
        return True
    return lowered.endswith("s") and not lowered.endswith("ss") and lowered not in _NOT_PLURAL


_NEGATIONS = ("not", "never", "n’t", "n't")
_NEGATING = {"to": ("declined", "refused"), "longer": ("no",)}
"""Negations of two words: the second, and the first words it completes."""
_SPEECH_VERB_WORDS = "say speak comment respond reply answer elaborate explain confirm return"
_SPEECH_VERBS = frozenset(_SPEECH_VERB_WORDS.split())
_VERIFIED = frozenset(("verified", "confirmed"))
_APOSTROPHES = ("’", "'")


def negated_speech(text: str, start: int, end: int, known: Words | None = None) -> bool:
    """Whether text[start:end] tells that someone did not speak ("did not comment", "declined
    to say", "would not immediately respond") or that a report could not be verified ("could
    not be independently confirmed"), in any case: narration, no one's claim (`known`: the
    text's words, if the caller has them)."""
    found = words(text, start, end, known)
    if found and found[0][0] > 0 and word_char(text[found[0][0] - 1]):
        found = found[1:]  # the end of a word `start` cuts begins no phrase
    padding = ["", "", "", ""]  # no word, and nothing between words, past the last
    lowered = [folded(word) for _, _, word in found] + padding
    gaps = [text[gap_start:gap_end] for (_, gap_start, _), (gap_end, _, _) in pairwise(found)]
    gaps += padding
    return any(
        _not_said(lowered[at : at + 4], gaps[at : at + 3])
        or _not_verified(lowered[at : at + 5], gaps[at : at + 4])
        for at in range(len(found))
    )


def _not_said(lowered: list[str], gaps: list[str]) -> bool:
    """Whether the words (in lower case, with what stands between them) begin with a
    negation and a verb of speech, one word perhaps between: "not say", "n’t comment",
    "declined to say", "not immediately respond"."""
    two = (lowered[0], lowered[1])
    if lowered[0] in ("not", "never"):
        verb = 1
    elif (two == ("n", "t") and gaps[0] in _APOSTROPHES) or (
        two in (("declined", "to"), ("refused", "to")) and gaps[0].isspace()
    ):
        verb = 2
    else:
        return False
    if not gaps[verb - 1].isspace():
        return False
    return lowered[verb] in _SPEECH_VERBS or (
        gaps[verb].isspace() and lowered[verb + 1] in _SPEECH_VERBS
    )


def _not_verified(lowered: list[str], gaps: list[str]) -> bool:
    """Whether the words (in lower case, with what stands between them) begin "could not be
    verified", "couldn’t be confirmed", "can not be independently verified"…"""
    could_not = (lowered[0] in ("could", "can") and gaps[0].isspace() and lowered[1] == "not") or (
        lowered[0] in ("couldn", "cann") and gaps[0] in _APOSTROPHES and lowered[1] == "t"
    )
    if not (could_not and gaps[1].isspace() and lowered[2] == "be" and gaps[2].isspace()):
        return False
    adverb = lowered[3]
    return adverb in _VERIFIED or (
        len(adverb) > 2 and adverb.endswith("ly") and gaps[3].isspace() and lowered[4] in _VERIFIED
    )


def negated(text: str, start: int, at: int) -> bool:
    """Whether the verb at `at` is negated ("did not say", "would not immediately comment",
    "declined to say"): a negation ends the 40 characters before it, or the word before."""
    before = text[max(start, at - 40) : at]
    if not before[-1:].isspace():
        return False
    chunks = before.split()
    if _ends_negated(chunks):
        return True
    return (
        len(chunks) > 1 and _leading_word(chunks[-1]) == chunks[-1] and _ends_negated(chunks[:-1])
    )


def _ends_negated(chunks: list[str]) -> bool:
    """Whether text split at white space ends with a negation."""
    last = folded(chunks[-1]) if chunks else ""
    if last in _NEGATING and len(chunks) > 1 and _ends_with(chunks[-2], _NEGATING[last]):
        return True
    return bool(chunks) and _ends_with(chunks[-1], _NEGATIONS)


def _ends_with(chunk: str, wanted: tuple[str, ...]) -> bool:
    """Whether a chunk of text ends with one of the `wanted` words (in any case), begun
    where a word begins ("not" ends "(not", never "cannot")."""
    lowered = folded(chunk)
    for word in wanted:
        before = len(chunk) - len(word) - 1
        if lowered.endswith(word) and (before < 0 or not word_char(chunk[before])):
            return True
    return False


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
