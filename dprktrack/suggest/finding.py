"""Finding the candidate claims of a source: each sentence read for quotations, reporting
cues, acts and the author's own evaluations, its speaker resolved, its span anchored as
`add` would anchor it (so `check` passes a claim made from it)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.suggest.model import SpeakerGuess, Suggestion


@dataclass
class Reading:
    """What the sentences before this one said: the last speaker, for "he added"."""

    last: SpeakerGuess | None = None
    last_paragraph: int = -1
    reported: bool = False
    """Whether the previous sentence was someone's reported speech."""


def suggestions(
    catalog: Catalog, source_id: str, *, include_covered: bool = False
) -> list[Suggestion]:
    """The candidate claims of a source, in article order.

    Suggestions that existing claims already cover (at least half of the suggestion lies in
    a claim's span, as `check` places it) name those claims in `covered_by` and are left
    out unless `include_covered`.
    """
    from dprktrack.curate.anchoring import source_document
    from dprktrack.suggest.placing import anchorable, claim_spans, covering
    from dprktrack.suggest.rules import candidate_spans

    text = catalog.source_text(source_id)
    document = source_document(catalog, source_id)
    found = []
    for candidate in candidate_spans(catalog, source_id, text):
        if not anchorable(document, candidate.quote):
            continue
        line, column = document.lines.position(candidate.start)
        found.append(replace(candidate, line=line, column=column))
    spans = claim_spans(catalog, source_id, document)
    result = []
    for suggestion in found:
        covered = covering(spans, suggestion.start, suggestion.end)
        if covered and not include_covered:
            continue
        result.append(replace(suggestion, covered_by=covered))
    return result
