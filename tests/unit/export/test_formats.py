"""The export formats' table and the choice among them: --format, the -o suffix, --excel."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dprktrack.errors import DprkError
from dprktrack.export.formats import DEFAULT_FORMAT, FORMATS, choose_format, suffix_format

SUFFIXES = [(suffix, fmt.name) for fmt in FORMATS.values() for suffix in fmt.suffixes]


@pytest.mark.parametrize(("suffix", "name"), SUFFIXES)
def test_a_suffix_chooses_its_format_in_any_case(suffix: str, name: str) -> None:
    assert choose_format(None, Path(f"out{suffix}")).name == name
    assert choose_format(None, Path(f"out{suffix.upper()}")).name == name
    assert choose_format(name.upper(), Path(f"out{suffix}")).name == name


def test_each_suffix_names_one_format_and_html_is_the_reports() -> None:
    suffixes = [suffix for suffix, _ in SUFFIXES]
    assert len(suffixes) == len(set(suffixes))
    assert suffix_format(Path("report.html")) == "html"
    assert {".db", ".sqlite", ".sqlite3"} <= set(FORMATS["sqlite"].suffixes)
    assert {".json", ".jsonld"} <= set(FORMATS[DEFAULT_FORMAT].suffixes)


@pytest.mark.parametrize(("suffix", "name"), SUFFIXES)
def test_a_suffix_that_contradicts_format_is_refused_naming_the_one_that_fits(
    suffix: str, name: str
) -> None:
    for other in FORMATS.values():
        if other.name != name:
            with pytest.raises(DprkError, match=f"not {other.name}; name the file") as caught:
                choose_format(other.name, Path(f"out{suffix}"))
            assert other.suffixes[0] in str(caught.value)


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=8))
def test_an_unknown_suffix_needs_format(suffix: str) -> None:
    path = Path(f"out.{suffix}")
    if suffix_format(path) is None:
        with pytest.raises(DprkError, match="names no export format; give --format"):
            choose_format(None, path)
        assert choose_format("jsonl", path).name == "jsonl"


def test_stdout_is_annotations_unless_asked_and_never_binary() -> None:
    assert choose_format(None, None).name == DEFAULT_FORMAT
    assert choose_format(None, None, excel=True).name == "csv"
    with pytest.raises(DprkError, match="binary file, not text for stdout; give -o FILE"):
        choose_format("sqlite", None)


@pytest.mark.parametrize("name", [name for name in FORMATS if name != "csv"])
def test_excel_goes_with_csv_only(name: str) -> None:
    with pytest.raises(DprkError, match=f"--excel goes with --format csv, not {name}"):
        choose_format(name, Path("out"), excel=True)


def test_the_metadata_is_written_beside_the_database() -> None:
    assert FORMATS["sqlite"].files(Path("data/claims.db")) == [
        Path("data/claims.db"),
        Path("data/claims.metadata.json"),
    ]
    assert FORMATS["csv"].files(Path("claims.csv")) == [Path("claims.csv")]
