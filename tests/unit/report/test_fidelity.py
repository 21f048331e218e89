"""The page says what `check` says, and shows the source as it is: strictness and ignore
rules, the quoted parts of a quote with omissions, stances that differ, C1 controls, bidi
isolation of every value, and no trace of the machine it was made on."""

from __future__ import annotations

import hashlib
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from htmlparts import Page
from hypothesis import given
from hypothesis import strategies as st
from support import run_cli

from dprktrack.check.ignores import IgnoreRule
from dprktrack.check.run import check_claims
from dprktrack.claimsfile.load import load_catalog
from dprktrack.report.page import report_html, report_page
from dprktrack.report.table import COLUMNS

TEXT = (
    "Harbour notes\n\n"
    "The harbourmaster said: “one two three four five six.” It’s the tide, said the pilot.\n\n"
    "The clerk wrote that the quay stays shut. The ferry runs at noon.\n"
)
CLAIMS: dict[str, dict[str, Any]] = {
    "h001": {"quote": "one two … five six", "stances": [("quay", "support")]},
    "h002": {"quote": "It's the tide", "stances": [("quay", "neutral")]},
    "h003": {
        "quote": "the quay stays shut",
        "stances": [("quay", "oppose"), ("ferry", "support")],
    },
    "h004": {"quote": "The ferry runs at noon", "stances": [("ferry", "oppose")]},
}


def harbour_file(
    folder: Path, text: str = TEXT, quotes: dict[str, str] | None = None, **names: str
) -> Path:
    """A fictional harbour source and its claims (h001 quotes with an omission and is approved,
    h002 differs from the source in typography only, h003 takes two differing stances)."""
    (folder / "harbour.txt").write_text(text, "utf-8")
    source = {
        "id": "harbour", "path": "harbour.txt", "title": names.get("title", "Harbour notes"),
        "author": names.get("author", "A. Clerk"), "outlet": names.get("outlet", "Quay Gazette"),
        "published": "2024-05-02", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
    }  # fmt: skip
    data = {
        "sources": [source],
        "actors": [
            {"id": "pilot", "name": names.get("actor", "Pat Pilot"), "kind": "person",
             "role": names.get("role", "pilot"), "aliases": [], "members": []},
        ],
        "targets": [
            {"id": "quay", "label": names.get("label", "The quay"), "description": "quay"},
            {"id": "ferry", "label": "The ferry", "description": "ferry"},
        ],
        "claims": [
            {"id": claim_id, "source": "harbour", "actor": "pilot",
             "quote": (quotes or {}).get(claim_id, claim["quote"]),
             "quote_type": "direct", "summary": names.get("summary", "said so"),
             "stances": [{"target": t, "stance": s} for t, s in claim["stances"]],
             "kind": "act" if claim_id == "h004" else "statement"}
            for claim_id, claim in CLAIMS.items()
        ],
    }  # fmt: skip
    path = folder / "claims.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    approved = run_cli(["approve", "--yes", "h001"], claims=path)
    assert approved.exit_code == 0, approved.output
    return path


def test_strict_fails_a_typography_claim_as_check_does(tmp_path: Path) -> None:
    catalog = load_catalog(harbour_file(tmp_path))
    for strict in (False, True):
        run = check_claims(catalog, strict=strict)
        failing = {f.id for f in run.report.findings if f.severity(strict) == "failure"}
        page = report_page(catalog, strict=strict)
        assert set(page.failing) == failing
        parsed = Page(page.html)
        (row,) = parsed.by_id("h002")
        assert ("fails" in row.attrs["class"].split()) is strict
        assert bool(parsed.highlighted("h002")) is not strict
    assert "h002" in report_page(catalog, strict=True).failing


def test_an_ignore_rule_excuses_what_check_excuses(tmp_path: Path) -> None:
    catalog = load_catalog(harbour_file(tmp_path))
    rule = IgnoreRule("the pilot's apostrophe", claim="h002", verdict="typography")
    page = report_page(catalog, strict=True, ignore=[rule])
    assert page.failing == []
    assert Page(page.html).highlighted("h002") == "It’s the tide"


def test_an_omission_highlights_the_quoted_parts_and_not_the_words_left_out(
    tmp_path: Path,
) -> None:
    page = Page(report_html(load_catalog(harbour_file(tmp_path))))
    assert page.highlighted("h001") == "one twofive six"
    kept = [m for m in page.marks if "h001" in m.attrs["data-claims"].split()]
    assert ["".join(m.text) for m in kept] == ["one two", "five six"]
    assert all("three" not in "".join(m.text) for m in page.marks)


def test_a_claim_whose_stances_differ_is_mixed_and_one_stance_keeps_its_own(
    tmp_path: Path,
) -> None:
    html = report_html(load_catalog(harbour_file(tmp_path)))
    page = Page(html)
    (mixed,) = [m for m in page.marks if m.attrs["data-claims"] == "h003"]
    assert "s-mixed" in mixed.attrs["class"].split()
    (alone,) = [m for m in page.marks if m.attrs["data-claims"] == "h004"]
    assert "s-oppose" in alone.attrs["class"].split()
    (row,) = page.by_id("h003")
    assert "s-mixed" in row.attrs["class"].split()


def test_the_tip_names_the_quote_type_as_the_table_does(tmp_path: Path) -> None:
    html = report_html(load_catalog(harbour_file(tmp_path)))
    tip = html.split('href="#h004"')[1].split("</a>")[0]
    assert "<b>Quote:</b> direct (act)" in tip
    row = html.split('id="h004"')[1].split("</tr>")[0]
    assert '<td data-label="Type">direct (act)</td>' in row


def test_the_grid_counts_no_claim_the_check_fails(tmp_path: Path) -> None:
    catalog = load_catalog(harbour_file(tmp_path))
    html = report_page(catalog, strict=True).html
    grid = html.split('id="stance_grid"')[1].split("</table>")[0]
    # the pilot's quay cell: h001 support and h003 oppose, h002 (neutral) fails under strict
    assert "neutral" not in grid
    assert "a claim the check fails, or whose quote it cannot place, counts in" in html
    lenient = report_html(catalog).split('id="stance_grid"')[1].split("</table>")[0]
    assert "neutral 1" in lenient


def test_the_verdict_is_the_second_column_and_each_cell_names_its_column(
    tmp_path: Path,
) -> None:
    page = Page(report_html(load_catalog(harbour_file(tmp_path))))
    heads = [e for e in page.elements if e.tag == "th" and e.attrs.get("scope") == "col"]
    assert len(heads) >= len(COLUMNS)
    assert COLUMNS[:2] == ("Claim", "Check")
    cells = [e for e in page.elements if e.tag == "td" and "data-label" in e.attrs]
    assert [c.attrs["data-label"] for c in cells[: len(COLUMNS) - 1]] == list(COLUMNS[1:])
    assert len(cells) == (len(COLUMNS) - 1) * 4


def test_the_page_is_the_same_whichever_folder_it_was_made_in(tmp_path: Path) -> None:
    one = harbour_file(tmp_path)
    other = tmp_path / "elsewhere" / "deeper"
    other.mkdir(parents=True)
    shutil.copy(one.parent / "harbour.txt", other)
    shutil.copy(one, other)
    html = report_html(load_catalog(one))
    assert html == report_html(load_catalog(other / "claims.json"))
    assert str(tmp_path) not in html
    assert "from <bdi>claims.json</bdi>." in html


def test_c1_controls_are_written_raw_and_read_back_as_the_source(tmp_path: Path) -> None:
    text = TEXT.replace("one two three four", "one tw\x80o three f\x85our").replace(
        "noon", "no\x9fon"
    )
    quotes = {"h001": "one tw\x80o three f\x85our five six", "h004": "The ferry runs at no\x9fon"}
    harbour_file(tmp_path, text, quotes)
    html = report_html(load_catalog(tmp_path / "claims.json"))
    assert "&#x80;" not in html
    assert "&#x85;" not in html
    page = Page(html)
    assert page.highlighted("h001") == "one tw\x80o three f\x85our five six"
    assert page.highlighted("h004") == "The ferry runs at no\x9fon"


class _Isolation(HTMLParser):
    """Each text run holding `marker`, with whether it sits alone in its element or in an
    isolating one (`<bdi>`, `dir="auto"`), and each attribute holding it."""

    def __init__(self, marker: str) -> None:
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.stack: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.bare: list[str] = []
        self.attributes: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [v for _, v in attrs if v and self.marker in v]
        if self.stack:
            self.stack[-1][2].append("<element>")
        if tag not in ("br", "meta", "input", "link", "img"):
            self.stack.append((tag, dict(attrs), []))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            name, attrs, parts = self.stack.pop()
            text = "".join(parts)
            shares = parts != [text] or text.strip() != text
            isolating = name == "bdi" or attrs.get("dir") == "auto"
            if self.marker in text and "<element>" not in text and shares and not isolating:
                self.bare.append(f"<{name}> {text!r}")
            if name == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack:
            self.stack[-1][2].append(data)


def test_every_hostile_value_sharing_a_line_is_isolated(tmp_path: Path) -> None:
    """An author `Mallory U+202E` (a right-to-left override left open) must not reverse the
    outlet and date after it, nor a label the stance after it: each value that shares its
    element with other text is in its own `<bdi>`, and in attributes (titles) between FSI
    and PDI."""
    hostile = "Mallory \u202e"
    names = dict.fromkeys(("title", "author", "outlet", "actor", "role", "label"), hostile)
    html = report_html(load_catalog(harbour_file(tmp_path, **names)))
    found = _Isolation("\u202e")
    article = html.split('<div class="article">')[1].split("</div>")[0]
    found.feed(html.replace(article, ""))
    assert found.bare == []
    assert found.attributes
    for value in found.attributes:
        isolated = "\u2068Mallory \u202e\u202c\u2069"  # the override closed inside its isolate
        assert value.count(isolated) == value.count("\u202e"), value


_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


@given(st.text(alphabet=st.sampled_from([*_BIDI, "a", "ب", " "]), max_size=40))
def test_a_value_s_bidi_controls_are_balanced_and_nothing_else_changes(value: str) -> None:
    """Every embedding and isolate a value opens ends inside it, and no closer in it can end
    an isolate around it (`<bdi>`, FSI…PDI): the page's own text after it stays in order."""
    from dprktrack.report.markup import balanced_bidi

    balanced = balanced_bidi(value)
    assert [c for c in balanced if c not in _BIDI] == [c for c in value if c not in _BIDI]
    open_: list[str] = []
    for char in balanced:
        if char in "\u202a\u202b\u202d\u202e":
            open_.append("embedding")
        elif char in "\u2066\u2067\u2068":
            open_.append("isolate")
        elif char == "\u202c":
            assert open_[-1:] == ["embedding"]
            open_.pop()
        elif char == "\u2069":
            assert open_[-1:] == ["isolate"]
            open_.pop()
    assert open_ == []
