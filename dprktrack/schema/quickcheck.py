"""A quick yes to "would the pydantic models accept this claims file?", without pydantic.

Importing pydantic and building the models costs more than a whole lookup on the
bundled data, so loading asks this first. It must never say yes where the models
would say no; it may say no where they would say yes (a quote whose only letters
are digits of another script, say), and loading then asks the models, which also
explain what is wrong.
A property test holds it to that. Ids a claim refers to (source, actor, relay,
stance targets) are only checked to be strings: loading then requires each to be a
known id, and known ids are slugs, so a yes here with no cross-reference problem is
a yes from the models.
"""

from __future__ import annotations

import re
from typing import Any

from dprktrack.schema.rules import MAX_TEXT, iso_date
from dprktrack.schema.vocabulary import ACTOR_KINDS, QUOTE_TYPES, STANCES

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_SLUG_LINES = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*\n)*")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_REVIEW_PIN = re.compile(r"[0-9a-f]{16}")
# Characters every regex engine's \S takes (ASCII printable) or \w takes (letters, digits).
_VISIBLE = re.compile(r"[!-~]|[^\W_]")

# Half of a UTF-16 pair: no file text holds one, but a caller's data might.
_SURROGATE = re.compile("[\ud800-\udfff]")

_TOP = {"$schema", "sources", "actors", "targets", "claims"}
_SOURCE = {"id", "path", "title", "author", "outlet", "published", "sha256"}
_ACTOR = {"id", "name", "aliases", "kind", "role", "country"}
_ACTOR_REQUIRED = {"id", "name", "kind"}
_TARGET = {"id", "label", "description"}
_STANCE = {"target", "stance"}
_CLAIM = {
    "id", "source", "actor", "quote", "start", "end", "prefix", "suffix", "review_pin",
    "quote_type", "reported_via", "stances", "summary", "date",
}  # fmt: skip
_CLAIM_REQUIRED = {"id", "source", "actor", "quote", "quote_type", "stances", "summary"}


def holds(data: Any) -> bool:
    """True only if the models would accept `data` as it stands."""
    if type(data) is not dict or not data.keys() <= _TOP:
        return False
    schema = data.get("$schema")
    if schema is not None and type(schema) is not str:
        return False
    sources, actors, targets = (data.get(key, ()) for key in ("sources", "actors", "targets"))
    claims = data.get("claims")
    if not (_filled(sources) and _filled(actors) and _filled(targets)):
        return False
    return (
        type(claims) is list
        and all(_source(record) for record in sources)
        and all(_actor(record) for record in actors)
        and all(_target(record) for record in targets)
        and _claims(claims)
    )


def _filled(value: Any) -> bool:
    return type(value) is list and len(value) > 0


def _slug(value: Any) -> bool:
    return type(value) is str and len(value) <= 64 and _SLUG.fullmatch(value) is not None


def _text(value: Any) -> bool:
    return (
        type(value) is str
        and len(value) <= MAX_TEXT
        and _VISIBLE.search(value) is not None
        and _SURROGATE.search(value) is None
    )


def _optional_text(value: Any) -> bool:
    return value is None or _text(value)


def _source(record: Any) -> bool:
    if type(record) is not dict or record.keys() != _SOURCE:
        return False
    published = record["published"]
    return (
        _slug(record["id"])
        and all(_text(record[key]) for key in ("path", "title", "author", "outlet"))
        and type(record["sha256"]) is str
        and _SHA256.fullmatch(record["sha256"]) is not None
        and _date(published)
    )


def _actor(record: Any) -> bool:
    if type(record) is not dict or not _ACTOR_REQUIRED <= record.keys() <= _ACTOR:
        return False
    aliases = record.get("aliases", [])
    return (
        _slug(record["id"])
        and _text(record["name"])
        and type(aliases) is list
        and all(_text(alias) for alias in aliases)
        and record["kind"] in ACTOR_KINDS
        and type(record["kind"]) is str
        and _optional_text(record.get("role"))
        and _optional_text(record.get("country"))
    )


def _target(record: Any) -> bool:
    return (
        type(record) is dict
        and record.keys() == _TARGET
        and _slug(record["id"])
        and _text(record["label"])
        and _text(record["description"])
    )


def _claims(claims: list[Any]) -> bool:
    """Column by column where that is faster: 100,000 ids in one regular expression."""
    if not claims:
        return True
    if set(map(type, claims)) != {dict}:
        return False
    if not all(_CLAIM_REQUIRED <= keys <= _CLAIM for keys in map(dict.keys, claims)):
        return False
    references = [claim["source"] for claim in claims] + [claim["actor"] for claim in claims]
    return (
        _slugs([claim["id"] for claim in claims])
        and set(map(type, references)) == {str}
        and all(_claim(claim) for claim in claims)
    )


def _slugs(values: list[Any]) -> bool:
    if set(map(type, values)) != {str} or max(map(len, values)) > 64:
        return False
    joined = "\n".join(values) + "\n"
    # As many line ends as ids: no id may smuggle in a line end of its own.
    return joined.count("\n") == len(values) and _SLUG_LINES.fullmatch(joined) is not None


def _claim(record: dict[str, Any]) -> bool:
    """What `_claims` does not check by column."""
    stances = record["stances"]
    quote = record["quote"]
    relay = record.get("reported_via")
    return (
        type(quote) is str
        and len(quote) <= MAX_TEXT
        and _two_letters_or_digits(quote)
        and _SURROGATE.search(quote) is None
        and _offsets(record.get("start"), record.get("end"))
        and _context(record.get("prefix"))
        and _context(record.get("suffix"))
        and _review_pin(record.get("review_pin"))
        and type(record["quote_type"]) is str
        and record["quote_type"] in QUOTE_TYPES
        and (relay is None or type(relay) is str)
        and type(stances) is list
        and len(stances) > 0
        and all(_stance(entry) for entry in stances)
        and _text(record["summary"])
        and (record.get("date") is None or _date(record["date"]))
    )


def _two_letters_or_digits(text: str) -> bool:
    """The models' `\\w\\W*\\w`, on its sure side: letters (str.isalpha) and ASCII digits."""
    count = 0
    for char in text:
        if char.isalpha() or "0" <= char <= "9":
            count += 1
            if count == 2:
                return True
    return False


def _offsets(start: Any, end: Any) -> bool:
    if start is None and end is None:
        return True
    return type(start) is int and type(end) is int and 0 <= start <= end


def _context(value: Any) -> bool:
    return value is None or (
        type(value) is str and len(value) <= MAX_TEXT and _SURROGATE.search(value) is None
    )


def _review_pin(value: Any) -> bool:
    return value is None or (type(value) is str and _REVIEW_PIN.fullmatch(value) is not None)


def _stance(entry: Any) -> bool:
    return (
        type(entry) is dict
        and entry.keys() == _STANCE
        and type(entry["target"]) is str
        and type(entry["stance"]) is str
        and entry["stance"] in STANCES
    )


def _date(value: Any) -> bool:
    """YYYY-MM-DD and a real date, as the models' `iso_date` says."""
    if type(value) is not str:
        return False
    try:
        iso_date(value)
    except ValueError:
        return False
    return True
