"""Scans made cheaper must find what the plain scans they replace found: `mentions` looks
up each sentence's words in a list of the whole text's made once (whatever the stretch's
edges cut), a stretch's words and runs of letters come from the whole text's words, and
`last_word` reads backwards what a regular expression searched for."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from support import CLAIMS, SEED_TEXT

from dprktrack.claimsfile.load import load_catalog
from dprktrack.schema.records import actor_of
from dprktrack.suggest.speakers import (
    PEOPLE,
    Lexicon,
    Mention,
    _inside_longer_name,
    _stands_at,
    lexicon,
    mentions,
)
from dprktrack.suggest.words import Words

ACTORS = {
    record["id"]: actor_of(record)
    for record in [
        {"id": "osk", "name": "Mira Osk", "aliases": ["Osk", "M. Osk"], "kind": "person",
         "role": "the harbour master"},
        {"id": "velmora", "name": "Velmora", "aliases": ["US", "U.S."], "kind": "government"},
        {"id": "council", "name": "Lagoon Council", "kind": "organization"},
        {"id": "post", "name": "Post-Dispatch", "kind": "media"},
    ]
}  # fmt: skip
WORDS = ["Mira", "Osk", "Osks", "M.", "US", "USA", "U.S.", "Lagoon", "Council", "Velmora",
         "Post-Dispatch", "the", "harbour", "master", "’", "'", "-", "_", " ", ".\n"]  # fmt: skip


def scanned(lex: Lexicon, text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The known actors' phrases as a scan of text[start:end] alone finds them (the way
    `mentions` found them before it kept a list of the whole text's words)."""
    taken: list[tuple[int, int, str]] = []
    reach = start
    for word in re.compile(r"\w+").finditer(text, start, end):
        at = word.start()
        if at < reach or (at > 0 and text[at - 1] in "’'-_"):
            continue
        for phrase, actor, how in lex.by_first.get(word.group(0).lower(), ()):
            if how == "surname" and not text.startswith(phrase, at):
                continue
            if not _stands_at(text, at, phrase, end):
                continue
            if lex.kinds.get(actor) not in PEOPLE and _inside_longer_name(text, at, phrase):
                continue
            taken.append((at, at + len(phrase), actor))
            reach = at + len(phrase)
            break
    return taken


def known(found: list[Mention]) -> list[tuple[int, int, str]]:
    return [(m.start, m.end, m.actor) for m in found if m.actor is not None]


@settings(deadline=None, max_examples=300)
@given(st.lists(st.sampled_from(WORDS), max_size=30), st.integers(0, 200), st.integers(0, 200))
def test_mentions_find_what_a_scan_of_the_stretch_finds(
    words: list[str], start: int, end: int
) -> None:
    text = "".join(words)
    start, end = sorted((min(start, len(text)), min(end, len(text))))
    lex = lexicon(ACTORS)
    mentions(lex, text, 0, len(text))  # the whole text's words listed first
    assert known(mentions(lex, text, start, end)) == scanned(lex, text, start, end)


@settings(deadline=None, max_examples=100)
@given(st.integers(0, len(SEED_TEXT)), st.integers(0, 400))
def test_mentions_on_the_article_find_what_a_scan_finds(start: int, length: int) -> None:
    lex = lexicon(load_catalog(CLAIMS).actors)
    end = min(len(SEED_TEXT), start + length)
    assert known(mentions(lex, SEED_TEXT, start, end)) == scanned(lex, SEED_TEXT, start, end)
    fresh, words = lexicon(load_catalog(CLAIMS).actors), Words(SEED_TEXT)
    assert mentions(fresh, SEED_TEXT, start, end, words) == mentions(lex, SEED_TEXT, start, end)


@settings(deadline=None, max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("ab9_.\n -’²Ⅻé\u0301")), max_size=12), st.data())
def test_the_last_word_is_what_the_search_it_replaces_finds(text: str, data: st.DataObject) -> None:
    from dprktrack.suggest.sentences import last_word

    begin = data.draw(st.integers(0, len(text)))
    stop = data.draw(st.integers(begin, len(text)))
    found = re.search(r"[\w.]*$", text[begin:stop])
    assert last_word(text, begin, stop) == (found.group(0) if found else "")


@settings(deadline=None, max_examples=500)
@given(
    st.text(alphabet=st.sampled_from(list("ab Z9_.\n-’²é\u0301ß")), max_size=16),
    st.integers(-2, 18),
    st.integers(-2, 18),
)
def test_a_stretchs_words_from_the_whole_texts_are_what_a_scan_finds(
    text: str, start: int, end: int
) -> None:
    """Words an edge cuts come cut, as a scan of the stretch alone cuts them; so do the runs
    of ASCII letters `cues` reads, and the mentions found from the whole text's words."""
    from dprktrack.suggest.cues import _letter_runs
    from dprktrack.suggest.words import WORD, Words

    found = Words(text)
    scan = [(m.start(), m.end(), m.group(0)) for m in WORD.finditer(text, start, end)]
    assert found.within(start, end) == scan
    letters = [(m.start(), m.end(), m.group(0)) for m in re.finditer(r"[A-Za-z]+", text)]
    inside = [(max(s, start), min(e, end)) for s, e, _ in letters if s < end and e > start]
    if 0 <= start <= end:
        expected = [(s, e, text[s:e]) for s, e in inside if s < e]
        assert _letter_runs(text, start, end, found) == expected
        lex = lexicon(ACTORS)
        assert mentions(lex, text, start, end, found) == mentions(lexicon(ACTORS), text, start, end)


@settings(deadline=None, max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("aZ-bYé\n_")), max_size=8))
def test_a_surname_is_what_the_expression_matched_whole(word: str) -> None:
    from dprktrack.suggest.speakers import _surname_like

    expected = re.fullmatch(r"[A-Z][a-z]+(?:-[A-Z][a-z]+)?", word) is not None
    assert _surname_like(word) == expected


@settings(deadline=None, max_examples=500)
@given(
    st.lists(st.sampled_from(["as", "although", "though", "after", " ", "\n", "x", "_", ",", "é"])),
    st.data(),
)
def test_a_clause_begins_where_the_expression_found_its_last_conjunction(
    pieces: list[str], data: st.DataObject
) -> None:
    from dprktrack.suggest.acting import _clause_start

    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    verb = data.draw(st.integers(start, len(text)))
    conjunction = r"\b(?:after|when|because|since|before|once|until|unless|though|although|as)\s+"
    found = list(re.compile(conjunction).finditer(text, start, verb))
    assert _clause_start(text, start, verb) == (found[-1].end() if found else start)
