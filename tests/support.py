"""Paths, types, data and helpers the tests share (fixtures live in conftest.py, hypothesis
strategies in strategies.py)."""

from __future__ import annotations

import hashlib
import json
import signal
import subprocess
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from click.testing import Result

from dprktrack.claimsfile.load import load_catalog
from dprktrack.claimsfile.rewrite import dump_claims

# --- the repository's files, read once -----------------------------------------------------

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "claims.json"
SEED = REPO / "seeds" / "000_ae58a3e6272e0d5e.txt"
SHARED_SEEDS = REPO.parent / "shared" / "seeds"
SCHEMA_FILE = REPO / "claims.schema.json"
RAW = CLAIMS.read_text("utf-8")
DATA: dict[str, Any] = json.loads(CLAIMS.read_text("utf-8"))
CLAIM_IDS = [claim["id"] for claim in DATA["claims"]]
QUOTE = {claim["id"]: claim["quote"] for claim in DATA["claims"]}
SOURCE_PATH: str = DATA["sources"][0]["path"]
SEED_TEXT = SEED.read_text("utf-8")
SEED_BYTES = SEED.read_bytes()
CATALOG = load_catalog(CLAIMS)

# --- running the command line --------------------------------------------------------------

Invoke = Callable[..., Result]
"""The `invoke` fixture: `run_cli` with the repository's claims file by default."""


def run_cli(
    args: Sequence[str],
    *,
    claims: Path | None = None,
    env: Mapping[str, str | None] | None = None,
    input: str | bytes | IO[Any] | None = None,
    catch_exceptions: bool = False,
    prog_name: str = "dprktrack",
) -> Result:
    """The command line run in-process, `--claims` first when given: the one place the tests
    build a CliRunner. An exception is raised, not caught, unless `catch_exceptions`."""
    from click.testing import CliRunner

    from dprktrack.cli import main

    prefix = ["--claims", str(claims)] if claims is not None else []
    return CliRunner().invoke(
        main,
        [*prefix, *args],
        input=input,
        env=env,
        catch_exceptions=catch_exceptions,
        prog_name=prog_name,
    )


def json_output(result: Any) -> Any:
    """A command's standard output read as JSON, once it is known to have succeeded."""
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def add_args(quote: str, *extra: str) -> list[str]:
    """`dprktrack add` with a valid actor, stance and summary for `quote`."""
    return [
        "add",
        "--actor",
        "nebenzya",
        "--quote",
        quote,
        "--stance",
        "sunset-clauses=support",
        "--summary",
        "Says the draft ignored Moscow's proposal.",
        *extra,
    ]


def check_json(invoke: Invoke, claims: Path, *args: str) -> tuple[int, dict[str, Any]]:
    result = invoke("check", "--format", "json", *args, claims=claims)
    assert result.stdout.startswith("{"), (result.exit_code, result.stderr)
    report: dict[str, Any] = json.loads(result.stdout)
    return result.exit_code, report


def claim_results(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {record["id"]: record for record in report["results"] if record["kind"] == "claim"}


# --- passages of the seed, and how a curator types them ------------------------------------

UNIQUE = "Moscow’s proposal to set a time limit"
"""A passage that occurs once in the seed, with a typographic apostrophe."""


NEGATED = "the authors of the document did not take into account Moscow’s proposal"


C005_SENTENCE = (
    " Russia also proposed reducing the frequency of the group’s reports submission from twice"
    " to once a year."
)


NEXT_PARAGRAPH = "The NK News article noted that"
"""The paragraph right after c005's, where text is inserted to move everything below."""


DASHED = "arms deals with the DPRK – long accepted in the West as an established fact."
DUPLICATE = "Recall: in 2023 Russia voted in favor of the extension.\n\n"
"""A new paragraph repeating c002's quote, inserted above the original."""


TYPED = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "…": "..."}
"""How a curator types the seed's typographic characters on a plain keyboard."""


def straightened(text: str) -> str:
    return "".join(TYPED.get(char, char) for char in text)


# --- editing a copy of the claims file and the seed ----------------------------------------

Edit = Callable[[dict[str, Any]], None]
"""A change to a parsed claims document, made in place."""


def set_at(path: tuple[Any, ...], value: Any) -> Edit:
    """An edit that sets the value at a JSON path (keys and list indexes)."""

    def edit(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return edit


def delete_at(path: tuple[Any, ...]) -> Edit:
    """An edit that removes the key or list item at a JSON path."""

    def edit(data: dict[str, Any]) -> None:
        node = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return edit


WriteClaims = Callable[[Any], Path]
"""The `write_claims` fixture: a claims document written beside a copy of the seed."""


ANCHORS = ("start", "end", "prefix", "suffix")


def claim_of(data: dict[str, Any], claim_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(claim for claim in data["claims"] if claim["id"] == claim_id)
    return found


def load(claims: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(claims.read_text("utf-8"))
    return data


def save(claims: Path, data: dict[str, Any]) -> None:
    claims.write_text(dump_claims(data), "utf-8")


def add_claim(data: dict[str, Any], claim_id: str, quote: str, like: str = "c020") -> None:
    """A new claim (no anchors) with `quote`, its other fields copied from `like`."""
    claim = {key: value for key, value in claim_of(data, like).items() if key not in ANCHORS}
    claim.update(id=claim_id, quote=quote)
    data["claims"].append(claim)


def strip_hints(data: dict[str, Any], claim_id: str) -> None:
    claim = claim_of(data, claim_id)
    for key in ANCHORS:
        claim.pop(key, None)


def without_anchors(claims: Path, *, final_newline: bool = True) -> None:
    data = json.loads(claims.read_text("utf-8"))
    for claim in data["claims"][:3]:
        for key in ("start", "end", "prefix", "suffix"):
            claim.pop(key, None)
    data["claims"][0]["summary"] = "Hidden \u202e override, \x9b CSI and \u2028 separator."
    text = json.dumps(data, indent=2, ensure_ascii=True)  # every one of them escaped
    claims.write_text(text + ("\n" if final_newline else ""), "utf-8")


def seed_copy(claims: Path) -> Path:
    return claims.parent / SOURCE_PATH


def edit_seed(claims: Path, old: str, new: str) -> str:
    """Replace the one occurrence of `old` in the copied seed; returns the new text."""
    seed = seed_copy(claims)
    text = seed.read_text("utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once"
    text = text.replace(old, new)
    seed.write_bytes(text.encode("utf-8"))
    return text


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def drift_warnings_only(claims: Path) -> None:
    """A copy where every claim still stands, but with warnings of each kind.

    A paragraph inserted above c006 (c006 onwards moved), the seed's “sunset” straightened
    (c003 typography), a claim without any hints, and so a source pin that no longer holds.
    """
    edit_seed(claims, NEXT_PARAGRAPH, "An editor's note, added later.\n\n" + NEXT_PARAGRAPH)
    edit_seed(claims, "adding “sunset” clauses", 'adding "sunset" clauses')
    data = load(claims)
    strip_hints(data, "c040")
    save(claims, data)


DRIFT_FAILS = ("c002", "c005")
"""The claims drift_with_failures makes fail: c002 duplicated without hints, c005 reworded."""


def moved_by_drift() -> int:
    """How many bundled claims drift_with_failures moves: those below its new paragraph,
    but the two it makes fail. The claims above it stay ok."""
    below = SEED_TEXT.index("What is the 1718")
    return sum(
        1 for claim in DATA["claims"] if claim["start"] >= below and claim["id"] not in DRIFT_FAILS
    )


def drift_with_failures(claims: Path) -> str:
    """Moved claims below a new paragraph, c005 changed, and c002 duplicated without hints."""
    edit_seed(claims, "proposed reducing the frequency", "proposed cutting the frequency")
    text = edit_seed(claims, "What is the 1718", DUPLICATE + "What is the 1718")
    data = load(claims)
    strip_hints(data, "c002")
    save(claims, data)
    return text


# --- a fictional chronicle: two sources of different dates, a stance that turns ------------

CHRONICLE_SOURCES = {
    "sources/gazette.txt": (
        "Sylvania weighs the treaty\n\nBy Ida Loren, The Lakonia Gazette, 1 April 2024\n\n"
        "On 30 March, Foreign Minister Tomas Reel said Freedonia backed the treaty in principle. "
        "Envoy Mira Kol said the treaty deserved support.\n"
    ),
    "sources/courier.txt": (
        "Talks on the Lakonia treaty stall\n\nBy Ada Varga, The Freedonia Courier, 2 May 2024\n\n"
        "Foreign Minister Tomas Reel said on Monday that Freedonia will not sign the treaty this "
        "year. The Sylvanian embassy said the talks had been useful and would go on in June.\n"
    ),
}
"""Made-up outlets and speakers: the gazette (1 April) before the courier (2 May)."""


def _chronicle_claim(
    claim_id: str, source: str, actor: str, quote: str, stance: str, *, date: str | None = None
) -> dict[str, Any]:
    claim: dict[str, Any] = {
        "id": claim_id,
        "source": source,
        "actor": actor,
        "quote": quote,
        "quote_type": "indirect",
        "stances": [{"target": "lakonia-treaty", "stance": stance}],
        "summary": f"{actor} on the treaty.",
    }
    return {**claim, "date": date} if date else claim


def chronicle_data() -> dict[str, Any]:
    """The chronicle's claims file as data; claims deliberately not in date or article order:
    k3 and k1 share the courier's date, k1 first in the article; k2 has a date of its own;
    Reel supports the treaty (k2) and later opposes it (k1)."""
    sources = []
    for path, (source_id, title, outlet, published) in zip(
        CHRONICLE_SOURCES,
        [
            ("gazette", "Sylvania weighs the treaty", "The Lakonia Gazette", "2024-04-01"),
            ("courier", "Talks on the Lakonia treaty stall", "The Freedonia Courier", "2024-05-02"),
        ],
        strict=True,
    ):
        text = CHRONICLE_SOURCES[path].encode("utf-8")
        sources.append(
            {"id": source_id, "path": path, "title": title, "author": "Staff", "outlet": outlet,
             "published": published, "sha256": hashlib.sha256(text).hexdigest()}
        )  # fmt: skip
    return {
        "sources": sources,
        "actors": [
            {"id": "reel", "name": "Tomas Reel", "kind": "person", "country": "Freedonia"},
            {"id": "sylvania", "name": "Sylvania", "kind": "government"},
            {"id": "kol", "name": "Mira Kol", "kind": "person", "country": "Sylvania"},
        ],
        "targets": [
            {"id": "lakonia-treaty", "label": "The Lakonia treaty", "description": "The treaty."}
        ],
        "claims": [
            _chronicle_claim("k3", "courier", "sylvania", "the talks had been useful", "support"),
            _chronicle_claim(
                "k1", "courier", "reel", "Freedonia will not sign the treaty this year", "oppose"
            ),
            _chronicle_claim("k4", "gazette", "kol", "the treaty deserved support", "support"),
            _chronicle_claim(
                "k2",
                "gazette",
                "reel",
                "Freedonia backed the treaty in principle",
                "support",
                date="2024-03-30",
            ),
        ],
    }


def write_chronicle(folder: Path, data: dict[str, Any] | None = None) -> Path:
    """The chronicle's sources and claims file (or `data` in its place) in `folder`."""
    for path, text in CHRONICLE_SOURCES.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text, "utf-8")
    claims = folder / "claims.json"
    claims.write_text(json.dumps(data or chronicle_data(), ensure_ascii=False, indent=2), "utf-8")
    return claims


def git(folder: Path, *args: str) -> str:
    """Run git in `folder` as a throw-away identity; its output. A failure fails the test."""

    identity = ["-c", "user.name=Test", "-c", "user.email=test@example.org"]
    settings = ["-c", "commit.gpgsign=false", "-c", "init.defaultBranch=main"]
    done = subprocess.run(
        ["git", *identity, *settings, "-C", str(folder), *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def commit_all(folder: Path, message: str) -> None:
    """Commit everything in `folder`, making it a repository first if it is not one."""
    if not (folder / ".git").exists():
        git(folder, "init", "-q")
    git(folder, "add", "-A")
    git(folder, "commit", "-q", "--allow-empty", "-m", message)


def interrupted(process: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """Ctrl-C until the process ends, as a person presses it again: a signal that lands
    just before a blocking read wakes Python only when the read returns (a race in any
    Python program), and the pipe may stay open meanwhile."""
    for _ in range(60):
        process.send_signal(signal.SIGINT)
        try:
            return process.communicate(timeout=2)
        except subprocess.TimeoutExpired:
            continue
    return process.communicate(timeout=1)
