"""Integrity verdicts: does every claim's quote still stand in its source, where it says?

`run_check` gives one finding per claim checked (and one per source whose bytes no
longer match their pin), each with a stable verdict slug and, where the repair is
safe, the new field values `--fix` may write. Nothing here writes files.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from dprktrack.check.quotefix import (
    differs_in_white_space_only,
    hidden_character,
    named,
    single_spaced,
)
from dprktrack.claimsfile.collector import paused
from dprktrack.claimsfile.jsonpos import locate, locate_claims
from dprktrack.claimsfile.load import Catalog, decode_utf8
from dprktrack.errors import DprkError, JsonPath, UnsafeInput
from dprktrack.matching import departures, omissions
from dprktrack.matching.approximate import (
    SCAN_PER_STEP,
    Budget,
    claim_budget,
    closest_in,
    run_budget,
    word_diff,
)
from dprktrack.matching.boundaries import cut_word
from dprktrack.matching.matcher import (
    CONTEXT_LENGTH,
    SHORTEST_APPROXIMATE,
    Document,
    Hints,
    Match,
    match_quote,
    minimum_score,
    source_spelling,
)
from dprktrack.matching.textpos import Span
from dprktrack.schema.records import Claim
from dprktrack.schema.rules import MAX_TEXT

Severity = Literal["pass", "warning", "failure"]

VERDICTS: dict[str, Severity] = {
    "ok": "pass",
    "moved": "warning",
    "typography": "warning",
    "changed": "failure",
    "altered": "failure",
    "missing": "failure",
    "ambiguous": "failure",
    "source-missing": "failure",
    "source-changed": "failure",
}
"""Every verdict slug and its default severity, in the order summaries count them."""

LOOK_ALIKE_CONTEXT = 0.5
"""Below this agreement with its stored prefix/suffix, a lone occurrence is a look-alike."""


@dataclass(slots=True)  # not frozen: a frozen dataclass costs twice as much to build, per claim
class Finding:
    """The verdict on one claim (or one source), with what was expected and found."""

    id: str
    kind: Literal["claim", "source"]
    verdict: str
    source: str
    message: str
    path: JsonPath
    start: int | None = None
    end: int | None = None
    expected: str | None = None
    found: str | None = None
    diff: str | None = None
    repair: dict[str, Any] | None = None

    def severity(self, strict: bool = False) -> Severity:
        severity = VERDICTS[self.verdict]
        return "failure" if strict and severity == "warning" else severity


@dataclass
class Report:
    """All findings of one run, sources first within each source's claims, in file order."""

    findings: list[Finding] = field(default_factory=list)
    complete: bool = True
    """Whether every claim was checked (so a source's pin may be renewed)."""

    def counts(self) -> dict[str, int]:
        tally = Counter(finding.verdict for finding in self.findings)
        return {verdict: tally[verdict] for verdict in VERDICTS}

    def claims_checked(self) -> int:
        return sum(1 for finding in self.findings if finding.kind == "claim")


def run_check(
    catalog: Catalog, claim_ids: Iterable[str] | None = None, budget: Budget | None = None
) -> Report:
    """Check the given claims (all when None), source by source, each source read once.

    The close-passage searches of the run share one budget (`run_budget` for the
    number of claims checked, when None): a hostile file's cost grows with its number
    of claims, not with the lengths of its quotes and sources.
    """
    wanted = set(claim_ids) if claim_ids is not None else None
    report = Report(complete=wanted is None)
    positions = {claim_id: index for index, claim_id in enumerate(catalog.claims)}
    by_source: dict[str, list[Claim]] = {source_id: [] for source_id in catalog.sources}
    for claim in catalog.claims.values():
        if wanted is None or claim.id in wanted:
            by_source[claim.source].append(claim)
    if budget is None:
        budget = run_budget(sum(len(claims) for claims in by_source.values()))
    with paused():
        for source_index, (source_id, claims) in enumerate(by_source.items()):
            if not claims and wanted is not None:
                continue
            _check_source(
                catalog,
                source_index=source_index,
                source_id=source_id,
                claims=claims,
                positions=positions,
                report=report,
                budget=budget,
            )
    return report


def _check_source(
    catalog: Catalog,
    *,
    source_index: int,
    source_id: str,
    claims: list[Claim],
    positions: dict[str, int],
    report: Report,
    budget: Budget,
) -> None:
    try:
        data = catalog.source_bytes(source_id)
        text = decode_utf8(data, str(catalog.source_path(source_id)))
    except UnsafeInput:
        raise  # not a verdict on the claims: the whole run is refused
    except DprkError as err:
        reason = "; ".join(err.lines)
        if not claims:
            where = ("sources", source_index, "path")
            report.findings.append(
                Finding(source_id, "source", "source-missing", source_id, reason, where)
            )
        for number, claim in enumerate(claims):
            message = (
                reason if not number else f"source {source_id!r} unreadable (see {claims[0].id})"
            )
            path = ("claims", positions[claim.id])
            report.findings.append(
                Finding(
                    claim.id,
                    "claim",
                    "source-missing",
                    source_id,
                    message,
                    path,
                    expected=claim.quote,
                )
            )
        return
    pin = _pin_finding(catalog, source_index, source_id, data, claims)
    document = Document(text, catalog.shown_path(source_id))  # the bytes just read, decoded
    verdicts = [
        claim_finding(document, claim, positions[claim.id], claim_budget(budget))
        for claim in claims
    ]
    if pin is not None and pin.repair is None:
        # A converted copy: its offsets would be wrong in every other checkout.
        reason = "the source's line endings or byte order mark changed"
        verdicts = [_unrepaired(finding, reason) for finding in verdicts]
    if pin is not None:
        report.findings.append(_renewable(pin, verdicts, report.complete))
    report.findings.extend(verdicts)


def _unrepaired(finding: Finding, reason: str) -> Finding:
    if not finding.repair:
        return finding
    message = f"{finding.message} (--fix leaves it alone: {reason})"
    return replace(finding, repair=None, message=message)


def _pin_finding(
    catalog: Catalog, index: int, source_id: str, data: bytes, claims: list[Claim]
) -> Finding | None:
    source = catalog.sources[source_id]
    digest = hashlib.sha256(data).hexdigest()
    if digest == source.sha256:
        return None
    endings = _line_ending_hint(data, source.sha256, claims)
    message = (
        f"{catalog.shown_path(source_id)} no longer matches its sha256 pin "
        f"(pinned {source.sha256[:12]}…, now {digest[:12]}…){endings}; "
        "its quotes are checked one by one"
    )
    path = ("sources", index, "sha256")
    repair = None if endings else {"sha256": digest}
    return Finding(source_id, "source", "source-changed", source_id, message, path, repair=repair)


_BOM = b"\xef\xbb\xbf"
_ENDINGS = {"CRLF": b"\r\n", "LF": b"\n", "CR": b"\r"}
"""Line ending styles, by name; CRLF first, as it holds the other two."""


def _line_ending_hint(data: bytes, pin: str, claims: list[Claim]) -> str:
    """Say so when a source's line endings or byte order mark differ from its claims'.

    A checkout that converted line endings (or an editor that added or dropped a byte
    order mark) made no edit: offsets into the converted copy would be wrong in every
    other checkout, so nothing is repaired then, nor the source re-pinned. Found for
    certain when undoing the conversion gives the pinned bytes; else guessed from the
    text the claims recorded around their quotes.
    """
    now = _styles(data)
    exact = _undone(data, pin)
    if exact is not None:
        bom, then = exact
        endings = (then, _named(now)) if then is not None else None
        return _conversion_message(bom, endings, only=True)
    before = frozenset().union(*(_styles(piece) for piece in _recorded(claims)))
    converted = bool(before) and bool(now) and before != now
    endings = (_named(before), _named(now)) if converted else None
    bom = _bom_change(data, claims)
    if endings is None and not bom:
        bom, endings = _shifted_by_conversion(data, claims)
    return _conversion_message(bom, endings, only=False)


def _shifted_by_conversion(data: bytes, claims: list[Claim]) -> tuple[str, tuple[str, str] | None]:
    """A conversion that, undone, puts the source's first claims back at their offsets.

    An edit elsewhere hides a conversion from the hash, and claims whose recorded text
    crosses no line end say nothing of the endings; but a conversion moves the claims
    from the source's start on, while an edit (which may mimic one further down) leaves
    the claims above it where they were.
    """
    text = data.decode("utf-8", errors="replace")
    now = {claim.id for claim in claims if _anchored_here(text, claim)}
    for bom, endings, undone in _undoings(text):
        then = [c.start or 0 for c in claims if c.id not in now and _anchored_here(undone, c)]
        held = [c.start or 0 for c in claims if c.id in now and not _anchored_here(undone, c)]
        if then and min(then) < min(held, default=len(text) + 1):
            return bom, endings
    return "", None


def _undoings(text: str) -> list[tuple[str, tuple[str, str] | None, str]]:
    """The text as it would have been before each conversion that could have made it."""
    now = _named(_styles(text.encode()))
    found: list[tuple[str, tuple[str, str] | None, str]] = []
    for style, ending in (("CRLF", "\r\n"), ("LF", "\n"), ("CR", "\r")):
        lines = text.replace("\r\n", "\n").replace("\r", "\n")
        undone = lines.replace("\n", ending)
        if undone != text:
            found.append(("", (style, now), undone))
    if text.startswith("\ufeff"):
        found.append(("added", None, text[1:]))
    else:
        found.append(("removed", None, "\ufeff" + text))
    return found


def _recorded(claims: list[Claim]) -> list[bytes]:
    """The source's text as its claims recorded it: prefix and suffix, and the quote when its
    offsets say it was verbatim (a quote typed over lines says nothing of the source's).

    Each piece is cut where a CRLF that the 32 characters of a prefix or suffix split would
    read as a CR or an LF alone.
    """
    pieces = []
    for claim in claims:
        verbatim = claim.start is not None and claim.end == claim.start + len(claim.quote)
        quote = claim.quote if verbatim else ""
        pieces.append(f"{claim.prefix or ''}{quote}{claim.suffix or ''}".encode())
    return [piece.removeprefix(b"\n").removesuffix(b"\r") for piece in pieces]


def _styles(data: bytes) -> frozenset[str]:
    """The line endings a text uses: some of CRLF, LF and CR."""
    pairs = data.count(b"\r\n")
    counts = {"CRLF": pairs, "LF": data.count(b"\n") - pairs, "CR": data.count(b"\r") - pairs}
    return frozenset(style for style, count in counts.items() if count)


def _named(styles: frozenset[str]) -> str:
    """`LF`, `CRLF`, `CR`, or `mixed (CRLF, LF)`."""
    ordered = [style for style in _ENDINGS if style in styles]
    return ordered[0] if len(ordered) == 1 else f"mixed ({', '.join(ordered)})"


def _converted(data: bytes, style: str) -> bytes:
    """`data` with every line ending (CRLF, LF or CR) made `style`."""
    lines = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    return lines.replace(b"\n", _ENDINGS[style])


def _undone(data: bytes, pin: str) -> tuple[str, str | None] | None:
    """The conversion that made `data` of the pinned bytes, if one did.

    Returns what became of a byte order mark ("added", "removed" or "") and the line
    endings the pinned bytes had (None when only the mark changed).
    """
    bom, unmarked = (
        ("added", data[len(_BOM) :]) if data.startswith(_BOM) else ("removed", _BOM + data)
    )
    for mark, base in (("", data), (bom, unmarked)):
        for style in (None, *_ENDINGS):
            candidate = base if style is None else _converted(base, style)
            if (style is not None and candidate == base) or candidate == data:
                continue
            if hashlib.sha256(candidate).hexdigest() == pin:
                return mark, style
    return None


def _bom_change(data: bytes, claims: list[Claim]) -> str:
    """Whether a byte order mark was "added" or "removed" since a claim anchored at the
    source's start recorded it (or its absence), or ""."""
    marked = data.startswith(_BOM)
    for claim in claims:
        prefix = claim.prefix  # the source's first characters, when it is as long as `start`
        if (
            prefix is not None
            and claim.start == len(prefix)
            and prefix.startswith("\ufeff") != marked
        ):
            return "added" if marked else "removed"
    return ""


def _conversion_message(bom: str, endings: tuple[str, str] | None, *, only: bool) -> str:
    """The words for a converted source, or "" when nothing says it was converted.

    `only`: undoing the conversion gives the pinned bytes, so nothing else changed.
    """
    changes, advice = [], []
    if endings is not None:
        then, now = endings
        changes.append(
            f"its line endings are now {now}, unlike when its quotes were anchored ({then} then)"
        )
        advice.append(
            "check it out unconverted (a .gitattributes line `seeds/** -text` does that) "
            "instead of repairing"
        )
    if bom == "added":
        changes.append("a byte order mark was added at its start")
        advice.append("save it without one")
    elif bom == "removed":
        changes.append("the byte order mark at its start was removed")
        advice.append("save it with one again")
    if not changes:
        return ""
    lead = ", and " if not only else ", but only converted: " if endings else ", but only "
    return f"{lead}{', and '.join(changes)}: {'; '.join(advice)}"


def _renewable(pin: Finding, verdicts: list[Finding], complete: bool) -> Finding:
    """A changed source is re-pinned only when every one of its claims was checked and holds.

    The pin is a lock: a source off it fails the check until `--fix` renews it. A claim
    holds when it does not fail once `--fix` has written its repairs; as every repair
    offered passes at once (see `claim_finding`), that is when none fails now. A
    warning left unrepaired stays reported, on the renewed pin too.
    """
    failing = [f.id for f in verdicts if f.severity() == "failure"]
    if complete and not failing:
        return pin
    reason = (
        f"; pin kept until {len(failing)} failing claim(s) are settled"
        if failing
        else "; pin kept because only some claims were checked"
    )
    return Finding(pin.id, pin.kind, pin.verdict, pin.source, pin.message + reason, pin.path)


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
    return (finding if unsettled is None else _unrepaired(finding, unsettled)), review


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
    if _anchored_here(document.raw, claim):
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


def _anchored_here(raw: str, claim: Claim) -> bool:
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
        message += f" ({_plural(len(review.departures), 'approved departure')})"
    span = match.span
    if span is not None:
        extra = {"start": span.start, "end": span.end, "found": document.slice(span), **extra}
    return Finding(
        claim.id, "claim", verdict, claim.source, message, path, expected=claim.quote, **extra
    )


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
    count = _plural(len(review.departures), "departure")
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
        for key, value in _anchors(document, span).items()
        if getattr(claim, key) != value
    }
    if at_hint and not stale:
        return "ok", f"found at its recorded offsets at {where}{note}", {}
    if not at_hint and hints.start is not None:
        message = (
            f"found at {where} (offsets {span.start}–{span.end}), not at its recorded offsets "
            f"{hints.start}–{hints.end}: the source or the quote changed since it was anchored"
        )
        return "moved", message + note, {"repair": stale}
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
        return _with_repair(message, {}, quote, _anchors(document, match.span))
    message = (
        f"matches at {where} only after typographic normalisation: "
        f"{_first_difference(single_spaced(claim.quote), quote)}"
    )
    extra = {"diff": _typography_diff(claim.quote, quote)}
    return _with_repair(message, extra, quote, _anchors(document, match.span))


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


def _anchors(document: Document, span: Span) -> dict[str, Any]:
    fresh = document.hints_for(span)
    return {"start": fresh.start, "end": fresh.end, "prefix": fresh.prefix, "suffix": fresh.suffix}


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


ANCHOR_KEYS = ("start", "end", "prefix", "suffix")
"""Where new anchor fields go in a claim: right after its quote, in this order."""


def apply_repairs(data: dict[str, Any], report: Report) -> tuple[dict[str, Any], list[Finding]]:
    """The claims document with every safe repair applied, and the ids of what changed.

    Works on the raw JSON data so that key order and every field the schema does not
    know about stay as the curator wrote them.
    """
    repaired = dict(data)
    sections = {name: list(data.get(name, [])) for name in ("sources", "claims")}
    changed: list[Finding] = []
    for finding in report.findings:
        if not finding.repair:
            continue
        section, index = finding.path[0], finding.path[1]
        assert isinstance(section, str)
        assert isinstance(index, int)
        record = sections[section][index]
        updated = with_fields(record, finding.repair)
        if updated != record:
            sections[section][index] = updated
            changed.append(finding)
    repaired.update(sections)
    return repaired, changed


def with_fields(record: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """`record` with `values` set: known keys keep their place, anchors follow the quote."""
    result: dict[str, Any] = {}
    for key, value in record.items():
        result[key] = values.get(key, value)
        if key == "quote":
            for anchor in ANCHOR_KEYS:
                if anchor in values and anchor not in record:
                    result[anchor] = values[anchor]
    for key, value in values.items():
        result.setdefault(key, value)
    return result


def finding_positions(raw: str, findings: Iterable[Finding]) -> dict[JsonPath, tuple[int, int]]:
    """Where each finding stands in the claims file: a claim's id key, a source's pin."""
    claims, others = [], []
    for finding in findings:
        index = finding.path[1]
        if finding.kind == "claim" and isinstance(index, int):
            claims.append((index, finding.id))
        else:
            others.append(finding.path)
    return {**locate_claims(raw, claims), **locate(raw, others)}


def result_records(
    findings: Iterable[Finding],
    positions: dict[JsonPath, tuple[int, int]],
    *,
    strict: bool = False,
    fixed: frozenset[tuple[str, str]] = frozenset(),
) -> list[dict[str, Any]]:
    """One flat record per finding: the JSON results, and what the text and GitHub forms show.

    `line` and `column` are where the claim (or the source's pin) stands in the claims file.
    """
    records = []
    for finding in findings:
        line, column = positions.get(finding.path, (1, 1))
        records.append(
            {
                "id": finding.id,
                "kind": finding.kind,
                "verdict": finding.verdict,
                "severity": finding.severity(strict),
                "source": finding.source,
                "start": finding.start,
                "end": finding.end,
                "line": line,
                "column": column,
                "expected": finding.expected,
                "found": finding.found,
                "diff": finding.diff,
                "message": finding.message,
                "fixed": (finding.kind, finding.id) in fixed,
            }
        )
    return records


def summary(
    report: Report,
    *,
    strict: bool = False,
    fixed: frozenset[tuple[str, str]] = frozenset(),
    planned: bool = False,
) -> dict[str, Any]:
    """Counts per verdict, and the failures and warnings that remain (fixed ones do not).

    `planned`: the fixes are a dry run's, which settle nothing: everything remains, so
    a dry run exits as `check` would, and `fixed` counts what `--fix` would update.
    """
    settled = frozenset() if planned else fixed
    remaining = Counter(
        finding.severity(strict)
        for finding in report.findings
        if (finding.kind, finding.id) not in settled
    )
    return {
        "claims": report.claims_checked(),
        "verdicts": report.counts(),
        "failures": remaining["failure"],
        "warnings": remaining["warning"],
        "fixed": len(fixed),
        "dry_run": planned,
    }


def summary_line(totals: dict[str, Any]) -> str:
    """`59 claims checked: 57 ok, 2 moved. 0 failures, 2 warnings.`"""
    counts = [f"{count} {verdict}" for verdict, count in totals["verdicts"].items() if count]
    verb = "would update" if totals.get("dry_run") else "updated"
    fixed = f"; --fix {verb} {totals['fixed']}" if totals["fixed"] else ""
    failures = _plural(totals["failures"], "failure")
    warnings = _plural(totals["warnings"], "warning")
    checked = _plural(totals["claims"], "claim")
    verdicts = ", ".join(counts) or "nothing to check"
    return f"{checked} checked: {verdicts}{fixed}. {failures}, {warnings}."


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
