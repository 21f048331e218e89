"""The verdict on one claim: does its quote still stand in its source, where it says?

`judged` gives the claim a stable verdict slug (see `findings.VERDICTS`), a message
a person can act on, and, where the repair is safe, the new field values `--fix`
may write. Nothing here writes files; `run` checks a whole claims file.
"""

from __future__ import annotations

from typing import Any

from dprktrack.check.findings import VERDICTS, Finding, plural
from dprktrack.check.quotefix import (
    differs_in_white_space_only,
    hidden_character,
    named,
    single_spaced,
)
from dprktrack.check.repairs import fresh_anchors, unrepaired
from dprktrack.errors import JsonPath
from dprktrack.matching import departures, omissions
from dprktrack.matching.approximate import (
    SCAN_PER_STEP,
    Budget,
    claim_budget,
    closest_in,
    word_diff,
)
from dprktrack.matching.boundaries import cut_word
from dprktrack.matching.matcher import (
    SHORTEST_APPROXIMATE,
    Document,
    Hints,
    Match,
    match_quote,
    minimum_score,
    source_spelling,
)
from dprktrack.matching.textpos import CONTEXT_LENGTH, Span
from dprktrack.schema.records import Claim
from dprktrack.schema.rules import MAX_TEXT

LOOK_ALIKE_CONTEXT = 0.5
"""Below this agreement with its stored prefix/suffix, a lone occurrence is a look-alike."""


def claim_finding(
    document: Document, claim: Claim, index: int, budget: Budget | None = None
) -> Finding:
    """The verdict on one claim, the `index`-th of the claims file (for its JSON path).

    Its searches spend `budget` (a claim's own budget, as if checked alone, when None).
    """
    return judged(document, claim, index, budget)[0]


def judged(
    document: Document, claim: Claim, index: int, budget: Budget | None = None
) -> tuple[Finding, departures.Review]:
    """The verdict on one claim and the departures it was given for (for `approve`).

    A repair is offered only if the claim it makes passes at once and needs nothing
    more: so `--fix` never turns a claim into one that fails, and a second run of it
    finds nothing to do.
    """
    finding, review = _judged(document, claim, index, budget or claim_budget())
    unsettled = _unsettled(document, claim, finding)
    return (finding if unsettled is None else unrepaired(finding, unsettled)), review


def _unsettled(document: Document, claim: Claim, finding: Finding) -> str | None:
    """Why the claim with the finding's repair applied would not pass with nothing left to
    repair, or None when it would (or there is no repair)."""
    repair = finding.repair
    if not repair or ("quote" not in repair and finding.found == claim.quote):
        return None  # verbatim where its fresh anchors point: the quick path takes it there
    repaired = _judged(document, claim._replace(**repair), 0, claim_budget())[0]
    if repaired.severity() == "pass" and not repaired.repair:
        return None
    return f"repaired, check would find it {repaired.verdict} at once"


def _judged(
    document: Document, claim: Claim, index: int, budget: Budget
) -> tuple[Finding, departures.Review]:
    if anchored_here(document.raw, claim):
        # The common case, kept cheap: quote, offsets and context all as recorded.
        assert claim.start is not None
        return Finding(
            claim.id, "claim", "ok", claim.source, "at its recorded offsets", ("claims", index),
            start=claim.start, end=claim.end, expected=claim.quote, found=claim.quote,
        ), _NO_DEPARTURES  # fmt: skip
    hints = Hints(claim.start, claim.end, claim.prefix, claim.suffix)
    match = match_quote(document, claim.quote, hints, budget=budget)
    review = _review(document, claim, match)
    path = ("claims", index)
    return _verdict(document, claim, hints, match, path, review=review, budget=budget), review


_NO_DEPARTURES = departures.Review((), ())


def placed_span(document: Document, claim: Claim) -> Span | None:
    """Where the claim's quote stands, as far as `check` would vouch for it, or None.

    Lookups show a quote where check would not fail it: at its anchors, moved, or in
    the source's own typography; never on a look-alike, a changed passage or a guess.
    """
    finding = claim_finding(document, claim, 0)
    if finding.severity() == "failure" or finding.start is None or finding.end is None:
        return None
    return Span(finding.start, finding.end)


def anchored_here(raw: str, claim: Claim) -> bool:
    """Whether the claim's offsets, prefix and suffix all still hold, character for character."""
    start, end, quote = claim.start, claim.end, claim.quote
    if (
        start is None
        or end is None
        or end - start != len(quote)
        or not raw.startswith(quote, start)
        or cut_word(raw, start, end) is not None
    ):
        return False
    prefix = raw[max(0, start - CONTEXT_LENGTH) : start]
    return claim.prefix == prefix and claim.suffix == raw[end : end + CONTEXT_LENGTH]


Outcome = tuple[str, str, dict[str, Any]]
"""A verdict, its message, and extra Finding fields (diff, repair)."""


def _verdict(
    document: Document,
    claim: Claim,
    hints: Hints,
    match: Match,
    path: JsonPath,
    *,
    review: departures.Review,
    budget: Budget,
) -> Finding:
    failed = _failure(document, claim, hints, match, review=review, budget=budget)
    verdict, message, extra = failed or _placed(document, claim, hints, match)
    if review.departures and verdict != "altered" and VERDICTS[verdict] != "failure":
        message += f" ({plural(len(review.departures), 'approved departure')})"
    if verdict in {"missing", "changed"}:
        message += f"; {looked_for(claim.quote)}"
    span = match.span
    if span is not None:
        extra = {"start": span.start, "end": span.end, "found": document.slice(span), **extra}
    return Finding(
        claim.id, "claim", verdict, claim.source, message, path, expected=claim.quote, **extra
    )


LOOKED_FOR_LENGTH = 60
"""About how many characters of a failing quote its message shows."""


def looked_for(quote: str, limit: int = LOOKED_FOR_LENGTH) -> str:
    """`looked for “Russia vetoed the extension of…” (152 characters)`: the quote a
    `missing` or `changed` finding could not find, cut at a word, so a reader knows
    which words to look for without the claims file open."""
    words = " ".join(quote.split())
    if len(words) > limit:
        cut = words.rfind(" ", 0, limit + 1)
        words = words[: cut if cut > limit // 2 else limit].rstrip() + "…"
    return f"looked for “{words}” ({plural(len(quote), 'character')})"


def _review(document: Document, claim: Claim, match: Match) -> departures.Review:
    """The quote's omissions and alterations where it was found (none for a whole quote)."""
    if not match.by_pieces or match.span is None:
        return _NO_DEPARTURES
    return departures.review(claim.quote, document.raw, match.spans, match.span)


def _failure(
    document: Document,
    claim: Claim,
    hints: Hints,
    match: Match,
    *,
    review: departures.Review,
    budget: Budget,
) -> Outcome | None:
    """The failing verdicts: nothing found, too much found, a passage that reads otherwise,
    or departures from the source's words that turn it around or that no person approved."""
    span = match.span
    if match.stage == "ambiguous":
        return "ambiguous", _ambiguous_message(document, match), {}
    if match.stage == "none" or span is None:
        return "missing", _missing_message(match, hints, claim.id), {}
    if match.stage == "approximate":
        return _reads_differently(document, claim, match, span)
    return _misread(document, claim, hints, match, review=review, budget=budget)


def _misread(
    document: Document,
    claim: Claim,
    hints: Hints,
    match: Match,
    *,
    review: departures.Review,
    budget: Budget,
) -> Outcome | None:
    """A quote found whose departures or recorded place say it may not stand for the source."""
    span = match.span
    assert span is not None
    if review.refusals:
        more = f" (and {len(review.refusals) - 1} more)" if len(review.refusals) > 1 else ""
        return "changed", review.refusals[0] + more, {"diff": _departure_diff(review)}
    look_alike = _look_alike(document, claim, hints, match, budget)
    if look_alike is not None:
        return look_alike
    if review.departures and claim.review_pin != review.pin:
        diff = _departure_diff(review)
        return "altered", _altered_message(document, claim, review), {"diff": diff}
    return None


def _look_alike(
    document: Document, claim: Claim, hints: Hints, match: Match, budget: Budget
) -> Outcome | None:
    """A failure if the quote found elsewhere may be a look-alike of its edited place."""
    span = match.span
    assert span is not None
    recorded = _recorded_place(document, claim, hints, match, budget)
    if recorded is not None:
        message = (
            f"the quote's recorded place, {document.where(recorded.start)}, now reads "
            f"differently; the same words at {document.where(span.start)} are a look-alike "
            "and were not re-attached"
        )
        return "changed", message, {"diff": word_diff(claim.quote, document.slice(recorded))}
    if budget.exhausted:
        message = (
            f"found at {document.where(span.start)}, not at its recorded offsets, and the "
            f"search for what its recorded place now reads {_OUT_OF_BUDGET}; "
            f"{_budget_advice(claim.id)}"
        )
        return "changed", message, {}
    return None


def _altered_message(document: Document, claim: Claim, review: departures.Review) -> str:
    count = plural(len(review.departures), "departure")
    first = review.departures[0]
    listed = f"first at {document.where(first.at)}"
    if claim.review_pin is None:
        state = "that no review has approved"
    else:
        state = "that differ from the ones approved (its review_pin no longer matches)"
    return (
        f"the quote has {count} from the source's words {state}, {listed}; read them, "
        f"then `dprktrack approve {claim.id}` if they keep the source's meaning"
    )


def _departure_diff(review: departures.Review) -> str:
    """Each departure as the quote's marks beside the source's words, in the word-diff form."""
    return "; ".join(
        f"[-{departure.replacement}-]{{+{departure.source or '(nothing)'}+}}"
        for departure in review.departures
    )


def _placed(document: Document, claim: Claim, hints: Hints, match: Match) -> Outcome:
    """A quote found in one place: ok, or a warning with the repair that settles it."""
    if match.stage == "typography":
        return _retyped(document, claim, hints, match)
    return _located(document, claim, hints, match)


def _located(
    document: Document, claim: Claim, hints: Hints, match: Match, note: str = ""
) -> Outcome:
    """The quote as written stands here: ok, or moved; either way, fresh anchors repair it.

    A span that is exactly the recorded one is at its recorded offsets, whichever
    search stage found it (a quote with omissions in other white space is found by
    the typographic search, never by the hint).
    """
    assert match.span is not None
    span = match.span
    where = document.where(span.start)
    at_hint = match.selected_by == "hint" or (hints.start, hints.end) == (span.start, span.end)
    stale = {
        key: value
        for key, value in fresh_anchors(document, span).items()
        if getattr(claim, key) != value
    }
    if at_hint and not stale:
        return "ok", f"found at its recorded offsets at {where}{note}", {}
    if not at_hint and hints.start is not None:
        message = (
            f"found at {where} (offsets {span.start}–{span.end}), not at its recorded offsets "
            f"{hints.start}–{hints.end}: the source or the quote changed since it was anchored"
        )
        moved = {"repair": stale, "shift": span.start - hints.start, "place": where}
        return "moved", message + note, moved
    how = _HOW["hint" if at_hint else match.selected_by]
    return "ok", f"found {how} at {where}{note}", {"repair": stale}


_SPACED_NOTE = " (white space differs: the source breaks or spaces the quote otherwise)"


def _retyped(document: Document, claim: Claim, hints: Hints, match: Match) -> Outcome:
    """A quote that matches only after normalisation.

    Differing in white space only (a re-wrapped paragraph), a quote written as one line
    with single spaces stands as it is and is only re-anchored. Otherwise the repair
    takes the source's characters for the typographic differences, its white space
    folded to single spaces; it is refused when it would carry a character no reader
    sees (a control, zero-width or bidi character), which the match would need.
    """
    assert match.span is not None
    where = document.where(match.span.start)
    spelling = source_spelling(document, claim.quote, match)
    quote = single_spaced(spelling)
    if differs_in_white_space_only(claim.quote, spelling):
        if claim.quote == quote:
            return _located(document, claim, hints, match, _SPACED_NOTE)
        message = (
            f"matches at {where} in other white space only, but the quote is not one line "
            "with single spaces; --fix writes it so"
        )
        return _with_repair(message, {}, quote, fresh_anchors(document, match.span))
    message = (
        f"matches at {where} only after typographic normalisation: "
        f"{_first_difference(single_spaced(claim.quote), quote)}"
    )
    extra = {"diff": _typography_diff(claim.quote, quote)}
    return _with_repair(message, extra, quote, fresh_anchors(document, match.span))


def _with_repair(
    message: str, extra: dict[str, Any], quote: str, anchors: dict[str, Any]
) -> Outcome:
    """A typography verdict with its repair, unless the new quote would hide a character or
    be longer than a quote may be (decomposed accents take two characters each)."""
    hidden = hidden_character(quote)
    reason = None
    if hidden is not None:
        reason = f"the source's spelling holds {named(hidden)}, which a quote must not carry"
    elif len(quote) > MAX_TEXT:
        reason = f"the source's spelling is longer than a quote may be ({MAX_TEXT:,} characters)"
    if reason is not None:
        return "typography", f"{message} (--fix leaves it alone: {reason})", extra
    return "typography", message, {**extra, "repair": {"quote": quote, **anchors}}


_PAIRED_DIFF_WORK = 250_000
"""Most words times words a typography diff that cannot pair its words may compare."""


def _typography_diff(quote: str, spelling: str) -> str:
    """The word diff of a typographic match, word for word.

    Normalisation changes characters, not where words break, so the words pair up in
    order; comparing them pair by pair costs nothing, where a general diff of a long
    quote of repeated words would take minutes (a claims file from anyone must not).
    Should they not pair up, a general diff is made only if it is small.
    """
    old, new = quote.split(), spelling.split()
    if len(old) != len(new):
        return word_diff(quote, spelling) if len(old) * len(new) <= _PAIRED_DIFF_WORK else ""
    runs: list[tuple[bool, list[str], list[str]]] = []
    for mine, theirs in zip(old, new, strict=True):
        if runs and runs[-1][0] == (mine == theirs):
            runs[-1][1].append(mine)
            runs[-1][2].append(theirs)
        else:
            runs.append((mine == theirs, [mine], [theirs]))
    if all(same for same, _, _ in runs):
        return ""
    parts: list[str] = []
    for number, (same, mine_run, theirs_run) in enumerate(runs):
        if same:
            parts += _kept(mine_run, first=number == 0, last=number == len(runs) - 1)
        else:
            parts += ["[-" + " ".join(mine_run) + "-]", "{+" + " ".join(theirs_run) + "+}"]
    return " ".join(parts)


def _kept(words: list[str], *, first: bool, last: bool, context: int = 4) -> list[str]:
    """Equal words around the changes, as `word_diff` keeps them: `context` either side."""
    head, tail = (0 if first else context), (0 if last else context)
    if len(words) <= head + tail + 1:
        return words
    return [*words[:head], "…", *words[len(words) - tail :]]


_HOW = {
    "hint": "at its recorded offsets",
    "unique": "exactly once",
    "context": "by its prefix/suffix",
}


def _recorded_place(
    document: Document, claim: Claim, hints: Hints, match: Match, budget: Budget
) -> Span | None:
    """Where the quote used to be, if that place survives and now reads differently.

    A quote found by search (not at its hint) may be a look-alike of a passage that was
    edited; re-attaching the claim to it would silently change what it cites. It is
    one when the recorded prefix and suffix still enclose a passage of about the
    quote's length elsewhere, or when the recorded offsets still hold a passage close
    to the quote. When the recorded place is simply gone (text inserted around the
    quote shifted it away), the quote has moved. Both searches spend `budget`; when it
    runs out, neither is settled and the caller must fail the claim.
    """
    span = match.span
    if span is None or match.selected_by == "hint":
        return None
    enclosed = None
    if hints.prefix and hints.suffix and (match.context or 0.0) < LOOK_ALIKE_CONTEXT:
        enclosed = _between(
            document.raw, hints.prefix, hints.suffix, len(claim.quote), span, budget=budget
        )
    return enclosed or _edited_at_hint(document.raw, claim.quote, hints, span, budget)


def _between(
    raw: str, prefix: str, suffix: str, length: int, found: Span, *, budget: Budget
) -> Span | None:
    """A passage of about `length` between the prefix and suffix, away from `found`.

    Each place the prefix occurs costs a step, and its look for the suffix more: a
    prefix found everywhere must not cost a claim more than its budget.
    """
    look = 1 + (2 * length + len(suffix)) // SCAN_PER_STEP
    if not budget.spend(1 + len(raw) // SCAN_PER_STEP):
        return None
    before = raw.find(prefix)
    while before != -1:
        if not budget.spend(look):
            return None
        start = before + len(prefix)
        after = raw.find(suffix, start, start + 2 * length + len(suffix))
        if after - start >= length // 2 and not Span(start, after).overlaps(found):
            return Span(start, after)
        before = raw.find(prefix, before + 1)
    return None


def _edited_at_hint(raw: str, quote: str, hints: Hints, found: Span, budget: Budget) -> Span | None:
    """The passage at the recorded offsets, when it is still close to the quote."""
    if hints.start is None or hints.end is None or hints.end > len(raw):
        return None
    hinted = Span(hints.start, hints.end)
    if hinted.overlaps(found) or len(quote) < SHORTEST_APPROXIMATE:
        return None
    bound = int((1 - minimum_score(len(quote))) * len(quote))
    window = Span(max(0, hinted.start - bound), min(len(raw), hinted.end + bound))
    closest = closest_in(raw, quote, window, bound, budget)
    if closest is None or closest.distance == 0 or closest.span.overlaps(found):
        return None  # gone, or another verbatim copy (which the search weighed already)
    return closest.span


def _ambiguous_message(document: Document, match: Match) -> str:
    places = ", ".join(document.where(candidate.start) for candidate in match.candidates[:5])
    more = ", …" if len(match.candidates) > 5 else ""
    count = f"at least {len(match.candidates)}" if match.uncounted else str(len(match.candidates))
    return (
        f"the quote occurs {count} times (at {places}{more}) and no recorded "
        "prefix/suffix selects one; quote more of the passage"
    )


def _reads_differently(document: Document, claim: Claim, match: Match, span: Span) -> Outcome:
    if match.edit == 1.0 and not omissions.has_markers(claim.quote):
        message = (
            f"the quote stands in the source only inside longer words (at "
            f"{document.where(span.start)}): a quote begins and ends on whole words and "
            "whole characters of the source"
        )
        return "changed", message, {}
    if match.edit == 1.0 and omissions.has_markers(claim.quote):
        message = (
            "the quote's kept pieces are not in order, close together, inside one paragraph "
            f"of the source (its longest piece is at {document.where(span.start)})"
        )
        return "changed", message, {}
    diff = word_diff(claim.quote, document.slice(span))
    return "changed", _changed_message(document, match, span), {"diff": diff}


_OUT_OF_BUDGET = "ran out of its budget before it was done"


def _budget_advice(claim_id: str) -> str:
    """What to do about a claim whose search ran out of budget (see README, Limits)."""
    return (
        f"quote it exactly, re-anchor it with `dprktrack locate`, or check it alone "
        f"(`dprktrack check {claim_id}`)"
    )


def _missing_message(match: Match, hints: Hints, claim_id: str) -> str:
    if match.exhausted:
        searched = "where its kept pieces fit" if match.by_pieces else "a close passage"
        message = (
            f"not in the source verbatim, and the search for {searched} {_OUT_OF_BUDGET}; "
            f"{_budget_advice(claim_id)}"
        )
    elif match.too_long:
        message = (
            "not in the source verbatim, and too long (for this source) to look for a close passage"
        )
    elif match.bound:
        message = f"not in the source, and no passage is within {match.bound} edits of it"
    else:
        message = "not in the source, and too short to look for a close passage"
    if hints.start is not None:
        message += f"; it was recorded at offsets {hints.start}–{hints.end}"
    return message


def _changed_message(document: Document, match: Match, span: Span) -> str:
    scores = [f"edit {match.edit:.2f}"]
    if match.context is not None:
        scores.append(f"context {match.context:.2f}")
    if match.position is not None:
        scores.append(f"position {match.position:.2f}")
    others = f"; {match.alternatives} other passage(s) as close" if match.alternatives else ""
    cut = f"; the search {_OUT_OF_BUDGET}, so a closer passage may exist" if match.exhausted else ""
    return (
        f"the source reads differently: closest passage at {document.where(span.start)} "
        f"({', '.join(scores)}){others}{cut}"
    )


def _first_difference(claim: str, source: str) -> str:
    """The first characters where the claim's spelling and the source's part ways."""
    index = 0
    while index < min(len(claim), len(source)) and claim[index] == source[index]:
        index += 1
    start = max(0, index - 3)
    return (
        f"claim has {claim[start : index + 3]!r}, source has {source[start : index + 3]!r}"
        f" (character {index + 1} of the quote)"
    )
