"""Bad claims files: a one-line error naming the file and the place, exit code 2, no traceback."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from support import CLAIM_IDS, DATA, RAW, Edit, Invoke, WriteClaims, claim_of, delete_at, set_at

from dprktrack.claimsfile.load import load_catalog
from dprktrack.errors import EXIT_INPUT, DprkError

SCHEMA_CASES = [
    pytest.param(
        set_at(("claims", 12, "stances", 0, "stance"), "Support"),
        rf"\$\.claims\[12\]\.stances\[0\]\.stance \(claim {CLAIM_IDS[12]}\): "
        r"Input should be 'support', "
        r"'oppose', 'neutral' or 'mixed' \(got 'Support'\)",
        id="stance-in-wrong-case",
    ),
    pytest.param(
        delete_at(("claims", 5, "summary")),
        rf"\$\.claims\[5\]\.summary \(claim {CLAIM_IDS[5]}\): Field required",
        id="missing-field",
    ),
    pytest.param(
        set_at(("claims", 7, "colour"), "red"),
        rf"\$\.claims\[7\]\.colour \(claim {CLAIM_IDS[7]}\): Extra inputs are not permitted",
        id="unknown-field",
    ),
    pytest.param(
        set_at(("claims", 8, "date"), "2024-02-30"),
        rf"\$\.claims\[8\]\.date \(claim {CLAIM_IDS[8]}\): is not a real date",
        id="impossible-date",
    ),
    pytest.param(
        set_at(("claims", 11, "quote"), 5),
        rf"\$\.claims\[11\]\.quote \(claim {CLAIM_IDS[11]}\): "
        r"Input should be a valid string \(got 5\)",
        id="wrong-type",
    ),
    pytest.param(
        set_at(("claims", 8, "date"), 2024),
        rf"\$\.claims\[8\]\.date \(claim {CLAIM_IDS[8]}\): "
        r"expected a date as YYYY-MM-DD \(got 2024\)$",
        id="date-a-number",
    ),
    pytest.param(
        set_at(("claims", 8, "date"), "2024-03"),
        rf"\$\.claims\[8\]\.date \(claim {CLAIM_IDS[8]}\): "
        r"expected a date as YYYY-MM-DD \(got '2024-03'\)$",
        id="date-a-month",
    ),
    pytest.param(
        set_at(("claims", 8, "date"), "2024-03-28T10:00:00"),
        rf"\$\.claims\[8\]\.date \(claim {CLAIM_IDS[8]}\): expected a date as YYYY-MM-DD "
        r"\(got '2024-03-28T10:00:00'\)$",
        id="date-with-a-time",
    ),
    pytest.param(
        set_at(("sources", 0, "published"), "2024"),
        r"\$\.sources\[0\]\.published: expected a date as YYYY-MM-DD \(got '2024'\)$",
        id="published-a-year",
    ),
    pytest.param(
        set_at(("sources", 0, "published"), 86400),
        r"\$\.sources\[0\]\.published: expected a date as YYYY-MM-DD \(got 86400\)$",
        id="published-a-unix-time",
    ),
    pytest.param(
        set_at(("sources", 0, "published"), "2024-04-24T00:00:00"),
        r"\$\.sources\[0\]\.published: expected a date as YYYY-MM-DD "
        r"\(got '2024-04-24T00:00:00'\)$",
        id="published-a-datetime",
    ),
    pytest.param(
        delete_at(("claims",)),
        r"\$\.claims: Field required$",
        id="no-claims-key",
    ),
    pytest.param(
        set_at(("claims", 2, "quote"), "   "),
        rf"\$\.claims\[2\]\.quote \(claim {CLAIM_IDS[2]}\): "
        r"must hold at least two letters or digits",
        id="blank-quote",
    ),
    pytest.param(
        set_at(("claims", 2, "stances"), []),
        rf"\$\.claims\[2\]\.stances \(claim {CLAIM_IDS[2]}\): List should have at least 1 item",
        id="no-stance",
    ),
    pytest.param(
        set_at(("claims", 0, "id"), "c 001"),
        r"\$\.claims\[0\]\.id \(claim c 001\): must be a slug",
        id="id-with-spaces",
    ),
    pytest.param(
        set_at(("sources", 0, "sha256"), "abc"),
        r"\$\.sources\[0\]\.sha256: must be 64 lowercase hexadecimal digits",
        id="bad-sha256",
    ),
    pytest.param(
        set_at(("claims", 3, "actor"), "nobody"),
        rf"\$\.claims\[3\]\.actor \(claim {CLAIM_IDS[3]}\): "
        r"unknown actor 'nobody'; known: asmolov, ",
        id="unknown-actor",
    ),
    pytest.param(
        set_at(("claims", 3, "actor"), "China"),
        rf"\$\.claims\[3\]\.actor \(claim {CLAIM_IDS[3]}\): must be a slug",
        id="actor-not-a-slug-is-one-message",
    ),
    pytest.param(
        set_at(("claims", 3, "source"), "elsewhere"),
        rf"\$\.claims\[3\]\.source \(claim {CLAIM_IDS[3]}\): "
        r"unknown source 'elsewhere'; known: neo-2024",
        id="unknown-source",
    ),
    pytest.param(
        set_at(("claims", 3, "reported_via"), "tass"),
        rf"\$\.claims\[3\]\.reported_via \(claim {CLAIM_IDS[3]}\): unknown actor 'tass'",
        id="unknown-relay",
    ),
    pytest.param(
        set_at(("claims", 3, "stances", 0, "target"), "the-moon"),
        rf"\$\.claims\[3\]\.stances\[0\]\.target \(claim {CLAIM_IDS[3]}\): "
        r"unknown target 'the-moon'",
        id="unknown-target",
    ),
    pytest.param(
        set_at(("claims", 10, "id"), CLAIM_IDS[9]),
        rf"\$\.claims\[10\]\.id \(claim {CLAIM_IDS[9]}\): duplicate id '{CLAIM_IDS[9]}' "
        r"\(first at \$\.claims\[9\]\)",
        id="duplicate-claim-id",
    ),
    pytest.param(
        lambda data: data["actors"].append(dict(data["actors"][0])),
        rf"\$\.actors\[{len(DATA['actors'])}\]\.id: duplicate id 'asmolov' "
        r"\(first at \$\.actors\[0\]\)",
        id="duplicate-actor-id",
    ),
    pytest.param(
        set_at(("sources", 0, "path"), "../outside.txt"),
        r"\$\.sources\[0\]\.path: source path '\.\./outside\.txt' leaves the folder",
        id="path-leaves-folder",
    ),
    pytest.param(
        set_at(("sources", 0, "path"), "/etc/passwd"),
        r"\$\.sources\[0\]\.path: source path '/etc/passwd' must be relative",
        id="absolute-path",
    ),
]


@pytest.mark.parametrize(("edit", "expected"), SCHEMA_CASES)
def test_schema_and_reference_errors_name_path_claim_and_line(
    invoke: Invoke,
    write_claims: Callable[[Any], Path],
    claims_data: dict[str, Any],
    edit: Edit,
    expected: str,
) -> None:
    edit(claims_data)
    path = write_claims(claims_data)
    result = invoke("list", claims=path)
    assert result.exit_code == EXIT_INPUT
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    match = re.fullmatch(rf"error: {re.escape(str(path))}:(\d+):(\d+): {expected}.*", lines[0])
    assert match, lines[0]
    _assert_line_points_into_the_right_record(path, int(match[1]), lines[0])


def _assert_line_points_into_the_right_record(path: Path, line: int, message: str) -> None:
    """The reported line holds the field named, or the record it is missing from."""
    text = path.read_text("utf-8").splitlines()[line - 1]
    field = re.search(r" \$\S*?\.(\w+)(?: \(claim|:)", message)
    assert field is not None
    if "Field required" in message:
        assert text.strip() == "{"
    else:
        assert f'"{field[1]}":' in text, text


def test_all_problems_are_reported_at_once_in_file_order(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    for case in SCHEMA_CASES[:5]:
        case.values[0](claims_data)  # type: ignore[operator]
    result = invoke("actors", claims=write_claims(claims_data))
    lines = result.stderr.splitlines()
    assert result.exit_code == EXIT_INPUT
    assert len(lines) == 5
    positions = [tuple(map(int, re.findall(r":(\d+):(\d+):", line)[0])) for line in lines]
    assert positions == sorted(positions)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param('{"sources": [,]}', r":1:14: invalid JSON: Expecting value", id="invalid"),
        pytest.param(
            '{"sources": [', r":1:14: invalid JSON: the file ends too early", id="truncated"
        ),
        pytest.param('{\n  "a": 1,\n}', r":3:1: invalid JSON: .*", id="trailing-comma"),
        pytest.param("[]", r":1:1: \$: must be a JSON object with sources, actors", id="array"),
        pytest.param("", r":1:1: claims file is empty", id="empty"),
    ],
)
def test_unparseable_files_report_line_and_column(
    invoke: Invoke, write_claims: Callable[[Any], Path], content: str, expected: str
) -> None:
    path = write_claims(content)
    result = invoke("list", claims=path)
    assert result.exit_code == EXIT_INPUT
    assert re.fullmatch(rf"error: {re.escape(str(path))}{expected}.*\n", result.stderr)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        pytest.param(b"\xef\xbb\xbf{}", ":1:1: starts with a byte order mark", id="bom"),
        pytest.param('{"a": "é"}'.encode("latin-1"), ":1:8: not valid UTF-8", id="latin-1"),
        pytest.param('{"a": 1}'.encode("utf-16"), ":1:1: is UTF-16", id="utf-16"),
    ],
)
def test_files_that_are_not_utf8_are_refused(
    invoke: Invoke, repo_copy: Path, content: bytes, expected: str
) -> None:
    repo_copy.write_bytes(content)
    result = invoke("list", claims=repo_copy)
    assert result.exit_code == EXIT_INPUT
    assert result.stderr.startswith(f"error: {repo_copy}{expected}")
    assert result.stderr.count("\n") == 1


def test_missing_claims_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("list", claims=tmp_path / "nope.json")
    assert result.exit_code == EXIT_INPUT
    assert result.stderr == f"error: {tmp_path / 'nope.json'}: claims file not found\n"


def test_a_folder_is_not_a_claims_file(invoke: Invoke, tmp_path: Path) -> None:
    result = invoke("list", claims=tmp_path)
    assert result.exit_code == EXIT_INPUT
    assert "is a directory" in result.stderr


def test_missing_source_names_the_claims_line_and_the_file(invoke: Invoke, repo_copy: Path) -> None:
    (repo_copy.parent / "seeds" / "000_ae58a3e6272e0d5e.txt").unlink()
    result = invoke("list", "--format", "json", claims=repo_copy)
    assert result.exit_code == EXIT_INPUT
    assert re.fullmatch(
        rf"error: {re.escape(str(repo_copy))}:\d+:\d+: source 'neo-2024-04-24': "
        r".*seeds/000_ae58a3e6272e0d5e\.txt not found\n",
        result.stderr,
    )


def test_source_that_is_not_utf8_names_the_byte(invoke: Invoke, repo_copy: Path) -> None:
    seed = repo_copy.parent / "seeds" / "000_ae58a3e6272e0d5e.txt"
    seed.write_bytes("24.04.2024\nAuthor: é".encode("latin-1"))
    result = invoke("show", "c001", claims=repo_copy)
    assert result.exit_code == EXIT_INPUT
    assert re.fullmatch(
        r"error: .*000_ae58a3e6272e0d5e\.txt:2:9: not valid UTF-8.*\n", result.stderr
    )


def test_load_catalog_raises_dprk_error_with_every_line(
    write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    claims_data["claims"][0]["actor"] = "nobody"
    claims_data["claims"][1]["actor"] = "nobody"
    with pytest.raises(DprkError) as raised:
        load_catalog(write_claims(claims_data))
    assert raised.value.exit_code == EXIT_INPUT
    assert len(raised.value.lines) == 2


def test_a_flood_of_problems_is_capped_with_a_count(
    invoke: Invoke, write_claims: Callable[[Any], Path], claims_data: dict[str, Any]
) -> None:
    claims_data["claims"] = [dict(claim, actor="nobody") for claim in claims_data["claims"] * 3]
    for index, claim in enumerate(claims_data["claims"]):
        claim["id"] = f"x{index}"
    result = invoke("list", claims=write_claims(json.dumps(claims_data)))
    lines = result.stderr.splitlines()
    assert len(lines) == 101
    assert lines[-1].endswith(f"and {len(claims_data['claims']) - 100} more problems not shown")


def test_a_key_given_twice_is_an_error_not_a_silent_loss(invoke: Invoke, repo_copy: Path) -> None:
    """A merge slip: JSON would keep the last value and `check --fix` would drop the first."""
    raw = repo_copy.read_text("utf-8")
    first = '"quote": "in 2023 Russia voted in favor of the extension"'
    assert raw.count(first) == 1
    repo_copy.write_text(raw.replace(first, f'"quote": "typed first",\n      {first}'), "utf-8")
    for args in (("list",), ("check",), ("check", "--fix")):
        result = invoke(*args, claims=repo_copy)
        assert result.exit_code == EXIT_INPUT
        assert re.fullmatch(
            rf"error: {re.escape(str(repo_copy))}:\d+:\d+: "
            rf"\$\.claims\[1\]\.quote \(claim {CLAIM_IDS[1]}\): "
            r"the key 'quote' is given twice in this object; only the last would count\n",
            result.stderr,
        ), result.stderr
    assert "typed first" in repo_copy.read_text("utf-8"), "nothing was written"


@pytest.mark.parametrize(
    ("escape", "refused"),
    [
        pytest.param("\\udc00", True, id="lone-low"),
        pytest.param("\\ud83d", True, id="lone-high"),
        pytest.param("\\ud83d\\ude00", False, id="a-whole-pair"),
        pytest.param("\\\\ud83d", False, id="an-escaped-backslash-then-text"),
    ],
)
def test_half_a_surrogate_pair_is_refused_with_its_place(
    invoke: Invoke, repo_copy: Path, escape: str, refused: bool
) -> None:
    raw = repo_copy.read_text("utf-8")
    summary = json.loads(raw)["claims"][0]["summary"]
    repo_copy.write_text(raw.replace(f'"summary": "{summary}"', f'"summary": "{escape}x"'), "utf-8")
    result = invoke("check", "--fix", claims=repo_copy)
    if refused:
        assert result.exit_code == EXIT_INPUT
        assert re.fullmatch(
            rf"error: {re.escape(str(repo_copy))}:\d+:\d+: a \\u escape of a lone surrogate .*\n",
            result.stderr,
        )
    else:
        assert result.exit_code == 0, result.stderr


def test_a_folder_named_claims_json_is_an_error_not_a_silent_fallback(
    invoke: Invoke, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "claims.json").mkdir()
    monkeypatch.chdir(tmp_path)
    result = invoke("list", claims=None)
    assert result.exit_code == 2
    assert result.stderr == "error: claims.json: claims file is a directory, not a file\n"


def test_an_invalid_claims_file_exits_2(invoke: Invoke, write_claims: WriteClaims) -> None:
    data = json.loads(RAW)
    del claim_of(data, "c005")["end"]
    result = invoke("check", claims=write_claims(data))
    assert result.exit_code == 2
    assert "start and end are given together" in result.stderr
    assert result.stdout == ""
    broken = invoke("check", claims=write_claims("{not json"))
    assert broken.exit_code == 2


def test_a_source_path_with_a_line_break_is_refused_when_loading(
    invoke: Invoke, write_claims: WriteClaims
) -> None:
    data = json.loads(RAW)
    data["sources"][0]["path"] = "seeds/gone\r\n::error::injected.txt"
    result = invoke("check", "--format", "github", claims=write_claims(data))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "must not hold control characters" in result.stderr


def test_ids_that_could_carry_a_command_are_refused(
    invoke: Invoke, write_claims: WriteClaims
) -> None:
    data = json.loads(RAW)
    claim_of(data, "c005")["id"] = "c005%0A::error::x,y"
    assert invoke("check", "--format", "github", claims=write_claims(data)).exit_code == 2


def test_a_file_without_its_claims_key_is_refused_not_taken_as_empty(
    invoke: Invoke, repo_copy: Path
) -> None:
    """A merge that drops the whole list must not pass as a file with nothing to check."""
    data = json.loads(repo_copy.read_text("utf-8"))
    del data["claims"]
    repo_copy.write_text(json.dumps(data, indent=2), "utf-8")
    before = repo_copy.read_bytes()
    for args in (["check"], ["check", "--fix"], ["list"], ["export"]):
        result = invoke(*args, claims=repo_copy)
        assert result.exit_code == 2, args
        assert result.stderr == f"error: {repo_copy}:1:1: $.claims: Field required\n"
        assert result.stdout == ""
    assert repo_copy.read_bytes() == before
