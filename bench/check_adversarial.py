"""How `dprktrack check` holds against hostile claims files, beside its time budgets.

Each case writes, in a temporary folder, one source of about 300 KB and a claims file
of N claims built to make the search work, then times three things, each in a new
Python process:

- the floor: import dprktrack, load and validate the claims file, read the source;
  everything `check` does before it checks a quote;
- the library: `run_check` on the loaded claims file, timed inside the process;
- the CLI: `dprktrack --claims FILE check`, wall time, as CI runs it.

The budget is the one the issue sets: 2 s for 10 claims, 60 s for 1,000, that is
0.06 s a claim and never less than 2 s. Cases:

- random: random 1,000-character quotes on a random 300 KB text (not in it);
- near-miss: real passages of 200 to 1,000 characters of a 30 KB invented-language
  text (a long article, 2.5 times the seed), each with a few words changed: honest
  work, which the close-passage search must still finish;
- near-miss-long: the same on the full 300 KB, where a search costs 10 times as
  much and the budget lets only the first few of many finish;
- worst: the close-passage search's own worst case: 1,000-character quotes over two
  letters on a source just under the largest it searches (APPROXIMATE_WORK), where
  every piece of the filter occurs everywhere;
- omissions: `a … a … … a … b` with 250 kept pieces on a source of `a a a …`, where
  the chain of kept pieces is tried from every `a`;
- look-alikes: a quote found verbatim, with stale offsets spanning the rest of the
  source and a prefix found everywhere, so the check for an edited passage at the
  recorded place searches all of it;
- wide-hints: quotes not in a source full of curly quotes and dashes, with offsets
  spanning the whole source, so the hinted passage is normalised for every claim;
- paragraphs: a short quote with one letter changed, close to thousands of passages
  of a source of three-word paragraphs, each passage cut to its paragraph.

    python bench/check_adversarial.py                  # N = 10 and 1,000, every case
    python bench/check_adversarial.py --claims 10 100 --cases random worst
    python bench/check_adversarial.py --quick          # a smoke run: small and fast

Nothing here asserts a time: the figures are for reading (see the README's
performance section). Needs dprktrack installed in the running Python.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from check_scale import machine  # the check benchmark's description of the machine

QUOTE_LENGTH = 1000
PER_CLAIM_SECONDS = 0.06
LEAST_SECONDS = 2.0
FLOOR = """
import sys
from pathlib import Path
from dprktrack.claimsfile.load import load_catalog
import dprktrack.check.run
catalog = load_catalog(Path(sys.argv[1]))
for source_id in catalog.sources:
    catalog.source_text(source_id)
"""
LIBRARY = """
import json, sys, time
from pathlib import Path
from dprktrack.check.run import run_check
from dprktrack.claimsfile.load import load_catalog
catalog = load_catalog(Path(sys.argv[1]))
began = time.perf_counter()
report = run_check(catalog)
seconds = time.perf_counter() - began
claims = [finding for finding in report.findings if finding.kind == "claim"]
diffs = sum(1 for finding in claims if finding.diff)
budget = sum(1 for finding in claims if "budget" in finding.message)
print(json.dumps({"seconds": seconds, "verdicts": report.counts(), "diffs": diffs,
                  "budget": budget}))
"""


@dataclass(frozen=True)
class Claim:
    quote: str
    anchors: dict[str, object] | None = None


Case = Callable[[random.Random, int, int], tuple[str, list[Claim]]]
"""A case builds, from a random generator, the source size and the number of claims,
the source's text and the claims on it."""


def budget(claims: int) -> float:
    """The issue's budget: 2 s for 10 claims, 60 s for 1,000, linear in between and above."""
    return max(LEAST_SECONDS, PER_CLAIM_SECONDS * claims)


def _letters(rng: random.Random, length: int, alphabet: str) -> str:
    return "".join(rng.choice(alphabet) for _ in range(length))


LETTERS = "abcdefghijklmnopqrstuvwxyz "


def random_case(rng: random.Random, size: int, claims: int) -> tuple[str, list[Claim]]:
    source = _letters(rng, size, LETTERS)
    quotes = (_letters(rng, QUOTE_LENGTH, LETTERS).strip() for _ in range(claims))
    return source, [Claim(quote) for quote in quotes]


def _invented_words(rng: random.Random, count: int) -> list[str]:
    return [_letters(rng, rng.randint(2, 10), "abcdefghijklmnopqrstuvwxyz") for _ in range(count)]


ARTICLE = 30_000
"""A long article's size, in characters: 2.5 times the seed."""


def near_miss_case(rng: random.Random, size: int, claims: int) -> tuple[str, list[Claim]]:
    return near_miss_long_case(rng, min(size, ARTICLE), claims)


def near_miss_long_case(rng: random.Random, size: int, claims: int) -> tuple[str, list[Claim]]:
    vocabulary = _invented_words(rng, 3000)
    words: list[str] = []
    length = 0
    while length < size:
        words.append(rng.choice(vocabulary) + ("." if rng.random() < 0.08 else ""))
        length += len(words[-1]) + 1
    source = " ".join(words)
    result = []
    for _ in range(claims):
        start = rng.randrange(0, len(source) - QUOTE_LENGTH)
        start = source.index(" ", start) + 1
        passage = source[start : start + rng.randint(200, QUOTE_LENGTH)].rsplit(" ", 1)[0]
        kept = passage.split(" ")
        for _ in range(rng.randint(2, 5)):
            kept[rng.randrange(len(kept))] = rng.choice(vocabulary)
        quote = " ".join(kept)
        result.append(Claim(quote if quote not in source else quote + " extra"))
    return source, result


def worst_case(rng: random.Random, size: int, claims: int) -> tuple[str, list[Claim]]:
    from dprktrack.matching.matcher import APPROXIMATE_WORK, LONGEST_APPROXIMATE

    largest = APPROXIMATE_WORK // LONGEST_APPROXIMATE - 1
    source = _letters(rng, min(largest, size), "ab")
    quotes = (_letters(rng, LONGEST_APPROXIMATE, "ab") for _ in range(claims))
    return source, [Claim(quote) for quote in quotes]


def omissions_case(rng: random.Random, size: int, claims: int) -> tuple[str, list[Claim]]:
    del rng
    return "a " * (size // 2), [Claim("a … " * 250 + "b") for _ in range(claims)]


def look_alike_case(rng: random.Random, size: int, claims: int) -> tuple[str, list[Claim]]:
    quote = _letters(rng, QUOTE_LENGTH, LETTERS).strip()
    source = _letters(rng, size - QUOTE_LENGTH - 1, LETTERS) + " " + quote
    at = source.index(quote)
    stale = {"start": 0, "end": at - 1, "prefix": "e", "suffix": "#"}
    return source, [Claim(quote, stale) for _ in range(claims)]


def wide_hint_case(rng: random.Random, size: int, claims: int) -> tuple[str, list[Claim]]:
    source = _letters(rng, size, "abcdefgh ’—“”")
    quotes = (_letters(rng, QUOTE_LENGTH, LETTERS).strip() for _ in range(claims))
    whole = {"start": 0, "end": len(source), "prefix": "", "suffix": ""}
    return source, [Claim(quote, whole) for quote in quotes]


def paragraphs_case(rng: random.Random, size: int, claims: int) -> tuple[str, list[Claim]]:
    words = ["tide", "gull", "rope", "salt"]
    paragraphs = [" ".join(rng.choice(words) for _ in range(3)) for _ in range(size // 16)]
    return "\n\n".join(paragraphs), [Claim("tide gull ropx salt tide") for _ in range(claims)]


CASES: dict[str, Case] = {
    "random": random_case,
    "near-miss": near_miss_case,
    "near-miss-long": near_miss_long_case,
    "worst": worst_case,
    "omissions": omissions_case,
    "look-alikes": look_alike_case,
    "wide-hints": wide_hint_case,
    "paragraphs": paragraphs_case,
}


def write_files(folder: Path, source: str, claims: list[Claim]) -> Path:
    """The source and a claims file naming it, as a curator's repository would hold them."""
    folder.mkdir(parents=True, exist_ok=True)
    data = source.encode("utf-8")
    (folder / "source.txt").write_bytes(data)
    records: list[dict[str, Any]] = []
    for number, claim in enumerate(claims, start=1):
        record: dict[str, Any] = {
            "id": f"h{number:05d}",
            "source": "hostile",
            "actor": "speaker",
            "quote": claim.quote,
        }
        record.update(claim.anchors or {})
        record.update(
            quote_type="direct",
            stances=[{"target": "topic", "stance": "neutral"}],
            summary=f"Hostile claim {number}",
        )
        records.append(record)
    document = {
        "sources": [
            {
                "id": "hostile",
                "path": "source.txt",
                "title": "A generated text",
                "author": "Generator",
                "outlet": "Benchmark Weekly",
                "published": "2024-04-24",
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        ],
        "actors": [{"id": "speaker", "name": "A. Speaker", "kind": "person"}],
        "targets": [{"id": "topic", "label": "Topic", "description": "Generated."}],
        "claims": records,
    }
    path = folder / "claims.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", "utf-8")
    return path


@dataclass(frozen=True)
class Timing:
    seconds: float | None
    """None: stopped at the timeout."""
    details: dict[str, Any]


def timed(command: list[str], timeout: float) -> Timing:
    """Wall time of a command, and the JSON it printed last (if any)."""
    began = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return Timing(None, {})
    seconds = time.perf_counter() - began
    if done.returncode not in (0, 1):
        raise SystemExit(f"{command} failed with {done.returncode}: {done.stderr[-2000:]}")
    lines = done.stdout.strip().splitlines()
    try:
        details = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        details = {}
    return Timing(seconds, details if isinstance(details, dict) else {})


def median(command: list[str], runs: int, timeout: float) -> Timing:
    timings = [timed(command, timeout) for _ in range(runs)]
    if any(timing.seconds is None for timing in timings):
        return Timing(None, {})
    seconds = statistics.median(timing.seconds or 0.0 for timing in timings)
    return Timing(seconds, timings[-1].details)


def verdicts(details: dict[str, Any]) -> str:
    counts = details.get("verdicts", {})
    shown = ", ".join(f"{count} {name}" for name, count in counts.items() if count)
    notes = []
    if details.get("diffs"):
        notes.append(f"{details['diffs']} with a diff")
    if details.get("budget"):
        notes.append(f"{details['budget']} out of budget")
    return shown + (f" ({'; '.join(notes)})" if notes else "")


def _seconds(timing: Timing, timeout: float) -> str:
    return f"> {timeout:.0f}" if timing.seconds is None else f"{timing.seconds:.2f}"


def run_case(name: str, claims: int, arguments: argparse.Namespace, folder: Path) -> list[str]:
    """One row of the table: the floor, the library, the CLI, the budget, the verdicts."""
    rng = random.Random(f"{name}-{claims}")
    source, records = CASES[name](rng, arguments.source_kb * 1000, claims)
    path = write_files(folder / f"{name}-{claims}", source, records)
    python, runs, timeout = sys.executable, arguments.runs, arguments.timeout
    floor = median([python, "-c", FLOOR, str(path)], runs, timeout)
    library = median([python, "-c", LIBRARY, str(path)], runs, timeout)
    cli = median([python, "-m", "dprktrack", "--claims", str(path), "check"], runs, timeout)
    library_seconds = library.details.get("seconds")
    limit = budget(claims)
    met = "-" if cli.seconds is None else ("met" if cli.seconds <= limit else "MISSED")
    return [
        name,
        f"{claims:,}",
        f"{len(source) / 1000:.0f} KB",
        _seconds(floor, timeout),
        "-" if library_seconds is None else f"{library_seconds:.2f}",
        _seconds(cli, timeout),
        f"{limit:.0f}",
        met,
        verdicts(library.details) or "-",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--claims", type=int, nargs="+", default=[10, 1000], metavar="N")
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES))
    parser.add_argument("--source-kb", type=int, default=300, help="source size, in KB")
    parser.add_argument("--runs", type=int, default=1, help="runs of each command (median)")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run stops")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 3 and 20 claims, 30 KB")
    arguments = parser.parse_args()
    if arguments.quick:
        arguments.claims, arguments.source_kb, arguments.timeout = [3, 20], 30, 120
    print("dprktrack check on hostile claims files, beside the budget (seconds)")
    print(f"{machine()}; median of {arguments.runs}; wall times in seconds\n")
    header = ["case", "claims", "source", "floor", "library", "CLI", "budget", "", "verdicts"]
    print("| " + " | ".join(header) + " |")
    print("|---|---:|---:|---:|---:|---:|---:|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        for name in arguments.cases:
            for claims in arguments.claims:
                row = run_case(name, claims, arguments, Path(folder))
                print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
