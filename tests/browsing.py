"""The operating system's Chromium, found and started headless through Playwright; a visit
to a report page, and what it did that it should not have.

Shared by the browser tests (tests/browser/) and docs/screenshots.py. Playwright's own
browser downloads are never used: the browser is the one the OS's packages install
(`apt-get install -y chromium`), or the one `DPRKTRACK_CHROMIUM` names.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright

NAMES = ("chromium", "chromium-browser", "google-chrome")
"""The commands looked for on PATH when DPRKTRACK_CHROMIUM is not set."""

MISSING = (
    "no Chromium found: install the OS package (apt-get install -y chromium), "
    "or set DPRKTRACK_CHROMIUM"
)
NO_PLAYWRIGHT = "Playwright is not installed: pip install '.[test]' (or pip install playwright)"

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
"""Flags that let the OS's Chromium start headless in a container and keep it from calling
home (updates, sync, field trials) on its own."""

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def find_chromium() -> Path | None:
    """The Chromium to drive: `DPRKTRACK_CHROMIUM` when set (only it: a wrong setting is not
    papered over by another browser), else the first of NAMES on PATH."""
    named = os.environ.get("DPRKTRACK_CHROMIUM")
    if named:
        path = Path(named)
        return path if path.is_file() and os.access(path, os.X_OK) else None
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def launch(playwright: Playwright, executable: Path) -> Browser:
    """A headless Chromium from the given executable."""
    return playwright.chromium.launch(executable_path=str(executable), args=ARGS, headless=True)


@dataclass
class Visit:
    """One page opened on a report, and everything it did that it should not have."""

    page: Page
    url: str
    left: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def assert_quiet(self) -> None:
        """No request left the page, no dialog opened, nothing went wrong in the console."""
        assert self.left == [], f"requests that tried to leave the page: {self.left}"
        assert self.dialogs == [], f"dialogs opened: {self.dialogs}"
        assert self.errors == [], f"console errors or page errors: {self.errors}"


Opener = Callable[..., Visit]
"""`open_report(path, fragment="", **context_options)`: a Visit of the report at path."""


def write_report(claims: Path, out: Path) -> Path:
    """The report of a claims file, written as the library makes it."""
    from dprktrack.claimsfile.load import load_catalog
    from dprktrack.report.page import report_html

    out.write_text(report_html(load_catalog(claims)), "utf-8")
    return out
