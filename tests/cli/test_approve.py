"""The approve command: a person settles a quote's departures from its source, or cannot."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from support import DATA, Invoke

C_DUTIES = next(c for c in DATA["claims"] if "failed to perform its direct duties" in c["quote"])


def _with_quote(repo_copy: Path, claim_id: str, quote: str, **fields: Any) -> Path:
    data = json.loads(repo_copy.read_text("utf-8"))
    for record in data["claims"]:
        if record["id"] == claim_id:
            record["quote"] = quote
            for key in ("start", "end", "prefix", "suffix"):
                record.pop(key, None)
            record.update(fields)
    repo_copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return repo_copy


@pytest.mark.parametrize(
    "edit",
    [
        ("\u201cfailed to perform", "\u201c[\u2026] perform[ed]"),
        ("was unable to", "was [able] to"),
        ("failed to perform its direct duties", "[did] perform its direct duties"),
    ],
)
def test_the_bundled_duties_claim_rewritten_to_say_the_opposite_fails_and_cannot_be_approved(
    invoke: Invoke, repo_copy: Path, edit: tuple[str, str]
) -> None:
    quote = C_DUTIES["quote"].replace(*edit)
    assert quote != C_DUTIES["quote"]
    claims = _with_quote(repo_copy, C_DUTIES["id"], quote)
    before = claims.read_bytes()
    result = invoke("check", "--strict", "--format", "json", C_DUTIES["id"], claims=claims)
    assert result.exit_code == 1
    (record,) = json.loads(result.stdout)["results"]
    assert record["verdict"] == "changed", record["message"]
    refused = invoke("approve", "--yes", C_DUTIES["id"], claims=claims)
    assert refused.exit_code == 2
    assert "cannot be approved" in refused.stderr
    assert claims.read_bytes() == before


def test_an_approved_omission_passes_and_a_changed_one_fails_again(
    invoke: Invoke, repo_copy: Path
) -> None:
    quote = C_DUTIES["quote"].replace(", tasked with monitoring the sanctions policy,", " …")
    claims = _with_quote(repo_copy, C_DUTIES["id"], quote)
    result = invoke("check", C_DUTIES["id"], claims=claims)
    assert result.exit_code == 1
    assert f"{C_DUTIES['id']} altered" in result.stdout
    assert "[-…-]{+, tasked with monitoring the sanctions policy,+}" in result.stdout
    shown = invoke("approve", "--yes", C_DUTIES["id"], claims=claims)
    assert shown.exit_code == 0, shown.output
    assert 'omission: the source\'s ", tasked with monitoring the sanctions policy,"' in (
        shown.stderr
    )
    assert invoke("check", "--strict", claims=claims).exit_code == 0
    # Another omission under the same pin: a new departure, unapproved.
    data = json.loads(claims.read_text("utf-8"))
    (record,) = [c for c in data["claims"] if c["id"] == C_DUTIES["id"]]
    record["quote"] = record["quote"].replace("sober assessments", "… assessments")
    claims.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    result = invoke("check", "--strict", "--format", "json", C_DUTIES["id"], claims=claims)
    assert result.exit_code == 1
    (finding,) = json.loads(result.stdout)["results"]
    assert finding["verdict"] == "altered"
    assert "review_pin no longer matches" in finding["message"]


def test_approve_asks_and_writes_nothing_when_declined(invoke: Invoke, repo_copy: Path) -> None:
    quote = C_DUTIES["quote"].replace(", tasked with monitoring the sanctions policy,", " …")
    claims = _with_quote(repo_copy, C_DUTIES["id"], quote)
    before = claims.read_bytes()
    off_terminal = invoke("approve", C_DUTIES["id"], claims=claims)
    assert off_terminal.exit_code == 2
    assert "give --yes" in off_terminal.stderr
    declined = invoke("approve", C_DUTIES["id"], claims=claims, input="n\n")
    assert claims.read_bytes() == before
    assert declined.exit_code in (1, 2)
    dry = invoke("approve", "--dry-run", C_DUTIES["id"], claims=claims)
    assert dry.exit_code == 0
    assert claims.read_bytes() == before


def test_approving_a_claim_without_departures_changes_nothing(
    invoke: Invoke, repo_copy: Path
) -> None:
    before = repo_copy.read_bytes()
    result = invoke("approve", "--yes", "c014", claims=repo_copy)
    assert result.exit_code == 0
    assert "none to approve" in result.stderr
    assert repo_copy.read_bytes() == before


def test_approve_refuses_unknown_ids(invoke: Invoke, repo_copy: Path) -> None:
    result = invoke("approve", "--yes", "c999", claims=repo_copy)
    assert (result.exit_code, result.stderr.strip()) == (
        2,
        f"error: no claim 'c999' in {repo_copy}",
    )
