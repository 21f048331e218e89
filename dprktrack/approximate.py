"""Approximate search: the passage of a text closest to a quote, by edit distance.

Myers' bit-vector algorithm (1999, in Hyyrö's formulation) computes, for every end
position of the text, the least edit distance between the quote and any passage
ending there, one text character per step with the quote's columns packed into one
integer. A lossless filter keeps it to the windows that can hold a close passage:
split the quote into k+1 pieces and any passage within k edits contains one of them
verbatim (the pigeonhole principle), so only windows around their occurrences are
searched.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from dprktrack.anchor import Span

MOST_PLACES = 20
"""Equally close places reported per window: enough to say a passage is not unique."""


@dataclass(frozen=True)
class Alignment:
    """A passage of the text and its edit distance to the quote."""

    span: Span
    distance: int


def best_passages(
    text: str, quote: str, max_distance: int, near: Span | None = None
) -> list[Alignment]:
    """The closest passages, best first, each within `max_distance` edits of the quote.

    Passages that overlap a better one are dropped, so two entries are two distinct
    places in the text. Cheap searches go first: around `near` (where the quote
    used to be), then with tight bounds, whose filter is sharp; each passage found
    lowers the bound of the searches that remain, and the wide bound (whose filter
    passes most of the text) is searched only when nothing closer exists.
    """
    if not quote or max_distance < 0:
        return []
    found: list[Alignment] = []
    searched = None
    if near is not None:
        reach = len(quote) // 2 + max_distance
        searched = Span(max(0, near.start - reach), min(len(text), near.end + reach))
        found = _search_window(text, quote, searched, max_distance)
    bound = min((alignment.distance for alignment in found), default=max_distance + 1) - 1
    tiers = sorted({len(quote) // size - 1 for size in (16, 10, 6)} | {bound})
    for tier in (tier for tier in tiers if 0 <= tier <= bound):
        elsewhere = _passages_within(text, quote, tier, searched)
        if elsewhere:
            found.extend(elsewhere)
            break
    return _distinct(found)


def closest_in(text: str, quote: str, window: Span, max_distance: int) -> Alignment | None:
    """The closest passage inside one window of the text, if within `max_distance`."""
    found = _search_window(text, quote, window, max_distance)
    return min(found, key=lambda alignment: alignment.distance, default=None)


def similarity(quote: str, passage: str) -> float:
    """1 - edits/length of the longer: how close a passage is to the quote, whole to whole."""
    longest = max(len(quote), len(passage))
    if not longest:
        return 1.0
    if not quote or not passage:
        return 0.0  # every character differs
    return 1 - _end_distances(quote, passage, anchored=True)[-1] / longest


def _distinct(found: list[Alignment]) -> list[Alignment]:
    distinct: list[Alignment] = []
    for alignment in sorted(
        found, key=lambda alignment: (alignment.distance, alignment.span.start)
    ):
        if not any(alignment.span.overlaps(kept.span) for kept in distinct):
            distinct.append(alignment)
    return distinct


def _passages_within(
    text: str, quote: str, max_distance: int, searched: Span | None = None
) -> list[Alignment]:
    """Passages within `max_distance` in the windows the filter lets through.

    A window inside `searched` (already searched at a bound at least as wide) is skipped.
    """
    found: list[Alignment] = []
    for window in _candidate_windows(text, quote, max_distance):
        if searched and searched.start <= window.start and window.end <= searched.end:
            continue
        found.extend(_search_window(text, quote, window, max_distance))
    return found


def _candidate_windows(text: str, quote: str, max_distance: int) -> list[Span]:
    """Windows of the text that can hold a passage within `max_distance` edits, merged."""
    pieces = max_distance + 1
    size = len(quote) // pieces
    reach = len(quote) + max_distance
    if size < 3:
        return [Span(0, len(text))]
    windows: list[Span] = []
    for number in range(pieces):
        offset = number * size
        piece = quote[offset : offset + size]
        at = text.find(piece)
        while at != -1:
            begin = at - offset  # where the passage would begin were it the quote verbatim
            windows.append(Span(max(0, begin - max_distance), min(len(text), begin + reach)))
            at = text.find(piece, at + 1)
    return _merge(windows)


def _merge(windows: list[Span]) -> list[Span]:
    merged: list[Span] = []
    for window in sorted(windows, key=lambda span: span.start):
        if merged and window.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, window.end))
        else:
            merged.append(window)
    return merged


def _search_window(text: str, quote: str, window: Span, max_distance: int) -> list[Alignment]:
    """The closest passages inside one window, at least half a quote's length apart.

    Only ends at the window's least distance are kept (callers want the closest
    passage and whether another is as close), and an end near one already taken is
    skipped, so the costlier search for where a passage starts runs once per place.
    """
    segment = text[window.start : window.end]
    profile = _end_distances(quote, segment)
    least = min(profile, default=max_distance + 1)
    if least > max_distance:
        return []
    closest = [end for end, distance in enumerate(profile, start=1) if distance == least]
    # Of a run of neighbouring ends equally close, the last: a passage that differs in its
    # final character ("not!" for "not.") keeps that character rather than losing it.
    ends = set(closest)
    candidates = [end for end in closest if end + 1 not in ends]
    spacing = max(1, len(quote) // 2)
    taken: list[int] = []
    results = []
    for end in candidates:
        if len(taken) == MOST_PLACES:
            break
        if any(abs(end - other) < spacing for other in taken):
            continue
        taken.append(end)
        start = _best_start(quote, segment, end, least)
        results.append(Alignment(Span(window.start + start, window.start + end), least))
    return results


def _end_distances(pattern: str, text: str, *, anchored: bool = False) -> list[int]:
    """For each end j (1-based), the least distance of `pattern` to a passage ending at j.

    Anchored, the passage must start at the text's beginning (plain edit distance of
    each prefix of the text); otherwise it may start anywhere.
    """
    length = len(pattern)
    mask = (1 << length) - 1
    high = 1 << (length - 1)
    peq: dict[str, int] = {}
    for position, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << position)
    vp, vn, score = mask, 0, length
    carry = 1 if anchored else 0
    scores = []
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | vn
        xh = (((eq & vp) + vp) ^ vp) | eq
        hp = vn | (~(xh | vp) & mask)
        hn = vp & xh
        if hp & high:
            score += 1
        elif hn & high:
            score -= 1
        hp = ((hp << 1) | carry) & mask
        hn = (hn << 1) & mask
        vp = hn | (~(xv | hp) & mask)
        vn = hp & xv
        scores.append(score)
    return scores


def _best_start(quote: str, segment: str, end: int, distance: int) -> int:
    """Where the best passage ending at `end` begins: align backwards, prefer the quote's length."""
    reach = max(0, end - len(quote) - distance)
    backwards = _end_distances(quote[::-1], segment[reach:end][::-1], anchored=True)
    best = None
    for length, score in enumerate(backwards, start=1):
        if score == distance and (
            best is None or abs(length - len(quote)) < abs(best - len(quote))
        ):
            best = length
    return end - (best if best is not None else len(quote))


_WORD = re.compile(r"\S+")


def word_diff(expected: str, found: str, context: int = 4) -> str:
    """The claim's words against the source's, git-style: `[-claim-]{+source+}`.

    Runs of equal words longer than twice `context` are cut down to `context` words
    on either side of a change, with `…` for what is left out.
    """
    old = _WORD.findall(expected)
    new = _WORD.findall(found)
    parts: list[str] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    opcodes = matcher.get_opcodes()
    if all(tag == "equal" for tag, *_ in opcodes):
        return ""  # the same words; only the spaces between them differ
    for number, (tag, i1, i2, j1, j2) in enumerate(opcodes):
        if tag == "equal":
            parts.extend(_equal_run(old[i1:i2], context, number, len(opcodes)))
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(old[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(new[j1:j2]) + "+}")
    return " ".join(parts)


def _equal_run(words: list[str], context: int, number: int, count: int) -> list[str]:
    """Equal words kept near the changes before and after them, the middle elided."""
    keep_head = context if number > 0 else 0
    keep_tail = context if number < count - 1 else 0
    if len(words) <= keep_head + keep_tail + 1:
        return words
    return [*words[:keep_head], "…", *words[len(words) - keep_tail :]]
