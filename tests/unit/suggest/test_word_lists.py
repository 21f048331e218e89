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


LEAD_PARTS = ["in", "a", "statement", "that", "That", "thatx", "xthat", "As", "Like", "Ask", " ",
              "  ", "\n", ":", ",", ".", ";", "“", "”", '"', "«", "»", "„", "‘", "'", "_", "é",
              "x" * 30]  # fmt: skip
lead_ins = st.lists(st.sampled_from(LEAD_PARTS), max_size=14).map("".join)


@settings(deadline=None, max_examples=500)
@given(lead_ins)
def test_a_quotation_after_a_colon_or_comma_is_where_the_expressions_found_it(after: str) -> None:
    from dprktrack.suggest.reported import _colon_before_quote, _comma_before_quote

    colon = re.match(r"[^.;:]{0,120}?:\s*(?=[“\"«„‘'])", after)
    comma = re.match(r"[^“”\"«».;:]{0,80}?,\s*(?=[“\"«„‘'])", after)
    assert _colon_before_quote(after) == (colon.end() if colon else None)
    assert _comma_before_quote(after) == (comma.end() if comma else None)
    chosen = colon or comma
    if chosen is not None:  # the colon's lead-in has ":" in it, the comma's none
        assert (":" in after[: chosen.end()]) == (colon is not None)


@settings(deadline=None, max_examples=500)
@given(lead_ins)
def test_that_or_a_comma_ends_the_lead_in_where_the_expressions_found_it(after: str) -> None:
    from dprktrack.suggest.reported import _after_comma, _after_that, _closes
    from dprktrack.suggest.words import begins_with_word

    that = re.match(r"[^“”\"«».;:,]{0,60}?\bthat\s", after)
    lead = re.match(r"[^“”\"«».;]{0,60}?,\s", after)
    assert _after_that(after) == (that.end() if that else None)
    assert _after_comma(after) == (lead.end() if lead else None)
    assert begins_with_word(after, ("As", "Like")) == bool(re.match(r"(?:As|Like)\b", after))
    assert _closes(after) == bool(re.fullmatch(r"[^,;:“”\"«»]{0,40}", after))


@settings(deadline=None, max_examples=500)
@given(lead_ins)
def test_the_last_comma_is_where_the_expression_found_it(before: str) -> None:
    from dprktrack.suggest.reported import _last_comma

    comma = re.search(r",\s+[^,“”\"«»]{1,50}$", before)
    assert _last_comma(before) == (comma.start() if comma else None)


@settings(deadline=None, max_examples=500)
@given(lead_ins)
def test_a_colon_before_a_clause_is_where_the_expression_found_it(sentence: str) -> None:
    from dprktrack.suggest.rules import _colon_clause

    colon = re.search(r":\s+(?![“\"«„‘'])", sentence)
    assert _colon_clause(sentence) == (colon.start() if colon else None)


PRONOUNS = re.compile(r"\b(he|she|they|his|her|their)\b", re.IGNORECASE)
REFERENCES = re.compile(
    r"\bthe (diplomat|envoy|minister|spokes(?:man|woman|person)|official|representative"
    r"|ambassador|analyst|expert|researcher|president|senator|professor|scholar|chairman"
    r"|chairwoman|chair|secretary|general|commander|lawmaker|economist|author)\b",
    re.IGNORECASE,
)
SPEAKER_WORDS = ["he", "HE", "She", "ſhe", "hiſ", "their", "there", "the", "The", "THE",
                 "diplomat", "DİPLOMAT", "dıplomat", "spokesman", "SPOKESMAN", "chair",
                 "chairs", "general", "x", "_", "é", " ", "  ", "\n", ",", "-", "’"]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(SPEAKER_WORDS), max_size=10).map("".join))
def test_a_pronoun_or_reference_is_what_the_expressions_found(before: str) -> None:
    from dprktrack.suggest.speakers import pronoun, reference

    said = PRONOUNS.search(before)
    referred = REFERENCES.search(before)
    assert pronoun(before) == (said.group(0) if said else None)
    assert reference(before) == (referred.group(0) if referred else None)


TITLE = re.compile(
    r"(?:(?:Dr|Mr|Mrs|Ms|Mx|Prof|Gen|Col|Amb|Sen|Rep|Gov|Lt|Capt|Maj|Sgt|Rev|Hon|Adm|Brig)\.?"
    r"|Sir|Dame|Lord|Lady|Ambassador|President|Professor|Minister|General|Colonel|Senator"
    r"|Judge|Governor|Mayor|Chancellor|Premier)\s+"
)
TITLE_PARTS = ["Dr", "Mrs", "M", "rs", "Gen", "General", "eral", "Sir", "Premier", "dr", "é",
               "x", ".", "..", " ", "  ", "\n", "\u2003", "-", "Ana"]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(TITLE_PARTS), max_size=6).map("".join))
def test_a_title_ends_where_the_expression_found_its_end(rest: str) -> None:
    from dprktrack.suggest.speakers import after_title

    title = TITLE.match(rest)
    assert after_title(rest) == (title.end() if title else None)


PHRASES = re.compile(
    r"\b(?:of course|hard to|easy to|no doubt|not helping|every reason|little reason"
    r"|no reason|too (?:little|late|much|early)|at best|at worst|in trouble|no longer holds?"
    r"|remains to be seen|more (?:\w+ )?than|less (?:\w+ )?than|more \w+ly\b|more \w+(?:ble|ive|ful"
    r"|ous|ic|al|ant|ent)\b)",
    re.IGNORECASE,
)
MODAL = re.compile(
    r"\b(?:should|must|ought to|might|may)(?:\s+not)?\s+\w+|\bwould(?:\s+not)?\s+be\b"
    r"|\bcannot\b|\bcan[’']t\b",
    re.IGNORECASE,
)
ARGUING = re.compile(
    r"^(?:However|Yet|Still|Thus|Therefore|Hence|Consequently|Indeed|In fact|After all"
    r"|In short|In other words|Instead|Worse|Better still)\b"
    r"|\bin this (?:direction|sense|way|respect|light|context|regard)\b"
)
JUDGING_WORDS = ["of", "OF", "course", "courses", "no", "longer", "holds", "hold", "remains",
                 "to", "be", "seen", "too", "late", "more", "less", "than", "thank", "oddly",
                 "ly", "credible", "ble", "ic", "İC", "ſafe", "should", "SHOULD", "not", "ought",
                 "would", "cannot", "can", "t", "’", "'", "may", "However", "In", "in", "fact",
                 "this", "way", "ways", "Worse", "x", "_", "é", " ", "  ", "\n", ",",
                 "-"]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(JUDGING_WORDS), max_size=10).map("".join))
def test_judgement_is_what_the_expressions_found(sentence: str) -> None:
    from dprktrack.suggest.judging import _ARGUING, _in_this, _modal, _phrase
    from dprktrack.suggest.words import begins_with_word, words

    found = words(sentence, 0, len(sentence))
    assert _phrase(sentence, found) == (PHRASES.search(sentence) is not None)
    assert _modal(sentence, found) == (MODAL.search(sentence) is not None)
    arguing = begins_with_word(sentence, _ARGUING) or _in_this(sentence)
    assert arguing == (ARGUING.search(sentence) is not None)


NEGATED_SPEECH = re.compile(
    r"\b(?:not|never|n[’']t|declined\s+to|refused\s+to)\s+(?:\w+\s+)?"
    r"(?:say|speak|comment|respond|reply|answer|elaborate|explain|confirm|return)\b"
    r"|\b(?:could|can)(?:\s+not|n[’']t)\s+be\s+(?:\w+ly\s+)?(?:verified|confirmed)\b",
    re.IGNORECASE,
)
SILENCE_WORDS = ["not", "NOT", "never", "n", "t", "’", "'", "declined", "refuſed", "to", "say",
                 "says", "comment", "ſay", "could", "couldn", "can", "cann", "be", "verified",
                 "CONFIRMED", "only", "ly", "x", "_", "é", " ", "  ", "\n", ",", "-"]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(SILENCE_WORDS), max_size=12), st.data())
def test_negated_speech_is_what_the_expression_found(words: list[str], data: st.DataObject) -> None:
    from dprktrack.suggest.cues import negated_speech

    text = "".join(words)
    start, end = cut(text, data)
    expected = NEGATED_SPEECH.search(text, start, end) is not None
    assert negated_speech(text, start, end) == expected


DEMONSTRATIVE = re.compile(
    r"^(?:(?:But|And|Yet|So|Still)\s+)?(?:That|This|Such|Neither|Either|None)\b[^,;]{0,40}?"
    r"\b(?:is|was|are|were|seems|looks|remains)\b"
)
WEIGHING_WORDS = ["But", "but", "So", "That", "That’s", "Thatcher", "This", "None", "is", "isn",
                  "seems", "Is", "claim", "x" * 12, "x" * 30, " ", "  ", "\n", ",", ";", "-",
                  "’", "_", "é"]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(WEIGHING_WORDS), max_size=10).map("".join))
def test_a_demonstrative_weighs_where_the_expression_found_one(sentence: str) -> None:
    from dprktrack.suggest.judging import _demonstrative

    assert _demonstrative(sentence) == (DEMONSTRATIVE.match(sentence) is not None)


BY_AGENT = re.compile(
    r"\b(?:a|an|the)\s+(?:[\w-]+,?\s+){0,4}?(submitted|adopted|tabled|sponsored|drafted"
    r"|proposed|put forward|introduced|presented|circulated)\s+by\s+(?:the\s+)?"
)
AGENT_WORDS = ["a", "an", "the", "The", "draft", "so-called", "-", "submitted", "submittedly",
               "put", "forward", "by", "bye", "theory", "x", "é", "_", " ", " ", "  ", "\n",
               ",", ", ", "’"]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(AGENT_WORDS), max_size=16), st.data())
def test_an_agent_follows_where_the_expression_found_one(
    words: list[str], data: st.DataObject
) -> None:
    from dprktrack.suggest.acts import by_agents

    text = "".join(words)
    start, end = cut(text, data)
    expected = [(m.start(), m.end(), m.group(1)) for m in BY_AGENT.finditer(text, start, end)]
    assert by_agents(text, start, end) == expected


DATELINE = re.compile(
    r"[A-Z][A-Z’'.-]+(?:[ -][A-Z][A-Z’'.-]+)*(?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?"
    r"\s*(?:\([^()\n]{1,40}\))?\s*[–—-]{1,2}\s+"
)
DATELINE_PARTS = ["OSLO", "O’N", "A", "B.", "-", "--", "–", "—", " ", "  ", "\n", ",", ", ",
                  "May", "M", "2", "12", "123", "٣", "(", ")", "(Ledger Wire)", "x" * 39, "é",
                  "."]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(DATELINE_PARTS), max_size=12), st.data())
def test_a_dateline_ends_where_the_expression_found_its_end(
    parts: list[str], data: st.DataObject
) -> None:
    from dprktrack.suggest.rules import dateline_end

    text = "".join(parts)
    start, end = cut(text, data)
    found = DATELINE.match(text, start, end)
    assert dateline_end(text, start, end) == (found.end() if found else None)


PARTICIPLE = re.compile(r",\s+(?:calling|describing|adding|noting|warning|urging)\b")
INFERENCE = re.compile(r",\s+(?:which means|meaning)\b")
ACT_ASIDE = re.compile(
    r",\s+(?:who|which)\s+[^,]*?\b(?:abstained|vetoed|voted|submitted|adopted)\b[^,]*,"
)
ASIDE_WORDS = ["calling", "callings", "Calling", "which", "means", "meaning", "who", "whom",
               "voted", "outvoted", "adopted", "from", "x", "_", "é", " ", "  ", "\n", ",",
               ", ", "-"]  # fmt: skip


@settings(deadline=None, max_examples=500)
@given(st.lists(st.sampled_from(ASIDE_WORDS), max_size=12), st.data())
def test_a_comma_before_an_aside_is_where_the_expressions_found_it(
    words: list[str], data: st.DataObject
) -> None:
    from dprktrack.suggest.reported import (
        _INFERENCES,
        _PARTICIPLES,
        _act_aside_end,
        _comma_before,
    )

    text = "".join(words)
    start, end = cut(text, data)
    participle = PARTICIPLE.search(text, start, end)
    inference = INFERENCE.search(text[start:end])
    aside = ACT_ASIDE.search(text, start, end)
    assert _comma_before(text, start, end, _PARTICIPLES) == (
        participle.start() if participle else None
    )
    assert _comma_before(text, start, end, _INFERENCES) == (
        start + inference.start() if inference else None
    )
    assert _act_aside_end(text, start, end) == (aside.end() if aside else None)
