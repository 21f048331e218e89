"""How lookups scale: 1,000, 10,000 and 100,000 claims over 1,000 sources.

For each size, the corpus of the check benchmark (bench/corpus.py) is generated and
each lookup is run as a user runs it, a new process: the median wall time over
`--runs` runs and the peak memory (max RSS) are printed, beside what loading and
validating the claims file alone costs (the baseline every lookup pays). Targets at
100,000 claims: each lookup within the baseline plus 20%, cost growing no worse
than linearly with the number of claims, peak memory under 500 MB.

    python bench/lookup_scale.py [--sizes 1000 10000 100000] [--runs 5]

Needs dprktrack installed in the running Python (`pip install -e .`).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from check_scale import Measure, machine, measure  # the check benchmark's runner

CORPUS = Path(__file__).resolve().parent / "corpus.py"  # the check benchmark's generator

BASELINE = """
import sys
from pathlib import Path
from dprktrack.claimsfile.load import load_catalog
load_catalog(Path(sys.argv[1]))
"""
TARGET_SIZE = 100_000
WITHIN_BASELINE = 1.2
MEMORY_LIMIT_MB = 500


def lookups(claims: Path) -> dict[str, list[str]]:
    """The commands to time on one corpus, the baseline first; ACTOR and ID are the first
    claim's."""
    dprktrack = str(Path(sys.executable).with_name("dprktrack"))
    first = json.loads(claims.read_text("utf-8"))["claims"][0]
    prefix = [dprktrack, "--claims", str(claims)]
    return {
        "load and validate (baseline)": [sys.executable, "-c", BASELINE, str(claims)],
        "list --actor ACTOR --format json": [
            *prefix, "list", "--actor", first["actor"], "--format", "json",
        ],
        "actors": [*prefix, "actors"],
        "actors --format json": [*prefix, "actors", "--format", "json"],
        "stances": [*prefix, "stances"],
        "stances --format json": [*prefix, "stances", "--format", "json"],
        "show ID": [*prefix, "show", first["id"]],
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    arguments = parser.parse_args()
    print(f"{machine()}; median of {arguments.runs} runs, peak memory of the largest\n")
    print("| claims | command | median | × baseline | peak memory |")
    print("|---:|---|---:|---:|---:|")
    results: dict[int, dict[str, Measure]] = {}
    for size in arguments.sizes:
        with tempfile.TemporaryDirectory() as folder:
            _build(Path(folder), size, arguments.sources)
            commands = lookups(Path(folder) / "claims.json")
            for command in commands.values():
                measure(command, 1)  # warm the file and bytecode caches, untimed
            results[size] = {
                name: measure(command, arguments.runs) for name, command in commands.items()
            }
        baseline = next(iter(results[size].values())).seconds
        for name, found in results[size].items():
            print(f"| {size:,} | `{name}` | {found.seconds:.3f} s | "
                  f"{found.seconds / baseline:.2f} | {found.peak_mb:.0f} MB |")  # fmt: skip
    print()
    _verdicts(results)


def _build(folder: Path, claims: int, sources: int) -> None:
    """The corpus, generated in a process of its own: a child's peak memory counts its
    parent's at the fork, so this process must stay small."""
    command = [sys.executable, str(CORPUS), str(folder), "--claims", str(claims)]
    subprocess.run([*command, "--sources", str(sources)], check=True, stdout=subprocess.DEVNULL)


def _verdicts(results: dict[int, dict[str, Measure]]) -> None:
    """The targets at 100,000 claims, and growth from the smallest size to the largest."""
    sizes = sorted(results)
    if sizes[-1] < TARGET_SIZE:
        print(
            f"(the targets apply at {TARGET_SIZE:,} claims; the largest size here is {sizes[-1]:,})"
        )
        return
    largest, smallest = results[sizes[-1]], results[sizes[0]]
    baseline = next(iter(largest.values())).seconds
    for name, found in list(largest.items())[1:]:
        within = found.seconds <= WITHIN_BASELINE * baseline
        light = found.peak_mb < MEMORY_LIMIT_MB
        growth = found.seconds / smallest[name].seconds
        print(f"{name}: {found.seconds / baseline:.2f}x baseline "
              f"({'met' if within else 'MISSED'}), {found.peak_mb:.0f} MB "
              f"({'met' if light else 'MISSED'}), {growth:.1f}x the time for "
              f"{sizes[-1] // sizes[0]:,}x the claims")  # fmt: skip


if __name__ == "__main__":
    main()
