"""Approximate search: the passage of a text closest to a quote, by edit distance.

Myers' bit-vector algorithm (1999, in Hyyrö's formulation) computes, for every end
position of the text, the least edit distance between the quote and any passage
ending there, one text character per step with the quote's columns packed into one
integer. A lossless filter keeps it to the windows that can hold a close passage:
split the quote into k+1 pieces and any passage within k edits contains one of them
verbatim (the pigeonhole principle), so only windows around their occurrences are
searched.

Every search takes a `Budget` of steps and stops, marking it exhausted, when the next
piece of work would overspend it: a hostile claims file of many long quotes that are
nowhere near the text must cost time in proportion to its number of claims.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_left
from dataclasses import dataclass
from typing import NamedTuple

from dprktrack.matching.textpos import Span

MOST_PLACES = 20
"""Equally close places reported per window: enough to say a passage is not unique."""
SCAN_PER_STEP = 512
"""Characters the filter's `str.find` reads for one step: it reads one in 0.1 ns (prose)
to 8 ns (a text of two letters), and a step of the distance takes 2 to 5 µs."""
STEP_COLUMNS = 3000
"""Quote characters one step covers; a longer quote's step counts for more than one."""
CLAIM_STEPS = 100_000
"""Most steps one claim's search may take (0.2 to 0.5 s): every bound of the filter
over the 12 KB article costs a 1,000-character quote of its words about 50,000, and a
bundled claim with a word changed finds its passage in 1,000 (11,000 at most)."""
RUN_STEPS = 100_000
"""Steps a run may take beside its claims' shares: a few claims may each search fully."""
RUN_STEPS_PER_CLAIM = 6_000
"""Each claim's share of its run (12 to 30 ms), set aside until its turn: a moved claim,
and most with a word changed, are searched however much the claims before them spent
(a thousand quotes with a few words changed in a 30 KB article all are); 1,000 claims
cost at most 6.1 million steps, under half a minute."""


@dataclass(slots=True)  # one per claim: kept cheap to build
class Budget:
    """Steps a search may still take: for one claim, and through `within` for its run.

    A step is one character of the text through the bit-vector distance, one place
    the filter finds a piece, or SCAN_PER_STEP characters it reads. A claim's budget
    is part of its run's and both are charged, so a run costs at most RUN_STEPS plus
    RUN_STEPS_PER_CLAIM a claim whatever the lengths of its quotes and sources. A run
    keeps `share` steps for each of its `waiting` claims, which they alone may spend.
    """

    left: int
    within: Budget | None = None
    share: int = 0
    waiting: int = 0
    exhausted: bool = False
    """Whether some work was refused: what the search found may not be all there is."""

    def available(self) -> int:
        """Steps that may still be spent here, the run's limit and reserve included."""
        own = self.left - self.share * self.waiting
        return own if self.within is None else min(own, self.within.available())

    def spend(self, steps: int) -> bool:
        """Take `steps` if they are all there; else take none and mark the budget exhausted."""
        if steps > self.available():
            self.exhausted = True
            return False
        self.left -= steps
        if self.within is not None:
            self.within.spend(steps)
        return True

    def exhaust(self) -> None:
        """Spend all that is left, on work already done that overran it, and mark it exhausted."""
        self.spend(self.available())
        self.exhausted = True

    def part(self, steps: int) -> Budget:
        """The budget of this run's next claim: at most `steps`, its share released to it."""
        self.waiting = max(0, self.waiting - 1)
        return Budget(steps, within=self)


def run_budget(claims: int, *, steps: int = RUN_STEPS, share: int = RUN_STEPS_PER_CLAIM) -> Budget:
    """The budget of a run that checks `claims` claims: `steps`, and `share` a claim."""
    return Budget(steps + share * claims, share=share, waiting=claims)


def claim_budget(run: Budget | None = None, *, steps: int = CLAIM_STEPS) -> Budget:
    """The next claim's budget, part of `run`'s (a run of that claim alone when None)."""
    return (run if run is not None else run_budget(1)).part(steps)


def _step_weight(quote: str) -> int:
    """Steps one character of the distance costs: a quote's columns share one integer,
    whose operations slow down past a few thousand of them (a 10,000-character quote's
    step takes about four times a short one's)."""
    return 1 + len(quote) // STEP_COLUMNS


def _spend(budget: Budget | None, steps: int) -> bool:
    """Charge a budget; with none, the search is unbounded (curators' own lookups)."""
    return budget is None or budget.spend(steps)


def _exhausted(budget: Budget | None) -> bool:
    return budget is not None and budget.exhausted


class Alignment(NamedTuple):
    """A passage of the text and its edit distance to the quote (a named tuple, cheaper
    to create at start than a frozen dataclass)."""

    span: Span
    distance: int


def best_passages(
    text: str,
    quote: str,
    max_distance: int,
    near: Span | None = None,
    budget: Budget | None = None,
) -> list[Alignment]:
    """The closest passages, best first, each within `max_distance` edits of the quote.

    Passages that overlap a better one are dropped, so two entries are two distinct
    places in the text. Cheap searches go first: around `near` (where the quote
    used to be), then with tight bounds, whose filter is sharp; each passage found
    lowers the bound of the searches that remain, and the wide bound (whose filter
    passes most of the text) is searched only when nothing closer exists. When the
    budget runs out, the search stops with what it has found so far.
    """
    if not quote or max_distance < 0:
        return []
    found: list[Alignment] = []
    searched = None
    if near is not None:
        reach = len(quote) // 2 + max_distance
        searched = Span(max(0, near.start - reach), min(len(text), near.end + reach))
        found = _search_window(text, quote, searched, max_distance, budget)
        if _exhausted(budget):
            return _distinct(found)
    bound = min((alignment.distance for alignment in found), default=max_distance + 1) - 1
    tiers = sorted({len(quote) // size - 1 for size in (16, 10, 6)} | {bound})
    for tier in (tier for tier in tiers if 0 <= tier <= bound):
        elsewhere = _passages_within(text, quote, tier, searched, budget)
        if elsewhere or _exhausted(budget):
            found.extend(elsewhere)
            break
    return _distinct(found)


def closest_in(
    text: str, quote: str, window: Span, max_distance: int, budget: Budget | None = None
) -> Alignment | None:
    """The closest passage inside one window of the text, if within `max_distance`."""
    found = _search_window(text, quote, window, max_distance, budget)
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
    """The best of each group of overlapping passages, best first.

    Kept passages never overlap, so in order of start they are in order of end too, and
    a passage overlaps one of them only if it overlaps its neighbours in that order.
    """
    distinct: list[Alignment] = []
    starts: list[int] = []
    ends: list[int] = []
    for alignment in sorted(
        found, key=lambda alignment: (alignment.distance, alignment.span.start)
    ):
        span = alignment.span
        at = bisect_left(starts, span.start)
        if (at < len(starts) and starts[at] < span.end) or (at and ends[at - 1] > span.start):
            continue
        starts.insert(at, span.start)
        ends.insert(at, span.end)
        distinct.append(alignment)
    return distinct


def _passages_within(
    text: str,
    quote: str,
    max_distance: int,
    searched: Span | None = None,
    budget: Budget | None = None,
) -> list[Alignment]:
    """Passages within `max_distance` in the windows the filter lets through.

    A window inside `searched` (already searched at a bound at least as wide) is skipped.
    """
    found: list[Alignment] = []
    for window in _candidate_windows(text, quote, max_distance, budget):
        if searched and searched.start <= window.start and window.end <= searched.end:
            continue
        found.extend(_search_window(text, quote, window, max_distance, budget))
        if _exhausted(budget):
            break
    return found


def _candidate_windows(
    text: str, quote: str, max_distance: int, budget: Budget | None = None
) -> list[Span]:
    """Windows of the text that can hold a passage within `max_distance` edits, merged.

    Each piece's scan of the text and each place it occurs are charged to the budget
    (counted here and charged once, as a piece may occur at thousands of places); when
    it runs out, no window is left to search.
    """
    pieces = max_distance + 1
    size = len(quote) // pieces
    if size < 3:
        return [Span(0, len(text))]
    allowance = budget.available() if budget is not None else sys.maxsize
    scan = len(text) // SCAN_PER_STEP + 1
    used = 0
    begins: list[int] = []  # where a passage would begin were it the quote verbatim
    for number in range(pieces):
        offset = number * size
        piece = quote[offset : offset + size]
        used += scan
        at = text.find(piece) if used <= allowance else -1
        while at != -1 and used < allowance:
            used += 1
            begins.append(at - offset)
            at = text.find(piece, at + 1)
        if budget is not None and (used > allowance or at != -1):
            budget.exhaust()  # the scans so far took what there was
            return []
    _spend(budget, used)
    return _merged(begins, max_distance, len(quote) + max_distance, len(text))


def _merged(begins: list[int], before: int, after: int, length: int) -> list[Span]:
    """The windows from `before` characters ahead of each begin to `after` past it, merged."""
    if not begins:
        return []
    ordered = sorted(begins)
    merged: list[Span] = []
    start, end = max(0, ordered[0] - before), -1
    for begin in ordered:  # every window is as wide: the last one reaches furthest
        if end >= 0 and begin - before > end:
            merged.append(Span(start, end))
            start = begin - before
        end = min(length, begin + after)
    merged.append(Span(start, end))
    return merged


def _search_window(
    text: str, quote: str, window: Span, max_distance: int, budget: Budget | None = None
) -> list[Alignment]:
    """The closest passages inside one window, at least half a quote's length apart.

    Only ends at the window's least distance are kept (callers want the closest
    passage and whether another is as close), and an end near one already taken is
    skipped, so the costlier search for where a passage starts runs once per place.
    Each character the distance steps through is charged to the budget beforehand.
    """
    weight = _step_weight(quote)
    if not _spend(budget, (window.end - window.start) * weight):
        return []
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
        reach = max(0, end - len(quote) - least)
        if not _spend(budget, (end - reach) * weight):
            break
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
    on either side of a change, with `…` for what is left out. (difflib is imported here:
    only a failing claim's message needs it.)
    """
    import difflib

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
