"""Bounded work: the close-passage search spends a budget of steps, per claim and per run.

A search the budget cuts short is a failure that says so, never a pass; a run's claims
share one budget, each sure of its own share; the chain of an omission quote's kept
pieces stops too. Budgets are passed explicitly and small: nothing here is timed.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import random
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from support import SEED, SEED_TEXT, Invoke

from dprktrack.check.findings import Finding
from dprktrack.check.run import run_check
from dprktrack.check.verdicts import claim_finding
from dprktrack.claimsfile.load import load_catalog
from dprktrack.matching import omissions
from dprktrack.matching.approximate import (
    Alignment,
    Budget,
    _distinct,
    _merged,
    best_passages,
    claim_budget,
    run_budget,
)
from dprktrack.matching.matcher import (
    APPROXIMATE_WORK,
    Document,
    Hints,
    _one_paragraph,
    match_quote,
)
from dprktrack.matching.textpos import PARAGRAPH_BREAK, Span, paragraph
from dprktrack.schema.records import Claim

DOCUMENT = Document(SEED_TEXT, "seed.txt")
PASSAGE = (
    "Russia also proposed reducing the frequency of the group’s reports submission "
    "from twice to once a year."
)
NEAR_MISS = PASSAGE.replace("reducing", "cutting").replace("twice", "two times")
"""A real passage of the seed with two words changed: a close passage exists."""
UNLIMITED = sys.maxsize
OUT_OF_BUDGET = "ran out of its budget before it was done"


def _claim(quote: str, claim_id: str = "x001", **anchors: Any) -> Claim:
    return Claim(claim_id, "seed", "speaker", quote, "direct", [], "A claim.", **anchors)


def _finding(claim: Claim, steps: int) -> tuple[Finding, Budget]:
    budget = Budget(steps)
    return claim_finding(DOCUMENT, claim, 0, budget), budget


def _cost(claim: Claim) -> int:
    """The steps a claim's search takes in full."""
    _, budget = _finding(claim, UNLIMITED)
    assert not budget.exhausted
    return UNLIMITED - budget.left


def test_the_near_miss_is_a_real_passage_of_the_seed() -> None:
    assert SEED_TEXT.count(PASSAGE) == 1
    assert NEAR_MISS not in SEED_TEXT


# --- a search cut short ------------------------------------------------------------------


def test_a_search_without_budget_fails_and_says_what_to_do() -> None:
    finding, budget = _finding(_claim(NEAR_MISS), 0)
    assert budget.exhausted
    assert (finding.verdict, finding.severity()) == ("missing", "failure")
    assert OUT_OF_BUDGET in finding.message
    assert "quote it exactly, re-anchor it with `dprktrack locate`" in finding.message
    assert "`dprktrack check x001`" in finding.message
    full, _ = _finding(_claim(NEAR_MISS), UNLIMITED)
    assert full.verdict == "changed"
    assert full.diff is not None
    assert "[-cutting-] {+reducing+}" in full.diff


@pytest.mark.parametrize("hinted", [False, True])
def test_every_budget_gives_a_failure_and_a_search_cut_short_says_so(hinted: bool) -> None:
    at = SEED_TEXT.index(PASSAGE)
    anchors = {"start": at, "end": at + len(PASSAGE)} if hinted else {}
    claim = _claim(NEAR_MISS, **anchors)
    full, _ = _finding(claim, UNLIMITED)
    cost = _cost(claim)
    cut_with_a_passage = 0
    for steps in sorted({*range(0, cost + 2, max(1, cost // 60)), cost - 1, cost}):
        finding, budget = _finding(claim, steps)
        assert finding.severity() == "failure", steps
        if not budget.exhausted:
            assert (finding.verdict, finding.message, finding.diff) == (
                full.verdict,
                full.message,
                full.diff,
            )
            continue
        assert OUT_OF_BUDGET in finding.message
        if finding.verdict == "changed":  # a passage found before the budget ran out
            assert "a closer passage may exist" in finding.message
            cut_with_a_passage += 1
    assert not _finding(claim, cost)[1].exhausted
    assert _finding(claim, cost - 1)[1].exhausted
    if hinted:  # the search around the recorded place is the cheap first one
        assert cut_with_a_passage


def test_a_look_alike_check_cut_short_fails_rather_than_moving() -> None:
    quote = "the frequency of the group’s reports submission"
    elsewhere = SEED_TEXT.index(quote) + 2000
    stale = {"start": elsewhere, "end": elsewhere + len(quote), "prefix": "gone", "suffix": "too"}
    claim = _claim(quote, **stale)
    full, _ = _finding(claim, UNLIMITED)
    assert (full.verdict, full.severity()) == ("moved", "warning")
    for steps in range(_cost(claim)):
        finding, budget = _finding(claim, steps)
        assert budget.exhausted
        assert (finding.verdict, finding.severity()) == ("changed", "failure")
        assert "the search for what its recorded place now reads" in finding.message
        assert OUT_OF_BUDGET in finding.message


def test_a_filter_cut_short_charges_the_scans_it_made() -> None:
    """Or a run's later claims would each scan as far again, unpaid for."""
    rng = random.Random(7)
    text = "".join(rng.choice("ab") for _ in range(20_000))
    quote = "".join(rng.choice("ab") for _ in range(400))
    budget = Budget(300)
    assert best_passages(text, quote, 100, budget=budget) == []
    assert (budget.exhausted, budget.left) == (True, 0)


# --- one budget per run --------------------------------------------------------------------


def test_a_run_keeps_each_claims_share_and_lends_the_rest() -> None:
    run = run_budget(3, steps=100, share=10)
    assert (run.left, run.available()) == (130, 100)
    first = claim_budget(run, steps=1000)
    assert first.available() == 110  # the pool and its own share, not the others'
    assert first.spend(110)
    assert not first.spend(1)
    assert first.exhausted
    assert run.left == 20
    second = claim_budget(run, steps=1000)
    assert second.available() == 10
    assert second.spend(4)
    third = claim_budget(run, steps=5)
    assert third.available() == 5  # its own cap
    assert not third.exhausted
    assert not run.exhausted  # a claim's refusal is its own


def test_the_second_claim_gets_what_the_first_left() -> None:
    claim = _claim(NEAR_MISS)
    cost = _cost(claim)
    run = run_budget(2, steps=cost, share=0)
    first = claim_finding(DOCUMENT, claim, 0, claim_budget(run, steps=UNLIMITED))
    second_budget = claim_budget(run, steps=UNLIMITED)
    second = claim_finding(DOCUMENT, claim, 1, second_budget)
    assert first.verdict == "changed"
    assert OUT_OF_BUDGET not in first.message
    assert second_budget.exhausted
    assert second.verdict == "missing"
    assert OUT_OF_BUDGET in second.message
    alone = claim_finding(DOCUMENT, claim, 1, claim_budget(run_budget(1, steps=cost, share=0)))
    assert alone.verdict == "changed", "alone, the second claim's search is done"


def test_a_claims_share_is_kept_for_it_whatever_the_first_spent() -> None:
    claim = _claim(NEAR_MISS)
    cost = _cost(claim)
    run = run_budget(2, steps=0, share=cost)
    findings = [
        claim_finding(DOCUMENT, claim, n, claim_budget(run, steps=UNLIMITED)) for n in (0, 1)
    ]
    assert [finding.verdict for finding in findings] == ["changed", "changed"]


def _near_misses(repo_copy: Path) -> Path:
    """The repo's claims file with its first two claims' quotes edited, anchors dropped."""
    data = json.loads(repo_copy.read_text("utf-8"))
    for claim in data["claims"][:2]:
        for key in ("start", "end", "prefix", "suffix"):
            claim.pop(key)
        claim["quote"] = claim["quote"].replace("the", "teh", 1).replace("a", "ä", 1)
    repo_copy.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    return repo_copy


def test_run_check_shares_its_budget_across_claims(repo_copy: Path) -> None:
    catalog = load_catalog(_near_misses(repo_copy))
    first, second = list(catalog.claims)[:2]
    report = run_check(catalog, [first, second])
    verdicts = {finding.id: finding for finding in report.findings if finding.kind == "claim"}
    assert [verdicts[first].verdict, verdicts[second].verdict] == ["changed", "changed"]
    source_id = next(iter(catalog.sources))
    document = Document(catalog.source_text(source_id), catalog.shown_path(source_id))
    one = catalog.claims[first]
    cost = UNLIMITED - _spent_left(document, one)
    tight = run_check(catalog, [first, second], run_budget(2, steps=cost, share=0))
    cut = {finding.id: finding for finding in tight.findings if finding.kind == "claim"}
    assert cut[first].verdict == "changed"
    assert cut[second].verdict == "missing"
    assert OUT_OF_BUDGET in cut[second].message
    assert f"`dprktrack check {second}`" in cut[second].message


def _spent_left(document: Document, claim: Claim) -> int:
    budget = Budget(UNLIMITED)
    claim_finding(document, claim, 0, budget)
    return budget.left


# --- the command line ----------------------------------------------------------------------


def _hostile_folder(folder: Path, claims: int) -> Path:
    """A generated 150 KB text and claims of random 1,000-character quotes not in it."""
    rng = random.Random(2024)
    letters = "abcdefghijklmnopqrstuvwxyz "
    text = "".join(rng.choice(letters) for _ in range(150_000))
    (folder / "gazette.txt").write_text(text, "utf-8")
    records = [
        {
            "id": f"g{number:03d}",
            "source": "gazette",
            "actor": "vask",
            "quote": "".join(rng.choice(letters) for _ in range(1000)).strip(),
            "quote_type": "direct",
            "stances": [{"target": "harbour", "stance": "oppose"}],
            "summary": "Generated.",
        }
        for number in range(1, claims + 1)
    ]
    document = {
        "sources": [
            {
                "id": "gazette",
                "path": "gazette.txt",
                "title": "Notes from the harbour",
                "author": "Mira Teal",
                "outlet": "The Lantern Review",
                "published": "2024-04-24",
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            }
        ],
        "actors": [{"id": "vask", "name": "Oren Vask", "kind": "person"}],
        "targets": [{"id": "harbour", "label": "Harbour", "description": "The harbour plan."}],
        "claims": records,
    }
    path = folder / "claims.json"
    path.write_text(json.dumps(document, indent=2), "utf-8")
    return path


def test_check_reports_a_search_out_of_budget_as_a_failure(invoke: Invoke, tmp_path: Path) -> None:
    claims = _hostile_folder(tmp_path, 2)
    result = invoke("check", claims=claims)
    assert result.exit_code == 1
    assert "g001 missing: not in the source verbatim, and the search for a close passage" in (
        result.stdout
    )
    assert OUT_OF_BUDGET in result.stdout
    data = json.loads(invoke("check", "--format", "json", claims=claims).stdout)
    assert [record["verdict"] for record in data["results"]] == ["missing", "missing"]
    assert all(OUT_OF_BUDGET in record["message"] for record in data["results"])


# --- omissions: the chain of kept pieces ---------------------------------------------------


def test_many_omissions_on_repeated_words_stop_and_fail() -> None:
    text = "the tide " * 5000
    quote = "the … " * 300 + "harbour"
    kept = omissions.pieces(quote)
    found, finished = omissions.bounded_placements(text, kept, 100)
    assert (found, finished) == ([], False)
    finding = claim_finding(Document(text, "tide.txt"), _claim(quote), 0)
    assert (finding.verdict, finding.severity()) == ("missing", "failure")
    assert f"the search for where its kept pieces fit {OUT_OF_BUDGET}" in finding.message


def test_an_omission_quote_of_the_seed_is_placed_within_the_chain_budget() -> None:
    quote = "Russia also proposed … the frequency of the group’s reports"
    placements, finished = omissions.bounded_placements(SEED_TEXT, omissions.pieces(quote), 100)
    assert finished
    assert len(placements) == 1
    match = match_quote(DOCUMENT, quote, Hints())
    assert (match.stage, match.exhausted) == ("exact", False)


def test_a_cut_chain_that_found_two_places_is_still_ambiguous() -> None:
    text = "the tide turns " * 3000
    kept = omissions.pieces("tide … turns")
    found, finished = omissions.bounded_placements(text, kept, 100, work=20_000)
    assert not finished
    assert len(found) >= 2
    match = match_quote(Document(text), "tide … turns", Hints())
    assert (match.stage, match.uncounted) == ("ambiguous", True)


def test_a_hint_spanning_the_whole_source_is_not_normalised_for_each_claim() -> None:
    quote = "Russia also proposed reducing the frequency of the group's reports"
    whole = Hints(0, len(SEED_TEXT))
    match = match_quote(DOCUMENT, quote, whole)
    assert (match.stage, match.selected_by) == ("typography", "unique")


# --- properties ----------------------------------------------------------------------------

WORDS = ["tide", "harbour", "not", "the", "quay", "rope", "gull", "a", "salt", "net"]


@st.composite
def sources_and_claims(draw: st.DrawFn) -> tuple[str, Claim]:
    words = draw(st.lists(st.sampled_from(WORDS), min_size=8, max_size=120))
    text = " ".join(words) + "."
    start = draw(st.integers(0, len(text) - 1))
    end = draw(st.integers(start, min(len(text), start + 120)))
    quote = text[start:end]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, max(0, len(quote) - 1)))
        quote = quote[:at] + draw(st.sampled_from(["x", "", " … ", "e"])) + quote[at + 1 :]
    quote = quote.strip()
    if sum(char.isalnum() for char in quote) < 2:
        quote = "tide net"
    anchors: dict[str, Any] = {}
    if draw(st.booleans()):
        hint = draw(st.integers(0, len(text)))
        hint_end = draw(st.integers(hint, len(text)))
        anchors = {"start": hint, "end": hint_end}
        anchors["prefix"] = text[max(0, hint - 32) : hint] if draw(st.booleans()) else "zz"
        anchors["suffix"] = text[hint_end : hint_end + 32]
    return text, _claim(quote, **anchors)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sources_and_claims(), st.one_of(st.integers(0, 300), st.integers(0, 3000)))
def test_a_budget_never_passes_a_quote_the_full_search_fails(
    case: tuple[str, Claim], steps: int
) -> None:
    text, claim = case
    document = Document(text, "tide.txt")
    full = claim_finding(document, claim, 0, Budget(UNLIMITED))
    budget = Budget(steps)
    limited = claim_finding(document, claim, 0, budget)
    if full.severity() == "failure":
        assert limited.severity() == "failure"
    if budget.exhausted:
        assert limited.severity() == "failure"
        assert OUT_OF_BUDGET in limited.message
    else:
        assert (limited.verdict, limited.message) == (full.verdict, full.message)


def _distinct_by_pairs(found: list[Alignment]) -> list[Alignment]:
    """The plain quadratic form of `_distinct`, to compare with."""
    kept: list[Alignment] = []
    for alignment in sorted(found, key=lambda a: (a.distance, a.span.start)):
        if not any(alignment.span.overlaps(other.span) for other in kept):
            kept.append(alignment)
    return kept


@given(
    st.lists(
        st.tuples(st.integers(0, 200), st.integers(1, 30), st.integers(0, 5)).map(
            lambda t: Alignment(Span(t[0], t[0] + t[1]), t[2])
        ),
        max_size=40,
    )
)
def test_distinct_keeps_what_the_pairwise_comparison_keeps(found: list[Alignment]) -> None:
    assert _distinct(found) == _distinct_by_pairs(found)


@given(st.lists(st.integers(-30, 249), max_size=40), st.integers(0, 20), st.integers(31, 60))
def test_merged_windows_cover_each_window_once(begins: list[int], before: int, after: int) -> None:
    """Each window ends after the text begins and begins before it ends, as the filter's do."""
    length = 250
    merged = _merged(begins, before, after, length)
    covered = {
        at for begin in begins for at in range(max(0, begin - before), min(length, begin + after))
    }
    assert {at for span in merged for at in range(span.start, span.end)} == covered
    assert all(one.end < other.start for one, other in itertools.pairwise(merged))


@given(
    st.lists(
        st.one_of(st.sampled_from(WORDS), st.sampled_from(["\n\n", "\n \n", "\n"])),
        min_size=2,
        max_size=60,
    ),
    st.data(),
)
def test_one_paragraph_looks_near_the_passage_as_it_did_from_the_start(
    parts: list[str], data: st.DataObject
) -> None:
    """Breaks of a few characters: only a run of white space longer than the passage
    itself, around its start, could be seen otherwise."""
    raw = " ".join(parts)
    start = data.draw(st.integers(0, len(raw) - 1))
    end = data.draw(st.integers(start + 1, len(raw)))
    span = Span(start, end)
    middle = (start + end) // 2
    bounds = paragraph(raw, Span(middle, middle))
    whole = Span(max(start, bounds.start), min(end, bounds.end))
    expected = span if PARAGRAPH_BREAK.search(raw, start, end) is None else whole
    assert _one_paragraph(raw, span, "a quote") == expected


def test_a_near_miss_quote_against_a_long_source_is_not_searched_for_ever() -> None:
    seed = SEED.read_text("utf-8")
    long_source = seed * (APPROXIMATE_WORK // (900 * len(seed)) + 2)
    quote = seed[3000:3900].replace("e", "é")  # close to the source, nowhere verbatim
    match = match_quote(Document(long_source, "long.txt"), quote, Hints())
    assert (match.stage, match.too_long) == ("none", True)
    near = match_quote(Document(seed, "seed.txt"), quote, Hints())
    assert near.stage != "none"  # the same quote in the article itself is still looked for
