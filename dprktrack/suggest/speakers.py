"""Who speaks: mentions of the claims file's actors (by name, alias or role), pronouns and
"the diplomat"-style references carried from earlier sentences, unknown capitalised names."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise
from typing import NamedTuple

from dprktrack.schema.records import Actor
from dprktrack.suggest.words import Words, folded, past_space, words

_PRONOUNS = frozenset(("he", "she", "they", "his", "her", "their"))
_REFERENCE_WORDS = """diplomat envoy minister spokesman spokeswoman spokesperson official
    representative ambassador analyst expert researcher president senator professor scholar
    chairman chairwoman chair secretary general commander lawmaker economist author"""
_REFERENCES = frozenset(_REFERENCE_WORDS.split())
"""What "the …" may refer to someone by ("the diplomat said")."""
_SHORT_TITLE_WORDS = "Dr Mr Mrs Ms Mx Prof Gen Col Amb Sen Rep Gov Lt Capt Maj Sgt Rev Hon Adm Brig"
_SHORT_TITLES = frozenset(_SHORT_TITLE_WORDS.split())
"""Titles that may be written with a full stop after them ("Dr. Petra Owende")."""
_TITLE_WORDS = """Sir Dame Lord Lady Ambassador President Professor Minister General Colonel
    Senator Judge Governor Mayor Chancellor Premier"""
_TITLES = frozenset(_TITLE_WORDS.split())


def pronoun(text: str) -> str | None:
    """The first pronoun of the text ("he", "their"…, in any case), as written."""
    for _, _, word in words(text, 0, len(text)):
        if folded(word) in _PRONOUNS:
            return word
    return None


def reference(text: str) -> str | None:
    """The first "the diplomat", "the minister"… of the text (in any case, one space
    between), as written."""
    found = words(text, 0, len(text))
    for (start, the_end, the), (noun_start, end, noun) in pairwise(found):
        if folded(the) == "the" and text[the_end:noun_start] == " " and folded(noun) in _REFERENCES:
            return text[start:end]
    return None


def after_title(text: str) -> int | None:
    """Where the name after a title that opens the text begins ("Dr. ", "Minister "), or
    None: "said Dr. Petra Owende" names Petra Owende."""
    at = 0
    while at < len(text) and text[at].isascii() and text[at].isalpha():
        at += 1
    title = text[:at]
    if title not in _SHORT_TITLES and title not in _TITLES:
        return None
    if title in _SHORT_TITLES and text.startswith(".", at):
        at += 1
    name = past_space(text, at)
    return name if name > at else None


_WORD = r"(?:[A-Z][a-z]+(?:-[A-Za-z][a-z]+)?|[A-Z]\.)"
_NAME = re.compile(rf"\b{_WORD}(?:\s+{_WORD}){{1,3}}\b")
_NOT_A_PERSON = frozenset(
    [
        "Council",
        "Committee",
        "Nations",
        "Union",
        "Ministry",
        "Department",
        "Institute",
        "University",
        "Center",
        "Centre",
        "Academy",
        "Sciences",
        "Studies",
        "News",
        "Times",
        "Post",
        "Agency",
        "Office",
        "Party",
        "Bank",
        "Fund",
        "Court",
        "Parliament",
        "Assembly",
        "Commission",
        "Republic",
        "Kingdom",
        "States",
        "Sea",
        "Ocean",
        "River",
        "Street",
    ]
)
_SENTENCE_WORDS = frozenset(
    [
        "The",
        "A",
        "An",
        "As",
        "In",
        "On",
        "But",
        "And",
        "However",
        "Since",
        "According",
        "If",
        "When",
        "While",
        "After",
        "Before",
    ]
)
_PREPOSITIONS = frozenset(
    [
        "of",
        "on",
        "for",
        "to",
        "with",
        "against",
        "by",
        "from",
        "in",
        "about",
        "over",
        "at",
        "into",
        "toward",
        "towards",
        "between",
    ]
)


class Mention(NamedTuple):
    """A stretch of text naming an actor (or a name no actor has: `actor` None)."""

    start: int
    end: int
    actor: str | None
    name: str
    how: str
    """"name", "alias" or "role"."""


class Lexicon(NamedTuple):
    """Every way the claims file names its actors, indexed by first word, longest first."""

    phrases: tuple[tuple[str, str, str], ...]
    """(phrase, actor id, how), longest first."""
    kinds: dict[str, str]
    members: dict[str, tuple[str, ...]]
    by_first: dict[str, tuple[tuple[str, str, str], ...]]
    """The phrases by their first word in lower case, longest first."""
    found: dict[str, tuple[list[int], list[str]]]
    """Per text read, where its words that begin a phrase stand, and those words in lower
    case (see `_first_words`): found once, then every sentence looks up its own."""


def lexicon(actors: dict[str, Actor]) -> Lexicon:
    """The phrases to look for: names, aliases and short roles ("the ministry spokesman")."""
    phrases: dict[str, tuple[str, str]] = {}
    for actor in actors.values():
        for phrase, how in [(actor.name, "name"), *((alias, "alias") for alias in actor.aliases)]:
            phrases.setdefault(_bare(phrase), (actor.id, how))
        if actor.role and len(actor.role.split()) <= 6 and actor.kind == "person":
            phrases.setdefault(_bare(actor.role), (actor.id, "role"))
    for surname, actor_id in _surnames(actors).items():
        phrases.setdefault(surname, (actor_id, "surname"))
    ordered = tuple(
        (phrase, actor, how)
        for phrase, (actor, how) in sorted(phrases.items(), key=lambda item: -len(item[0]))
        if _TOKEN.match(phrase)
    )
    by_first: dict[str, list[tuple[str, str, str]]] = {}
    for entry in ordered:
        by_first.setdefault(_first_word(entry[0]), []).append(entry)
    return Lexicon(
        ordered,
        {actor.id: actor.kind for actor in actors.values()},
        {actor.id: tuple(actor.members) for actor in actors.values()},
        {word: tuple(entries) for word, entries in by_first.items()},
        {},
    )


_TOKEN = re.compile(r"\w+")


def _surnames(actors: dict[str, Actor]) -> dict[str, str]:
    """The last word of each person's name ("Renner" for Tobias Renner), which news prose
    uses alone after the first mention; left out where two people share it."""
    found: dict[str, list[str]] = {}
    for actor in actors.values():
        words = actor.name.split()
        if actor.kind == "person" and len(words) >= 2 and _surname_like(words[-1]):
            found.setdefault(words[-1], []).append(actor.id)
    return {surname: ids[0] for surname, ids in found.items() if len(ids) == 1}


def _surname_like(word: str) -> bool:
    """Whether a word is a capital and small letters, or two such joined by a hyphen
    ("Renner", "Hart-Lowe"): what `[A-Z][a-z]+(?:-[A-Z][a-z]+)?` matches whole, told
    without compiling it at start-up."""
    parts = word.split("-")
    return len(parts) <= 2 and all(
        len(part) >= 2 and "A" <= part[0] <= "Z" and all("a" <= char <= "z" for char in part[1:])
        for part in parts
    )


def _first_word(phrase: str) -> str:
    found = _TOKEN.match(phrase)
    return found.group(0).lower() if found else ""


def _bare(phrase: str) -> str:
    """A phrase without a leading "the" (the text may say "The" or "the" or neither)."""
    return re.sub(r"^(?:the|The)\s+", "", phrase.strip())


def _stands_at(text: str, at: int, phrase: str, end: int) -> bool:
    """Whether `phrase` stands at `at` as whole words, its first letter in either case
    ("The Board", "the Board")."""
    stop = at + len(phrase)
    if stop > end or text[at].lower() != phrase[0].lower() or text[at + 1 : stop] != phrase[1:]:
        return False
    after = text[stop : stop + 1]
    return not (after.isalnum() or after in ("_", "-"))


def mentions(
    lex: Lexicon, text: str, start: int, end: int, known: Words | None = None
) -> list[Mention]:
    """The actors named in text[start:end] (the longest phrase where several begin), then
    capitalised names of two words or more that no actor has (`known`: the text's words,
    if the caller has them)."""
    taken: list[Mention] = []
    reach = start
    for at, word in _first_words(lex, text, start, end, known):
        if at < reach or (at > 0 and text[at - 1] in "’'-_"):
            continue
        for phrase, actor, how in lex.by_first[word]:
            if how == "surname" and not text.startswith(phrase, at):
                continue  # a surname only as written, capital first ("Long", never "long")
            if not _stands_at(text, at, phrase, end):
                continue
            if lex.kinds.get(actor) not in PEOPLE and _inside_longer_name(text, at, phrase):
                continue  # a body's name ending a longer one ("Fisheries Council")
            taken.append(Mention(at, at + len(phrase), actor, text[at : at + len(phrase)], how))
            reach = at + len(phrase)
            break
    for found in _NAME.finditer(text, start, end):
        free = not any(m.start < found.end() and found.start() < m.end for m in taken)
        if free and _unknown_person(text, found):
            taken.append(Mention(found.start(), found.end(), None, found.group(0), "name"))
    return sorted(taken, key=lambda mention: mention.start)


PEOPLE = ("person", "author")
"""Actor kinds named as people are: "Minister Renner" is Renner, a title before a name."""


def _inside_longer_name(text: str, at: int, phrase: str) -> bool:
    """Whether a capitalised phrase is the end of a longer proper name the file does not know
    ("the European Fisheries Council" is not "the Council"): the word before it is a
    capitalised word of its own, not an article, an acronym ("UN") or a possessive."""
    if not phrase[:1].isupper():
        return False
    before = text[max(0, at - 40) : at]
    if not before.endswith(" "):
        return False
    words = before.split()
    previous = words[-1] if words else ""
    return (
        len(previous) > 3
        and previous.isalpha()
        and previous[0].isupper()
        and not previous.isupper()
        and not (len(words) < 2 or words[-2].endswith((".", "!", "?", "”", '"')))
    )


def _first_words(
    lex: Lexicon, text: str, start: int, end: int, known: Words | None
) -> list[tuple[int, str]]:
    """The words of text[start:end] (as a scan of that stretch alone cuts them) that begin a
    phrase of the lexicon: the whole text's, plus the part of a word `start` cuts. A word
    `end` cuts is taken whole: either way no phrase fits before `end` there, since a
    phrase's first word ends where its word does."""
    if text not in lex.found:
        every = known.found if known is not None else words(text, 0, len(text))
        kept = [(at, lowered) for at, _, word in every if (lowered := word.lower()) in lex.by_first]
        lex.found[text] = ([at for at, _ in kept], [lowered for _, lowered in kept])
    starts, lowered_words = lex.found[text]
    first, last = bisect_left(starts, start), bisect_left(starts, end)
    found = list(zip(starts[first:last], lowered_words[first:last], strict=True))
    cut = _TOKEN.match(text, start - 1) if 0 < start < end else None
    if cut is not None and cut.end() > start:  # `start` falls inside a word
        part = _TOKEN.match(text, start, end)
        if part is not None and part.group(0).lower() in lex.by_first:
            found.insert(0, (start, part.group(0).lower()))
    return found


def _unknown_person(text: str, found: re.Match[str]) -> bool:
    """Whether a run of capitalised words looks like a person's name, not a sentence start
    ("The Plan") or a place or body ("Lagoon Council")."""
    words = found.group(0).split()
    common = {"The", "A", "An", "As", "In", "On", "But", "And", "However", "Since", "According"}
    if words[0] in common:
        return False
    return not any(word in _NOT_A_PERSON for word in words)


def subject_like(text: str, mention: Mention) -> bool:
    """Whether a mention may be the subject of a verb: not a possessive ("Velmora’s move")
    unless its phrase is one, and not the object of a preposition ("on the island")."""
    if text[mention.end : mention.end + 2] in ("’s", "'s"):
        return False
    before = text[max(0, mention.start - 20) : mention.start].split()
    while before and before[-1].lower() in ("the", "a", "an"):
        before.pop()
    return not (before and before[-1].lower() in _PREPOSITIONS)
