"""Finding the candidate claims of a source: each sentence read for quotations, reporting
cues, acts and the author's own evaluations, its speaker resolved, its span anchored as
`add` would anchor it (so `check` passes a claim made from it)."""

from __future__ import annotations

from dataclasses import replace

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError
from dprktrack.suggest.model import Suggestion


def suggestions(
    catalog: Catalog, source_id: str, *, include_covered: bool = False
) -> list[Suggestion]:
    """The candidate claims of a source, in article order.

    A span `add` could not anchor where it stands (found twice, say) is left out. A
    suggestion that existing claims cover (one of their spans, where `check` places it,
    overlaps at least half of it or holds it whole) names them in `covered_by`, and is
    left out unless `include_covered`.
    """
    from dprktrack.suggest.placing import anchorable, claim_spans, covering, document_of
    from dprktrack.suggest.rules import candidate_spans

    if source_id not in catalog.sources:
        known = ", ".join(sorted(catalog.sources)) or "none"
        raise DprkError(f"no source {source_id!r} in {catalog.name} (sources: {known})")
    text = catalog.source_text(source_id)
    document = document_of(catalog, source_id)
    spans = claim_spans(catalog, source_id, document)
    result = []
    for candidate in candidate_spans(catalog, source_id, text):
        if not anchorable(document, candidate):
            continue
        covered = covering(spans, candidate.start, candidate.end)
        if covered and not include_covered:
            continue
        line, column = document.lines.position(candidate.start)
        result.append(replace(candidate, line=line, column=column, covered_by=covered))
    return result
