"""Start-up cost of dprktrack's commands on the bundled data, against two floors.

The floors are `python -c pass` (Python itself) and a Python that only imports
click, rich.console, rich.table and pydantic (the dependency floor). Each command
is run as a user runs it (a new process), round-robin so that a busy moment hurts
every command alike, and the median wall time of each is printed with its ratio to
both floors and whether it meets its target:

- `--help` and `list --format json`: below the dependency floor;
- every other lookup (`actors`, `stances`, `locate`, `show`, `list` with a filter and
  a table) and `check` in every format, and writing its reports to files (`--report`, into
  a temporary folder), and `suggest` (a table, and every suggestion as JSON): within 1.3 times
  the dependency floor.

    python bench/startup.py            # 25 runs each
    python bench/startup.py --runs 51
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check_scale import ENVIRONMENT, machine  # the machine's description; a user's environment

REPO = Path(__file__).resolve().parents[1]
DEPENDENCIES = "import click, rich.console, rich.table, pydantic"
LOCATED = "set a time limit"
"""A passage of the bundled source that `locate` finds once."""
BELOW_FLOOR = 1.0
NEAR_FLOOR = 1.3


CHECK_FORMATS = ("json", "github", "sarif", "junit", "gitlab")
"""`check --format` forms timed beside plain `check` (text)."""


def commands(
    dprktrack: str, claim_id: str, reports: Path
) -> dict[str, tuple[list[str], float | None]]:
    """What to time, with its target as a ratio to the dependency floor (None: a floor);
    `check --report` writes into the folder `reports`."""
    python = sys.executable
    formats: dict[str, tuple[list[str], float | None]] = {
        f"dprktrack check --format {fmt}": ([dprktrack, "check", "--format", fmt], NEAR_FLOOR)
        for fmt in CHECK_FORMATS
    }
    written = [f"--report={fmt}:{reports / fmt}" for fmt in ("sarif", "junit", "gitlab")]
    formats["dprktrack check --report sarif,junit,gitlab"] = (
        [dprktrack, "check", *written],
        NEAR_FLOOR,
    )
    return {
        "python -c pass": ([python, "-c", "pass"], None),
        "dependency floor": ([python, "-c", DEPENDENCIES], None),
        "dprktrack --help": ([dprktrack, "--help"], BELOW_FLOOR),
        "dprktrack list --format json": ([dprktrack, "list", "--format", "json"], BELOW_FLOOR),
        "dprktrack list --actor nebenzya": ([dprktrack, "list", "--actor", "nebenzya"], NEAR_FLOOR),
        "dprktrack actors": ([dprktrack, "actors"], NEAR_FLOOR),
        "dprktrack stances": ([dprktrack, "stances"], NEAR_FLOOR),
        f"dprktrack locate {LOCATED!r}": ([dprktrack, "locate", LOCATED], NEAR_FLOOR),
        f"dprktrack show {claim_id}": ([dprktrack, "show", claim_id], NEAR_FLOOR),
        "dprktrack check": ([dprktrack, "check"], NEAR_FLOOR),
        "dprktrack suggest": ([dprktrack, "suggest"], NEAR_FLOOR),
        "dprktrack suggest --all --format json": (
            [dprktrack, "suggest", "--all", "--format", "json"],
            NEAR_FLOOR,
        ),
        **formats,
    }


def wall_time(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(
        command,
        cwd=REPO,
        env=ENVIRONMENT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return time.perf_counter() - began


def medians(table: dict[str, tuple[list[str], float | None]], runs: int) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in table}
    for command, _ in table.values():
        wall_time(command)  # warm the file and bytecode caches once, untimed
    for _ in range(runs):
        for name, (command, _) in table.items():
            times[name].append(wall_time(command))
    return {name: statistics.median(values) for name, values in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=25, help="runs of each command (at least 20)")
    parser.add_argument("--claim", default="c001", help="the claim id `show` shows")
    arguments = parser.parse_args()
    dprktrack = str(Path(sys.executable).with_name("dprktrack"))
    if not Path(dprktrack).exists():
        sys.exit(f"no dprktrack beside {sys.executable}: pip install . first")
    with tempfile.TemporaryDirectory() as reports:
        table = commands(dprktrack, arguments.claim, Path(reports))
        found = medians(table, max(arguments.runs, 20))
    python, floor = found["python -c pass"], found["dependency floor"]
    print(f"{machine()}; median of {max(arguments.runs, 20)} runs each\n")
    print("| command | median | × python | × dependency floor | target |")
    print("|---|---:|---:|---:|---|")
    for name, (_, target) in table.items():
        ratio = found[name] / floor
        verdict = "floor" if target is None else _verdict(ratio, target)
        print(
            f"| `{name}` | {found[name] * 1000:.0f} ms | {found[name] / python:.1f} | "
            f"{ratio:.2f} | {verdict} |"
        )


def _verdict(ratio: float, target: float) -> str:
    wanted = "< 1.00" if target == BELOW_FLOOR else f"≤ {target:.2f}"
    met = ratio < target if target == BELOW_FLOOR else ratio <= target
    return f"{wanted}: {'met' if met else 'MISSED'}"


if __name__ == "__main__":
    main()
