"""The JSON Schema for editors: true to claims.json and to the loader (the `schema` command
that prints it is in tests/cli/test_schema.py)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import TypeAdapter, ValidationError
from support import CLAIMS, SCHEMA_FILE, Edit, Invoke, delete_at, set_at

from dprktrack.claimsfile.load import load_catalog
from dprktrack.errors import DprkError
from dprktrack.schema.models import DATE_PATTERN, CalendarDate, IsoDate, claims_schema


def _validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def test_the_schema_is_draft_2020_12_with_a_title_and_description() -> None:
    schema = claims_schema()
    Draft202012Validator.check_schema(schema)
    assert next(iter(schema.items())) == (
        "$schema",
        "https://json-schema.org/draft/2020-12/schema",
    )
    assert schema["title"]
    assert schema["description"]


def test_the_real_claims_file_names_the_schema_and_validates_against_it() -> None:
    data = json.loads(CLAIMS.read_text("utf-8"))
    assert next(iter(data.items())) == ("$schema", "./claims.schema.json")
    assert (CLAIMS.parent / data["$schema"]).resolve() == SCHEMA_FILE
    errors = [f"{error.json_path}: {error.message}" for error in _validator().iter_errors(data)]
    assert errors == []


def test_the_loader_accepts_the_schema_key(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    assert claims_data["$schema"] == "./claims.schema.json"
    load_catalog(CLAIMS)
    claims_data["$schema"] = "https://example.org/any/other/claims.schema.json"
    result = invoke("list", "--format", "json", claims=write_claims(claims_data))
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == len(claims_data["claims"])


# Each edit, and where the schema reports it (an object reports a missing or extra key).
REFUSED = [
    pytest.param(set_at(("claims", 0, "id"), "C 001"), ("claims", 0, "id"), id="bad-slug-id"),
    pytest.param(
        set_at(("claims", 12, "stances", 0, "stance"), "Support"),
        ("claims", 12, "stances", 0, "stance"),
        id="wrong-stance",
    ),
    pytest.param(delete_at(("claims", 5, "summary")), ("claims", 5), id="missing-summary"),
    pytest.param(delete_at(("claims", 0, "end")), ("claims", 0), id="start-without-end"),
    pytest.param(delete_at(("claims", 0, "start")), ("claims", 0), id="end-without-start"),
    pytest.param(set_at(("sources", 0, "sha256"), "abc"), ("sources", 0, "sha256"), id="short-sha"),
    pytest.param(
        lambda data: data["sources"][0].update(sha256=data["sources"][0]["sha256"].upper()),
        ("sources", 0, "sha256"),
        id="uppercase-sha",
    ),
    pytest.param(set_at(("claims", 8, "date"), "24-04-2024"), ("claims", 8, "date"), id="bad-date"),
    pytest.param(set_at(("claims", 8, "date"), "2024-4"), ("claims", 8, "date"), id="short-month"),
    pytest.param(set_at(("claims", 8, "date"), "2023"), ("claims", 8, "date"), id="year-only"),
    pytest.param(set_at(("claims", 8, "date"), "2024-03"), ("claims", 8, "date"), id="month-only"),
    pytest.param(set_at(("claims", 8, "date"), 2024), ("claims", 8, "date"), id="date-a-number"),
    pytest.param(
        set_at(("claims", 8, "date"), "2024-03-28T10:00:00"), ("claims", 8, "date"), id="datetime"
    ),
    pytest.param(
        set_at(("sources", 0, "published"), "2024-04"), ("sources", 0, "published"), id="published"
    ),
    pytest.param(delete_at(("claims",)), (), id="no-claims-key"),
    pytest.param(set_at(("claims", 7, "colour"), "red"), ("claims", 7), id="unknown-claim-key"),
    pytest.param(set_at(("notes",), "hello"), (), id="unknown-top-level-key"),
    pytest.param(set_at(("actors", 0, "kind"), "Person"), ("actors", 0, "kind"), id="wrong-kind"),
    pytest.param(set_at(("claims", 2, "quote"), "   "), ("claims", 2, "quote"), id="blank-quote"),
    pytest.param(set_at(("claims", 2, "stances"), []), ("claims", 2, "stances"), id="no-stance"),
]


@pytest.mark.parametrize(("edit", "where"), REFUSED)
def test_what_the_tool_refuses_the_schema_refuses_at_the_same_place(
    write_claims: Callable[[Any], Path],
    claims_data: dict[str, Any],
    edit: Edit,
    where: tuple[Any, ...],
) -> None:
    edit(claims_data)
    with pytest.raises(DprkError):
        load_catalog(write_claims(claims_data))
    errors = list(_validator().iter_errors(claims_data))
    assert [tuple(error.absolute_path) for error in errors] == [where], [
        error.message for error in errors
    ]


@pytest.mark.parametrize("value", ["2024-04-24", "2024-02-29", "1999-12-31", "0001-01-01"])
def test_dates_the_tool_takes_fit_the_schema_pattern(value: str) -> None:
    assert TypeAdapter(IsoDate).validate_python(value) == value
    assert TypeAdapter(CalendarDate).validate_python(value).isoformat() == value
    assert _schema_date_match(value)


def _schema_date_match(value: str) -> bool:
    """The pattern as JSON Schema reads it (ECMA-262), where `$` is the very end, not the
    end or a final newline as in Python."""
    return re.fullmatch(DATE_PATTERN.removeprefix("^").removesuffix("$"), value) is not None


@pytest.mark.parametrize(
    "value",
    [
        "24",
        "2024",
        "2024-04",
        "2024-4",
        "2024-4-24",
        "2024/04/24",
        "2024-04-24T10:00",
        "2024-04-24T00:00:00",
        "20240424",
        "2024-W17-3",
        " 2024-04-24",
        "2024-13-01",
        "2024-00-10",
        "2024-04-24\n",
        "２０２４-04-24",
    ],
)
def test_dates_the_tool_refuses_by_their_shape_the_schema_refuses(value: str) -> None:
    for form in (IsoDate, CalendarDate):
        with pytest.raises(ValidationError, match=r"expected a date as YYYY-MM-DD|not a real"):
            TypeAdapter(form).validate_python(value)
    assert not _schema_date_match(value)


@pytest.mark.parametrize("value", [2024, 86400, 0, None, 2024.5])
def test_a_number_is_not_a_date_even_where_pydantic_would_read_it_as_one(value: object) -> None:
    """pydantic's own date type reads 86400 as 1970-01-02: the claims file never means that."""
    with pytest.raises(ValidationError, match=r"expected a date as YYYY-MM-DD"):
        TypeAdapter(CalendarDate).validate_python(value)
    if value is not None:
        with pytest.raises(ValidationError, match=r"expected a date as YYYY-MM-DD"):
            TypeAdapter(IsoDate).validate_python(value)


@pytest.mark.parametrize("value", ["2024-02-30", "2023-02-29", "2024-04-31"])
def test_a_date_of_the_right_shape_that_does_not_exist_is_refused(value: str) -> None:
    assert _schema_date_match(value), "the pattern cannot tell; loading can"
    for form in (IsoDate, CalendarDate):
        with pytest.raises(ValidationError, match=r"is not a real date"):
            TypeAdapter(form).validate_python(value)


def _objects(node: Any, path: str = "$") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every object schema (one with properties) in the schema, `$defs` included."""
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            yield path, node
        for key, child in node.items():
            yield from _objects(child, f"{path}/{key}")
    elif isinstance(node, list):
        for index, child in enumerate(node):
            yield from _objects(child, f"{path}/{index}")


def test_every_model_and_every_property_has_a_description() -> None:
    objects = dict(_objects(claims_schema()))
    assert set(objects) >= {
        "$",
        *(f"$/$defs/{name}" for name in ("Source", "Actor", "Target", "StanceEntry", "Claim")),
    }
    undescribed = [path for path, node in objects.items() if not node.get("description")]
    undescribed += [
        f"{path}/properties/{name}"
        for path, node in objects.items()
        for name, field in node["properties"].items()
        if not field.get("description")
    ]
    assert undescribed == []
