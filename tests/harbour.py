"""Made-up articles for tests with several sources: fictional outlets and speakers only.

`harbour_repo` lays out a copy of the repository's data with two more articles beside it,
registered and quoted through the command line itself (add-source, add-actor, add-target,
add), so the tests see the files a curator would get.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from support import json_output, run_cli

LEDGER = (
    "Ferries to resume\n\n"
    "By Ada Brin, The Harbour Ledger, 2 May 2024\n\n"
    "The harbour master Mira Osk said on Thursday: “The quay is closed until the storm "
    "passes.” Later she added: “The quay is closed, but the ferries will sail again in May.”\n\n"
    "Pell Arno, who runs the Northwind ferry line, said the line was ready: “Our boats can "
    "leave within a day of the quay reopening.”\n"
)
GAZETTE = (
    "Storm damage smaller than feared\n\n"
    "By Tobin Vey, Northwind Gazette, 9 May 2024\n\n"
    "Mira Osk told the Gazette that the quay had held: “The damage is smaller than we "
    "feared, and the quay will open on Monday.”\n"
)
LEDGER_SOURCE = "hl-2024-05-02"
GAZETTE_SOURCE = "ng-2024-05-09"
LEDGER_URL = "https://ledger.example/2024/05/02/ferries-to-resume"


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cli(claims: Path, *args: str) -> str:
    """Run a writing command that must succeed, and return its stdout."""
    result = run_cli([*args, "--no-prompt"] if args[0].startswith("add") else args, claims=claims)
    assert result.exit_code == 0, result.output
    return result.stdout.strip()


def harbour_repo(claims: Path) -> dict[str, str]:
    """Add the two articles to the repository copy at `claims`, an actor, a target and three
    claims; returns each new claim's id by a short name."""
    folder = claims.parent / "articles"
    folder.mkdir()
    (folder / "ledger.txt").write_text(LEDGER, "utf-8")
    (folder / "gazette.txt").write_text(GAZETTE, "utf-8")
    cli(claims, "add-source", str(folder / "ledger.txt"), "--title", "Ferries to resume",
        "--author", "Ada Brin", "--outlet", "The Harbour Ledger", "--published", "2024-05-02",
        "--url", LEDGER_URL, "--language", "en")  # fmt: skip
    cli(claims, "add-source", str(folder / "gazette.txt"), "--title",
        "Storm damage smaller than feared", "--author", "Tobin Vey", "--outlet",
        "Northwind Gazette", "--published", "2024-05-09")  # fmt: skip
    cli(claims, "add-actor", "--id", "osk", "--name", "Mira Osk", "--kind", "person",
        "--role", "Harbour master")  # fmt: skip
    cli(claims, "add-target", "--id", "quay", "--label", "The quay",
        "--description", "Reopening the storm-hit quay.")  # fmt: skip
    ids = {}
    for name, source, quote in (
        ("closed", LEDGER_SOURCE, "The quay is closed until the storm passes."),
        ("sail", LEDGER_SOURCE, "the ferries will sail again in May"),
        ("monday", GAZETTE_SOURCE, "the quay will open on Monday"),
    ):
        summary = f"Osk on the quay ({name})."
        ids[name] = cli(claims, "add", "--source", source, "--actor", "osk", "--quote", quote,
                        "--stance", "quay=support", "--summary", summary)  # fmt: skip
    ids["again"] = cli(claims, "add", "--source", LEDGER_SOURCE, "--actor", "osk", "--quote",
                       "The quay is closed", "--occurrence", "2", "--stance", "quay=oppose",
                       "--summary", "Osk repeats that the quay is closed.")  # fmt: skip
    return ids


def records(claims: Path, *args: str) -> list[dict[str, object]]:
    """A lookup's JSON records."""
    found: list[dict[str, object]] = json_output(
        run_cli([*args, "--format", "json"], claims=claims)
    )
    return found
