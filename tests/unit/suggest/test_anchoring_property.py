"""A suggestion can never name a passage `check` would fail: on made-up news prose (every
quotation style, cue, speaker form) and on arbitrary text, every suggestion, added as a claim
the way `add` adds it, passes `check`."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import SEED_PROPERTY, seed_spans
from suggesting import catalog_around, check_verdict
from support import SEED_TEXT

from dprktrack.matching.matcher import Document
from dprktrack.matching.textpos import Span
from dprktrack.schema.records import actor_of
from dprktrack.suggest.finding import suggestions

ACTORS = {
    record["id"]: actor_of(record)
    for record in [
        {"id": "brin", "name": "Ada Brin", "kind": "author"},
        {"id": "osk", "name": "Mira Osk", "aliases": ["Osk"], "kind": "person",
         "role": "the harbour master"},
        {"id": "velmora", "name": "Velmora", "kind": "government"},
        {"id": "post", "name": "Tidewater Post", "kind": "media"},
        {"id": "council", "name": "Lagoon Council", "kind": "organization"},
    ]
}  # fmt: skip
SPEAKERS = ["Mira Osk", "Osk", "The harbour master", "Velmora", "She", "Lia Venn", "The diplomat"]
MARKS = [("“", "”"), ('"', '"'), ("«", "»"), ("„", "“"), ("‘", "’"), ("'", "'")]
CLAUSES = [
    "the quay will stay open", "fares would rise", "the talks had collapsed",
    "nobody asked the fishermen", "the plan is a sensible compromise",
]  # fmt: skip


@st.composite
def news_sentence(draw: st.DrawFn) -> str:
    speaker = draw(st.sampled_from(SPEAKERS))
    clause = draw(st.sampled_from(CLAUSES))
    opening, closing = draw(st.sampled_from(MARKS))
    verb = draw(st.sampled_from(["said", "warned", "added", "stressed", "told the Tidewater Post"]))
    forms = [
        f"{speaker} {verb} that {clause}.",
        f"{opening}{clause.capitalize()},{closing} {speaker} {verb}.",
        f"{speaker} {verb}: {opening}{clause.capitalize()}. {clause.capitalize()}.{closing}",
        f"According to {speaker}, {clause}.",
        f"{speaker} vetoed the plan, while the Lagoon Council adopted it.",
        f"Sadly, {clause}.",
        f"{speaker} {verb} {opening}{clause}{closing}, calling it {opening}a disgrace{closing}.",
        f"{clause.capitalize()} (the author would add, {clause}).",
    ]
    return draw(st.sampled_from(forms))


@st.composite
def news_text(draw: st.DrawFn) -> str:
    paragraphs = draw(st.lists(st.lists(news_sentence(), min_size=1, max_size=4), max_size=6))
    return "Headline\n\n" + "\n\n".join(" ".join(p) for p in paragraphs) + "\n"


def all_pass(text: str) -> None:
    catalog = catalog_around(text, ACTORS)
    found = suggestions(catalog, "made-up", include_covered=True)
    for suggestion in found:
        assert text[suggestion.start : suggestion.end] == suggestion.quote
        assert check_verdict(catalog, suggestion) == "ok", suggestion.quote
    assert [s.start for s in found] == sorted(s.start for s in found)


@settings(deadline=None, max_examples=150)
@given(news_text())
def test_every_suggestion_on_made_up_news_prose_passes_check(text: str) -> None:
    all_pass(text)


@settings(deadline=None, max_examples=150)
@given(st.text(alphabet=st.sampled_from(list("ab Osk.,:;“”\"'‘’«»„()\n–Velmora said that"))))
def test_every_suggestion_on_arbitrary_text_passes_check(text: str) -> None:
    all_pass(text)


@SEED_PROPERTY
@given(seed_spans(min_size=1, max_size=200))
def test_a_span_is_anchorable_exactly_when_add_anchors_its_quote_there(span: Span) -> None:
    from dprktrack.curate.anchoring import anchor_quote
    from dprktrack.errors import DprkError
    from dprktrack.suggest.model import Suggestion
    from dprktrack.suggest.placing import anchorable

    quote = SEED_TEXT[span.start : span.end]
    document = Document(SEED_TEXT, "seed.txt")
    candidate = Suggestion("s", span.start, span.end, quote, "direct", "statement", "-", ())
    try:
        anchored = anchor_quote(document, quote)
        adds_here = (anchored.start, anchored.end, anchored.quote) == (span.start, span.end, quote)
    except DprkError:
        adds_here = False
    assert anchorable(document, candidate) == adds_here


def quick_agrees(text: str, start: int, end: int) -> None:
    from dprktrack.suggest.model import Suggestion
    from dprktrack.suggest.placing import anchorable, exactly_anchorable

    candidate = Suggestion("s", start, end, text[start:end], "direct", "statement", "-", ())
    quick = exactly_anchorable(text, candidate)
    if quick is not None:
        assert quick == anchorable(Document(text, "t.txt"), candidate), candidate.quote


@SEED_PROPERTY
@given(seed_spans(min_size=1, max_size=200))
def test_the_exact_test_answers_as_the_matcher_on_the_article(span: Span) -> None:
    quick_agrees(SEED_TEXT, span.start, span.end)


@settings(deadline=None, max_examples=400)
@given(
    st.text(alphabet=st.sampled_from(list("ab ab.,“”\"'’…-\u00a0\u00ad\n\u0301Ab")), max_size=40),
    st.integers(0, 40),
    st.integers(0, 40),
)
def test_the_exact_test_answers_as_the_matcher_on_arbitrary_text(
    text: str, start: int, end: int
) -> None:
    """Repeats, words cut, dashes, curly quotes, soft hyphens and combining marks: where
    the exact test answers at all, the matcher (as `add` uses it) answers the same."""
    start, end = sorted((min(start, len(text)), min(end, len(text))))
    quick_agrees(text, start, end)


def test_a_plain_edge_is_a_boundary_between_any_two_plain_characters() -> None:
    """Every pair of plain characters the quick test passes, with a digit, a letter, a
    hyphen or an apostrophe on either side, is a boundary to the matcher too."""
    from dprktrack.matching.boundaries import is_boundary
    from dprktrack.suggest.placing import _PLAIN, _plain_edge

    for around in ("1", "a", "-", "’"):
        for before in _PLAIN:
            for after in _PLAIN:
                text = f"{around}{before}{after}{around * 3}"
                if _plain_edge(text, 2):
                    assert is_boundary(text, 2), text


@settings(deadline=None, max_examples=400)
@given(
    st.text(
        alphabet=st.sampled_from(list("a1 .,“”«»\"'’`-_\u00a0\u00ad\n\u0301\u200dA")), max_size=12
    )
)
def test_a_plain_edge_is_a_boundary_in_arbitrary_text(text: str) -> None:
    """Digits, joiners, invisible and combining characters around: the quick test never
    passes an offset the matcher's `is_boundary` refuses."""
    from dprktrack.matching.boundaries import is_boundary
    from dprktrack.suggest.placing import _plain_edge

    for offset in range(len(text) + 1):
        if _plain_edge(text, offset):
            assert is_boundary(text, offset), (text, offset)
