"""What `check --fix` may write into a quote: one line, single spaces, nothing hidden.

A source re-wrapped, indented or typed with non-breaking spaces says the same words;
its raw characters must not leak into a quote, where a line break, a control, a
zero-width or a bidi character would hide what the quote says, or make the
claims file lie to the person reading it.
"""

from __future__ import annotations

import re
import unicodedata

_WHITE_SPACE = re.compile(r"\s+")
# Controls (C0, C1, DEL), format characters (zero-width, soft hyphen, word joiner, byte
# order mark, bidi marks, embeddings, overrides and isolates), line and paragraph
# separators, and surrogates: none shows as itself.
_HIDDEN = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))


def single_spaced(text: str) -> str:
    """`text` with each run of white space (line breaks, tabs, NBSP included) one space,
    trimmed: how a quote reads, however its source is laid out."""
    return _WHITE_SPACE.sub(" ", text).strip()


def differs_in_white_space_only(quote: str, spelling: str) -> bool:
    """Whether the quote and the source's spelling of it read the same, word for word."""
    return single_spaced(quote) == single_spaced(spelling)


def hidden_character(text: str) -> str | None:
    """The first character a quote written by `--fix` must not hold, or None."""
    return next((char for char in text if unicodedata.category(char) in _HIDDEN), None)


def named(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`: a character no reader would see, named."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")
