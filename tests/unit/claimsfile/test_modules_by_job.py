"""The claims file package, one module per job: finding, reading, loading, the catalog,
explaining a refusal, problems and the write side; none of them needs the matcher."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from support import CLAIMS

from dprktrack.claimsfile.find import bundled_claims_path, find_claims_file
from dprktrack.claimsfile.load import load_catalog
from dprktrack.claimsfile.rewrite import dump_claims, newline_of, with_record
from dprktrack.errors import DprkError
from dprktrack.output.writers import write_json

MODULES = ("find", "read", "load", "catalog", "explain", "problems", "rewrite")


def test_no_module_of_the_package_imports_the_matcher_or_pydantic() -> None:
    imports = "; ".join(f"import dprktrack.claimsfile.{name}" for name in MODULES)
    script = f"import json, sys; {imports}; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(json.loads(result.stdout))
    assert "dprktrack.matching.matcher" not in loaded
    assert "pydantic" not in loaded
    assert not any(name.startswith("dprktrack.check") for name in loaded)


def test_the_claims_file_is_written_by_the_one_json_writer() -> None:
    data = json.loads(CLAIMS.read_text("utf-8"))
    data["claims"][0]["summary"] = "a bidi override \u202e and a line separator \u2028"
    written = io.StringIO()
    write_json(data, written)
    assert dump_claims(data) == written.getvalue()
    assert dump_claims(data, newline="\r\n") == written.getvalue().replace("\n", "\r\n")
    assert "\\u202e" in dump_claims(data)


def test_a_record_is_appended_in_the_files_own_line_endings() -> None:
    raw = '{\r\n  "actors": []\r\n}\r\n'
    assert newline_of(raw) == "\r\n"
    assert with_record(raw, "actors", {"id": "x"}) == (
        '{\r\n  "actors": [\r\n    {\r\n      "id": "x"\r\n    }\r\n  ]\r\n}\r\n'
    )


def test_the_claims_file_is_the_one_named_then_the_local_one_then_the_bundled_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    named = tmp_path / "elsewhere.json"
    assert find_claims_file(named) == named
    assert find_claims_file(None) == bundled_claims_path()
    with pytest.raises(DprkError, match="--claims PATH add"):
        find_claims_file(None, bundled_ok=False, command="add")
    (tmp_path / "claims.json").write_text("{}", "utf-8")
    assert find_claims_file(None, bundled_ok=False) == Path("claims.json")


def test_the_catalog_gives_a_sources_text_and_where_it_is_shown_from() -> None:
    catalog = load_catalog(CLAIMS)
    source_id = next(iter(catalog.sources))
    assert catalog.source_text(source_id) == catalog.source_path(source_id).read_text("utf-8")
    assert catalog.pin_holds(source_id)
    assert not hasattr(catalog, "document")
