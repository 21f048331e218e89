"""Quoted passages in every common style: “…” "…" «…» „…“ ‘…’ '…' and ‚…‘, nested.

An apostrophe (Velmora’s, don't) is told from a single quotation mark by its neighbours:
a mark opens only after a space or punctuation and before a word, and closes only where
no letter follows.
"""

from __future__ import annotations

from typing import NamedTuple

_PAIRS = {"“": "”", "«": "»", "„": "“”", "‘": "’", "‚": "‘’", '"': '"', "'": "'", "‹": "›"}
_SINGLE = frozenset("‘’‚'‹›")
_MARKS = frozenset(_PAIRS) | frozenset("”’›»“‘")
"""Every mark that may open or close a quotation."""
OPENING = "“\"«„‘'"
"""The marks a quotation after a reporting clause may open with ("said: “…”")."""


class Quoted(NamedTuple):
    """A quotation: `start` at its opening mark, `end` just after its closing mark."""

    start: int
    end: int
    depth: int
    """0 for a quotation in the text itself, 1 for one inside another, and so on."""

    @property
    def inner(self) -> tuple[int, int]:
        """The quoted words without their marks."""
        return self.start + 1, self.end - 1


def quotations(text: str, start: int = 0, end: int | None = None) -> list[Quoted]:
    """The quotations of text[start:end], in order of their opening marks.

    A mark left open at the end of the stretch is no quotation (a stray or broken mark).
    """
    end = len(text) if end is None else end
    stack: list[tuple[str, int]] = []
    found: list[Quoted] = []
    for index in _marks(text, start, end):
        char = text[index]
        if stack and char in _PAIRS[stack[-1][0]] and _may_close(text, index, char):
            _, at = stack.pop()
            found.append(Quoted(at, index + 1, len(stack)))
        elif char in _PAIRS and _may_open(text, index, char):
            stack.append((char, index))
    return sorted(found, key=lambda quoted: quoted.start)


def _marks(text: str, start: int, end: int) -> list[int]:
    """Where the marks of text[start:end] stand, in order: each mark's own search, so
    that the scan reads the marks alone, not every character."""
    found = []
    for mark in _MARKS:
        at = text.find(mark, start, end)
        while at != -1:
            found.append(at)
            at = text.find(mark, at + 1, end)
    return sorted(found)


def _may_open(text: str, index: int, char: str) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if after.isspace():
        return False
    if char in _SINGLE or char == '"':
        return not before.isalnum()
    return True


def _may_close(text: str, index: int, char: str) -> bool:
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if before.isspace():
        return False
    if char in _SINGLE:
        return not after.isalnum()
    return True


def outermost(found: list[Quoted]) -> list[Quoted]:
    """The quotations that sit in the text itself, not inside another."""
    return [quoted for quoted in found if quoted.depth == 0]
