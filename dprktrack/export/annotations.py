"""W3C Web Annotations built from a catalog: one AnnotationCollection, one annotation per claim.

Quotes are placed exactly where `dprktrack check` places them (`query.claim_records`), so
an annotation never selects a passage that check would fail.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Sequence
from urllib.parse import quote, urljoin

from dprktrack import __version__
from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError
from dprktrack.matching.matcher import Document
from dprktrack.matching.textpos import Span
from dprktrack.query import Record, claim_records

ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
UNPLACED_ANNOTATIONS = "their annotations carry only a TextQuoteSelector with the quote as written"
"""What an unplaced quote means for its annotation, for `query.unplaced_note`."""
MOTIVATION = "describing"
"""Each annotation describes its passage: who says it, what it means, where they stand."""
Resolve = Callable[[str], str]
"""Turns an IRI reference relative to the exported document into the id written out."""
PAGE_FRAGMENT = "#page=1"
"""The one page's id; `=` cannot occur in a claim id (a slug), so it never collides."""

_BASE = re.compile(r"(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://[^\s<>\"{}|\\^`#\x00-\x1f\x7f]*")
_BASE_SCHEMES = ("http", "https", "file")


def check_base(base: str) -> str:
    """`base` if it can anchor the export's ids: an absolute http(s) or file IRI, no fragment.

    Relative references are resolved against it as RFC 3986 says, which needs a
    hierarchical IRI; a fragment would be replaced by each annotation's own.
    """
    match = _BASE.fullmatch(base)
    if match is None or match["scheme"].lower() not in _BASE_SCHEMES:
        raise DprkError(
            f"--base {base!r} is not an absolute http, https or file IRI without spaces or "
            "a fragment (#); give where the export will be published, e.g. "
            "https://example.org/dprk/annotations.jsonld"
        )
    return base


TEXT_FRAGMENTS = "https://wicg.github.io/scroll-to-text-fragment/"
"""The specification a text fragment (`#:~:text=…`) conforms to."""


def annotation_collection(
    catalog: Catalog, base: str | None = None, records: Sequence[Record] | None = None
) -> Record:
    """Every claim as a W3C Web Annotation, in one AnnotationCollection with one page.

    Ids are IRI references relative to the exported document itself (`#c001`, the
    source as `seeds/….txt`), which a JSON-LD reader resolves against where it found
    the file; with `base` (where the file will be published) they are resolved here,
    by RFC 3986, to the same absolute IRIs.
    """
    if records is None:
        records = claim_records(catalog, catalog.claims.values())

    def iri(reference: str) -> str:
        return urljoin(base, reference) if base else reference

    items = [_annotation(catalog, record, iri) for record in records]
    page = {
        "id": iri(PAGE_FRAGMENT),
        "type": "AnnotationPage",
        "startIndex": 0,
        "items": items,
    }
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": iri(""),
        "type": "AnnotationCollection",
        "label": _collection_label(catalog),
        "total": len(items),
        "generator": {"type": "Software", "name": f"dprktrack {__version__}"},
        "first": page,
        "last": page["id"],
    }


def _collection_label(catalog: Catalog) -> str:
    if len(catalog.sources) == 1:
        source = next(iter(catalog.sources.values()))
        return f"Who said what: {source.title} ({source.outlet}, {source.published})"
    return f"Who said what: claims on {len(catalog.sources)} sources"


def source_reference(path: str) -> str:
    """A source's path as a relative IRI reference: dot segments gone, reserved characters
    escaped (so `#`, `?` or a leading `name:` stay part of the path)."""
    return quote(posixpath.normpath(path), safe="/")


def _annotation(catalog: Catalog, record: Record, iri: Resolve) -> Record:
    source = catalog.sources[record["source"]]
    text = catalog.source_text(source.id)
    selectors, exact = _selectors(catalog, record, text)
    target: Record = {
        "type": "SpecificResource",
        "source": {
            "id": iri(source_reference(source.path)),
            "type": "Text",
            "format": "text/plain",
            "label": source.title,
            "creator": {"type": "Person", "name": source.author},
        },
        "selector": selectors,
    }
    link = record.get("link")
    if source.url is not None and link and ":~:" in link:
        # The page the text was published on (without a fragment of its own), as the
        # model's scope of a resource, and the text directive that opens it at the quote.
        target["scope"] = source.url.partition("#")[0]
        directive = ":~:" + link.split(":~:", 1)[1]
        selectors.append(
            {"type": "FragmentSelector", "conformsTo": TEXT_FRAGMENTS, "value": directive}
        )
    return {
        "id": iri(f"#{record['id']}"),
        "type": "Annotation",
        "motivation": MOTIVATION,
        "body": _bodies(catalog, record, exact),
        "target": target,
    }


def _selectors(catalog: Catalog, record: Record, text: str) -> tuple[list[Record], str]:
    """The target's selectors and the text they select.

    A placed quote gets the source's own characters (for a quote with omissions, the
    whole passage it was cut from) with 32 characters of context either side, and
    their code-point offsets. An unplaced one gets only its quote and stored context.
    """
    if record["start"] is None:
        claim = catalog.claims[record["id"]]
        selector: Record = {"type": "TextQuoteSelector", "exact": claim.quote}
        selector.update(_present(prefix=claim.prefix, suffix=claim.suffix))
        return [selector], claim.quote
    span = Span(record["start"], record["end"])
    hints = Document(text).hints_for(span)
    exact = text[span.start : span.end]
    return [
        {
            "type": "TextQuoteSelector",
            "exact": exact,
            "prefix": hints.prefix,
            "suffix": hints.suffix,
        },
        {"type": "TextPositionSelector", "start": span.start, "end": span.end},
    ], exact


def _present(**values: str | None) -> dict[str, str]:
    return {key: value for key, value in values.items() if value is not None}


def _bodies(catalog: Catalog, record: Record, exact: str) -> list[Record]:
    """The claim in TextualBody items, each with the W3C purpose that says what it is.

    describing: the summary, the relay ("reported via …"), and the quote as the claim
    gives it when that differs from the selected text; identifying: the speaker's name;
    tagging: one `target: stance` tag per stance.
    """
    relay = record["reported_via"]
    bodies = [
        _text_body(record["summary"], "describing"),
        _text_body(record["actor"], "identifying"),
        *(_text_body(f"{s['target']}: {s['stance']}", "tagging") for s in record["stances"]),
    ]
    if relay:
        bodies.append(_text_body(f"reported via {catalog.actors[relay].name}", "describing"))
    if record["quote"] != exact:
        bodies.append(_text_body(record["quote"], "describing"))
    return bodies


def _text_body(value: str, purpose: str) -> Record:
    return {"type": "TextualBody", "purpose": purpose, "value": value, "format": "text/plain"}
