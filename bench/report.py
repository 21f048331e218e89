"""The cost of `dprktrack report`, against a floor measured in the same run.

On the bundled data the report must stay within 1.3 times its floor: the dependency
import floor (a Python importing click, rich.console, rich.table and pydantic, as
bench/startup.py measures it) plus the check's own cost (`run_check` over the same
catalog, as `dprktrack check` takes it, timed in-process). At scale (1,000 sources,
100,000 claims built by bench/corpus.py) it must write its page in under 20 s, and the
OS's headless Chromium (through Playwright, as the browser tests drive it) must open that
page, reaching `load`, in under 60 s: the times to DOMContentLoaded, load and the first
filter are printed beside the page's size ("skipped" when Playwright or Chromium is missing).

    python bench/report.py              # 15 runs on the bundled data, then the scale run
    python bench/report.py --runs 31 --no-scale
    python bench/report.py --open report.html   # only open a page already written
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from check_scale import machine
from corpus import build
from startup import DEPENDENCIES, ENVIRONMENT

REPO = Path(__file__).resolve().parents[1]
NEAR_FLOOR = 1.3
SCALE_LIMIT = 20.0
OPEN_LIMIT = 60.0
GIVE_UP = 300.0
FIRST_FILTER = """async () => {
  const select = document.getElementById('filter_stance');
  const frame = () => new Promise(done => requestAnimationFrame(() => setTimeout(done)));
  document.getElementById('claims_table').scrollIntoView();
  await frame();
  const began = performance.now();
  select.value = select.options[1].value;
  select.dispatchEvent(new Event('change'));
  await frame();
  const shown = document.querySelectorAll('#claims_table tr[data-claim]:not([hidden])').length;
  return {took: (performance.now() - began) / 1000, shown: shown};
}"""
"""With the table in view, filter by the first stance, and time it to the next frame drawn
(the rows' style and layout included, as a reader waits for them)."""
NAVIGATION = """() => { const n = performance.getEntriesByType('navigation')[0];
  return {ready: n.domContentLoadedEventEnd / 1000, load: n.loadEventEnd / 1000,
          rows: document.querySelectorAll('#claims_table tr[data-claim]').length}; }"""
CHECK_COST = """
import sys, time
from pathlib import Path
from dprktrack.claimsfile.load import load_catalog
from dprktrack.check.run import run_check
catalog = load_catalog(Path(sys.argv[1]))
began = time.perf_counter()
run_check(catalog)
print(time.perf_counter() - began)
"""


def wall_time(command: list[str]) -> float:
    began = time.perf_counter()
    subprocess.run(
        command, cwd=REPO, env=ENVIRONMENT, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, check=True,
    )  # fmt: skip
    return time.perf_counter() - began


def check_cost(claims: Path) -> float:
    """The check's own time over `claims`, in a fresh process (imports excluded)."""
    done = subprocess.run(
        [sys.executable, "-c", CHECK_COST, str(claims)],
        cwd=REPO, env=ENVIRONMENT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return float(done.stdout)


def bundled(dprktrack: str, runs: int, out: Path) -> None:
    """Median report time on the bundled data beside the floor, round-robin."""
    report = [dprktrack, "report", "-o", str(out / "report.html")]
    floor_command = [sys.executable, "-c", DEPENDENCIES]
    wall_time(report)  # warm the caches, untimed
    wall_time(floor_command)
    reports, floors, checks = [], [], []
    for _ in range(runs):
        reports.append(wall_time(report))
        floors.append(wall_time(floor_command))
        checks.append(check_cost(REPO / "claims.json"))
    took, imports, check = (statistics.median(v) for v in (reports, floors, checks))
    floor = imports + check
    ratio = took / floor
    verdict = "meets" if ratio <= NEAR_FLOOR else "MISSES"
    print(f"| bundled data | `dprktrack report -o report.html` | {took * 1000:.0f} ms |")
    print(f"| floor | dependency imports {imports * 1000:.0f} ms + check {check * 1000:.0f} ms |"
          f" {floor * 1000:.0f} ms |")  # fmt: skip
    print(f"| ratio | {ratio:.2f} × floor (target ≤ {NEAR_FLOOR}) | {verdict} |")
    size = (out / "report.html").stat().st_size
    print(f"| page size | bundled data | {size / 1024:.0f} KiB |")


def at_scale(dprktrack: str, folder: Path) -> None:
    """One report over 1,000 sources and 100,000 claims: its time and its page's size."""
    corpus = build(folder, sources=1000, claims=100_000)
    out = folder / "report.html"
    took = wall_time([dprktrack, "--claims", str(corpus.claims_path), "report", "-o", str(out)])
    verdict = "meets" if took < SCALE_LIMIT else "MISSES"
    size = out.stat().st_size
    check = check_cost(corpus.claims_path)
    print(f"| floor at scale | the check's own cost over the same corpus | {check:.1f} s |")
    print(f"| report beyond the check | loading, rendering, writing | {took - check:.1f} s |")
    print(f"| 1,000 sources, 100,000 claims | `report -o` | {took:.1f} s (target < "
          f"{SCALE_LIMIT:.0f} s: {verdict}) |")  # fmt: skip
    print(f"| page size | 100,000 claims | {size / 2**20:.1f} MiB ({size / 100_000:.0f} B/claim) |")
    print(f"| opened in headless Chromium | {size / 2**20:.0f} MiB page | {open_in_browser(out)} |")


def open_in_browser(page: Path) -> str:
    """Open `page` in the OS's headless Chromium: times to DOMContentLoaded, load and the
    first filter, and the rows it holds; or why it could not be measured."""
    sys.path.insert(0, str(REPO / "tests"))
    try:
        from playwright.sync_api import Error, sync_playwright
    except ImportError:
        return "skipped: no Playwright"
    from browsing import ARGS, find_chromium

    executable = find_chromium()
    if executable is None:
        return "skipped: no Chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=ARGS)
        tab = browser.new_page(viewport={"width": 1280, "height": 800})
        try:
            tab.goto(page.resolve().as_uri(), wait_until="load", timeout=GIVE_UP * 1000)
        except Error:
            browser.close()
            return f"no load within {GIVE_UP:.0f} s (target < {OPEN_LIMIT:.0f} s: MISSES)"
        opened = tab.evaluate(NAVIGATION)
        filtered = tab.evaluate(FIRST_FILTER)
        browser.close()
    verdict = "meets" if opened["load"] < OPEN_LIMIT else "MISSES"
    return (
        f"DOMContentLoaded {opened['ready']:.1f} s, load {opened['load']:.1f} s (target < "
        f"{OPEN_LIMIT:.0f} s: {verdict}), first filter {filtered['took']:.1f} s "
        f"({filtered['shown']:,} shown); {opened['rows']:,} rows"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="runs on the bundled data")
    parser.add_argument("--no-scale", action="store_true", help="skip the 100,000-claim run")
    parser.add_argument("--open", type=Path, metavar="PAGE", help="only time opening PAGE")
    arguments = parser.parse_args()
    if arguments.open:
        size = arguments.open.stat().st_size / 2**20
        print(f"{arguments.open} ({size:.1f} MiB): {open_in_browser(arguments.open)}")
        return
    dprktrack = str(Path(sys.executable).with_name("dprktrack"))
    if not Path(dprktrack).exists():
        sys.exit(f"no dprktrack beside {sys.executable}: pip install . first")
    print(f"{machine()}\n")
    print("| what | measured | |\n|---|---|---|")
    with tempfile.TemporaryDirectory() as folder:
        bundled(dprktrack, max(arguments.runs, 5), Path(folder))
        if not arguments.no_scale:
            at_scale(dprktrack, Path(folder) / "corpus")


if __name__ == "__main__":
    main()
