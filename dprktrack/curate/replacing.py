"""Replacing or dropping one record of the claims file by id, and the change as a diff.

General over the sections (sources, actors, targets, claims): the text is rewritten from
the raw JSON in the layout `check --fix` writes, so key order, fields the schema does not
know and line endings stay as the curator left them, and only the record changes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError


def raw_record(catalog: Catalog, section: str, record_id: str) -> dict[str, Any]:
    """The record with this id as the file holds it (key order and all), or an error."""
    for record in json.loads(catalog.raw).get(section, []):
        if isinstance(record, dict) and record.get("id") == record_id:
            return dict(record)
    raise DprkError(f"no {section.removesuffix('s')} {record_id!r} in {catalog.name}")


def replaced(catalog: Catalog, section: str, record_id: str, record: Mapping[str, Any]) -> str:
    """The claims file's text with the record of this id in `section` replaced by `record`,
    in its place."""
    return _rewritten(catalog, section, record_id, [dict(record)])


def dropped(catalog: Catalog, section: str, record_id: str) -> str:
    """The claims file's text without the record of this id in `section`."""
    return _rewritten(catalog, section, record_id, [])


def _rewritten(
    catalog: Catalog, section: str, record_id: str, replacement: list[dict[str, Any]]
) -> str:
    from dprktrack.claimsfile.rewrite import dump_claims, newline_of

    data = json.loads(catalog.raw)
    records = data.get(section, [])
    places = [
        index
        for index, record in enumerate(records)
        if isinstance(record, dict) and record.get("id") == record_id
    ]
    if not places:
        raise DprkError(f"no {section.removesuffix('s')} {record_id!r} in {catalog.name}")
    index = places[0]
    data[section] = [*records[:index], *replacement, *records[index + 1 :]]
    return dump_claims(data, newline=newline_of(catalog.raw))


def in_field_order(
    record: Mapping[str, Any], changes: Mapping[str, Any], fields: Sequence[str]
) -> dict[str, Any]:
    """`record` with `changes` applied (None removes a key): a changed key keeps its place,
    a new one goes after the nearest field before it in `fields` (the schema's order)."""
    result = {key: changes.get(key, value) for key, value in record.items()}
    for key, value in changes.items():
        if value is None:
            result.pop(key, None)
    for key in fields:
        if key in result or changes.get(key) is None:
            continue
        earlier = [field for field in fields[: fields.index(key)] if field in result]
        keys = list(result)
        position = keys.index(earlier[-1]) + 1 if earlier else 0
        items = list(result.items())
        items.insert(position, (key, changes[key]))
        result = dict(items)
    return result


def unified_diff(catalog: Catalog, text: str) -> str:
    """The change from the file on disk to `text`, as `diff -u` would print it."""
    import difflib

    name = catalog.path.name
    lines = difflib.unified_diff(
        catalog.raw.splitlines(keepends=True),
        text.splitlines(keepends=True),
        fromfile=f"a/{name}",
        tofile=f"b/{name}",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in lines)
