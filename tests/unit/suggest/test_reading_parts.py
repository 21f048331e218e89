"""The parts the rules are built on, each on its own: sentences, quotations, cues, names."""

from __future__ import annotations

import pytest

from dprktrack.schema.records import actor_of
from dprktrack.suggest.cues import cues, lemma_of
from dprktrack.suggest.quotes import outermost, quotations
from dprktrack.suggest.sentences import sentence_spans, sentences, units
from dprktrack.suggest.speakers import lexicon, mentions


def split(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text, 0, len(text))]


def test_sentences_end_at_stops_but_not_after_abbreviations_initials_or_omissions() -> None:
    text = "Dr. Hal Gerrit spoke. Mr. T. Ober left at 5 p.m. on Monday. It was… over. Yes!"
    assert split(text) == [
        "Dr. Hal Gerrit spoke.", "Mr. T. Ober left at 5 p.m. on Monday.", "It was… over.", "Yes!"
    ]  # fmt: skip


def test_a_quotation_over_several_sentences_is_one_unit_and_paragraphs_are_kept() -> None:
    text = "Osk said: “We wait. The storm passes.” Arno left.\n\nA new paragraph."
    quoted = [(q.start, q.end) for q in outermost(quotations(text))]
    found = [(text[u.start : u.end], u.paragraph) for u in units(text, quoted)]
    assert found == [
        ("Osk said: “We wait. The storm passes.”", 0), ("Arno left.", 0), ("A new paragraph.", 1)
    ]  # fmt: skip
    assert [s.paragraph for s in sentences(text)] == [0, 0, 0, 1]


@pytest.mark.parametrize(
    "quoted",
    ["“the quay”", '"the quay"', "«the quay»", "„the quay“", "‘the quay’", "'the quay'",
     "‚the quay‘", "„the quay”"],
)  # fmt: skip
def test_every_style_of_quotation_mark_is_a_quotation(quoted: str) -> None:
    text = f"Osk called it {quoted} twice."
    assert [text[q.start : q.end] for q in quotations(text)] == [quoted]


def test_apostrophes_are_not_quotation_marks_and_nested_quotes_have_depth() -> None:
    text = "Velmora’s envoy said: “The letter says ‘it’s safe’, and the fishermen' nets agree.”"
    found = quotations(text)
    assert [(text[q.start : q.end], q.depth) for q in found] == [
        ("“The letter says ‘it’s safe’, and the fishermen' nets agree.”", 0),
        ("‘it’s safe’", 1),
    ]
    assert quotations("An unclosed “mark stays no quotation.") == []


def test_cues_are_verbs_in_their_inflections_outside_quotation_marks() -> None:
    text = "Osk emphasized that “nobody said so” and, according to Arno, pointed out the risk."
    quoted = [(q.start, q.end) for q in quotations(text)]
    assert [(c.words, c.lemma) for c in cues(text, 0, len(text), quoted)] == [
        ("emphasized", "emphasise"), ("according to", "according to"),
        ("pointed out", "point out"),
    ]  # fmt: skip
    assert cues("The Gulf States met.", 0, 20, []) == []
    assert lemma_of("In her view") == "view"
    assert lemma_of("called for") == "call for"


def test_names_aliases_and_roles_are_found_the_longest_first_and_unknown_names_too() -> None:
    actors = {
        "osk": actor_of({"id": "osk", "name": "Mira Osk", "aliases": ["Osk"], "kind": "person",
                         "role": "the harbour master"}),
        "board": actor_of({"id": "board", "name": "Harbour Board", "kind": "organization"}),
    }  # fmt: skip
    text = "The harbour master told the Harbour Board, and Osk met Lia Venn of Harbour Board."
    found = [(m.name, m.actor, m.how) for m in mentions(lexicon(actors), text, 0, len(text))]
    assert found == [
        ("harbour master", "osk", "role"), ("Harbour Board", "board", "name"),
        ("Osk", "osk", "alias"), ("Lia Venn", None, "name"), ("Harbour Board", "board", "name"),
    ]  # fmt: skip


def test_each_lexicon_keeps_its_own_word_index_of_the_texts_it_has_read() -> None:
    """The records are light tuples: a cache shared by two lexicons would mix their actors."""
    text = "Mira Osk met the Harbour Board."
    osk = {"osk": actor_of({"id": "osk", "name": "Mira Osk", "kind": "person"})}
    board = {"board": actor_of({"id": "board", "name": "Harbour Board", "kind": "organization"})}
    first, second = lexicon(osk), lexicon(board)
    assert [m.actor for m in mentions(first, text, 0, len(text))] == ["osk", None]
    assert [m.actor for m in mentions(second, text, 0, len(text))] == [None, "board"]
    assert first.found is not second.found


def test_a_new_context_looks_at_no_quotation_until_a_window_is_asked_for() -> None:
    from dprktrack.suggest.reading import Context
    from dprktrack.suggest.words import Words

    text = 'Osk said "no" and then "yes" at the "dock".'
    every = outermost(quotations(text))
    context = Context(
        text=text, words=Words(text), source="s", lex=lexicon({}), author=None, author_name="",
        every=every, bodies=lambda paragraph: [],
    )  # fmt: skip
    assert (context.quotes, context.found, context.last, context.reported) == ([], [], None, False)
    context.window(text.index("then"), text.index(" at"))
    assert [text[q.start : q.end] for q in context.quotes] == ['"yes"']
    assert context.quoted == [(every[1].start, every[1].end)]
