"""The report's layout as a browser draws it: the claims table at desktop widths, on paper and
on a phone; tips on a touch screen; the legend's swatches; a page too big to lay out at once.

Expectations come from the claims file (DATA, CATALOG) and the page itself; every page opened
must stay quiet (see conftest.py).
"""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from browsing import PHONE, Opener, Visit, write_report
from support import CATALOG

from dprktrack.query import ClaimFilter, select_claims

COLUMN_EDGES_JS = """() => [...document.querySelectorAll('#claims_table thead th')]
  .map(th => { const box = th.getBoundingClientRect();
               return {name: th.textContent, left: box.left, right: box.right}; })"""

OVERFLOWING_ROWS_JS = """() => [...document.querySelectorAll('#claims_table tr')]
  .filter(row => row.scrollWidth > row.clientWidth + 1
                 || row.getBoundingClientRect().right > document.documentElement.clientWidth)
  .map(row => row.id || 'head')"""

SIDEWAYS_JS = """() => { const box = document.querySelector('#claims_section .scroll');
  return Math.max(0, box.scrollWidth - box.clientWidth - 1); }"""
"""How far the claims table's own box scrolls sideways: 0 when every column is in sight."""

TIPS_SHOWN_JS = """() => [...document.querySelectorAll('.tip')].filter(tip => {
  const box = tip.getBoundingClientRect();
  return box.width > 2 && box.height > 2 && getComputedStyle(tip).visibility !== 'hidden';
}).map(tip => tip.closest('a').getAttribute('href'))"""


def page_width(visit: Visit) -> int:
    width: int = visit.page.evaluate("() => document.documentElement.scrollWidth")
    return width


def columns_within(visit: Visit, width: int) -> None:
    """Every column header of the claims table starts and ends inside `width`, no row
    overflows, and the page does not scroll sideways."""
    edges = visit.page.evaluate(COLUMN_EDGES_JS)
    assert len(edges) >= 9
    for edge in edges:
        assert 0 <= edge["left"] < edge["right"] <= width, edge
    assert visit.page.evaluate(OVERFLOWING_ROWS_JS) == []
    assert page_width(visit) <= width
    assert visit.page.evaluate(SIDEWAYS_JS) == 0, "the claims table scrolls sideways"


def a_stance_with_few_claims() -> tuple[str, int]:
    """A stance some claims take, and how many take it (the fewest, for a short print)."""
    counts = {
        stance: len(select_claims(CATALOG, ClaimFilter(stances=(stance,))))
        for stance in ("support", "oppose", "neutral", "mixed")
    }
    stance = min((s for s in counts if counts[s]), key=lambda s: counts[s])
    return stance, counts[stance]


@pytest.mark.parametrize("width", [1280, 1366, 1920])
def test_every_claims_column_is_on_screen_at_desktop_widths(
    open_report: Opener, bundled_report: Path, width: int
) -> None:
    visit = open_report(bundled_report, viewport={"width": width, "height": 900})
    visit.page.locator("#claims_table").scroll_into_view_if_needed()
    columns_within(visit, width)
    quote = visit.page.locator("#claims_table td.quote").first
    assert quote.evaluate("cell => cell.scrollWidth <= cell.clientWidth + 1")  # wraps, not cut
    visit.assert_quiet()


def test_printed_every_column_fits_the_page_and_a_filtered_page_says_it_is_partial(
    open_report: Opener, bundled_report: Path
) -> None:
    stance, shown = a_stance_with_few_claims()
    visit = open_report(
        bundled_report, f"#filter?stance={stance}", viewport={"width": 794, "height": 1123}
    )
    visit.page.emulate_media(media="print")
    columns_within(visit, 794)
    count = visit.page.locator("#claim_count")
    assert count.is_visible()
    assert re.sub(r"\s+", " ", count.inner_text()) == f"{shown} of {len(CATALOG.claims)} claims"
    assert not visit.page.locator("#filter_stance").is_visible()
    assert visit.page.pdf(width="210mm", height="297mm").startswith(b"%PDF")
    visit.assert_quiet()


def test_a_tap_on_a_claim_marker_follows_it_and_leaves_no_tip_over_the_page(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report, viewport=PHONE, has_touch=True, is_mobile=True)
    marker = visit.page.locator("section.source a.ref").first
    claim = (marker.get_attribute("href") or "#")[1:]
    marker.scroll_into_view_if_needed()
    marker.tap()
    visit.page.wait_for_function("id => document.activeElement.id === id", arg=claim)
    assert visit.page.evaluate(TIPS_SHOWN_JS) == []
    visit.assert_quiet()


def test_the_legends_hatched_swatch_is_hatched_as_shared_text_is(
    open_report: Opener, repo_copy: Path, claims_data: dict[str, Any]
) -> None:
    twin = copy.deepcopy(claims_data["claims"][0])  # a second claim of the same passage
    twin["id"] = "c999"
    claims_data["claims"].append(twin)
    repo_copy.write_text(json.dumps(claims_data, ensure_ascii=False), "utf-8")
    visit = open_report(write_report(repo_copy, repo_copy.parent / "report.html"))
    shared = visit.page.locator("section.source mark.d2").first
    assert shared.count() == 1
    swatch = visit.page.locator(".legend .key.d2")
    looks = "element => getComputedStyle(element).backgroundImage"
    assert swatch.evaluate(looks) == shared.evaluate(looks)
    assert "repeating-linear-gradient" in swatch.evaluate(looks)
    visit.assert_quiet()


def test_on_a_phone_the_claims_read_without_sideways_scrolling(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report, viewport=PHONE, has_touch=True, is_mobile=True)
    assert page_width(visit) <= PHONE["width"]
    for row in visit.page.locator("#claims_table tbody tr").all()[:5]:
        quote = row.locator("td.quote")
        quote.scroll_into_view_if_needed()
        box = quote.bounding_box()
        assert box is not None
        assert box["x"] >= 0, row.get_attribute("id")
        assert box["x"] + box["width"] <= PHONE["width"], row.get_attribute("id")
        assert quote.evaluate("cell => cell.scrollWidth <= cell.clientWidth + 1")
    assert page_width(visit) <= PHONE["width"]
    assert visit.page.evaluate(SIDEWAYS_JS) == 0, "the claims table scrolls sideways"
    visit.assert_quiet()


def test_on_a_phone_the_grids_headers_stay_in_sight_as_it_scrolls(
    open_report: Opener, bundled_report: Path
) -> None:
    visit = open_report(bundled_report, viewport=PHONE, has_touch=True, is_mobile=True)
    box = visit.page.locator("#grid_section .scroll")
    box.scroll_into_view_if_needed()
    box.evaluate("b => { b.scrollTop = b.scrollHeight; b.scrollLeft = b.scrollWidth; }")
    frame = box.bounding_box()
    column = visit.page.locator("#stance_grid thead th").first.bounding_box()
    row = visit.page.locator("#stance_grid tbody th").last.bounding_box()
    assert frame is not None
    assert column is not None
    assert row is not None
    assert frame["y"] - 1 <= column["y"] <= frame["y"] + frame["height"]  # the targets stay
    assert frame["x"] - 1 <= row["x"] <= frame["x"] + 4  # the actors stay at the left edge
    visit.assert_quiet()


def test_rows_and_sources_off_screen_are_not_laid_out_until_near(
    open_report: Opener, bundled_report: Path
) -> None:
    """What lets a browser open a page of 100,000 claims (bench/report.py times it)."""
    visit = open_report(bundled_report)
    style = "(element, name) => getComputedStyle(element).getPropertyValue(name)"
    row = visit.page.locator("#claims_table tbody tr").first
    source = visit.page.locator("section.source").first
    assert row.evaluate(style, "content-visibility") == "auto"
    body = visit.page.locator("#claims_table tbody")  # skipped whole while out of sight
    assert body.evaluate(style, "content-visibility") == "auto"
    assert source.evaluate(style, "content-visibility") == "auto"
    visit.assert_quiet()
