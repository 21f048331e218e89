"""A quick yes to "would the pydantic models accept this claims file?", without pydantic.

Importing pydantic and building the models costs more than a whole lookup on the
bundled data, so loading asks this first. It must never say yes where the models
would say no; it may say no where they would say yes (a quote whose only letters
are digits of another script, say), and loading then asks the models, which also
explain what is wrong.
A property test holds it to that.

What to check comes from the models by way of derived.py (generated): each record
type's keys, and per field a rule named after its type (slug, text, …). This module
holds only the rules themselves, the values' side of them that pydantic applies
through patterns and validators. Each rule takes a whole column (one field of every
record of a list) at once: 100,000 ids in one regular expression, 100,000
references as the few distinct ids they name.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial
from operator import is_not, itemgetter, methodcaller
from typing import Any

from dprktrack.schema.derived import SHAPES, FieldRule, Shape
from dprktrack.schema.rules import (
    LANGUAGE_PATTERN,
    MAX_LANGUAGE_TAG,
    MAX_TEXT,
    MAX_WEB_ADDRESS,
    WEB_ADDRESS_PATTERN,
    iso_date,
    offsets_problem,
)

_SLUG_LINES = re.compile(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*\n)*")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_REVIEW_PIN = re.compile(r"[0-9a-f]{16}")
_WEB_ADDRESS = re.compile(WEB_ADDRESS_PATTERN)
_LANGUAGE = re.compile(LANGUAGE_PATTERN)
# Characters every regex engine's \S takes (ASCII printable) or \w takes (letters, digits).
_VISIBLE = re.compile(r"[!-~]|[^\W_]")


def holds(data: Any) -> bool:
    """True only if the models would accept `data` as it stands."""
    return _records_hold(SHAPES["ClaimsFile"], [data])


def _records_hold(shape: Shape, records: list[Any]) -> bool:
    """Every record of one type: its keys, then field by field, then its model validators."""
    if not records:
        return True
    if set(map(type, records)) != {dict}:
        return False
    keys, required = shape.keys, shape.required
    # The few distinct key sets, each compared once (the set is built in C).
    if not all(required <= present <= keys for present in set(map(frozenset, records))):
        return False
    return all(
        _field_holds(field, _column(records, field, field.key in required))
        for field in shape.fields
    ) and all(_record_check(name, records) for name in shape.checks)


_ABSENT = object()


def _column(records: list[dict[str, Any]], field: FieldRule, required: bool) -> list[Any]:
    """One field's values, from the records that give it; a null is left out where the
    field may be null."""
    key = field.key
    if required and not field.nullable:
        return list(map(itemgetter(key), records))
    left_out = None if field.nullable else _ABSENT
    given = map(methodcaller("get", key, left_out), records)
    return list(filter(partial(is_not, left_out), given))  # map and filter run in C


def _field_holds(field: FieldRule, values: list[Any]) -> bool:
    if field.many:
        if set(map(type, values)) - {list}:
            return False
        if min(map(len, values), default=field.min_items) < field.min_items:
            return False
        values = [item for value in values for item in value]
    if field.rule == "record":
        return _records_hold(SHAPES[field.record], values)
    if field.rule == "one_of":
        return _strings(values) and set(values).issubset(field.choices)
    rule = _VALUE_RULES.get(field.rule)
    return rule is not None and rule(values)  # a rule not known here: the models decide


def _record_check(name: str, records: list[dict[str, Any]]) -> bool:
    """A model validator over several fields, on every record; a validator not known
    here is a no, so that the models decide."""
    if name == "_offsets_in_order":
        starts = map(methodcaller("get", "start"), records)
        ends = map(methodcaller("get", "end"), records)
        return not any(map(offsets_problem, starts, ends))  # a problem is a sentence
    return False


def _strings(values: list[Any]) -> bool:
    return set(map(type, values)) <= {str}


def _short(values: list[str]) -> bool:
    return max(map(len, values), default=0) <= MAX_TEXT


def _whole(values: list[str]) -> bool:
    """No half of a UTF-16 pair anywhere in the column (UTF-8 cannot encode one)."""
    try:
        "".join(values).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _slugs(values: list[Any]) -> bool:
    """Each distinct value once: a column of references names only a few ids."""
    if not _strings(values):
        return False
    distinct = list(set(values))
    if not distinct:
        return True
    if max(map(len, distinct)) > 64:
        return False
    joined = "\n".join(distinct) + "\n"
    # As many line ends as ids: no id may smuggle in a line end of its own.
    return joined.count("\n") == len(distinct) and _SLUG_LINES.fullmatch(joined) is not None


def _texts(values: list[Any]) -> bool:
    return (
        _strings(values) and _short(values) and all(map(_VISIBLE.search, values)) and _whole(values)
    )


def _quotes(values: list[Any]) -> bool:
    return (
        _strings(values)
        and _short(values)
        and all(map(_two_letters_or_digits, values))
        and _whole(values)
    )


def _contexts(values: list[Any]) -> bool:
    return _strings(values) and _short(values) and _whole(values)


def _sha256s(values: list[Any]) -> bool:
    return _strings(values) and all(map(_SHA256.fullmatch, values))


def _review_pins(values: list[Any]) -> bool:
    return _strings(values) and all(map(_REVIEW_PIN.fullmatch, values))


def _web_addresses(values: list[Any]) -> bool:
    """The models' pattern, on its sure side: Python's \\s takes every character the models'
    engine takes as white space, and more (a disagreement answers no; the models decide).
    `fullmatch`, because Python's `$` also matches before a final line end."""
    return (
        _strings(values)
        and max(map(len, values), default=0) <= MAX_WEB_ADDRESS
        and all(map(_WEB_ADDRESS.fullmatch, values))
        and _whole(values)
    )


def _languages(values: list[Any]) -> bool:
    return _strings(values) and all(
        len(value) <= MAX_LANGUAGE_TAG and _LANGUAGE.fullmatch(value) for value in values
    )


def _dates(values: list[Any]) -> bool:
    return _strings(values) and all(map(_date, set(values)))


def _counts(values: list[Any]) -> bool:
    return set(map(type, values)) <= {int} and min(values, default=0) >= 0  # a bool is no count


_VALUE_RULES: dict[str, Callable[[list[Any]], bool]] = {
    "slug": _slugs,
    "text": _texts,
    "quote": _quotes,
    "context": _contexts,
    "sha256": _sha256s,
    "review_pin": _review_pins,
    "web_address": _web_addresses,
    "language": _languages,
    "date": _dates,
    "count": _counts,
    "string": _strings,
}
"""The rule of each value type derive.py names, for a whole column of values."""


def _two_letters_or_digits(text: str) -> bool:
    """The models' `\\w\\W*\\w`, on its sure side: letters (str.isalpha) and ASCII digits."""
    count = 0
    for char in text:
        if char.isalpha() or "0" <= char <= "9":
            count += 1
            if count == 2:
                return True
    return False


def _date(value: str) -> bool:
    """YYYY-MM-DD and a real date, as the models' `iso_date` says."""
    try:
        iso_date(value)
    except ValueError:
        return False
    return True
