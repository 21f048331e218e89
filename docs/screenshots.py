"""Regenerate the report's screenshots in docs/img/ from the bundled claims file.

    .venv/bin/python docs/screenshots.py

Writes docs/img/report-desktop.png (1280 wide) and docs/img/report-phone.png (390 wide): the
report of the repository's claims.json opened in the OS's Chromium (DPRKTRACK_CHROMIUM, else
chromium, chromium-browser or google-chrome on PATH) through Playwright, scrolled to the
article, every request but the report's own file refused.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from browsing import DESKTOP, MISSING, PHONE, find_chromium, launch, write_report  # noqa: E402

GRID_LINK = "#filter?target=panel-of-experts"
"""The grid screenshot's link: the table below the grid shows the Panel of Experts' claims."""


def main() -> int:
    from playwright.sync_api import Route, sync_playwright

    executable = find_chromium()
    if executable is None:
        print(f"docs/screenshots.py: {MISSING}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        report = write_report(ROOT / "claims.json", Path(folder) / "report.html")
        own = report.resolve().as_uri()

        def only_the_report(route: Route) -> None:
            if route.request.url == own:
                route.continue_()
            else:
                route.abort()

        browser = launch(playwright, executable)
        views = (  # name, viewport, link, what to scroll to
            ("desktop", DESKTOP, "", "section.source"),
            ("phone", PHONE, "", "section.source"),
            ("grid", DESKTOP, GRID_LINK, "#grid_section"),
        )
        for name, viewport, link, top in views:
            context = browser.new_context(viewport=viewport)
            context.route("**/*", only_the_report)
            page = context.new_page()
            page.goto(own + link)
            page.evaluate(f"() => document.querySelector({top!r}).scrollIntoView()")
            out = ROOT / "docs" / "img" / f"report-{name}.png"
            out.parent.mkdir(exist_ok=True)
            page.screenshot(path=out)
            print(out.relative_to(ROOT))
            context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
