"""Writes derived.py from the pydantic models: what the fast path needs, stated once.

The models (models.py) are the schema's one source of truth. Lookups must not pay
for importing pydantic, so what they need of the schema (the word lists, the
records as named tuples, and per field the rule the quick check applies) is
generated into derived.py by cog, never written by hand:

    cog -r dprktrack/schema/derived.py       # after changing the models
    cog --check dprktrack/schema/derived.py  # in CI, and tests/unit/schema/test_derived.py

Only cog and the tests import this module (it imports pydantic); nothing at run time does.
A field of a type this module does not know stops the generation with a message
saying what to add, rather than letting the quick check guess.
"""

from __future__ import annotations

import json
import re
import types
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal, NamedTuple, Union, get_args, get_origin, get_type_hints

from annotated_types import MinLen
from pydantic import BaseModel, NonNegativeInt
from pydantic.fields import FieldInfo

from dprktrack.schema import models

TOP = models.ClaimsFile
"""The document; its lists of records are the `Records` lookups work on."""

VALUE_RULES: list[tuple[Any, str]] = [
    (models.Slug, "slug"),
    (models.Text, "text"),
    (models.QuoteText, "quote"),
    (models.Context, "context"),
    (models.Sha256, "sha256"),
    (models.WebAddress, "web_address"),
    (models.LanguageTag, "language"),
    (models.ReviewPin, "review_pin"),
    (models.IsoDate, "date"),
    (models.CalendarDate, "date"),
    (NonNegativeInt, "count"),
    (str, "string"),
]
"""Each value type of the models and the name of the quick check's rule for it."""

RECORD_DEFAULT_FACTORIES = {list: "[]", dict: "{}"}
LINE_LENGTH = 100


class Part(NamedTuple):
    """One field's type, taken apart: what the quick check and the records need of it."""

    inner: Any  # the type of a value, or of each item of a list; None and list removed
    nullable: bool
    many: bool


def derived_text() -> str:
    """The body of derived.py's generated block."""
    words = "\n".join(_vocabulary())
    blocks = [*_record_classes(), _records_class(), *_builders(), _records_of()]
    return "\n\n\n".join([words, *blocks, _shapes()]) + "\n"


def record_models() -> list[type[BaseModel]]:
    """Every model a claims file holds, the document first, nested ones after their holder."""
    found: list[type[BaseModel]] = []
    pending: list[type[BaseModel]] = [TOP]
    while pending:
        model = pending.pop(0)
        if model not in found:
            found.append(model)
            pending += [_part(hint).inner for hint in _hints(model).values()]
            pending = [item for item in pending if _is_model(item)]
    order = list(vars(models).values())
    return [TOP, *sorted(found[1:], key=order.index)]


def _hints(model: type[BaseModel]) -> dict[str, Any]:
    """The model's field types, with their constraints (the aliases Slug, Text, …) kept."""
    hints = get_type_hints(model, include_extras=True)
    return {name: hints[name] for name in model.model_fields}


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)


def _part(hint: Any) -> Part:
    """A field's type without its `| None` and its `list[…]`, and whether it had them."""
    nullable = False
    if get_origin(hint) in (Union, types.UnionType):
        args = get_args(hint)
        others = [arg for arg in args if arg is not type(None)]
        if len(others) != 1:
            raise TypeError(f"derive: a union other than `X | None` ({hint}) has no quick rule")
        nullable, hint = True, others[0]
    if get_origin(hint) is list:
        (item,) = get_args(hint)
        return Part(item, nullable, many=True)
    return Part(hint, nullable, many=False)


def _literal_names() -> dict[tuple[str, ...], str]:
    """The models' named word lists (Stance = Literal[…]) as STANCES and the like."""
    names = {}
    for name, value in vars(models).items():
        if get_origin(value) is Literal:
            words = re.sub(r"(?<!^)(?=[A-Z])", "_", name).upper() + "S"
            names[get_args(value)] = words
    return names


def _vocabulary() -> Iterator[str]:
    for words, name in _literal_names().items():
        yield _wrapped(f"{name}: tuple[str, ...] = (", [_quoted(word) for word in words], ")")


def _quoted(text: str) -> str:
    """A string literal as the formatter writes it (double quotes)."""
    return json.dumps(text, ensure_ascii=False)


def _tuple(words: tuple[str, ...]) -> str:
    quoted = [_quoted(word) for word in words]
    return "(" + ", ".join(quoted) + ("," if len(words) == 1 else "") + ")"


def _wrapped(opening: str, items: list[str], closing: str, indent: str = "") -> str:
    """`opening items closing` on one line if it fits, else an item a line, as ruff would."""
    line = f"{indent}{opening}{', '.join(items)}{closing}"
    if len(line) <= LINE_LENGTH:
        return line
    inner = [f"{indent}    {item}," for item in items]
    return "\n".join([f"{indent}{opening}", *inner, f"{indent}{closing}"])


def _python_type(hint: Any) -> str:
    """The type a record's field has: str for every text, date for a calendar date."""
    part = _part(hint)
    inner = part.inner
    if get_origin(inner) is Annotated:
        inner = get_args(inner)[0]
    if _is_model(inner):
        shown = inner.__name__
    elif get_origin(inner) is Literal:
        shown = "str"
    elif inner in (str, int, date):
        shown = inner.__name__
    else:
        raise TypeError(f"derive: no record type for {hint}; add it to _python_type")
    shown = f"list[{shown}]" if part.many else shown
    return f"{shown} | None" if part.nullable else shown


def _ordered_fields(model: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    """Fields as a named tuple must list them: those without a default first.

    A default made by a factory (aliases=[]) is not shared: the record has none, and
    its builder fills it in.
    """
    fields = list(model.model_fields.items())
    required = [(name, info) for name, info in fields if info.is_required()]
    made = [(name, info) for name, info in fields if info.default_factory is not None]
    rest = [item for item in fields if item not in required and item not in made]
    return required + made + rest


def _record_classes() -> Iterator[str]:
    for model in record_models()[1:]:
        hints = _hints(model)
        lines = [f"class {model.__name__}(NamedTuple):"]
        lines.append(f'    """{_first_line(model)}"""\n')
        for name, info in _ordered_fields(model):
            default = "" if info.is_required() or info.default_factory else f" = {_value(info)}"
            lines.append(f"    {name}: {_python_type(hints[name])}{default}")
        yield "\n".join(lines)


def _value(info: FieldInfo) -> str:
    """A field's default as Python source (None, a number, a text)."""
    default = info.default
    if default is not None and not isinstance(default, bool | int | str):
        raise TypeError(f"derive: no record default for {default!r}")
    return _quoted(default) if isinstance(default, str) else repr(default)


def _first_line(model: type[BaseModel]) -> str:
    return (model.__doc__ or model.__name__).strip().splitlines()[0]


def _lists_of_records() -> list[tuple[str, type[BaseModel]]]:
    """The document's lists of records (sources, actors, …) and the model of each."""
    parts = {name: _part(hint) for name, hint in _hints(TOP).items()}
    return [(name, part.inner) for name, part in parts.items() if part.many]


def _records_class() -> str:
    lines = ["class Records(NamedTuple):", '    """The lists of a claims file, in file order."""\n']
    lines += [f"    {name}: list[{model.__name__}]" for name, model in _lists_of_records()]
    return "\n".join(lines)


def _builder_name(model: type[BaseModel]) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", model.__name__).lower() + "_of"


def _builders() -> Iterator[str]:
    """For each record, the function that makes it from its validated JSON record."""
    for model in record_models()[1:]:
        name = model.__name__
        yield (
            f"def {_builder_name(model)}(record: dict[str, Any]) -> {name}:\n"
            f'    """{_article(name)} from its validated JSON record."""\n'
            f"{_returned(model, 'record')}"
        )


def _article(name: str) -> str:
    words = re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()
    return ("An " if words[0] in "aeiou" else "A ") + words


def _construction(model: type[BaseModel], record: str) -> str:
    """The expression that builds `model`'s record from the JSON record named `record`."""
    items = _construction_items(model, record)
    if items is None:
        return f"{model.__name__}(**{record})"
    return f"{model.__name__}(**{{{', '.join(items)}}})"


def _construction_items(model: type[BaseModel], record: str) -> list[str] | None:
    """The items of the dict a record is built from: defaults filled, values converted;
    None when the JSON record serves as it is."""
    hints = _hints(model)
    filled = [
        f'"{name}": {_factory_default(info)}'
        for name, info in model.model_fields.items()
        if info.default_factory is not None
    ]
    converted = [
        f'"{name}": {conversion}'
        for name, info in model.model_fields.items()
        if (conversion := _conversion(name, hints[name], _read(record, name, info)))
    ]
    if not filled and not converted:
        return None
    return [*filled, f"**{record}", *converted]


def _returned(model: type[BaseModel], record: str) -> str:
    """The builder's return statement, wrapped as the formatter would when too long."""
    line = f"    return {_construction(model, record)}"
    items = _construction_items(model, record)
    if len(line) <= LINE_LENGTH or items is None:
        return line
    wrapped = _wrapped("**{", items, "}", "        ")
    return f"    return {model.__name__}(\n{wrapped}\n    )"


def _read(record: str, name: str, info: FieldInfo) -> str:
    """The expression for a field's JSON value (None where an optional field is left out)."""
    return f'{record}["{name}"]' if info.is_required() else f'{record}.get("{name}")'


def _factory_default(info: FieldInfo) -> str:
    factory = info.default_factory
    if factory not in RECORD_DEFAULT_FACTORIES:
        raise TypeError(f"derive: no record default for the factory {factory}")
    return RECORD_DEFAULT_FACTORIES[factory]


def _conversion(name: str, hint: Any, value: str) -> str | None:
    """How a JSON value becomes the record's (a date from its text, nested records), if at all."""
    part = _part(hint)
    inner = get_args(part.inner)[0] if get_origin(part.inner) is Annotated else part.inner
    if _is_model(inner):
        if part.nullable or not part.many:
            raise TypeError(f"derive: {name}: only a required list of records is supported")
        return f"[{_construction(inner, 'item')} for item in {value}]"
    if inner is date:
        if part.many:
            raise TypeError(f"derive: {name}: a list of dates is not supported")
        return f"as_date_or_none({value})" if part.nullable else f"as_date({value})"
    return None


def _records_of() -> str:
    lines = [
        "def records_of(data: dict[str, Any]) -> Records:",
        '    """Records from validated JSON data (dates as ISO strings, as in the file)."""',
        "    return Records(",
    ]
    for name, model in _lists_of_records():
        lines.append(f'        {name}=[{_builder_name(model)}(item) for item in data["{name}"]],')
    return "\n".join([*lines, "    )"])


def _shapes() -> str:
    lines = ["SHAPES: dict[str, Shape] = {"]
    for model in record_models():
        lines += [f'    "{model.__name__}": Shape(', *_shape_lines(model), "    ),"]
    return "\n".join([*lines, "}"])


def _shape_lines(model: type[BaseModel]) -> list[str]:
    _refuse_field_validators(model)
    keys = {name: info.alias or name for name, info in model.model_fields.items()}
    required = [keys[name] for name, info in model.model_fields.items() if info.is_required()]
    checks = sorted(model.__pydantic_decorators__.model_validators)
    lines = [_frozenset("keys", list(keys.values())), _frozenset("required", required)]
    lines.append("        fields=(")
    lines += [
        f"            {_field_rule(keys[name], hint, model.model_fields[name])},"
        for name, hint in _hints(model).items()
    ]
    lines.append("        ),")
    lines.append(f"        checks={_tuple(tuple(checks))},")
    return lines


def _frozenset(name: str, keys: list[str]) -> str:
    quoted = [_quoted(key) for key in keys]
    line = f"        {name}=frozenset({{{', '.join(quoted)}}}),"
    if len(line) <= LINE_LENGTH:
        return line
    inner = "".join(f"                {key},\n" for key in quoted)
    return f"        {name}=frozenset(\n            {{\n{inner}            }}\n        ),"


def _field_rule(key: str, hint: Any, info: FieldInfo) -> str:
    """The quick check's rule for one field, as a FieldRule expression."""
    part = _part(hint)
    _refuse_unknown_constraints(key, part, info)
    words = _literal_names()
    if get_origin(part.inner) is Literal:
        choices = get_args(part.inner)
        rule = f'"one_of", choices={words.get(choices) or _tuple(choices)}'
    elif _is_model(part.inner):
        rule = f'"record", record="{part.inner.__name__}"'
    else:
        rule = f'"{_value_rule(key, part.inner)}"'
    extras = [f"nullable={part.nullable}"] if part.nullable else []
    if part.many:
        extras += ["many=True", f"min_items={_min_items(info)}"]
    return f'FieldRule("{key}", {", ".join([rule, *extras])})'


def _refuse_unknown_constraints(key: str, part: Part, info: FieldInfo) -> None:
    """Stop where a field says more than its type: a limit or validator given on the field
    itself (`Field(max_length=…)`, `AfterValidator`) has no quick rule, and a quick check
    that skipped it would say yes to a file the models refuse."""
    own = list(get_args(part.inner)[1:]) if get_origin(part.inner) is Annotated else []
    allowed = [*own, *(item for item in info.metadata if part.many and isinstance(item, MinLen))]
    extra = [item for item in info.metadata if item not in allowed]
    if extra:
        raise TypeError(
            f"derive: the field {key!r} adds {extra} to its type; give it a type of its own"
            " (an alias in models.py, with its rule in VALUE_RULES and quickcheck.py)"
        )


def _refuse_field_validators(model: type[BaseModel]) -> None:
    """Stop at a field validator: the quick check knows model validators by name only."""
    found = sorted(model.__pydantic_decorators__.field_validators)
    if found:
        raise TypeError(
            f"derive: {model.__name__} has field validators {found}, which the quick check"
            " cannot apply; put the rule in a type alias or a model validator it knows"
        )


def _value_rule(key: str, inner: Any) -> str:
    for known, rule in VALUE_RULES:
        if inner == known:
            return rule
    raise TypeError(
        f"derive: the field {key!r} has a type with no quick rule ({inner}); add the type to"
        " VALUE_RULES in derive.py and its rule to quickcheck.py"
    )


def _min_items(info: FieldInfo) -> int:
    """The fewest items a list field takes (Field(min_length=…)), 0 when it says none."""
    lengths = [getattr(item, "min_length", None) for item in info.metadata]
    return max((length for length in lengths if isinstance(length, int)), default=0)
