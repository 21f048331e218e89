"""Paths, types and hypothesis strategies the tests share (fixtures live in conftest.py)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from click.testing import Result
from hypothesis import strategies as st

from dprktrack.claimsfile.load import dump_claims, load_catalog

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "claims.json"
SEED = REPO / "seeds" / "000_ae58a3e6272e0d5e.txt"
SHARED_SEEDS = REPO.parent / "shared" / "seeds"

Invoke = Callable[..., Result]

Edit = Callable[[dict[str, Any]], None]
"""A change to a parsed claims document, made in place."""


def set_at(path: tuple[Any, ...], value: Any) -> Edit:
    """An edit that sets the value at a JSON path (keys and list indexes)."""

    def edit(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def delete_at(path: tuple[Any, ...]) -> Edit:
    """An edit that removes the key or list item at a JSON path."""

    def edit(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


def add_args(quote: str, *extra: str) -> list[str]:
    """`dprktrack add` with a valid actor, stance and summary for `quote`."""
    return [
        "add",
        "--actor",
        "nebenzya",
        "--quote",
        quote,
        "--stance",
        "sunset-clauses=support",
        "--summary",
        "Says the draft ignored Moscow's proposal.",
        *extra,
    ]


def on_words(text: str, start: int, end: int) -> tuple[int, int]:
    """`start` moved back and `end` forward to the nearest places a quote may begin and end
    (whole words and graphemes): the strategies' spans, made quotable."""
    from dprktrack.matching.boundaries import is_boundary

    while not is_boundary(text, start):
        start -= 1
    while not is_boundary(text, end):
        end += 1
    return start, end


# --- generated sources and quotes (test_fuzz.py, test_fix.py) ---------------------------

FUZZ_EXAMPLES = int(os.environ.get("DPRKTRACK_FUZZ_EXAMPLES", "5000"))
"""Examples per property in the long run (`pytest -m fuzz`)."""

Draw = st.DrawFn

WORDS = (
    *("the", "The", "Panel", "of", "Experts", "sanctions", "regime", "Russia", "vetoed"),
    *("not", "never", "no", "DPRK", "UN", "1718", "2024", "said", "Nebenzya", "Kim"),
    *("“highly practical”", "‘added value’", '"straight"', "'single'", "don’t", "can't"),
    *("—", "–", "-", "…", "...", ". . .", "[sic]", "(1718)", "[", "]", "“", "”"),
    *("café", "cafe\u0301", "ﬁnal", "Ⅻ", "①", "東京", "평양", "مرحبا", "\U0001f600"),
    *("\u202eevil", "\x1b[31mred\x1b[0m", "[bold]", "[/bold]", "\x00", "\ufeff", "\u200b"),
    *("\u00ad", "\x85", "\u2028", "\x0c", "\x7f"),
)
"""Words of a made-up source: repeated ones make quotes ambiguous, the typographic ones
exercise normalisation, negations the omission rules, the odd ones the terminal."""

TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "—": "-", "–": "-"})


def letters(text: str) -> list[int]:
    """Where `text` has ASCII letters and digits: a quote needs two (`\\w\\W*\\w`)."""
    return [index for index, char in enumerate(text) if char.isascii() and char.isalnum()]


@st.composite
def exact_quotes(draw: Draw, text: str) -> tuple[str, int, int]:
    """A quote the schema accepts, cut exactly: from a letter or digit, holding two of them.

    `text` must hold two ASCII letters or digits.
    """
    places = letters(text)
    first = draw(st.integers(0, len(places) - 2))
    start, least = places[first], places[first + 1] + 1
    longest = draw(st.sampled_from((400, 400, 400, 1200)))  # past 1,000 is searched exactly only
    end = draw(st.integers(least, max(least, min(len(text), start + longest))))
    start, end = on_words(text, start, end)  # a quote begins and ends on whole words
    return text[start:end], start, end


OMISSIONS = ("…", "...", " … ", "[...]", "[…]", ". . .", " [ . . . ] ")


def middle(draw: Draw, quote: str) -> tuple[int, int]:
    """Two cut points inside a quote, in order."""
    first = draw(st.integers(0, len(quote)))
    return first, draw(st.integers(first, len(quote)))


def elide(draw: Draw, quote: str) -> str:
    """Words left out with an omission mark, as a quote may (or may not, for a "not")."""
    first, last = middle(draw, quote)
    return quote[:first] + draw(st.sampled_from(OMISSIONS)) + quote[last:]


def straighten(draw: Draw, quote: str) -> str:
    """Straight quotes and hyphens for curly ones and dashes: a typography match."""
    return quote.translate(TYPOGRAPHY).replace("…", "...")


def renormalise(draw: Draw, quote: str) -> str:
    """Accents composed or decomposed, ligatures and compatibility forms spelt out (NFKC)."""
    return unicodedata.normalize(draw(st.sampled_from(("NFC", "NFD", "NFKC", "NFKD"))), quote)


def rewrap(draw: Draw, quote: str) -> str:
    """Line breaks and doubled spaces where the source has single spaces, or the reverse."""
    return quote.replace(" ", draw(st.sampled_from(("\n", "  ", "\u00a0")))).replace("\n\n", " ")


SEED_PARAGRAPHS = SEED.read_text("utf-8").split("\n\n")


@st.composite
def seed_excerpts(draw: Draw) -> str:
    """A few paragraphs of the real article: the prose and typography the tool is made for."""
    first = draw(st.integers(0, len(SEED_PARAGRAPHS) - 1))
    count = draw(st.integers(1, 3))
    return "\n\n".join(SEED_PARAGRAPHS[first : first + count])


LINE_ENDINGS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r"}
SPACES = (*(" ",) * 12, "  ", "\u00a0", "\t", " \u200b")
"""Between words on a line: mostly one space."""


@st.composite
def paragraphs(draw: Draw, ending: str) -> str:
    """Words on lines that end in `ending` now and then, as a wrapped paragraph does."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=2, max_size=24))
    between = st.sampled_from((*SPACES, ending))
    return words[0] + "".join(draw(between) + word for word in words[1:])


@st.composite
def laid_out_sources(draw: Draw) -> tuple[str, str]:
    """A source's text in one line-ending style (LF, CRLF or CR), and that style's name.

    Its words hold curly quotes, accents composed and decomposed (NFD), zero-width,
    bidi and control characters; its paragraphs are wrapped over lines.
    """
    style = draw(st.sampled_from(tuple(LINE_ENDINGS)))
    ending = LINE_ENDINGS[style]
    if draw(st.booleans()):
        text = (ending * 2).join(draw(st.lists(paragraphs(ending), min_size=1, max_size=4)))
    else:  # the article's prose and typography, some of its lines wrapped
        text = draw(seed_excerpts()).replace("\n", ending)
        text = rewrapped_paragraph(draw, text, ending) if draw(st.booleans()) else text
    if len(letters(text)) < 2:
        text += f"{ending * 2}The Panel said so."
    return text, style


def rewrapped(text: str, every: int, line_break: str = "\n") -> str:
    """`text` with every `every`-th space a line break, as an editor re-wrapping it would."""
    words = text.split(" ")
    return words[0] + "".join(
        (line_break if number % every == 0 else " ") + word
        for number, word in enumerate(words[1:], 1)
    )


def rewrapped_paragraph(draw: Draw, text: str, ending: str) -> str:
    """One paragraph re-wrapped: its spaces (every one, or some) made line breaks."""
    parts = text.split(ending * 2)
    index = draw(st.integers(0, len(parts) - 1))
    parts[index] = rewrapped(parts[index], draw(st.sampled_from((1, 2, 3, 5))), ending)
    return (ending * 2).join(parts)


def shifted(draw: Draw, text: str, ending: str) -> str:
    """A paragraph inserted at the start or between two others: the text below it shifts."""
    parts = text.split(ending * 2)
    at = draw(st.integers(0, len(parts)))
    parts.insert(at, draw(paragraphs(ending)))
    return (ending * 2).join(parts)


def retyped(draw: Draw, text: str, ending: str) -> str:
    """The source's own typography changed: quotes straightened, accents recomposed."""
    return renormalise(draw, straighten(draw, text))


def hidden(draw: Draw, text: str, ending: str) -> str:
    """A character no reader sees slipped into the text: zero-width, soft hyphen, bidi, bell."""
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.sampled_from(("\u200b", "\u00ad", "\u202e", "\x07"))) + text[at:]


SOURCE_EDITS: tuple[Callable[[Draw, str, str], str], ...] = (
    rewrapped_paragraph,
    shifted,
    retyped,
    hidden,
)
"""What happens to a source after its claims were anchored (and the pin set)."""


DATA: dict[str, Any] = json.loads(CLAIMS.read_text("utf-8"))


def _json(result: Any) -> Any:
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


SEED_TEXT = SEED.read_text("utf-8")


CATALOG = load_catalog(CLAIMS)


UNIQUE = "Moscow’s proposal to set a time limit"
"""A passage that occurs once in the seed, with a typographic apostrophe."""


TYPED = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "…": "..."}


def straightened(text: str) -> str:
    return "".join(TYPED.get(char, char) for char in text)


NEGATED = "the authors of the document did not take into account Moscow’s proposal"


def _invoke_with_input(claims: Path, args: list[str], answers: str | io.BytesIO) -> Any:
    from click.testing import CliRunner

    from dprktrack.cli import main

    return CliRunner().invoke(main, ["--claims", str(claims), *args], input=answers)


RAW = CLAIMS.read_text("utf-8")


QUOTE = {claim["id"]: claim["quote"] for claim in DATA["claims"]}


SOURCE_PATH: str = DATA["sources"][0]["path"]


ANCHORS = ("start", "end", "prefix", "suffix")


C005_SENTENCE = (
    " Russia also proposed reducing the frequency of the group’s reports submission from twice"
    " to once a year."
)


NEXT_PARAGRAPH = "The NK News article noted that"
"""The paragraph right after c005's, where text is inserted to move everything below."""


WriteClaims = Callable[[Any], Path]
"""The `write_claims` fixture: a claims document written beside a copy of the seed."""


def claim_of(data: dict[str, Any], claim_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(claim for claim in data["claims"] if claim["id"] == claim_id)
    return found


def seed_copy(claims: Path) -> Path:
    return claims.parent / SOURCE_PATH


def edit_seed(claims: Path, old: str, new: str) -> str:
    """Replace the one occurrence of `old` in the copied seed; returns the new text."""
    seed = seed_copy(claims)
    text = seed.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once"
    text = text.replace(old, new)
    seed.write_bytes(text.encode("utf-8"))
    return text


def load(claims: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(claims.read_text("utf-8"))
    return data


def save(claims: Path, data: dict[str, Any]) -> None:
    claims.write_text(dump_claims(data), "utf-8")


def add_claim(data: dict[str, Any], claim_id: str, quote: str, like: str = "c020") -> None:
    """A new claim (no anchors) with `quote`, its other fields copied from `like`."""
    claim = {key: value for key, value in claim_of(data, like).items() if key not in ANCHORS}
    claim.update(id=claim_id, quote=quote)
    data["claims"].append(claim)


def strip_hints(data: dict[str, Any], claim_id: str) -> None:
    claim = claim_of(data, claim_id)
    for key in ANCHORS:
        claim.pop(key, None)


def check_json(invoke: Invoke, claims: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = invoke("check", "--format", "json", *args, claims=claims)
    assert result.stdout.startswith("{"), (result.exit_code, result.stderr)
    report: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, report


def claim_results(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in report["results"] if record["kind"] == "claim"}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def drift_warnings_only(claims: Path) -> None:
    """A copy where every claim still stands, but with warnings of each kind.

    A paragraph inserted above c006 (c006 onwards moved), the seed's “sunset” straightened
    (c003 typography), a claim without any hints, and so a source pin that no longer holds.
    """
    edit_seed(claims, NEXT_PARAGRAPH, "An editor's note, added later.\n\n" + NEXT_PARAGRAPH)
    edit_seed(claims, "adding “sunset” clauses", 'adding "sunset" clauses')
    data = load(claims)
    strip_hints(data, "c040")
    save(claims, data)


DASHED = "arms deals with the DPRK – long accepted in the West as an established fact."


DUPLICATE = "Recall: in 2023 Russia voted in favor of the extension.\n\n"
"""A new paragraph repeating c002's quote, inserted above the original."""


def drift_with_failures(claims: Path) -> str:
    """Moved claims below a new paragraph, c005 changed, and c002 duplicated without hints."""
    edit_seed(claims, "proposed reducing the frequency", "proposed cutting the frequency")
    text = edit_seed(claims, "What is the 1718", DUPLICATE + "What is the 1718")
    data = load(claims)
    strip_hints(data, "c002")
    save(claims, data)
    return text


CLAIM_IDS = [claim["id"] for claim in DATA["claims"]]


SEED_BYTES = SEED.read_bytes()


SCHEMA_FILE = REPO / "claims.schema.json"


def _without_anchors(claims: Path, *, final_newline: bool = True) -> None:
    data = json.loads(claims.read_text("utf-8"))
    for claim in data["claims"][:3]:
        for key in ("start", "end", "prefix", "suffix"):
            claim.pop(key, None)
    data["claims"][0]["summary"] = "Hidden \u202e override, \x9b CSI and \u2028 separator."
    text = json.dumps(data, indent=2, ensure_ascii=True)  # every one of them escaped
    claims.write_text(text + ("\n" if final_newline else ""), "utf-8")
