"""Rules that look words up in lists must find what the regular expressions they replace
found (those compile slowly: a `suggest` pays for each at start-up), whatever the case,
the spacing, and wherever the stretch's edges cut a word."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from dprktrack.suggest.acts import _acts

ACT = re.compile(
    r"\b(vetoe[sd]|vetoing|vot(?:ed|es|ing)(?: \w+ly)? (?:for|against|in favou?r|to)"
    r"|abstained|abstains|submit(?:s|ted)|adopted|adopts|imposed|imposes|established"
    r"|establishes|ratified|ratifies|signed|signs|rejected|rejects|accepted|accepts|blocked"
    r"|approved|approves|passed|enacted|withdrew|withdraws|suspended|suspends|renewed"
    r"|renews|extended|extends|lifted|lifts|launched|launches|deployed|deploys"
    r"|set up|sets up)\b",
    re.IGNORECASE,
)
ACT_WORDS = ["voted", "VOTES", "voting", "vote", "for", "against", "in", "favour", "Favor",
             "to", "too", "unanimously", "ly", "oddly", "set", "Sets", "up", "upon", "vetoed",
             "paſſed", "PASSED", "signs", "sign", "İmposed", "ımposed", "rejected", "x", "_",
             "é", " ", "  ", ",", "-", "’", "\n"]  # fmt: skip


def cut(text: str, data: st.DataObject) -> tuple[int, int]:
    start = data.draw(st.integers(0, len(text)))
    return start, data.draw(st.integers(start, len(text)))


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(ACT_WORDS), max_size=14), st.data())
def test_act_verbs_are_what_the_expression_found(words: list[str], data: st.DataObject) -> None:
    text = "".join(words)
    start, end = cut(text, data)
    assert _acts(text, start, end) == [m.span() for m in ACT.finditer(text, start, end)]


NAME_LIST = re.compile(
    r"[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*(?:,\s+[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*)*)*"
)
NAME_PARTS = ["Ishar", "Dunmere", "U", "O’Neil", "Al-Sayed", "x", "é", "É", "9", "_", ",",
              ", ", " ", "\n", "\u2003", "-", "’", ".", ",,"]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(NAME_PARTS), max_size=8))
def test_a_list_of_names_is_what_the_expression_took(parts: list[str]) -> None:
    from dprktrack.suggest.acting import _only_names

    piece = "".join(parts)
    assert _only_names(piece) == (NAME_LIST.fullmatch(piece) is not None)


CHARGE = re.compile(
    r"\s+(?:(?:the|that|this|these|those|such|any|all|an?)\s+)?(?:\w+\s+)?"
    r"(?:charges?|claims?|accusations?|allegations?|criticisms?|reports?|suggestions?"
    r"|ideas?|notions?|view|assertions?|argument)\b"
)
CHARGE_WORDS = ["the", "an", "a", "that", "old", "claim", "claims", "claimed", "views", "view",
                "Claim", " ", "  ", "\n", ",", "’s", "-", "x_"]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(CHARGE_WORDS), max_size=8))
def test_a_charge_follows_where_the_expression_found_one(words: list[str]) -> None:
    from dprktrack.suggest.cues import _charge_follows

    after = "".join(words)
    assert _charge_follows(after) == (CHARGE.match(after) is not None)


NEGATION = re.compile(
    r"\b(?:not|never|n[’']t|declined\s+to|refused\s+to|no\s+longer)\s+(?:\w+\s+)?$",
    re.IGNORECASE,
)
NEGATION_WORDS = ["not", "NOT", "cannot", "never", "n’t", "don’t", "n't", "declined",
                  "refuſed", "to", "no", "longer", "say", "x", "(", "_", " ", "  ", "\n", ",",
                  "-"]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(NEGATION_WORDS), max_size=10), st.data())
def test_a_negation_is_where_the_expression_found_one(
    words: list[str], data: st.DataObject
) -> None:
    from dprktrack.suggest.cues import negated

    text = "".join(words)
    start, at = cut(text, data)
    expected = NEGATION.search(text[max(start, at - 40) : at]) is not None
    assert negated(text, start, at) == expected


SENTENCE_END = re.compile(r"[.!?…]+[”’\"'»)\]]*(?=\s+[\"'“‘«„(\[]?(\w))")
END_PARTS = ["said", "A", "9", "_", "é", ".", "..", "!", "?", "…", "”", "’", '"', "'", "»", ")",
             "]", "“", "‘", "«", "„", "(", "[", " ", "  ", "\n", "\u2003", ",", "-"]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(END_PARTS), max_size=12), st.data())
def test_sentence_ends_are_where_the_expression_found_them(
    parts: list[str], data: st.DataObject
) -> None:
    from dprktrack.suggest.sentences import _ends

    text = "".join(parts)
    start, end = cut(text, data)
    expected = [(m.start(), m.end(), m.start(1)) for m in SENTENCE_END.finditer(text, start, end)]
    assert _ends(text, start, end) == expected
