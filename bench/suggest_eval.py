"""How well the suggestion rules find the curated claims, and how fast.

Runs `suggestions(include_covered=True)` on the bundled article as if the claims file had
no claims (sources, actors and targets kept), and scores the suggestions against the
curated claims, each where `check` places its quote:

- recall: a claim is found when a suggestion overlaps at least half of its span;
- precision: suggestions that name some claim (overlap half of it, or lie half in it);
- top-1 speaker: the first suggested speaker is the claim's actor, a member of its group,
  or its `reported_via` (over found claims);
- quote type: the best suggestion's quote type is the claim's (over found claims).

Prints the same figures for a simple sentence-and-cue baseline, for the fictional test
texts (tests/data/suggest/), and for the held-out articles (tests/data/suggest/heldout/,
written blind of the rules and never used to shape them: what to expect of a new article),
the claims missed and the suggestions that hit nothing, then
the time of the library call in a new process (catalog loaded, suggestions made: what the
`suggest` command does) beside the dependency import floor.

    python bench/suggest_eval.py
    python bench/suggest_eval.py --runs 15
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from startup import ENVIRONMENT  # noqa: E402  (beside this script)

from dprktrack.claimsfile.load import load_catalog  # noqa: E402
from dprktrack.suggest.evaluation import (  # noqa: E402
    TARGETS,
    Score,
    baseline,
    curated,
    fictional,
    pooled,
    score,
    without_claims,
)
from dprktrack.suggest.finding import suggestions  # noqa: E402
from dprktrack.suggest.sentences import sentences  # noqa: E402
from dprktrack.suggest.speakers import lexicon  # noqa: E402

FICTIONAL = REPO / "tests" / "data" / "suggest"
HELD_OUT = FICTIONAL / "heldout"
DEPENDENCIES = "import click, rich.console, rich.table, pydantic"
NEAR_FLOOR = 1.3
LIBRARY_CALL = (
    "from pathlib import Path\n"
    "from dprktrack.claimsfile.load import load_catalog\n"
    "from dprktrack.suggest.finding import suggestions\n"
    "catalog = load_catalog(Path('claims.json'))\n"
    "for source in catalog.sources:\n"
    "    suggestions(catalog, source)\n"
)


def show(label: str, result: Score) -> bool:
    """Print the four figures against their targets; whether all are met."""
    figures = result.figures()
    print(f"{label}: {result.claims} claims, {result.suggestions} suggestions")
    met = True
    for name, value in figures.items():
        verdict = "PASS" if value >= TARGETS[name] else "MISS"
        met &= verdict == "PASS"
        print(f"  {name:<11} {value:6.1%}  (target ≥ {TARGETS[name]:.0%})  {verdict}")
    return met


def details(result: Score) -> None:
    """The misses, the wrong guesses and the false positives, for a curator to read."""
    print(f"  missed claims ({len(result.misses)}):")
    for claim in result.misses:
        print(f"    {claim.id} {claim.actor} {claim.kind}/{claim.quote_type}: {claim.quote[:90]!r}")
    print(f"  found with another speaker or quote type ({len(result.wrong)}):")
    for claim, best in result.wrong:
        guess = best.speakers[0].actor or best.speakers[0].name if best.speakers else "-"
        print(
            f"    {claim.id} {claim.actor}/{claim.quote_type} → {guess}/{best.quote_type}"
            f" ({best.speakers[0].reason if best.speakers else 'no speaker'})"
        )
    print(f"  false positives ({len(result.false_positives)}):")
    for found in result.false_positives:
        print(
            f"    {found.line}:{found.column} {found.kind}/{found.quote_type}: {found.quote[:90]!r}"
        )


def bundled() -> bool:
    catalog = load_catalog(REPO / "claims.json")
    met = True
    for source in catalog.sources:
        expected = curated(catalog, source)
        found = suggestions(without_claims(catalog), source, include_covered=True)
        met &= show(f"rules on {source}", result := score(expected, found))
        details(result)
        text = catalog.source_text(source)
        names = {phrase: actor for phrase, actor, _ in lexicon(catalog.actors).phrases}
        spans = [(s.start, s.end) for s in sentences(text)]
        show(
            f"sentence-and-cue baseline on {source}",
            score(expected, baseline(source, text, spans, names)),
        )
    return met


def texts(folder: Path, label: str, *, each_in_detail: bool) -> Score:
    """Each text of `folder` scored and shown, then all of them pooled (returned)."""
    results = []
    for path in sorted(folder.glob("*.json")):
        catalog, source, expected = fictional(folder, path.stem)
        result = score(expected, suggestions(catalog, source, include_covered=True))
        results.append(result)
        show(f"rules on {label} {path.name}", result)
        if each_in_detail and (result.misses or result.wrong or result.false_positives):
            details(result)
    show(f"rules pooled over the {len(results)} {label} texts", together := pooled(results))
    return together


def invented() -> None:
    """Each fictional text (the pattern texts and the reviewer's development articles),
    then all of them pooled."""
    texts(FICTIONAL, "fictional", each_in_detail=True)


def held_out() -> None:
    """The held-out articles (tests/data/suggest/heldout/): written and annotated from the
    codebook by someone who had not read the rules, and not used to shape them. Their figures
    say what to expect of a new article; they are printed, not held to the targets."""
    details(texts(HELD_OUT, "held-out", each_in_detail=False))


def wall_time(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(command, cwd=REPO, env=ENVIRONMENT, check=True, capture_output=True)
    return time.perf_counter() - began


def timing(runs: int) -> None:
    """Median wall time of the library call and of the dependency floor, round-robin."""
    python = sys.executable
    commands = {
        "dependency floor": [python, "-c", DEPENDENCIES],
        "load + suggestions (library)": [python, "-c", LIBRARY_CALL],
        "dprktrack suggest": [python, "-m", "dprktrack", "suggest"],
        "dprktrack check (for comparison)": [python, "-m", "dprktrack", "check"],
    }
    for command in commands.values():
        wall_time(command)  # warm up: bytecode written, files cached
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            times[name].append(wall_time(command))
    floor = statistics.median(times["dependency floor"])
    call = statistics.median(times["load + suggestions (library)"])
    check = statistics.median(times["dprktrack check (for comparison)"])
    command = statistics.median(times["dprktrack suggest"])
    verdict = "PASS" if max(call, command) <= NEAR_FLOOR * floor else "MISS"
    print(
        f"time (median of {runs}): dependency floor {floor * 1000:.0f} ms, "
        f"load + suggestions {call * 1000:.0f} ms = {call / floor:.2f}× the floor, "
        f"`dprktrack suggest` (the table) {command * 1000:.0f} ms = {command / floor:.2f}× "
        f"(target ≤ {NEAR_FLOOR}×)  {verdict}; dprktrack check {check * 1000:.0f} ms = "
        f"{check / floor:.2f}×"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="timed runs of each (median)")
    arguments = parser.parse_args()
    bundled()
    invented()
    held_out()
    timing(arguments.runs)


if __name__ == "__main__":
    main()
