"""A source's text as HTML: paragraph by paragraph, every placed claim's span highlighted.

The text is cut at every boundary of every span (and of every paragraph), so each
segment carries all the claims covering it: nested and overlapping claims stay
distinguishable, and a claim's highlighted text is its segments joined in order,
character for character the passage `check` placed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from dprktrack.report import markup
from dprktrack.report.facts import STANCE_MARKS, ClaimFacts, short_description

_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
MAX_DEPTH = 3
"""Deeper nesting is drawn as this deep: the pattern says "several", the title says which."""


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text covered by the same claims (ids in the claims file's order)."""

    start: int
    end: int
    claims: tuple[str, ...]


def paragraph_bounds(text: str) -> list[int]:
    """Where each paragraph begins, and the text's end: a paragraph keeps the blank lines
    after it, so every character of the text lies in exactly one paragraph."""
    starts = [0, *(match.end() for match in _PARAGRAPH_BREAK.finditer(text))]
    return [*dict.fromkeys(starts), len(text)] if text else [0]


def segments(spans: Sequence[tuple[int, int, str]], cuts: Sequence[int] = ()) -> list[Segment]:
    """The covered runs of text, cut at every span boundary and at `cuts` (paragraphs).

    `spans` are (start, end, claim id) in the claims file's order; a segment lists
    the ids of every span covering it, in that order.
    """
    order = {claim_id: index for index, (_, _, claim_id) in enumerate(spans)}
    starting: dict[int, list[str]] = {}
    ending: dict[int, list[str]] = {}
    for start, end, claim_id in spans:
        if start < end:
            starting.setdefault(start, []).append(claim_id)
            ending.setdefault(end, []).append(claim_id)
    points = sorted({*starting, *ending, *cuts})
    active: set[str] = set()
    found = []
    for here, following in pairwise(points):
        active.difference_update(ending.get(here, ()))
        active.update(starting.get(here, ()))
        if active:
            found.append(Segment(here, following, tuple(sorted(active, key=order.__getitem__))))
    return found


def article_html(text: str, claims: Sequence[ClaimFacts]) -> str:
    """The source's paragraphs as `<p>` elements, with `<mark>` on every placed claim's span
    and, after each claim's end, a small link to its row that shows its facts on hover
    or focus."""
    placed = [claim for claim in claims if claim.placed]
    by_id = {claim.id: claim for claim in placed}
    # A quote with omissions highlights its quoted parts only, never the words it leaves out.
    spans = [(start, end, c.id) for c in placed for start, end in c.placement.parts]
    bounds = paragraph_bounds(text)
    cut = segments(spans, bounds)
    ends: dict[int, list[str]] = {}
    for claim in placed:
        assert claim.placement.end is not None
        ends.setdefault(claim.placement.end, []).append(claim.id)
    started: set[str] = set()
    paragraphs = []
    pieces = iter(cut)
    piece = next(pieces, None)
    for start, end in pairwise(bounds):
        out: list[str] = []
        here = start
        while piece is not None and piece.start < end:
            out.append(markup.text(text[here : piece.start]))
            out.append(_mark(text[piece.start : piece.end], piece, by_id, started))
            out.extend(_ref(by_id[claim_id]) for claim_id in ends.get(piece.end, ()))
            here = piece.end
            piece = next(pieces, None)
        out.append(markup.text(text[here:end]))
        paragraphs.append(f"<p>{''.join(out)}</p>")
    return "\n".join(paragraphs)


def _mark(passage: str, piece: Segment, by_id: dict[str, ClaimFacts], started: set[str]) -> str:
    """One segment: its stance class (mixed when its claims differ), its depth, the ids of the
    claims it covers, and the `q-` anchor of each claim it begins."""
    stances = {by_id[claim_id].main_stance for claim_id in piece.claims}
    stance = stances.pop() if len(stances) == 1 else "mixed"
    depth = min(len(piece.claims), MAX_DEPTH)
    first = [claim_id for claim_id in piece.claims if claim_id not in started]
    started.update(first)
    anchors = "".join(f'<span id="q_{markup.attr(claim_id)}"></span>' for claim_id in first[1:])
    own_id = f' id="q_{markup.attr(first[0])}"' if first else ""
    title = "; ".join(short_description(by_id[claim_id]) for claim_id in piece.claims)
    return (
        f'{anchors}<mark class="claim s-{stance} d{depth}"{own_id} '
        f'data-claims="{markup.attr(" ".join(piece.claims))}" title="{markup.attr(title)}">'
        f"{markup.text(passage)}</mark>"
    )


def _ref(claim: ClaimFacts) -> str:
    """The link after a claim's span to its row, with its facts in a tip for hover and focus."""
    stance = claim.main_stance
    return (
        f'<a class="ref s-{stance}" href="#{markup.attr(claim.id)}">'
        f'<span class="sym" aria-hidden="true">{STANCE_MARKS[stance]}</span>'
        f'<span class="id">{markup.text(claim.id)}</span>'
        f'<span class="tip" role="tooltip">{tip_text(claim)}</span></a>'
    )


def tip_text(claim: ClaimFacts) -> str:
    """The facts a highlight's tip shows: actor, role, quote type, relay, stances, summary."""
    stances = "; ".join(
        f"{markup.isolated(label)}: {markup.text(stance)}" for _, label, stance in claim.stances
    )
    stances = stances or "none"
    facts = [
        ("Actor", markup.isolated(claim.actor) + _role(claim)),
        ("Quote", markup.text(quote_type_label(claim))),
        ("Via", markup.isolated(claim.via) if claim.via else "—"),
        ("Stances", stances),
        ("Summary", markup.isolated(claim.summary)),
    ]
    return "<br>".join(f"<b>{label}:</b> {value}" for label, value in facts)


def _role(claim: ClaimFacts) -> str:
    return f" ({markup.isolated(claim.role)})" if claim.role else ""


def quote_type_label(claim: ClaimFacts) -> str:
    """`indirect (act)`: the quote type, and whether the claim records an act, as the table
    and the tips both say it."""
    return claim.quote_type + (" (act)" if claim.kind == "act" else "")
