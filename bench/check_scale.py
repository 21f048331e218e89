"""How `dprktrack check` scales: 1,000 sources, 100,000 claims, beside a floor.

The floor is the least any checker must do, measured in the same run: a plain
Python script that loads the claims JSON, reads every source and runs `str.find`
for every quote. Each scenario prints the median wall time, claims per second,
peak memory (max RSS) and the ratio to the floor. Targets: anchored and exact
within 2x the floor; with 1% drift within 3x; peak memory under 1 GB.

    python bench/check_scale.py [--sources 1000] [--claims 100000] [--runs 3]

Needs dprktrack installed in the running Python (`pip install -e .`).
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "corpus.py"
FLOOR = """
import json, sys
from pathlib import Path
path = Path(sys.argv[1])
data = json.loads(path.read_text("utf-8"))
texts = {s["id"]: (path.parent / s["path"]).read_text("utf-8") for s in data["sources"]}
found = sum(texts[c["source"]].find(c["quote"]) != -1 for c in data["claims"])
print(found, "of", len(data["claims"]), "quotes found")
"""


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_mb: float


def machine() -> str:
    """The machine a benchmark ran on, as its tables should say: CPU model, cores, system."""
    model = platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        names = re.findall(r"^model name\s*:\s*(.+)$", cpuinfo.read_text("utf-8"), re.MULTILINE)
        model = names[0].strip() if names else model
    return (
        f"{model}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}"
    )


# As on a user's machine: bytecode cached (pip install writes it; the untimed warm-up
# run writes it for an editable install), no colour, no claims file named from outside.
ENVIRONMENT = {
    key: value
    for key, value in os.environ.items()
    if key != "PYTHONDONTWRITEBYTECODE" and not key.startswith("DPRKTRACK")
}


def measure(command: list[str], runs: int) -> Measure:
    """Median wall time and the largest peak RSS over `runs` runs of a command."""
    times, peaks = [], []
    for _ in range(runs):
        started = time.perf_counter()
        process = subprocess.Popen(command, env=ENVIRONMENT, stdout=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        times.append(time.perf_counter() - started)
        peaks.append(usage.ru_maxrss / 1024)  # kilobytes on Linux
        if os.waitstatus_to_exitcode(status) not in (0, 1):
            raise SystemExit(f"{command} failed with {os.waitstatus_to_exitcode(status)}")
    return Measure(statistics.median(times), max(peaks))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    arguments = parser.parse_args()
    scenarios = [
        ("anchored, exact", {"drift": 0.0, "anchored": True}, 2.0),
        ("anchored, 1% drift", {"drift": 0.01, "anchored": True}, 3.0),
        ("no anchors, exact", {"drift": 0.0, "anchored": False}, None),
    ]
    print(f"dprktrack check on {arguments.claims:,} claims over {arguments.sources:,} sources")
    print(f"{machine()}; median of {arguments.runs}")
    print()
    header = f"{'scenario':<20} {'floor s':>8} {'check s':>8} {'claims/s':>10} {'ratio':>6} "
    print(header + f"{'target':>6} {'floor MB':>9} {'check MB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for number, (name, options, target) in enumerate(scenarios):
            path = build_corpus(Path(folder) / f"scenario-{number}", arguments, options)
            floor = measure([sys.executable, "-c", FLOOR, str(path)], arguments.runs)
            check = measure(
                [sys.executable, "-m", "dprktrack", "--claims", str(path), "check"], arguments.runs
            )
            ratio = check.seconds / floor.seconds
            goal = f"{target:.0f}x" if target else "-"
            print(
                f"{name:<20} {floor.seconds:8.2f} {check.seconds:8.2f} "
                f"{arguments.claims / check.seconds:10,.0f} {ratio:5.2f}x {goal:>6} "
                f"{floor.peak_mb:9.0f} {check.peak_mb:9.0f}"
            )


def build_corpus(folder: Path, arguments: argparse.Namespace, options: dict[str, object]) -> Path:
    """Generate a corpus in a separate process.

    A child forked from a process holding a large corpus would start with its memory,
    and that would count in the child's peak; a separate generator keeps this one small.
    """
    command = [
        sys.executable,
        str(CORPUS),
        str(folder),
        f"--sources={arguments.sources}",
        f"--claims={arguments.claims}",
        f"--drift={options['drift']}",
        *([] if options["anchored"] else ["--no-anchors"]),
    ]
    report = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    print(f"{'':<20} " + "; ".join(report.splitlines()), file=sys.stderr)
    return folder / "claims.json"


if __name__ == "__main__":
    main()
