"""The report page assembled: head with its policy, contents, articles, grid and table.

`report_html` is a pure function of the catalog (and its sources): the same data
gives the same bytes, with no date or path of the machine it ran on.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from dprktrack import __version__
from dprktrack.report import markup
from dprktrack.report.article import article_html
from dprktrack.report.csp import policy
from dprktrack.report.facts import STANCE_MARKS, ClaimFacts, claim_facts
from dprktrack.report.grid import grid_html
from dprktrack.report.placing import Placements, place_claims
from dprktrack.report.table import claims_table, filters_html

if TYPE_CHECKING:
    from dprktrack.check.ignores import IgnoreRule
    from dprktrack.claimsfile.catalog import Catalog

ASSETS = Path(__file__).with_name("assets")
STANCE_WORDS = {
    "support": "supports",
    "oppose": "opposes",
    "neutral": "neutral",
    "mixed": "mixed: claims that differ, or a claim that says mixed",
}


def asset(name: str) -> str:
    """The text of one of the page's own files (`report.css`, `report.js`), shipped in the
    package beside this module (read by path: importlib.resources would cost the start-up
    of every report a few milliseconds of imports)."""
    return (ASSETS / name).read_text("utf-8")


@dataclass(frozen=True)
class ReportPage:
    """The page, and the claims it flags as failing the check (for a note on stderr)."""

    html: str
    failing: list[str]


def report_html(catalog: Catalog) -> str:
    """The whole report for `catalog`: one self-contained HTML document."""
    return report_page(catalog).html


def report_page(
    catalog: Catalog, *, strict: bool = False, ignore: Iterable[IgnoreRule] = ()
) -> ReportPage:
    """The report for `catalog`, and which claims the check fails (flagged, not highlighted),
    judged as `dprktrack check` judges them with the same `strict` and `ignore` settings."""
    placements = place_claims(catalog, strict=strict, ignore=ignore)
    claims = claim_facts(catalog, placements)
    failing = [claim.id for claim in claims if claim.placement.severity == "failure"]
    return ReportPage(_document(catalog, claims, placements), failing)


def _document(catalog: Catalog, claims: Sequence[ClaimFacts], placements: Placements) -> str:
    """The HTML document: head with its policy, then contents, sources, grid and table."""
    style, script = asset("report.css"), asset("report.js")
    title = page_title(catalog)
    uncounted = {  # a failure, or an ignored one whose quote stands nowhere
        claim.id for claim in claims if claim.placement.severity == "failure" or not claim.placed
    }
    by_source: dict[str, list[ClaimFacts]] = {}
    for claim in claims:
        by_source.setdefault(claim.source, []).append(claim)
    body = "\n".join(
        [
            '<a class="skip" href="#claims_section">Skip to the claims</a>',
            f"<header><h1>{markup.text(title)}</h1>{_summary(claims)}</header>",
            _contents(catalog),
            "<main>",
            _legend(),
            *(
                _source_section(catalog, source_id, by_source.get(source_id, []), placements)
                for source_id in catalog.sources
            ),
            '<section id="grid_section" aria-labelledby="grid_heading">'
            '<h2 id="grid_heading">Who stands where</h2>'
            '<p class="grid-note">Each cell: the actor\'s stance toward the target, and how many '
            "claims take it; a claim the check fails, or whose quote it cannot place, counts in "
            "no cell. With scripts on, a click shows those claims in the table.</p>"
            f"{grid_html(catalog, uncounted)}</section>",
            '<section id="claims_section" aria-labelledby="claims_heading">'
            '<h2 id="claims_heading">The claims</h2>'
            f"{filters_html(catalog, claims)}{claims_table(catalog, claims)}</section>",
            "</main>",
            f'<footer><p class="meta">Made by dprktrack {markup.text(__version__)} from '
            f"{markup.isolated(catalog.path.name)}. Every quote is checked against its source "
            "as <code>dprktrack check</code> does.</p></footer>",
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta http-equiv="Content-Security-Policy" '
        f'content="{markup.attr(policy(style, script))}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f'<meta name="generator" content="dprktrack {markup.attr(__version__)}">\n'
        f"<title>{markup.text(title)}</title>\n<style>{style}</style>\n</head>\n<body>\n"
        f"{body}\n<script>{script}</script>\n</body>\n</html>\n"
    )


def page_title(catalog: Catalog) -> str:
    if len(catalog.sources) == 1:
        source = next(iter(catalog.sources.values()))
        return f"Who said what: {source.title}"
    return f"Who said what: {len(catalog.sources)} sources"


def _summary(claims: Sequence[ClaimFacts]) -> str:
    failing = sum(1 for claim in claims if claim.placement.severity == "failure")
    said = f"{len(claims)} claim(s)"
    if failing:
        said += f", {failing} of them failing the check (flagged in the table, not highlighted)"
    return f'<p class="meta">{said}.</p>'


def _contents(catalog: Catalog) -> str:
    items = "".join(
        f'<li><a href="#source_{markup.attr(source.id)}">{markup.isolated(source.title)}</a> '
        f"({markup.isolated(source.outlet)}, {source.published.isoformat()})</li>"
        for source in catalog.sources.values()
    )
    return (
        '<nav id="page_toc" aria-label="Contents"><h2>Contents</h2><ol>'
        f'{items}<li><a href="#grid_section">Who stands where</a></li>'
        '<li><a href="#claims_section">The claims</a></li></ol></nav>'
    )


def _legend() -> str:
    keys = "".join(
        f'<li><span class="key s-{stance}"><span class="sym" aria-hidden="true">'
        f"{STANCE_MARKS[stance]}</span> {stance}</span> {STANCE_WORDS[stance]}</li>"
        for stance in STANCE_WORDS
    )
    return (
        '<section aria-labelledby="legend_heading"><h2 id="legend_heading">How to read it</h2>'
        "<p>Each claimed passage is highlighted in its stance's colour and underline "
        "(solid, double, dotted or dashed), with its mark and id after it: hover or focus the "
        "id for who said it, and follow it to the claim's row. Hatching marks text that several "
        "claims share.</p>"
        f'<ul class="legend">{keys}<li><span class="key s-mixed d2">hatched</span> '
        "covered by two claims or more</li></ul></section>"
    )


def _source_section(
    catalog: Catalog, source_id: str, own: Sequence[ClaimFacts], placements: Placements
) -> str:
    """One source: its title and details, the check's notes on it, and its annotated text."""
    source = catalog.sources[source_id]
    failing = [claim for claim in own if not claim.placed]
    details = (
        ", ".join(markup.isolated(value) for value in (source.author, source.outlet))
        + f", {source.published.isoformat()}"
    )
    where = markup.link(source.url, "original") if markup.safe_url(source.url) else ""
    notes = [markup.text(note) for note in placements.source_notes.get(source_id, [])]
    if failing:
        listed = ", ".join(
            f'<a href="#{markup.attr(claim.id)}">{markup.text(claim.id)}</a>' for claim in failing
        )
        notes.append(f"Not highlighted, as the check fails them: {listed}.")
    notice = "".join(f'<p class="notice">{note}</p>' for note in notes)
    text = _readable_text(catalog, source_id)
    return (
        f'<section class="source" id="source_{markup.attr(source.id)}" '
        f'aria-labelledby="h_source_{markup.attr(source.id)}">'
        f'<h2 id="h_source_{markup.attr(source.id)}">{markup.text(source.title)}</h2>'
        f'<p class="meta">{details}; {len(own)} claim(s)'
        f"{'; ' + where if where else ''}</p>{notice}"
        f'<div class="article">{article_html(text, own)}</div></section>'
    )


def _readable_text(catalog: Catalog, source_id: str) -> str:
    """The source's text, or nothing when its file cannot be read (the check said why)."""
    from dprktrack.errors import DprkError

    try:
        return catalog.source_text(source_id)
    except DprkError:
        return ""
