"""Line:column positions in a source text, apart from `textpos` so that a command needing
only them (`suggest`) is spared compiling the paragraph and sentence patterns."""

from __future__ import annotations

import re
from bisect import bisect_right

CONTEXT_LENGTH = 32
"""Characters of prefix and suffix stored with a quote (as in W3C TextQuoteSelector)."""


class LineIndex:
    """Line starts of a text, so each offset's line:column costs a binary search."""

    def __init__(self, text: str) -> None:
        self._starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def position(self, offset: int) -> tuple[int, int]:
        line = bisect_right(self._starts, offset)
        return line, offset - self._starts[line - 1] + 1
