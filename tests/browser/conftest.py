"""The browser the report's tests drive: the OS's Chromium through Playwright, one per session,
a fresh context per page opened, every request but the report's own file refused and recorded.

Where Playwright or Chromium is missing the tests skip, saying why; with
DPRKTRACK_REQUIRE_BROWSER=1 (as .ci/run sets it) they fail instead, so that a CI run can never
pass by skipping them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest
from browsing import MISSING, NO_PLAYWRIGHT, Opener, Visit, find_chromium, launch, write_report
from support import CLAIMS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Route

SCREENSHOTS = pytest.StashKey[Path]()


def _unavailable(reason: str) -> NoReturn:
    """Skip, or fail where the browser tests are required (DPRKTRACK_REQUIRE_BROWSER=1)."""
    if os.environ.get("DPRKTRACK_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (DPRKTRACK_REQUIRE_BROWSER=1: the browser tests must run)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable(NO_PLAYWRIGHT)
    executable = find_chromium()
    if executable is None:
        _unavailable(MISSING)
    with sync_playwright() as playwright:
        started = launch(playwright, executable)
        yield started
        started.close()


@pytest.fixture
def open_report(browser: Browser) -> Iterator[Opener]:
    """Open report files in fresh browser contexts; every visit must stay quiet to the end."""
    visits: list[Visit] = []
    contexts: list[Any] = []

    def open_(path: Path, fragment: str = "", **options: Any) -> Visit:
        context = browser.new_context(**options)
        contexts.append(context)
        own = path.resolve().as_uri()
        visit = Visit(page=context.new_page(), url=own)

        def guard(route: Route) -> None:
            if route.request.url.split("#", 1)[0] == own:
                route.continue_()
            else:
                visit.left.append(route.request.url)
                route.abort()

        context.route("**/*", guard)
        visit.page.on("dialog", lambda dialog: _dismiss(visit, dialog))
        visit.page.on("pageerror", lambda error: visit.errors.append(f"page error: {error}"))
        visit.page.on(
            "console",
            lambda message: (
                visit.errors.append(f"console {message.type}: {message.text}")
                if message.type in ("error", "warning")
                else None
            ),
        )
        visit.page.goto(own + fragment)
        visits.append(visit)
        return visit

    yield open_
    for context in contexts:
        context.close()
    for visit in visits:
        visit.assert_quiet()


def _dismiss(visit: Visit, dialog: Any) -> None:
    visit.dialogs.append(f"{dialog.type}: {dialog.message}")
    dialog.dismiss()


@pytest.fixture(scope="session")
def bundled_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The report of the repository's own claims file, written once."""
    return write_report(CLAIMS, tmp_path_factory.mktemp("report") / "report.html")


@pytest.fixture(scope="session")
def screenshot_dir(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """Where screenshots go for a person to look at: DPRKTRACK_SCREENSHOTS, else a folder in
    pytest's temporary directory; named at the end of the run."""
    named = os.environ.get("DPRKTRACK_SCREENSHOTS")
    folder = Path(named) if named else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    request.config.stash[SCREENSHOTS] = folder.resolve()
    return folder


def pytest_terminal_summary(terminalreporter: Any, config: pytest.Config) -> None:
    """Say where the screenshots are, when some were taken."""
    folder = config.stash.get(SCREENSHOTS, None)
    if folder is not None:
        terminalreporter.write_line(f"report screenshots: {folder}")
