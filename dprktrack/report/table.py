"""The claims table and its filters: plain rows a reader can read with scripts off.

Each row carries what the filters match on in `data-` attributes; the filter
controls start hidden and the page's script shows them (filtering is the
enhancement, reading is not).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dprktrack.report import markup
from dprktrack.report.article import quote_type_label
from dprktrack.report.facts import STANCE_MARKS, ClaimFacts

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog

COLUMNS = ("Claim", "Check", "Actor", "Stances", "Quote", "Summary", "Type", "Via", "Source")
"""The table's columns: the check's verdict beside the id, so a failing claim shows at once."""


def filters_html(catalog: Catalog, claims: Sequence[ClaimFacts]) -> str:
    """The filter controls (hidden until the script runs) and the count of rows shown."""
    from dprktrack.schema.vocabulary import QUOTE_TYPES, STANCES

    speakers = {speaker for claim in claims for speaker in claim.speakers}
    targets = {target for claim in claims for target, _, _ in claim.stances}
    choices = {
        "actor": ("Actor", [(a.id, a.name) for a in catalog.actors.values() if a.id in speakers]),
        "target": (
            "Target",
            [(t.id, t.label) for t in catalog.targets.values() if t.id in targets],
        ),
        "stance": ("Stance", [(s, s) for s in STANCES]),
        "quote-type": ("Quote type", [(q, q) for q in QUOTE_TYPES]),
        "source": ("Source", [(s.id, s.title) for s in catalog.sources.values()]),
    }
    selects = "".join(_select(key, label, options) for key, (label, options) in choices.items())
    total = len(claims)
    return (
        '<div id="claim_filters" hidden>'
        f"{selects}"
        '<label for="filter_text">Text<input type="search" id="filter_text" autocomplete="off" '
        'placeholder="words in quote, summary, names"></label>'
        f'<output id="claim_count" tabindex="-1" aria-live="polite" for="{_for_all(choices)}">'
        f"{total} of {total} claims</output></div>"
    )


def _for_all(choices: dict[str, tuple[str, list[tuple[str, str]]]]) -> str:
    return " ".join([*(f"filter_{key}" for key in choices), "filter_text"])


def _select(key: str, label: str, options: list[tuple[str, str]]) -> str:
    listed = "".join(
        f'<option value="{markup.attr(value)}">{markup.text(name)}</option>'
        for value, name in options
    )
    return (
        f'<label for="filter_{key}">{label}<select id="filter_{key}" autocomplete="off">'
        f'<option value="">all</option>{listed}</select></label>'
    )


def claims_table(catalog: Catalog, claims: Sequence[ClaimFacts]) -> str:
    """Every claim as a row, in the claims file's order, in a box that scrolls on its own."""
    head = "".join(f'<th scope="col">{name}</th>' for name in COLUMNS)
    rows = "\n".join(_row(catalog, claim) for claim in claims)
    return (
        '<div class="scroll" role="region" aria-label="Claims" tabindex="0">'
        '<table id="claims_table"><caption class="vh">Claims, one row each</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>\n{rows}\n</tbody></table></div>"
    )


def _row(catalog: Catalog, claim: ClaimFacts) -> str:
    """One claim's row: its data attributes for the filters, and its cells."""
    verdict = claim.placement
    fails = verdict.severity == "failure"
    attributes = {
        "id": claim.id,
        "data-claim": claim.id,
        "data-actor": claim.actor_id,
        "data-targets": " ".join(target for target, _, _ in claim.stances),
        "data-stances": " ".join(f"{target}:{stance}" for target, _, stance in claim.stances),
        "data-quote-type": claim.quote_type,
        "data-source": claim.source,
        "data-verdict": verdict.verdict,
    }
    if len(claim.speakers) > 1:
        attributes["data-speakers"] = " ".join(claim.speakers)
    written = " ".join(f'{name}="{markup.attr(value)}"' for name, value in attributes.items())
    css = f"s-{claim.main_stance}" + (" fails" if fails else "")
    ident = markup.text(claim.id)
    first = f'<a href="#q_{markup.attr(claim.id)}">{ident}</a>' if claim.placed else ident
    role = f"<br><small>{markup.isolated(claim.role)}</small>" if claim.role else ""
    source = catalog.sources[claim.source]
    cells = (
        _verdict(claim),
        f"{markup.isolated(claim.actor)}{role}",
        _stances(claim),
        markup.text(claim.quote),
        markup.text(claim.summary),
        markup.text(quote_type_label(claim)),
        markup.text(claim.via or "—"),
        f'<a href="#source_{markup.attr(source.id)}">{markup.text(source.title)}</a>',
    )
    return (
        f'<tr {written} class="{css}" tabindex="-1"><th scope="row">{first}</th>'
        + "".join(_cell(name, cell) for name, cell in zip(COLUMNS[1:], cells, strict=True))
        + "</tr>"
    )


def _cell(column: str, content: str) -> str:
    """A cell, labelled with its column's header (`data-label`) for a layout that stacks a
    row's cells; the quote's cell keeps its `quote` class."""
    css = ' class="quote"' if column == "Quote" else ""
    return f'<td data-label="{column}"{css}>{content}</td>'


def _stances(claim: ClaimFacts) -> str:
    if not claim.stances:
        return "—"
    items = "".join(
        f'<li class="s-{markup.attr(stance)}"><span class="sym" aria-hidden="true">'
        f"{STANCE_MARKS.get(stance, '')}</span> {markup.isolated(label)}: "
        f"{markup.text(stance)}</li>"
        for _, label, stance in claim.stances
    )
    return f'<ul class="stances">{items}</ul>'


def _verdict(claim: ClaimFacts) -> str:
    """The check's verdict: `ok`, a warning's slug, or a failure in words (not highlighted)."""
    placement = claim.placement
    if placement.severity == "pass":
        return '<span class="verdict">ok</span>'
    if placement.severity == "warning":
        return (
            f'<span class="verdict">{markup.text(placement.verdict)}</span> (placed; check warns)'
        )
    if placement.severity == "ignored":
        where = "placed" if claim.placed else "not highlighted in the article, not counted"
        return (
            f'<span class="verdict">ignored: {markup.text(placement.verdict)}</span> (an ignore '
            f"entry of the settings allows it; {where})"
        )
    return (
        f'<span class="verdict">fails: {markup.text(placement.verdict)}</span>'
        f"<br><small>{markup.text(placement.message)}</small> Not highlighted in the article."
    )
