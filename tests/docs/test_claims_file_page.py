"""The claims-file page names every field of every record, as the models define them."""

from __future__ import annotations

import re

import pytest
from support import REPO

from dprktrack.schema import models

RECORDS = {
    "sources": models.Source,
    "actors": models.Actor,
    "targets": models.Target,
    "claims": models.Claim,
}
BULLET = re.compile(r"^- `(?P<key>[a-z]+)`:(?P<text>.*?)(?=^- `|^\s*$)", re.MULTILINE | re.DOTALL)


def _bullets() -> dict[str, str]:
    page = (REPO / "docs" / "claims-file.md").read_text("utf-8")
    return {match["key"]: match["text"] for match in BULLET.finditer(page)}


@pytest.mark.parametrize("key", sorted(RECORDS))
def test_every_field_of_a_record_is_named_on_the_page(key: str) -> None:
    named = set(re.findall(r"`([a-z0-9_$]+)`", _bullets()[key]))
    fields = set(RECORDS[key].model_fields)
    assert fields - named == set(), f"docs/claims-file.md does not name these {key} fields"
