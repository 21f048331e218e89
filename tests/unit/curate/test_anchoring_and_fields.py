"""The curating library: locating typed text, claim ids and slugs."""

from __future__ import annotations

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from strategies import SEED_PROPERTY, on_words, seed_spans
from support import CATALOG, SEED_TEXT, UNIQUE, straightened

from dprktrack.curate.anchoring import locate, whole_words
from dprktrack.curate.fields import next_claim_id, slug
from dprktrack.matching.textpos import Span


@SEED_PROPERTY
@example(Span(*on_words(SEED_TEXT, 0, 12)))
@example(Span(SEED_TEXT.index(UNIQUE), SEED_TEXT.index(UNIQUE) + len(UNIQUE)))
@given(seed_spans(max_size=200))
def test_a_unique_seed_passage_retyped_is_located_in_the_seeds_spelling(span: Span) -> None:
    start, end = span.start, span.end
    passage = SEED_TEXT[start:end]
    assume(passage == passage.strip() and "\n" not in passage)
    assume(SEED_TEXT.count(passage) == 1)
    typed = straightened(passage)
    assume(SEED_TEXT.count(typed) <= 1)
    located = locate(CATALOG, typed)
    (hit,) = located.hits
    assert (hit.span, hit.spelling) == (Span(start, end), passage)
    assert hit.kind == ("exact" if typed == passage else "typography")
    assert hit.sentence[hit.span.start - hit.sentence_start :].startswith(passage)


@given(st.text(alphabet="ab1 ,’", max_size=40), st.data())
def test_whole_words_only_widens_over_letters_and_digits(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    wide = whole_words(text, Span(start, end))
    passage = text[wide.start : wide.end]
    assert passage == passage.strip()
    assert passage.strip() in text[start:end].strip() or text[start:end].strip() in passage
    assert text[wide.start : start].isalnum() or wide.start >= start
    assert text[end : wide.end].isalnum() or wide.end <= end


@pytest.mark.parametrize(
    ("existing", "expected"),
    [
        ([f"c{number:03d}" for number in range(1, 60)], "c060"),
        (["c001", "c003"], "c004"),
        (["c1", "c2", "c10"], "c11"),
        (["claim-0998", "claim-0999"], "claim-1000"),
        (["c999"], "c1000"),
        (["nebenzya-veto", "c7", "c8", "q01"], "c9"),
        ([], "c001"),
        (["veto-speech"], "c001"),
    ],
)
def test_the_next_claim_id_follows_the_files_style(existing: list[str], expected: str) -> None:
    assert next_claim_id(existing) == expected


@given(st.lists(st.from_regex(r"[a-z]{0,2}[0-9]{1,4}", fullmatch=True), max_size=30))
def test_the_next_claim_id_is_always_free(existing: list[str]) -> None:
    assert next_claim_id(existing) not in existing


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Russia–DPRK rapprochement", "russia-dprk-rapprochement"),
        ("Kim Eun-hye", "kim-eun-hye"),
        ("Éric Penton-Voak", "eric-penton-voak"),
        ("  US  State Department ", "us-state-department"),
    ],
)
def test_slugs_are_made_from_names(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_next_claim_id_breaks_a_tie_by_file_order() -> None:
    assert next_claim_id(["a1", "b1", "a2", "b2"]) == "a3"
    assert next_claim_id(["b1", "a1", "b2", "a2"]) == "b3"


@pytest.mark.parametrize(("name", "expected"), [("Jonas Gahr Støre", "jonas-gahr-store"),
                                                ("Œuvre", "oeuvre")])  # fmt: skip
def test_slugs_spell_out_letters_without_a_decomposition(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_an_apostrophe_does_not_split_a_slug() -> None:
    assert slug("Russia's veto") == slug("Russia’s veto") == "russias-veto"
