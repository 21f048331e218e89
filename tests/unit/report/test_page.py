"""The page as a whole: its policy, its independence from the network, its determinism,
the check's verdicts, and several sources."""

from __future__ import annotations

import re
from pathlib import Path

from harbour import GAZETTE_SOURCE, LEDGER_SOURCE, LEDGER_URL, harbour_repo
from htmlparts import Page
from support import CATALOG, DATA, QUOTE, SEED

from dprktrack.check.run import run_check
from dprktrack.claimsfile.load import load_catalog
from dprktrack.report.csp import source_hash
from dprktrack.report.page import asset, report_html

HTML = report_html(CATALOG)
PAGE = Page(HTML)


def policy_of(page: Page) -> dict[str, str]:
    meta = [e for e in page.elements if e.attrs.get("http-equiv") == "Content-Security-Policy"]
    assert len(meta) == 1
    return dict(part.strip().split(" ", 1) for part in meta[0].attrs["content"].split(";"))


def test_the_policy_allows_exactly_the_inline_style_and_script_in_the_page() -> None:
    policy = policy_of(PAGE)
    assert policy["default-src"] == "'none'"
    assert policy["base-uri"] == "'none'"
    assert policy["form-action"] == "'none'"
    (script,) = [e for e in PAGE.scripts if "type" not in e.attrs]
    (style,) = PAGE.styles
    assert policy["script-src"] == source_hash("".join(script.text))
    assert policy["style-src"] == source_hash("".join(style.text))
    assert "".join(script.text) == asset("report.js")
    assert "".join(style.text) == asset("report.css")


def test_the_policy_comes_before_anything_it_governs() -> None:
    policy = HTML.index("Content-Security-Policy")
    assert policy < HTML.index("<title>") < HTML.index("<style>") < HTML.index("<script>")


def test_nothing_is_loaded_from_elsewhere_and_no_inline_handler_or_style_attribute() -> None:
    for element in PAGE.elements:
        assert "src" not in element.attrs, element
        assert "style" not in element.attrs, element
        assert not any(name.startswith("on") for name in element.attrs), element
        assert element.tag not in ("link", "img", "iframe", "object", "embed", "base", "form")
    hrefs = [e.attrs["href"] for e in PAGE.elements if "href" in e.attrs]
    outside = [href for href in hrefs if not href.startswith("#")]
    assert outside == [source["url"] for source in DATA["sources"] if source.get("url")]
    assert not re.search(r"url\(|@import", asset("report.css"))


def test_the_same_data_gives_the_same_bytes() -> None:
    assert report_html(CATALOG) == HTML


def test_every_claim_has_a_row_linking_to_its_highlight_and_back() -> None:
    rows = [e for e in PAGE.elements if e.tag == "tr" and "data-claim" in e.attrs]
    assert [row.attrs["id"] for row in rows] == [claim["id"] for claim in DATA["claims"]]
    hrefs = {e.attrs.get("href") for e in PAGE.elements}
    for claim in DATA["claims"]:
        assert f"#q_{claim['id']}" in hrefs
        assert f"#{claim['id']}" in hrefs
    by_id = {claim["id"]: claim for claim in DATA["claims"]}
    for row in rows:
        claim = by_id[row.attrs["id"]]
        assert row.attrs["data-actor"] == claim["actor"]
        assert row.attrs["data-quote-type"] == claim["quote_type"]
        assert row.attrs["data-source"] == claim["source"]
        pairs = [f"{s['target']}:{s['stance']}" for s in claim["stances"]]
        assert row.attrs["data-stances"].split() == pairs
        assert row.attrs["data-verdict"] == "ok"
        assert "fails" not in row.attrs["class"]
        assert row.attrs["tabindex"] == "-1"


def test_the_filters_are_hidden_until_the_script_shows_them_and_count_every_claim() -> None:
    (panel,) = PAGE.by_id("claim_filters")
    assert "hidden" in panel.attrs
    for key in ("actor", "target", "stance", "quote-type", "source", "text"):
        assert len(PAGE.by_id(f"filter_{key}")) == 1
    total = len(DATA["claims"])
    assert '<output id="claim_count"' in HTML
    assert f"{total} of {total} claims</output>" in HTML


def test_the_grid_has_a_button_for_each_pair_with_claims() -> None:
    from dprktrack.query import ClaimFilter, stance_cells

    cells = stance_cells(CATALOG, ClaimFilter())
    tds = [e for e in PAGE.elements if e.tag == "td" and "data-target" in e.attrs]
    pairs = {(td.attrs["data-actor"], td.attrs["data-target"]) for td in tds}
    assert {(c["actor_id"], c["target"]) for c in cells} <= pairs
    assert sum(1 for e in PAGE.elements if e.tag == "button") == len(cells)


def test_a_claim_the_check_fails_is_flagged_and_not_highlighted(repo_copy: Path) -> None:
    claim = max(DATA["claims"], key=lambda c: len(c["quote"]))
    quote = QUOTE[claim["id"]]
    word = max(quote.split(), key=len)
    seed = repo_copy.parent / SEED.relative_to(SEED.parents[1])
    seed.write_text(seed.read_text("utf-8").replace(quote, quote.replace(word, "zzzz", 1)), "utf-8")
    catalog = load_catalog(repo_copy)
    failing = {
        f.id for f in run_check(catalog).findings if f.kind == "claim" and f.severity() == "failure"
    }
    assert claim["id"] in failing
    page = Page(report_html(catalog))
    for claim_id in failing:
        (row,) = page.by_id(claim_id)
        assert "fails" in row.attrs["class"].split()
        assert row.attrs["data-verdict"] != "ok"
        assert page.highlighted(claim_id) == ""
        assert not page.by_id(f"q_{claim_id}")
        assert not [e for e in page.elements if e.attrs.get("href") == f"#q_{claim_id}"]
    assert "fails: " in report_html(catalog)


def test_several_sources_each_get_a_section_listed_in_the_contents(repo_copy: Path) -> None:
    ids = harbour_repo(repo_copy)
    catalog = load_catalog(repo_copy)
    html = report_html(catalog)
    page = Page(html)
    (toc,) = page.by_id("page_toc")
    sections = [
        e for e in page.elements if e.tag == "section" and "source" in e.attrs.get("class", "")
    ]
    assert [s.attrs["id"] for s in sections] == [f"source_{s}" for s in catalog.sources]
    contents = html.split('<nav id="page_toc"')[1].split("</nav>")[0]
    for source_id in (LEDGER_SOURCE, GAZETTE_SOURCE):
        assert f'href="#source_{source_id}"' in contents
    for claim_id in ids.values():
        claim = catalog.claims[claim_id]
        text = catalog.source_text(claim.source)
        assert page.highlighted(claim_id) in text
        assert page.highlighted(claim_id) == claim.quote
    assert f'href="{LEDGER_URL}"' in html
    assert toc.tag == "nav"


def test_a_source_that_cannot_be_read_leaves_its_claims_flagged_and_the_rest_shown(
    repo_copy: Path,
) -> None:
    harbour_repo(repo_copy)
    catalog = load_catalog(repo_copy)
    gone = catalog.source_path(GAZETTE_SOURCE)
    gone.unlink()
    page = Page(report_html(load_catalog(repo_copy)))
    for claim in catalog.claims.values():
        (row,) = page.by_id(claim.id)
        if claim.source == GAZETTE_SOURCE:
            assert row.attrs["data-verdict"] == "source-missing"
            assert page.highlighted(claim.id) == ""
        else:
            assert page.highlighted(claim.id), claim.id
    assert page.by_id(f"source_{GAZETTE_SOURCE}")


def test_the_page_names_its_own_elements_with_ids_no_claim_can_take() -> None:
    """Claim rows are `#c014` (the deep link); every other id of the page is no slug, so no
    claim id, source id or target id can ever share it (`#claims` is a claim's link, never the
    table's)."""
    from dprktrack.schema.rules import SLUG_PATTERN

    ids = [element.attrs["id"] for element in PAGE.elements if "id" in element.attrs]
    assert len(ids) == len(set(ids))
    rows = {claim["id"] for claim in DATA["claims"]}
    own = [ident for ident in ids if ident not in rows]
    assert own, "the page's own elements have ids"
    assert [ident for ident in own if re.fullmatch(SLUG_PATTERN, ident or "")] == []
