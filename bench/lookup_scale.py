"""How lookups scale: 1,000, 10,000 and 100,000 claims over 1,000 sources.

For each size, the corpus of the check benchmark (bench/corpus.py) is generated and
each lookup is run as a user runs it, a new process: the median wall time over
`--runs` runs and the peak memory (max RSS) are printed, beside what loading and
validating the claims file alone costs (the baseline every lookup pays). `diff` reads two
versions, so its baseline is loading both: a copy with 1% of its claims edited, diffed
against the file as a path and against the file committed to a git repository. Targets at
100,000 claims: each lookup within its baseline plus 20%, cost growing no worse than
linearly with the number of claims, peak memory under 500 MB (diff: within 10% of holding
both versions).

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
catalogs = [load_catalog(Path(path)) for path in sys.argv[1:]]  # all held, as diff holds both
"""
BOTH = "load and validate both versions (diff's baseline)"
TARGET_SIZE = 100_000
WITHIN_BASELINE = 1.2
MEMORY_LIMIT_MB = 500


def lookups(claims: Path) -> dict[str, list[str]]:
    """The commands to time on one corpus, the baseline first; ACTOR and ID are the first
    claim's."""
    dprktrack = str(Path(sys.executable).with_name("dprktrack"))
    first = json.loads(claims.read_text("utf-8"))["claims"][0]
    edited = claims.with_name("edited.json")
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
        "timeline --actor ACTOR": [*prefix, "timeline", "--actor", first["actor"]],
        "list --format json (every claim)": [*prefix, "list", "--format", "json"],
        "timeline --format json (every claim)": [*prefix, "timeline", "--format", "json"],
        "timeline (every claim, lines to a pipe)": [*prefix, "timeline"],
        BOTH: [sys.executable, "-c", BASELINE, str(claims), str(edited)],
        "diff CLAIMS EDITED (two paths)": [*prefix, "diff", str(claims), str(edited)],
        "diff HEAD EDITED (git and a path)": [*prefix, "diff", "HEAD", str(edited)],
        "diff HEAD EDITED --format json": [
            *prefix, "diff", "HEAD", str(edited), "--format", "json",
        ],
    }  # fmt: skip


def _baseline(name: str, found: dict[str, Measure]) -> Measure:
    """What a command is measured against: loading both versions for diff, else one."""
    return found[BOTH] if name.startswith("diff") or name == BOTH else next(iter(found.values()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 100_000])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--edit", type=Path, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.edit:
        _edited_version(arguments.edit)
        return
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
        for name, found in results[size].items():
            baseline = _baseline(name, results[size]).seconds
            print(f"| {size:,} | `{name}` | {found.seconds:.3f} s | "
                  f"{found.seconds / baseline:.2f} | {found.peak_mb:.0f} MB |")  # fmt: skip
    print()
    _verdicts(results)


def _build(folder: Path, claims: int, sources: int) -> None:
    """The corpus, generated in a process of its own: a child's peak memory counts its
    parent's at the fork, so this process must stay small."""
    command = [sys.executable, str(CORPUS), str(folder), "--claims", str(claims)]
    subprocess.run([*command, "--sources", str(sources)], check=True, stdout=subprocess.DEVNULL)
    edit = [sys.executable, __file__, "--edit", str(folder / "claims.json")]
    subprocess.run(edit, check=True, stdout=subprocess.DEVNULL)  # small as above


def _edited_version(claims: Path) -> None:
    """`edited.json` beside the claims file: 1% of its claims with another stance and summary,
    as many re-anchored, 0.1% removed; and the claims file committed to a new repository."""
    data = json.loads(claims.read_text("utf-8"))
    for number, claim in enumerate(data["claims"]):
        if number % 100 == 1:
            claim["stances"][0]["stance"] = (
                "mixed" if claim["stances"][0]["stance"] != "mixed" else "neutral"
            )
            claim["summary"] += " Revised."
        elif number % 100 == 2:
            claim["prefix"] = None
    data["claims"] = [claim for number, claim in enumerate(data["claims"]) if number % 1000 != 3]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    claims.with_name("edited.json").write_text(text, "utf-8")
    git = [
        "git",
        "-C",
        str(claims.parent),
        "-c",
        "user.name=Bench",
        "-c",
        "user.email=b@example.org",
    ]
    for step in (["init", "-q"], ["add", "claims.json"], ["commit", "-q", "-m", "Corpus"]):
        subprocess.run([*git, *step], check=True, stdout=subprocess.DEVNULL)


def _verdicts(results: dict[int, dict[str, Measure]]) -> None:
    """The targets at 100,000 claims, and growth from the smallest size to the largest."""
    sizes = sorted(results)
    if sizes[-1] < TARGET_SIZE:
        print(
            f"(the targets apply at {TARGET_SIZE:,} claims; the largest size here is {sizes[-1]:,})"
        )
        return
    largest, smallest = results[sizes[-1]], results[sizes[0]]
    for name, found in list(largest.items())[1:]:
        if name == BOTH:
            continue
        floor = _baseline(name, largest)
        baseline = floor.seconds
        within = found.seconds <= WITHIN_BASELINE * baseline
        # diff holds two versions: its memory is held to its floor's, plus 10%
        light = found.peak_mb <= (
            1.1 * floor.peak_mb if floor is largest[BOTH] else MEMORY_LIMIT_MB
        )
        growth = found.seconds / smallest[name].seconds
        print(f"{name}: {found.seconds / baseline:.2f}x baseline "
              f"({'met' if within else 'MISSED'}), {found.peak_mb:.0f} MB "
              f"({'met' if light else 'MISSED'}), {growth:.1f}x the time for "
              f"{sizes[-1] // sizes[0]:,}x the claims")  # fmt: skip


if __name__ == "__main__":
    main()
