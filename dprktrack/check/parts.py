"""The parts of a placed passage a quote quotes: its kept pieces when it omits words.

`check` places a quote with omissions (`one two … five six`) at one span, from its
first kept piece to its last; the words it leaves out lie inside. A view that shows
the passage (the report's highlights) shows the kept pieces only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dprktrack.matching.matcher import Document

Parts = tuple[tuple[int, int], ...]


@dataclass
class QuotedParts:
    """Finds the quoted parts of placed passages, each source's matcher view built once."""

    documents: dict[str, Document] = field(default_factory=dict)

    def of(self, source_id: str, text: str, quote: str, span: tuple[int, int]) -> Parts:
        """The (start, end) of each part of `span` that `quote` quotes: its kept pieces found
        again at the span as the check found them, else the span whole."""
        from dprktrack.matching import omissions

        if not omissions.has_markers(quote):
            return (span,)
        from dprktrack.matching.matcher import Document, match_quote
        from dprktrack.matching.textpos import Span

        document = self.documents.get(source_id)
        if document is None or document.raw != text:
            document = self.documents[source_id] = Document(text)
        match = match_quote(document, quote, document.hints_for(Span(*span)))
        found = match.span
        if not match.by_pieces or found is None or (found.start, found.end) != span:
            return (span,)
        return tuple((piece.start, piece.end) for piece in match.spans if piece.start < piece.end)
