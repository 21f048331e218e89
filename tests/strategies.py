"""Hypothesis strategies the tests share: made-up sources, quotes cut from them and bent,
the article's own spans, a run's findings with ignore entries, and the settings of the slow
properties."""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from support import SEED, SEED_TEXT

from dprktrack.check.findings import VERDICTS, Finding
from dprktrack.check.ignores import IgnoreRule
from dprktrack.matching.textpos import Span


def on_words(text: str, start: int, end: int) -> tuple[int, int]:
    """`start` moved back and `end` forward to the nearest places a quote may begin and end
    (whole words and graphemes): the strategies' spans, made quotable."""
    from dprktrack.matching.boundaries import is_boundary

    while not is_boundary(text, start):
        start -= 1
    while not is_boundary(text, end):
        end += 1
    return start, end


# --- made-up sources, and quotes cut from them exactly ---------------------------------------

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


# --- spans of the article -----------------------------------------------------------------

SEED_PROPERTY = settings(
    deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow]
)
"""Properties over the article's spans: the matcher may be slow on a long one, and many
spans are filtered out (not unique, not trimmed)."""


@st.composite
def seed_spans(draw: st.DrawFn, min_size: int = 12, max_size: int = 300) -> Span:
    """A span of the article about `min_size` to `max_size` characters long, on whole words."""
    start = draw(st.integers(0, len(SEED_TEXT) - min_size))
    end = draw(st.integers(start + min_size, min(len(SEED_TEXT), start + max_size)))
    return Span(*on_words(SEED_TEXT, start, end))


# --- what a source says, and quotes cut from it and bent -----------------------------------

SEPARATORS = (*(" ",) * 8, "  ", ", ", ". ", "\n", "\n\n", "\n \n", "\r\n", "\t", "\u00a0")
"""Between words: mostly a space, sometimes a line or paragraph break of either kind."""


def worded_texts() -> st.SearchStrategy[str]:
    """A source of words from a small vocabulary, so that quotes recur and near-miss."""
    pairs = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(SEPARATORS)), max_size=50)
    return pairs.map(lambda items: "".join(word + separator for word, separator in items))


def repetitive_texts() -> st.SearchStrategy[str]:
    """One phrase a hundred times and more: past the occurrences a search counts."""
    phrases = st.sampled_from(("the Panel", "not", "“sanctions”", "e\u0301t\u00e9", "no-"))
    return st.builds(lambda phrase, times: (phrase + " ") * times, phrases, st.integers(90, 250))


def source_texts() -> st.SearchStrategy[str]:
    """What a source file says: made-up words, the article, or (less often, as quotes of it
    rarely hold the two letters the schema asks for) any text at all."""
    kinds = (worded_texts(), worded_texts(), worded_texts(), seed_excerpts(), seed_excerpts())
    rare = (repetitive_texts(), st.text(max_size=120))
    return st.sampled_from((*kinds, *rare)).flatmap(lambda kind: kind)


BRACKETS = ("[not]", "[the Panel]", "[t]", "[T]", "[" + "x" * 45 + "]", "[]", "[", "]")


def edit_one(draw: Draw, quote: str) -> str:
    """One character replaced, dropped or added: a typo, or an edit of the source since."""
    at = draw(st.integers(0, len(quote)))
    char = draw(st.sampled_from("aeZ .’'\n…"))
    how = draw(st.sampled_from(("replace", "drop", "add")))
    if how == "add" or at == len(quote):
        return quote[:at] + char + quote[at:]
    return quote[:at] + ("" if how == "drop" else char) + quote[at + 1 :]


def bracket(draw: Draw, quote: str) -> str:
    """An alteration in brackets: `[t]he`, an added "[not]", a rewrite too long to allow."""
    first, last = middle(draw, quote)
    return quote[:first] + draw(st.sampled_from(BRACKETS)) + quote[last:]


def reorder(draw: Draw, quote: str) -> str:
    """The kept pieces of an omission in the wrong order."""
    first, last = middle(draw, quote)
    return quote[last:] + " … " + quote[:first]


def recase(draw: Draw, quote: str) -> str:
    """Letter case swapped: the same words to a reader, not to an exact search."""
    return quote.swapcase()


def replace_whole(draw: Draw, quote: str) -> str:
    """Anything at all in place of the quote: nothing close, or nothing the schema takes."""
    return draw(st.text(min_size=1, max_size=30))


QUOTE_BENDS: tuple[Callable[[Draw, str], str], ...] = (
    edit_one,
    elide,
    bracket,
    reorder,
    straighten,
    renormalise,
    rewrap,
    recase,
    replace_whole,
)


@st.composite
def cut_quotes(draw: Draw, text: str) -> tuple[str, int, int]:
    """A quote cut from `text`, and where it was cut.

    Usually the exact slice; otherwise bent into a near slice (an edit, an omission,
    a bracket, other typography) or replaced, so every verdict of `check` turns up.
    """
    if letters(text)[1:]:
        quote, start, end = draw(exact_quotes(text))
    else:  # nothing the schema would take: cut at anything but white space
        starts = [index for index, char in enumerate(text) if not char.isspace()]
        if not starts:
            return draw(st.sampled_from(("the Panel", "x", "…"))), 0, 0
        start = draw(st.sampled_from(starts))
        end = start + draw(st.integers(1, min(400, len(text) - start)))
        quote = text[start:end]
    bend = draw(st.sampled_from((None, None, *QUOTE_BENDS)))
    return (quote if bend is None else bend(draw, quote)), start, end


# --- check findings, for the order a report reads in -----------------------------------------


@st.composite
def check_findings(draw: Draw) -> list[Finding]:
    """Findings of any verdict over a few sources, at random places or none, some `moved`
    alike (one shift shared by neighbours), ids unique: what a report orders and groups."""
    count = draw(st.integers(0, 30))
    shifts = st.sampled_from([None, 7, 7, 7, -3, 12])
    findings = []
    for index in range(count):
        verdict = draw(st.sampled_from([*VERDICTS, "moved", "moved", "moved"]))
        source = draw(st.sampled_from(["s1", "s2", "s3"]))
        if verdict == "source-changed" and draw(st.booleans()):
            findings.append(Finding(source, "source", verdict, source, "pin", ("sources", 0)))
            continue
        start = draw(st.none() | st.integers(0, 50))
        finding = Finding(f"c{index:03}", "claim", verdict, source, "m", ("claims", index))
        finding.start = start
        if verdict == "moved" and start is not None:
            finding.shift = draw(shifts)
            finding.place = f"{source}:1:{start + 1}"
        findings.append(finding)
    return findings


# --- ignore rules against findings ---------------------------------------------------------

IGNORE_CLAIM_IDS = ("c001", "c002", "c003", "c004")


@st.composite
def checked_findings(draw: Draw) -> list[Finding]:
    """A run's findings: each claim once, with any verdict; now and then a source's pin."""
    ids = draw(st.lists(st.sampled_from(IGNORE_CLAIM_IDS), unique=True, max_size=4))
    verdicts = st.sampled_from(sorted(VERDICTS))
    findings = [
        Finding(claim_id, "claim", draw(verdicts), "s1", "", ("claims", index))
        for index, claim_id in enumerate(ids)
    ]
    if draw(st.booleans()):
        findings.insert(0, Finding("s1", "source", "source-changed", "s1", "", ("sources", 0)))
    return findings


@st.composite
def ignore_rules(draw: Draw) -> list[IgnoreRule]:
    """Ignore entries as a settings file may hold them: a claim, a verdict or both."""
    failing = sorted(verdict for verdict, severity in VERDICTS.items() if severity != "pass")
    rules = []
    for _ in range(draw(st.integers(0, 4))):
        claim = draw(st.none() | st.sampled_from((*IGNORE_CLAIM_IDS, "c099")))
        verdict = draw(st.none() | st.sampled_from(failing))
        if claim is None and verdict is None:
            claim = draw(st.sampled_from(IGNORE_CLAIM_IDS))
        rules.append(IgnoreRule(reason="because", claim=claim, verdict=verdict))
    return rules


# --- option lists for the editing commands ------------------------------------------------

HOSTILE_TEXTS = (
    "",
    "  ",
    "two\nlines",
    "\x1b[31mred\x1b[0m",
    "\u202eesrever",
    "tab\there",
    "x" * 3000,
    "’“”…",
    "null\x00byte",
    "Kim",
    "kim",
    "state department",
    "C001",
    "=",
    "a=b=c",
    "…",
    "[...]",
)
"""Values a hostile or careless curator may give any option."""


@st.composite
def edit_arguments(
    draw: Draw, claim_ids: list[str], targets: list[str], actors: list[str]
) -> list[str]:
    """An `edit` command line: a claim (rarely an unknown one), then a random mix of its
    options, each value plausible two times in three, else hostile."""
    claim = draw(st.sampled_from([*claim_ids, "c9999"]))

    def mostly(plausible: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            plausible, plausible, st.sampled_from(HOSTILE_TEXTS) | st.text(max_size=40)
        )

    known = st.sampled_from([*targets, "nowhere"])
    stance = st.sampled_from(("support", "oppose", "neutral", "mixed", "maybe"))
    pair = st.builds(lambda target, value: f"{target}={value}", known, stance)
    excerpt = st.builds(lambda span: SEED_TEXT[span.start : span.end], seed_spans(4, 80))
    options: dict[str, st.SearchStrategy[str]] = {
        "--stance": mostly(pair),
        "--add-stance": mostly(pair),
        "--remove-stance": mostly(known),
        "--summary": mostly(st.just("A plain new summary.")),
        "--actor": mostly(st.sampled_from(actors)),
        "--via": mostly(st.sampled_from(actors)),
        "--quote": mostly(excerpt),
        "--occurrence": st.sampled_from(("1", "2", "0", "-1", "99", "x")),
        "--quote-type": st.sampled_from(("direct", "indirect", "mixed", "Mixed", "odd")),
        "--kind": st.sampled_from(("statement", "act", "ACT", "vote")),
        "--date": st.sampled_from(("2024-03-28", "2024-02-30", "2099-01-01", "yesterday")),
        "--clear": st.sampled_from(("date", "via", "kind", "summary")),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(options)), min_size=1, max_size=3))
    args = ["edit", claim]
    for option in chosen:
        args += [option, draw(options[option])]
    flags = draw(st.lists(st.sampled_from(("--approve", "--dry-run")), max_size=2, unique=True))
    return [*args, *flags]


@st.composite
def edit_actor_arguments(draw: Draw, actor_ids: list[str]) -> list[str]:
    """An `edit-actor` command line with a random mix of its options."""
    actor = draw(st.sampled_from([*actor_ids, "nobody"]))
    hostile = st.sampled_from(HOSTILE_TEXTS) | st.text(max_size=30)
    text = st.one_of(st.sampled_from(("New Name", "Newland", "A role")), hostile)
    some_actor = st.one_of(st.sampled_from(actor_ids), st.sampled_from(actor_ids), hostile)
    options: dict[str, st.SearchStrategy[str]] = {
        "--name": text,
        "--add-alias": text,
        "--remove-alias": text,
        "--kind": st.sampled_from(("person", "group", "government", "alien")),
        "--role": text,
        "--country": text,
        "--member": some_actor,
        "--add-member": some_actor,
        "--remove-member": some_actor,
        "--clear": st.sampled_from(("role", "country", "aliases", "members", "name")),
    }
    chosen = draw(st.lists(st.sampled_from(sorted(options)), min_size=1, max_size=3))
    args = ["edit-actor", actor]
    for option in chosen:
        args += [option, draw(options[option])]
    return args


# --- diff: edits of one field of one record ------------------------------------------------

RECORD_LISTS = ("claims", "actors", "targets", "sources")
LOOK_ALIKES = (("’", "'"), ("“", '"'), (" ", "\u00a0"), ("-", "‐"), ("e", "е"), (".", "․"))
"""Swaps a reader would not see: a diff that normalised text would hide them."""


def field_values() -> st.SearchStrategy[object]:
    """Any value a field could be given in a copy of a record (valid or not: the diff is a
    pure function of records and must name any difference)."""
    scalars = st.none() | st.booleans() | st.integers(-3, 10**6) | st.text(max_size=40)
    return scalars | st.lists(scalars, max_size=3) | st.lists(st.text(max_size=8), max_size=3)


@st.composite
def record_edits(draw: Draw, data: dict[str, Any]) -> tuple[str, int, str, object]:
    """(list, index, field, new value): one field of one record of `data`, set to a value
    that differs from the current one (ids aside: a new id is another record)."""
    lists = [name for name in RECORD_LISTS if data[name]]
    name = draw(st.sampled_from(lists))
    records = data[name]
    index = draw(st.integers(0, len(records) - 1))
    fields = sorted(set(records[index]) - {"id"})
    field = draw(st.sampled_from(fields))
    value = draw(field_values().filter(lambda new: new != records[index][field]))
    return name, index, field, value


@st.composite
def look_alike_edits(draw: Draw, data: dict[str, Any]) -> tuple[str, int, str, str]:
    """(list, index, field, new text): a free-text field with one character swapped for one
    that looks the same, or a full stop added at its end."""
    texts = [
        (name, index, field)
        for name in RECORD_LISTS
        for index, record in enumerate(data[name])
        for field, value in record.items()
        if field in ("quote", "summary", "name", "role", "label", "description", "title")
        and isinstance(value, str)
    ]
    name, index, field = draw(st.sampled_from(texts))
    text: str = data[name][index][field]
    swaps = [(old, new) for old, new in LOOK_ALIKES if old in text]
    if not swaps or draw(st.booleans()):
        return name, index, field, text + "."
    old, new = draw(st.sampled_from(swaps))
    at = draw(st.sampled_from([i for i in range(len(text)) if text.startswith(old, i)]))
    return name, index, field, text[:at] + new + text[at + len(old) :]
