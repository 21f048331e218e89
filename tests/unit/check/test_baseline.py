"""The base revision's pins, read from its JSON alone, and the sources that left them."""

from __future__ import annotations

import json

import pytest
from support import CATALOG, RAW

from dprktrack.check.baseline import Baseline, Pin, base_pins, repinned_sources
from dprktrack.errors import DprkError


def test_the_bundled_file_is_its_own_base() -> None:
    pins = base_pins(RAW, "HEAD:claims.json")
    assert [pin.id for pin in pins] == list(CATALOG.sources)
    files = {source.id: source.sha256 for source in CATALOG.sources.values()}
    assert repinned_sources(CATALOG, Baseline("HEAD:claims.json", pins, files)) == []


@pytest.mark.parametrize("raw", ["[]", "{}", '{"sources": 3}', '{"sources": [1, {"id": 2}]}'])
def test_a_base_without_readable_sources_pins_nothing(raw: str) -> None:
    assert base_pins(raw, "base") == []


def test_a_base_that_is_no_json_is_a_one_line_error() -> None:
    with pytest.raises(DprkError, match=r"^base: not JSON"):
        base_pins("{", "base")


def test_a_pin_that_differs_by_id_or_by_path_fails() -> None:
    source = next(iter(CATALOG.sources.values()))
    other = "0" * 64
    by_id = repinned_sources(CATALOG, Baseline("main", [Pin(source.id, "x.txt", other)], {}))
    dotted = "./" + source.path.replace("/", "//")
    by_path = repinned_sources(CATALOG, Baseline("main", [Pin("old-id", dotted, other)], {}))
    by_file = repinned_sources(CATALOG, Baseline("main:c.json", [], {source.id: other}))
    for findings in (by_id, by_path, by_file):
        (finding,) = findings
        assert finding.verdict == "source-repinned"
        assert finding.severity() == "failure"
        assert finding.path == ("sources", 0, "sha256")
    assert "at main it pinned" in by_id[0].message
    assert "at main source 'old-id' pinned" in by_path[0].message
    assert f"its file {source.path} at main has sha256 000000000000" in by_file[0].message
    unrelated = Baseline("main", [Pin("another", "another.txt", other)], {source.id: None})
    assert repinned_sources(CATALOG, unrelated) == []
    assert json.loads(RAW)["sources"][0]["sha256"] == source.sha256
