"""How long `export --format sqlite` takes: the bundled data and 100,000 claims.

Each export runs as a user runs it, a new process, beside three floors measured in the same
run on the same claims file: loading and validating it, `export --format jsonl` (the flat
records every format builds) and `check` (the verdict of every quote, which the database
holds). The sqlite export is about those two together, plus the tables, the full-text index
and Datasette's metadata (which imports the models). Target at 100,000 claims: within 1.25
times jsonl and check added up, peak memory under 1 GB.

    python bench/export_sqlite.py [--claims 100000] [--sources 1000] [--runs 3]

Needs dprktrack installed in the running Python (`pip install -e .`).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from check_scale import Measure, machine, measure  # the check benchmark's runner

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parent / "corpus.py"
LOAD = "import sys; from dprktrack.claimsfile.load import load_catalog; load_catalog(sys.argv[1])"
WITHIN_FLOORS = 1.25
MEMORY_LIMIT_MB = 1024


def commands(claims: Path, out: Path) -> dict[str, list[str]]:
    """The floors first, then the sqlite export, all on one claims file (notes on stderr
    are left out of the table)."""
    dprktrack = [str(Path(sys.executable).with_name("dprktrack")), "--claims", str(claims)]
    return {
        "load and validate (floor)": [sys.executable, "-c", LOAD, str(claims)],
        "export --format jsonl (floor)": [*dprktrack, "export", "-o", str(out / "claims.jsonl")],
        "check --format json (floor)": [*dprktrack, "check", "--format", "json"],
        "export -o claims.db": [*dprktrack, "export", "-o", str(out / "claims.db")],
    }


def run(label: str, claims: Path, runs: int) -> dict[str, Measure]:
    """Each command warmed once, then measured; the table's rows for `label`."""
    with tempfile.TemporaryDirectory() as out:
        found = {}
        for name, command in commands(claims, Path(out)).items():
            measure(command, 1)  # warm the caches, untimed
            found[name] = measure(command, runs)
            size = ""
            if name.startswith("export -o"):
                size = f"{(Path(out) / 'claims.db').stat().st_size / 1e6:.1f} MB"
            print(f"| {label} | `{name}` | {found[name].seconds:.3f} s | "
                  f"{found[name].peak_mb:.0f} MB | {size} |")  # fmt: skip
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    print(f"{machine()}; median of {arguments.runs} runs\n")
    print("| claims | command | median | peak memory | database |")
    print("|---|---|---:|---:|---:|")
    run("bundled (65)", REPO / "claims.json", arguments.runs)
    with tempfile.TemporaryDirectory() as folder:
        build = [sys.executable, str(CORPUS), folder, "--claims", str(arguments.claims)]
        subprocess.run([*build, "--sources", str(arguments.sources)], check=True,
                       stdout=subprocess.DEVNULL)  # fmt: skip
        found = run(f"{arguments.claims:,}", Path(folder) / "claims.json", arguments.runs)
    sqlite = found["export -o claims.db"]
    floors = (
        found["export --format jsonl (floor)"].seconds
        + found["check --format json (floor)"].seconds
    )
    ratio = sqlite.seconds / floors
    met = ratio <= WITHIN_FLOORS and sqlite.peak_mb < MEMORY_LIMIT_MB
    print(f"\nsqlite / (jsonl + check): {ratio:.2f} (target ≤ {WITHIN_FLOORS}); "
          f"peak {sqlite.peak_mb:.0f} MB (target < {MEMORY_LIMIT_MB} MB): "
          f"{'met' if met else 'MISSED'}")  # fmt: skip


if __name__ == "__main__":
    main()
