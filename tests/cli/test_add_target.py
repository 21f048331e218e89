"""The add-target command: a new target, asked for or given, and what it notes."""

from __future__ import annotations

from pathlib import Path

from support import (
    CATALOG,
    UNIQUE,
    Invoke,
    add_args,
)

from dprktrack.claimsfile.load import load_catalog


def test_add_target_then_a_claim_toward_it(invoke: Invoke, repo_copy: Path) -> None:
    label = "Russia–DPRK arms deals"
    made = invoke(
        "add-target", "--label", label, "--description", "Alleged arms transfers.",
        claims=repo_copy,
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    assert made.stdout == "russia-dprk-arms-deals\n"
    again = invoke("add-target", "--label", label, "--description", "Again.", claims=repo_copy)
    assert again.exit_code == 2
    assert "target id 'russia-dprk-arms-deals' is taken" in again.stderr
    args = add_args(UNIQUE, "--stance", "russia-dprk-arms-deals=oppose")
    assert invoke(*args, claims=repo_copy).exit_code == 0
    assert invoke("targets", "--format", "json", claims=repo_copy).stdout.count("arms-deals") == 1


def test_add_target_prompts_with_the_slug_as_default_id(invoke: Invoke, repo_copy: Path) -> None:
    answers = "Arms deals\nAlleged arms transfers.\n\n"
    result = invoke("add-target", "--prompt", claims=repo_copy, input=answers)
    assert result.exit_code == 0, result.output
    assert "Id [arms-deals]" in result.output
    assert load_catalog(repo_copy).targets["arms-deals"].label == "Arms deals"


def test_add_target_notes_a_label_another_target_has(invoke: Invoke, repo_copy: Path) -> None:
    label = CATALOG.targets["panel-of-experts"].label
    result = invoke("add-target", "--id", "poe", "--label", label, "--description", "Again.",
                    "--dry-run", claims=repo_copy)  # fmt: skip
    assert result.exit_code == 0
    assert "note: target panel-of-experts has the same label" in result.stderr


def test_a_blank_answer_to_a_required_question_is_told_so(invoke: Invoke, repo_copy: Path) -> None:
    answers = "\nArms deals\nAlleged arms transfers.\n\n"  # and the id offered
    result = invoke("add-target", "--prompt", claims=repo_copy, input=answers)
    assert result.exit_code == 0, result.output
    assert "error: an answer is needed here" in result.output
    assert load_catalog(repo_copy).targets["arms-deals"].label == "Arms deals"
