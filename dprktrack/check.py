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

from dprktrack import elision
from dprktrack.anchor import Span
from dprktrack.approximate import (
    SCAN_PER_STEP,
    Budget,
    claim_budget,
    closest_in,
    run_budget,
    word_diff,
)
from dprktrack.collector import paused
from dprktrack.errors import DprkError, JsonPath, UnsafeInput
from dprktrack.jsonpos import locate, locate_claims
from dprktrack.matcher import (
    CONTEXT_LENGTH,
    SHORTEST_APPROXIMATE,
    Document,
    Hints,
    Match,
    match_quote,
    minimum_score,
    source_spelling,
)
from dprktrack.records import Claim
from dprktrack.store import Catalog, decode_utf8

Severity = Literal["pass", "warning", "failure"]

VERDICTS: dict[str, Severity] = {
    "ok": "pass",
    "moved": "warning",
    "typography": "warning",
    "changed": "failure",
    "missing": "failure",
    "ambiguous": "failure",
    "source-missing": "failure",
    "source-changed": "warning",
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


def _line_ending_hint(data: bytes, pin: str, claims: list[Claim]) -> str:
    """Say so when a source's line endings (or a byte order mark) differ from its claims'.

    A checkout that converted line endings is not an edit: offsets into the converted
    copy would be wrong in every other checkout, so nothing is repaired then.
    """
    if data.startswith(b"\xef\xbb\xbf") and hashlib.sha256(data[3:]).hexdigest() == pin:
        return ", but only a byte order mark was added at its start: save it without one"
    recorded = "".join(
        (claim.prefix or "") + claim.quote + (claim.suffix or "") for claim in claims
    )
    crlf_now, crlf_then = b"\r\n" in data, "\r\n" in recorded
    lf_then = "\n" in recorded.replace("\r\n", "")
    converted = (
        (crlf_now and lf_then and not crlf_then)
        or (not crlf_now and crlf_then)
        or (crlf_now and hashlib.sha256(data.replace(b"\r\n", b"\n")).hexdigest() == pin)
    )
    if not converted:
        return ""
    return (
        f", and its line endings are now {'CRLF' if crlf_now else 'LF'}, unlike when its quotes "
        "were anchored: check it out unconverted (a .gitattributes line `seeds/** -text` "
        "does that) instead of repairing"
    )


def _renewable(pin: Finding, verdicts: list[Finding], complete: bool) -> Finding:
    """A changed source is re-pinned only when every one of its claims was checked and holds."""
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
    if _anchored_here(document.raw, claim):
        # The common case, kept cheap: quote, offsets and context all as recorded.
        assert claim.start is not None
        return Finding(
            claim.id, "claim", "ok", claim.source, "at its recorded offsets", ("claims", index),
            start=claim.start, end=claim.end, expected=claim.quote, found=claim.quote,
        )  # fmt: skip
    hints = Hints(claim.start, claim.end, claim.prefix, claim.suffix)
    budget = budget if budget is not None else claim_budget()
    match = match_quote(document, claim.quote, hints, budget=budget)
    return _verdict(document, claim, hints, match, ("claims", index), budget=budget)


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
    ):
        return False
    prefix = raw[max(0, start - CONTEXT_LENGTH) : start]
    return claim.prefix == prefix and claim.suffix == raw[end : end + CONTEXT_LENGTH]


Outcome = tuple[str, str, dict[str, Any]]
"""A verdict, its message, and extra Finding fields (diff, repair)."""


def _verdict(
    document: Document, claim: Claim, hints: Hints, match: Match, path: JsonPath, *, budget: Budget
) -> Finding:
    verdict, message, extra = _failure(document, claim, hints, match, budget) or _placed(
        document, claim, hints, match
    )
    span = match.span
    if span is not None:
        extra = {"start": span.start, "end": span.end, "found": document.slice(span), **extra}
    return Finding(
        claim.id, "claim", verdict, claim.source, message, path, expected=claim.quote, **extra
    )


def _failure(
    document: Document, claim: Claim, hints: Hints, match: Match, budget: Budget
) -> Outcome | None:
    """The failing verdicts: nothing found, too much found, or a passage that reads otherwise.

    A search stopped by its budget fails too: what it did not search might change the verdict.
    """
    span = match.span
    if match.stage == "ambiguous":
        return "ambiguous", _ambiguous_message(document, match), {}
    if match.stage == "none" or span is None:
        return "missing", _missing_message(match, hints, claim.id), {}
    if match.stage == "approximate":
        return _reads_differently(document, claim, match, span)
    reversal = _reversal(document, claim, match)
    if reversal:
        return "changed", reversal, {}
    return _look_alike(document, claim, hints, match, budget)


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


def _placed(document: Document, claim: Claim, hints: Hints, match: Match) -> Outcome:
    """A quote found in one place: ok, or a warning with the repair that settles it."""
    assert match.span is not None
    span = match.span
    where = document.where(span.start)
    if match.stage == "exact" and match.selected_by == "hint" and document.hints_for(span) == hints:
        return "ok", f"found at its recorded offsets at {where}", {}
    anchors = _anchors(document, span)
    if match.stage == "typography":
        typed = source_spelling(document, claim.quote, match)
        message = (
            f"matches at {where} only after typographic normalisation: "
            f"{_first_difference(claim.quote, typed)}"
        )
        diff = word_diff(claim.quote, typed)
        return "typography", message, {"diff": diff, "repair": {"quote": typed, **anchors}}
    stale = {key: value for key, value in anchors.items() if getattr(claim, key) != value}
    if match.selected_by != "hint" and hints.start is not None:
        message = (
            f"found at {where} (offsets {span.start}–{span.end}), not at its recorded offsets "
            f"{hints.start}–{hints.end}: the source or the quote changed since it was anchored"
        )
        return "moved", message, {"repair": stale}
    return "ok", f"found {_HOW[match.selected_by]} at {where}", {"repair": stale or None}


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


def _reversal(document: Document, claim: Claim, match: Match) -> str | None:
    """Why a quote with omissions or alterations may not stand for its source, if it may not."""
    if match.negations:
        word, offset = match.negations[0]
        return (
            f"the words the quote leaves out or alters include {word!r} (source "
            f"{document.where(offset)}): the quote may say the opposite of the source"
        )
    if match.added_negations:
        return (
            f"a bracket adds {match.added_negations[0]!r}, which the source does not say "
            "there: the quote may say the opposite of the source"
        )
    rewrite = elision.long_alteration(claim.quote) if match.by_pieces else None
    if rewrite:
        return (
            f"the bracket {rewrite[:40]!r}… holds more than an alteration may "
            f"({elision.ALTERATION_GAP} characters): a rewrite, not a quote"
        )
    return None


def _reads_differently(document: Document, claim: Claim, match: Match, span: Span) -> Outcome:
    if match.edit == 1.0 and elision.has_markers(claim.quote):
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
        updated = _with_fields(record, finding.repair)
        if updated != record:
            sections[section][index] = updated
            changed.append(finding)
    repaired.update(sections)
    return repaired, changed


def _with_fields(record: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
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

    `planned`: the fixes are a dry run's, counted as what `--fix` would settle.
    """
    remaining = Counter(
        finding.severity(strict)
        for finding in report.findings
        if (finding.kind, finding.id) not in fixed
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
