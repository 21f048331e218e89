"""Finding the candidate claims of a source: each sentence read for quotations, reporting
cues, acts and the author's own evaluations, its speaker resolved, its span anchored as
`add` would anchor it (so `check` passes a claim made from it)."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError
from dprktrack.suggest.model import Suggestion

if TYPE_CHECKING:
    from dprktrack.suggest.placing import Placer


def suggestions(
    catalog: Catalog, source_id: str, *, include_covered: bool = False
) -> list[Suggestion]:
    """The candidate claims of a source, in article order.

    A span `add` could not anchor where it stands (found twice, say) is left out. A
    suggestion that existing claims cover (one of their spans, where `check` places it,
    overlaps at least half of it, holds it whole, or lies in it and makes a quarter of it or
    more) names them in `covered_by`, and is left out unless `include_covered`.
    """
    from dprktrack.suggest.placing import Covering, Placer, claim_spans
    from dprktrack.suggest.rules import candidate_spans
    from dprktrack.suggest.sentences import sentences

    if source_id not in catalog.sources:
        known = ", ".join(sorted(catalog.sources)) or "none"
        raise DprkError(f"no source {source_id!r} in {catalog.name} (sources: {known})")
    text = catalog.source_text(source_id)
    placer = Placer(catalog, source_id)
    covering = Covering(claim_spans(catalog, source_id, placer))
    result: list[Suggestion] = []
    read = sentences(text)  # once: the rules read them, a span found twice widens to them
    around = [(sentence.start, sentence.end) for sentence in read]
    seen: set[tuple[int, int]] = set()
    for found in candidate_spans(catalog, source_id, text, read):
        candidate = found if placer.anchorable(found) else _widened(placer, found, around)
        if candidate is not None and candidate.end - candidate.start > _limit():
            cut = _within_limit(candidate, around)
            candidate = cut if cut is not None and placer.anchorable(cut) else None
        if candidate is None or (candidate.start, candidate.end) in seen:
            continue  # one suggestion per span: a span found twice is told once
        seen.add((candidate.start, candidate.end))
        covered = covering(candidate.start, candidate.end)
        if covered and not include_covered:
            continue
        line, column = placer.lines.position(candidate.start)
        result.append(candidate._replace(line=line, column=column, covered_by=covered))
    return result


def _limit() -> int:
    """The longest quote the schema takes (models.py reads it from schema/rules.py)."""
    from dprktrack.schema.rules import MAX_TEXT

    return MAX_TEXT


def _within_limit(found: Suggestion, around: list[tuple[int, int]]) -> Suggestion | None:
    """A span no longer than the schema lets a quote be (`add` refuses a longer one): cut
    at the last sentence end that fits, or None if its first sentence is already too long."""
    if found.end - found.start <= _limit():
        return found
    limit = found.start + _limit()
    ends = [end for start, end in around if found.start < end <= limit and start >= found.start]
    if not ends:
        return None
    end = max(ends)
    return found._replace(end=end, quote=found.quote[: end - found.start])


def _widened(placer: Placer, found: Suggestion, around: list[tuple[int, int]]) -> Suggestion | None:
    """A span whose words stand twice in the source, widened to its sentence(s) so that
    `add` can anchor it in one place; None if even they are not unique there."""
    first = bisect.bisect_right(around, (found.start, len(placer.raw))) - 1
    last = bisect.bisect_left(around, (found.end, 0)) - 1
    if first < 0 or last < first:
        return None
    start, end = around[first][0], around[last][1]
    if (start, end) == (found.start, found.end):
        return None
    wider = found._replace(start=start, end=end, quote=placer.raw[start:end])
    return wider if placer.anchorable(wider) else None
