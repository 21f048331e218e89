"""`check --format sarif`: a check run as a SARIF 2.1.0 log, for GitHub code scanning and the like.

One run; one rule per verdict (`findings.VERDICTS`), whatever the run found, so that a
rule's index never changes; one result per finding, at the claim's `"id"` in the claims
file, with the passage's place in the source as a related location. Results carry a
fingerprint of what they are (`platforms.fingerprint`), never of where they stand.
GitHub's upload limits are kept: at most `MAX_RESULTS` results, failures first.
Standard library only; plain data in, plain data out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path, PurePath
from typing import Any
from urllib.parse import quote

from dprktrack import __version__
from dprktrack.check.findings import VERDICTS, SourceText
from dprktrack.check.platforms import (
    FINGERPRINT_KEY,
    LEVELS,
    fingerprint,
    relative_path,
    remaining,
    without_surrogates,
)
from dprktrack.matching.textpos import LineIndex

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
MAX_RESULTS = 25_000
"""GitHub code scanning rejects a run with more results than this."""

RULES: dict[str, tuple[str, str, str, str]] = {
    "ok": (
        "QuoteStands",
        "The quote stands in its source.",
        "The claim's quote was found in its source, at its recorded offsets, or once, or "
        "where its recorded prefix and suffix select.",
        "Nothing to do.",
    ),
    "moved": (
        "QuoteMoved",
        "The quote stands in its source, but not where its anchors say.",
        "The claim's quote occurs word for word in its source, at other offsets than the "
        "claim records: the source or the quote changed since it was anchored.",
        "Run `dprktrack check --fix` to record the new anchors.",
    ),
    "typography": (
        "QuoteTypography",
        "The quote matches its source only after typographic normalisation.",
        "The claim's quote differs from its source in quotes, dashes, accents or white space only.",
        "Run `dprktrack check --fix` to write the source's own characters into the quote.",
    ),
    "changed": (
        "QuoteChanged",
        "The source reads differently from the quote.",
        "A close passage of the source reads differently (the word diff shows the claim's "
        "words against the source's), or the quote turns the source around (a negation "
        "left out), or it stands only inside longer words.",
        "Read the source and correct the quote; no program can repair a misquote.",
    ),
    "altered": (
        "QuoteAltered",
        "The quote has omissions or alterations that no person approved.",
        "The quote stands in its source with omissions (…) or bracketed alterations that "
        "no review_pin approves.",
        "Read the departures; if they keep the source's meaning, run `dprktrack approve CLAIM_ID`.",
    ),
    "missing": (
        "QuoteMissing",
        "The quote is not in its source.",
        "Nothing in the claim's source is close enough to its quote.",
        "Find the passage in the source (`dprktrack locate`) and correct the quote or the "
        "claim's source.",
    ),
    "ambiguous": (
        "QuoteAmbiguous",
        "The quote occurs more than once in its source.",
        "The quote occurs more than once and nothing the claim records selects one place.",
        "Quote a longer passage, or anchor the claim at its place (`dprktrack locate` "
        "shows each one).",
    ),
    "source-missing": (
        "SourceMissing",
        "The claim's source is absent or unreadable.",
        "The source file the claim quotes could not be read.",
        "Restore the source file, or correct its path in the claims file.",
    ),
    "source-changed": (
        "SourceChanged",
        "The source no longer matches its sha256 pin.",
        "The source's bytes differ from the sha256 the claims file pins; its quotes are "
        "checked one by one.",
        "Check the source's change; once every claim of it holds, `dprktrack check --fix` "
        "renews the pin.",
    ),
    "source-repinned": (
        "SourceRepinned",
        "The source's pin differs from the base revision's.",
        "A source registered at the base revision (`check --base`) has another sha256 pin "
        "now: its text and pin were changed together, which a pin alone cannot catch.",
        "Restore the source file and its pin; register new text as a new source file.",
    ),
}
"""Each verdict's rule: its name, short and full descriptions, and what to do."""


def sarif_log(
    name: str,
    records: Sequence[Mapping[str, Any]],
    totals: Mapping[str, Any],
    sources: Mapping[str, SourceText],
) -> dict[str, Any]:
    """The SARIF log of one check of the claims file `name` (`records` as
    `reporters.result_records` gives them, passes listed only if they are to be shown)."""
    index = {verdict: number for number, verdict in enumerate(VERDICTS)}
    places = _SourcePlaces(sources)
    results = [_result(name, record, totals, index, places) for record in records]
    # Stable, file order kept: what fails unexcused first (strict or not), then what --strict
    # alone makes fail, then the rest, so that a cut at GitHub's limit drops no misquote.
    order = sorted(range(len(results)), key=lambda at: _rank(records[at], results[at]))
    results = [results[at] for at in order]
    run: dict[str, Any] = {
        "tool": {"driver": _driver()},
        "columnKind": "unicodeCodePoints",
        "results": results[:MAX_RESULTS],
    }
    if len(results) > MAX_RESULTS:
        left_out = len(results) - MAX_RESULTS
        note = f"{left_out} results left out (GitHub takes at most {MAX_RESULTS:,} per run)"
        run["invocations"] = [
            {
                "executionSuccessful": True,
                "toolExecutionNotifications": [{"level": "warning", "message": {"text": note}}],
            }
        ]
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return dict(without_surrogates(log))


_RANK = {"error": 0, "warning": 1, "note": 2}


def _rank(record: Mapping[str, Any], result: Mapping[str, Any]) -> tuple[int, int]:
    failing_unstrict = VERDICTS.get(record["verdict"]) == "failure" and result["level"] == "error"
    return (0 if failing_unstrict else 1), _RANK[result["level"]]


def _driver() -> dict[str, Any]:
    """The tool: its name and version, and one rule per verdict."""
    rules = []
    for verdict, severity in VERDICTS.items():
        title, short, full, help_text = RULES[verdict]
        rules.append(
            {
                "id": verdict,
                "name": title,
                "shortDescription": {"text": short},
                "fullDescription": {"text": full},
                "help": {"text": f"{full} {help_text}"},
                "defaultConfiguration": {"level": LEVELS[severity]},
            }
        )
    return {"name": "dprktrack", "version": __version__, "rules": rules}


def _result(
    name: str,
    record: Mapping[str, Any],
    totals: Mapping[str, Any],
    index: Mapping[str, int],
    places: _SourcePlaces,
) -> dict[str, Any]:
    """One result: the finding at the claim's place in the claims file."""
    text = f"{record['id']} {record['verdict']}: {record['message']}"
    if record["diff"]:
        text += f"\n{record['diff']}"
    region = {"startLine": record["line"], "startColumn": record["column"]}
    result: dict[str, Any] = {
        "ruleId": record["verdict"],
        "ruleIndex": index[record["verdict"]],
        "level": LEVELS[remaining(record, totals)],
        "message": {"text": text},
        "locations": [{"physicalLocation": {"artifactLocation": artifact(name), "region": region}}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint(record)},
        "properties": {"id": record["id"], "kind": record["kind"], "source": record["source"]},
    }
    if record.get("ignored") and record["severity"] != "pass":
        justification = f"ignored: {record['ignore_reason']}"
        result["suppressions"] = [{"kind": "external", "justification": justification}]
    passage = places.passage(record)
    if passage is not None:
        result["relatedLocations"] = [passage]
    return result


def artifact(name: str) -> dict[str, str]:
    """A file as SARIF names it: a relative URI from the current folder, or a file: URI."""
    path = without_surrogates(relative_path(name))  # no encoder takes one
    if PurePath(path).is_absolute():
        return {"uri": Path(path).as_uri()}
    return {"uri": quote(path)}


class _SourcePlaces:
    """Line:column of offsets in each source, its line index built when first asked."""

    def __init__(self, sources: Mapping[str, SourceText]) -> None:
        self.sources = sources
        self.indexes: dict[str, LineIndex] = {}

    def passage(self, record: Mapping[str, Any]) -> dict[str, Any] | None:
        """The related location of the passage found, or None when none was (or the
        source was not read)."""
        source = self.sources.get(record["source"])
        start, end = record["start"], record["end"]
        if source is None or start is None or end is None or record["kind"] != "claim":
            return None
        lines = self.indexes.get(record["source"])
        if lines is None:
            lines = self.indexes[record["source"]] = LineIndex(source.text)
        (start_line, start_column), (end_line, end_column) = (
            lines.position(start),
            lines.position(end),
        )
        region = {
            "startLine": start_line,
            "startColumn": start_column,
            "endLine": end_line,
            "endColumn": end_column,
        }
        return {
            "id": 1,
            "physicalLocation": {"artifactLocation": artifact(source.name), "region": region},
            "message": {"text": "the passage in the source"},
        }
