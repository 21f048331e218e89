"""Text-fragment links: each fragment finds exactly its passage, every term fully encoded."""

from __future__ import annotations

import bisect
import re
from urllib.parse import unquote

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import DATA, SEED_TEXT

from dprktrack.output.textfragment import (
    TextDirective,
    _first_match,
    _fold_terms,
    _folded,
    _folded_span,
    encode_term,
    quote_link,
    text_directive,
)

ENCODED = re.compile(r"(?:[A-Za-z0-9_.~]|%[0-9A-F]{2})+")
URL = "https://harbour-ledger.example/2024/05/02/ferries"


def terms(fragment: str) -> list[str]:
    """The encoded terms of a `:~:text=` fragment, with their `-` markers dropped."""
    body = fragment.split(":~:text=", 1)[1]
    return [part.removesuffix("-").removeprefix("-") for part in body.split(",")]


def decoded_folded(term: str) -> str:
    return _folded(unquote(term))[0]


def finds_its_passage(text: str, start: int, end: int) -> bool:
    directive = text_directive(text, start, end)
    assert directive is not None
    folded, origin = _folded(text)
    return _first_match(folded, _fold_terms(directive)) == _folded_span(folded, origin, start, end)


def test_reserved_characters_are_encoded() -> None:
    assert encode_term("Kim-Ri, & co") == "Kim%2DRi%2C%20%26%20co"
    assert unquote(encode_term("Kim-Ri, & co")) == "Kim-Ri, & co"


def test_a_short_passage_is_given_whole() -> None:
    text = "The Harbour Ledger reports: ferries will sail again in May."
    start = text.index("ferries")
    link = quote_link(URL, text, start, len(text))
    assert link == URL + "#:~:text=ferries%20will%20sail%20again%20in%20May."


def test_a_long_passage_is_a_range_of_a_few_words_each() -> None:
    words = " ".join(f"w{number}" for number in range(40))
    directive = text_directive(words, 0, len(words))
    assert directive == TextDirective("w0 w1 w2 w3", "w36 w37 w38 w39")


def test_a_recurring_passage_gets_context() -> None:
    text = "Mira Osk said: the quay is closed. Later she said: the quay is closed again."
    second = text.rindex("the quay is closed")
    directive = text_directive(text, second, second + len("the quay is closed"))
    assert directive is not None
    assert directive.suffix == "again." or directive.prefix is not None
    assert finds_its_passage(text, second, second + len("the quay is closed"))
    first = text.index("the quay")
    assert text_directive(text, first, first + len("the quay is closed")) == TextDirective(
        "the quay is closed"
    )


def test_a_word_inside_another_is_no_match() -> None:
    text = "Harbourmaster Osk spoke. The harbour closed."
    start = text.index("harbour closed")
    assert text_directive(text, start, start + 7) == TextDirective("harbour")


def test_the_page_fragment_is_kept_and_an_old_directive_replaced() -> None:
    text = "ferries sail"
    assert quote_link(URL + "#top", text, 0, 7) == URL + "#top:~:text=ferries"
    assert quote_link(URL + "#:~:text=old", text, 0, 7) == URL + "#:~:text=ferries"


def test_a_blank_passage_has_no_link() -> None:
    assert quote_link(URL, "a  b", 1, 3) is None


def test_every_claim_of_the_bundled_article_finds_its_passage() -> None:
    for claim in DATA["claims"]:
        if claim.get("start") is not None:
            assert finds_its_passage(SEED_TEXT, claim["start"], claim["end"]), claim["id"]


WORDS = st.sampled_from(
    ["quay", "ferry", "Osk", "said", "the", "-", "&", ",", "a,b", "x-y", "café", "東京", "“q”",
     "50%", "#", "é", "İ", "ß", "\n", "  "]
)  # fmt: skip


@st.composite
def passages(draw: st.DrawFn) -> tuple[str, int, int]:
    text = " ".join(draw(st.lists(WORDS, min_size=1, max_size=40)))
    bounds = [0, *(i + 1 for i, char in enumerate(text) if char == " "), len(text) + 1]
    first = draw(st.integers(0, len(bounds) - 2))
    last = draw(st.integers(first + 1, len(bounds) - 1))
    start, end = bounds[first], bounds[last] - 1
    return text, start, end


@given(passages())
def test_the_fragment_decodes_to_words_of_the_source(case: tuple[str, int, int]) -> None:
    text, start, end = case
    link = quote_link(URL, text, start, end)
    if not text[start:end].strip():
        assert link is None
        return
    assert link is not None
    assert link.startswith(URL + "#:~:text=")
    fragment = link[len(URL) + 1 :]
    folded_source = _folded(text)[0]
    for term in terms(fragment):
        assert ENCODED.fullmatch(term), term  # nothing reserved is left bare
        assert decoded_folded(term) in folded_source
    first = terms(fragment)[1 if fragment.split("=", 1)[1].split(",")[0].endswith("-") else 0]
    passage_words = text[start:end].split()
    assert passage_words[: len(unquote(first).split())] == unquote(first).split()


@given(passages())
def test_the_fragment_finds_its_passage_unless_it_recurs_in_full(
    case: tuple[str, int, int],
) -> None:
    text, start, end = case
    if not text[start:end].strip():
        return
    directive = text_directive(text, start, end)
    assert directive is not None
    folded, origin = _folded(text)
    found = _first_match(folded, _fold_terms(directive))
    assert found is not None
    passage = _folded_span(folded, origin, start, end)
    if found != passage:  # only when the whole passage and its context recur earlier
        assert folded[found[0] : found[1]] == folded[passage[0] : passage[1]]


def test_context_holds_a_word_not_just_punctuation() -> None:
    """A page may set its quotation marks otherwise: `,”` alone is no context to rely on."""
    text = "“We will wait, but not forever,” she said. Then: “We will wait,” she repeated."
    second = text.rindex("We will wait")
    directive = text_directive(text, second, second + len("We will wait"))
    assert directive is not None
    for context in (directive.prefix, directive.suffix):
        assert context is None or any(char.isalnum() for char in context)
    assert finds_its_passage(text, second, second + len("We will wait"))


@given(st.text(alphabet=st.sampled_from("aB \n\t\u00a0\u2028é.,İΣ-"), max_size=60))
def test_the_quick_fold_is_the_character_by_character_one(text: str) -> None:
    from dprktrack.output.textfragment import _folded_by_character

    folded, origin = _folded(text)
    slow_folded, slow_origin = _folded_by_character(text)
    if len(text.lower()) == len(text) and "Σ" not in text:  # final sigma lowers in context
        assert (folded, list(origin)) == (slow_folded, list(slow_origin))
    assert len(folded) == len(origin)
    offsets = [origin[index] for index in range(len(origin))]
    for offset in range(len(text) + 1):
        assert origin.folded_index(offset) == bisect.bisect_left(offsets, offset)


def test_a_passage_cut_inside_a_word_is_linked_as_the_words_it_touches() -> None:
    text = "The harbour master spoke."
    assert text_directive(text, text.index("arbour"), text.index("aster") + 3) == TextDirective(
        "harbour master"
    )


def test_a_start_found_keeps_trying_later_ends_as_a_browser_does() -> None:
    """The specification keeps a start and tries the next textEnd while the suffix fails: a
    link built on a search that moved on to the next start would open the wrong passage."""
    text = (
        "Officials said the council will meet again soon and added that Freedonia rejects "
        "the proposal outright today. Later officials said the council will meet again soon "
        "to vote, and Sylvania said Freedonia rejects the proposal outright tomorrow."
    )
    start = text.index("the council", 100)
    end = text.index("outright tomorrow") + len("outright")
    link = quote_link("https://news.example/", text, start, end)
    assert link is not None
    directive = link.split("#:~:text=", 1)[1]
    assert directive.startswith("Later%20officials%20said-,"), "a prefix tells the two apart"


@pytest.mark.parametrize(
    ("url", "page"),
    [
        ("https://x.example/a:~:b/page#frag", "https://x.example/a:~:b/page#frag:~:text="),
        ("https://evil.example:~:@good.example/", "https://evil.example:~:@good.example/#:~:text="),
        ("https://x.example/p#top:~:text=old", "https://x.example/p#top:~:text="),
        ("https://x.example/p", "https://x.example/p#:~:text="),
    ],
)
def test_only_a_directive_inside_the_fragment_is_replaced(url: str, page: str) -> None:
    """`:~:` elsewhere in a URL is part of its path or host: cutting there would change the
    page, even the host, the link opens."""
    link = quote_link(url, "hello world here", 0, 5)
    assert link == page + "hello"


PAGE = "The quick brown fox jumped over the lazy dog. he's 3.5 foo foo bar"


def _directive(fragment: str) -> TextDirective:
    """`prefix-,start,end,-suffix` (decoded), as a browser splits it."""
    parts = [unquote(part) for part in fragment.split(",")]
    prefix = parts.pop(0)[:-1] if parts[0].endswith("-") else None
    suffix = parts.pop()[1:] if parts[-1].startswith("-") else None
    return TextDirective(parts[0], parts[1] if len(parts) > 1 else None, prefix, suffix)


@pytest.mark.parametrize(
    ("fragment", "found"),
    [  # from the specification's web-platform tests (find-range-from-text-directive)
        ("jumped", True),
        ("u-,mped", False),  # a prefix begins on a word boundary
        ("ju-,mped", True),  # ... but need not end on one
        ("fox-,jum,over", False),  # an end makes the start end on a boundary
        ("fox-,jum", False),  # so does having neither end nor suffix
        ("fox-,jum,-ped", True),  # a suffix alone lets the start end mid-word
        ("jum-,ped", True),  # after a prefix the start need not begin on a boundary
        ("brown-,jumped", False),  # the start must follow the prefix
        ("umped", False),
        ("jum,-ped", True),
        ("quick,bro", False),  # without a suffix an end ends on a boundary
        ("quick,bro,-wn", True),
        ("quick,ro,-wn", False),  # an end begins on a boundary
        ("quick,-bro", False),  # a suffix ends on a boundary
        ("qu,-ick", True),  # ... but need not begin on one
        ("quick,-fox", False),
        ("foo%20foo,-bar", True),
        ("he", False),  # inside he's
        ("he%27s", True),
        ("5", False),  # inside 3.5
    ],
)
def test_the_search_finds_what_a_browser_finds(fragment: str, found: bool) -> None:
    folded = _folded(PAGE)[0]
    terms = _fold_terms(_directive(fragment))
    assert (_first_match(folded, terms) is not None) == found, fragment


def test_a_start_that_is_the_beginning_of_an_earlier_word_is_not_trusted() -> None:
    """`may,-be` finds "maybe" first in a browser: the link names the later "may be"."""
    text = "Speaker A: maybe. Speaker B: the accord may not. Speaker C: the accord may be signed."
    start = text.rindex("may")
    link = quote_link("https://news.example/", text, start, start + 3)
    assert link is not None
    terms = _fold_terms(_directive(link.split("#:~:text=", 1)[1]))
    assert _first_match(_folded(text)[0], terms) == (start, start + 3)


@pytest.mark.parametrize(
    ("text", "passage"),
    [
        ("Area of 40 km² was sealed, the Orvain Gazette wrote; 40 km was the limit.", "40 km"),
        ("东海时报讯：发言人说北京反对制裁。另据报道，北京反对制裁。", "北京反对制裁"),
        ("Minister Dorn反对 the plan; later Dorn spoke again.", "Dorn"),
    ],
)
def test_where_a_browser_may_see_a_word_break_the_link_adds_context(
    text: str, passage: str
) -> None:
    """Before a superscript, between ideographs (split by dictionary), across scripts, a
    browser may break a word where letters run on: the earlier text could match, so the
    link to the later passage names context that only the later one has."""
    start = text.rindex(passage)
    link = quote_link("https://news.example/", text, start, start + len(passage))
    assert link is not None
    directive = unquote(link.split("#:~:text=", 1)[1])
    assert "-," in directive, "a prefix tells the later passage apart"
