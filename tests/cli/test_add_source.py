"""The add-source command: a text registered and pinned, or refused with the file unchanged."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest
from harbour import LEDGER, LEDGER_SOURCE, LEDGER_URL, digest
from support import Invoke

from dprktrack.claimsfile.load import load_catalog

FIELDS = ["--title", "Ferries to resume", "--author", "Ada Brin",
          "--outlet", "The Harbour Ledger", "--published", "2024-05-02"]  # fmt: skip


@pytest.fixture
def ledger(repo_copy: Path) -> Path:
    """The made-up article, saved inside the copy's folder but not registered."""
    folder = repo_copy.parent / "articles"
    folder.mkdir()
    path = folder / "ledger.txt"
    path.write_text(LEDGER, "utf-8")
    return path


def test_add_source_registers_and_pins_the_text(
    invoke: Invoke, repo_copy: Path, ledger: Path
) -> None:
    extra = ["--url", LEDGER_URL, "--language", "en", "--retrieved", "2024-05-03"]
    result = invoke("add-source", str(ledger), *FIELDS, *extra, claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert result.stdout == f"{LEDGER_SOURCE}\n"
    assert (
        f"note: added source {LEDGER_SOURCE}: articles/ledger.txt (sha256 {digest(LEDGER)[:8]}…)"
        in result.stderr
    )
    record = json.loads(repo_copy.read_text("utf-8"))["sources"][-1]
    assert record == {
        "id": LEDGER_SOURCE,
        "path": "articles/ledger.txt",
        "title": "Ferries to resume",
        "author": "Ada Brin",
        "outlet": "The Harbour Ledger",
        "published": "2024-05-02",
        "sha256": digest(LEDGER),
        "url": LEDGER_URL,
        "retrieved": "2024-05-03",
        "language": "en",
    }
    assert invoke("check", "--strict", claims=repo_copy).exit_code == 0


def test_a_path_given_from_another_folder_is_stored_from_the_claims_folder(
    invoke: Invoke, repo_copy: Path, ledger: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ledger.parent)
    result = invoke("add-source", "ledger.txt", *FIELDS, claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert load_catalog(repo_copy).sources[LEDGER_SOURCE].path == "articles/ledger.txt"


def test_a_taken_id_gets_a_free_variant_and_a_given_one_is_refused(
    invoke: Invoke, repo_copy: Path, ledger: Path
) -> None:
    assert invoke("add-source", str(ledger), *FIELDS, claims=repo_copy).exit_code == 0
    other = ledger.with_name("ledger-2.txt")
    other.write_text(LEDGER + "Corrected on 3 May.\n", "utf-8")
    second = invoke("add-source", str(other), *FIELDS, claims=repo_copy)
    assert second.stdout == f"{LEDGER_SOURCE}-2\n"
    third = ledger.with_name("ledger-3.txt")
    third.write_text(LEDGER + "Corrected again.\n", "utf-8")
    before = repo_copy.read_bytes()
    taken = invoke("add-source", str(third), *FIELDS, "--id", LEDGER_SOURCE, claims=repo_copy)
    assert taken.exit_code == 2
    assert f"source id {LEDGER_SOURCE!r} is taken" in taken.stderr
    assert repo_copy.read_bytes() == before


def test_the_id_is_made_from_the_outlets_initials_or_its_one_word(
    invoke: Invoke, repo_copy: Path, ledger: Path
) -> None:
    args = ["--title", "T", "--author", "A", "--published", "2024-05-02", "--dry-run"]
    one_word = invoke("add-source", str(ledger), "--outlet", "Ledger", *args, claims=repo_copy)
    assert json.loads(one_word.stdout)["id"] == "ledger-2024-05-02"
    accented = invoke("add-source", str(ledger), "--outlet", "Île Gazette", *args, claims=repo_copy)
    assert json.loads(accented.stdout)["id"] == "ig-2024-05-02"


def test_the_bundled_article_is_registered_already(invoke: Invoke, repo_copy: Path) -> None:
    seed = repo_copy.parent / "seeds" / "000_ae58a3e6272e0d5e.txt"
    before = repo_copy.read_bytes()
    result = invoke("add-source", str(seed), *FIELDS, claims=repo_copy)
    assert result.exit_code == 2
    assert "is source 'neo-2024-04-24' already" in result.stderr
    copy = repo_copy.parent / "copy.txt"
    copy.write_bytes(seed.read_bytes())
    same_bytes = invoke("add-source", str(copy), *FIELDS, claims=repo_copy)
    assert same_bytes.exit_code == 2
    assert "has the same bytes as source 'neo-2024-04-24'" in same_bytes.stderr
    assert repo_copy.read_bytes() == before


def _outside(folder: Path) -> Path:
    path = folder.parent / "outside.txt"
    path.write_text("A text outside the folder.\n", "utf-8")
    return path


def _link_out(folder: Path) -> Path:
    link = folder / "link.txt"
    link.symlink_to(_outside(folder))
    return link


def _write(name: str, data: bytes) -> object:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path

    return make


def _fifo(folder: Path) -> Path:
    path = folder / "pipe.txt"
    os.mkfifo(path)
    return path


def _folder(folder: Path) -> Path:
    path = folder / "sub"
    path.mkdir()
    return path


def _through_a_linked_folder(folder: Path) -> str:
    """`sub/../inside.txt`, `sub` a link to a folder outside: the path names the file out
    there (as opening it would), never the ./inside.txt a text-only reading suggests."""
    elsewhere = folder.parent / "elsewhere"
    elsewhere.mkdir()
    (elsewhere.parent / "inside.txt").write_text("Out there.\n", "utf-8")
    (folder / "inside.txt").write_text("In here.\n", "utf-8")
    (folder / "sub").symlink_to(elsewhere)
    return str(folder / "sub" / ".." / "inside.txt")


REFUSED = {
    "outside the folder": (_outside, "outside the claims file's folder"),
    "a folder linked out, then ..": (_through_a_linked_folder, "outside the claims file's folder"),
    "a link leading out": (_link_out, "leads outside the folder"),
    "not UTF-8": (_write("latin.txt", "Caf\xe9 text".encode("latin-1")), "not valid UTF-8"),
    "empty": (_write("empty.txt", b""), "empty; a source needs text"),
    "blank": (_write("blank.txt", b" \n\t\n"), "empty; a source needs text"),
    "a folder": (_folder, "is a directory"),
    "a pipe": (_fifo, "not a regular file"),
    "hidden": (_write(".hidden.txt", b"Hidden text.\n"), "hidden file"),
    "missing": (lambda folder: folder / "nothing.txt", "not found"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_file_that_cannot_be_a_source_is_refused_and_nothing_written(
    invoke: Invoke, repo_copy: Path, case: str
) -> None:
    make, message = REFUSED[case]
    path = make(repo_copy.parent)  # type: ignore[operator]
    before = repo_copy.read_bytes()
    result = invoke("add-source", str(path), *FIELDS, claims=repo_copy)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert repo_copy.read_bytes() == before


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--published", "2024-13-01", "--published:"),
        ("--url", "ftp://ledger.example/x", "--url: must be a web address"),
        ("--language", "english", "--language: must be a BCP 47"),
        ("--retrieved", "2024-05-01", "--retrieved: 2024-05-01 is before the source was published"),
        ("--title", "two\nlines", "--title: one line"),
        ("--id", "Ledger", "--id:"),
    ],
)
def test_a_bad_value_is_refused_naming_its_option(  # noqa: PLR0917 (the parameters)
    invoke: Invoke, repo_copy: Path, ledger: Path, option: str, value: str, message: str
) -> None:
    before = repo_copy.read_bytes()
    fields = [*FIELDS]
    if option in fields:
        fields[fields.index(option) + 1] = value
    else:
        fields += [option, value]
    result = invoke("add-source", str(ledger), *fields, claims=repo_copy)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert repo_copy.read_bytes() == before


def test_missing_values_are_a_usage_error_off_a_terminal(
    invoke: Invoke, repo_copy: Path, ledger: Path
) -> None:
    result = invoke("add-source", str(ledger), "--title", "T", "--no-prompt", claims=repo_copy)
    assert result.exit_code == 2
    assert "missing --author, --outlet, --published" in result.stderr


def test_missing_values_are_asked_for_on_a_terminal(
    invoke: Invoke, repo_copy: Path, ledger: Path
) -> None:
    answers = "Ferries to resume\nAda Brin\nThe Harbour Ledger\n2024-5-2\n2024-05-02\n\nen\n"
    result = invoke("add-source", str(ledger), "--prompt", claims=repo_copy, input=answers)
    assert result.exit_code == 0, result.output
    assert "error: --published:" in result.output  # the slip is told, the question asked again
    source = load_catalog(repo_copy).sources[LEDGER_SOURCE]
    assert (source.outlet, source.url, source.language) == ("The Harbour Ledger", None, "en")


def test_dry_run_prints_the_record_and_writes_nothing(
    invoke: Invoke, repo_copy: Path, ledger: Path
) -> None:
    before = repo_copy.read_bytes()
    result = invoke("add-source", str(ledger), *FIELDS, "--dry-run", claims=repo_copy)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["sha256"] == hashlib.sha256(ledger.read_bytes()).hexdigest()
    assert repo_copy.read_bytes() == before


def test_a_claims_file_changed_meanwhile_is_not_overwritten(
    invoke: Invoke, repo_copy: Path, ledger: Path
) -> None:
    """The write compares the file with what was read just before the rename: a file
    replaced under the command (here, made read-only) leaves it byte-identical."""
    before = repo_copy.read_bytes()
    repo_copy.chmod(0o444)
    try:
        result = invoke("add-source", str(ledger), *FIELDS, claims=repo_copy)
    finally:
        repo_copy.chmod(0o644)
    assert result.exit_code == 2
    assert "read-only; nothing written" in result.stderr
    assert repo_copy.read_bytes() == before
