"""`add-source`, `edit-source`, `remove-source`: a source registered, described, or dropped.

A source is a text file inside the claims file's folder, pinned by its sha256, so every
claim quoting it can be checked against exactly these bytes. Registering reads it as
`check` will (confined, bounded, strict UTF-8); its path and pin change only through
`check --fix`, never here.
"""

from __future__ import annotations

import hashlib
import os
import posixpath
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dprktrack.claimsfile.catalog import Catalog
from dprktrack.errors import DprkError, UnsafeInput

SOURCE_OPTIONS = {
    "id": "--id",
    "path": "FILE",
    "title": "--title",
    "author": "--author",
    "outlet": "--outlet",
    "published": "--published",
    "sha256": "FILE",
    "url": "--url",
    "archived_url": "--archived-url",
    "retrieved": "--retrieved",
    "language": "--language",
}
"""Each field of a source, in the schema's order, and the option (or argument) giving it."""
EDITABLE = (
    "title",
    "author",
    "outlet",
    "published",
    "url",
    "archived_url",
    "retrieved",
    "language",
)
"""The fields `edit-source` changes; the path and the pin are `check --fix`'s."""
CLEARABLE = ("url", "archived_url", "retrieved", "language")
"""The optional fields, which `edit-source --clear` may remove."""
_SMALL_WORDS = frozenset({"the", "a", "an", "of", "and", "for", "on", "in"})


@dataclass(frozen=True)
class SourceFile:
    """A text file ready to register: its path from the claims file's folder, and its pin."""

    path: str
    sha256: str


def source_file(catalog: Catalog, given: str) -> SourceFile:
    """The file `given` names (from the current folder), read as `check` would read it.

    Refused: a file outside the claims file's folder (or led out by a symbolic link), a
    hidden one, a folder, device or pipe, one over the size limit, not UTF-8, or empty.
    """
    from dprktrack.claimsfile.read import decode_utf8
    from dprktrack.claimsfile.safeio import MAX_SOURCE_BYTES, Refused, Unsafe, read_inside

    folder = catalog.path.parent
    relative = _inside(folder, given)
    try:
        data = read_inside(folder, relative, MAX_SOURCE_BYTES)
    except Refused as refusal:
        error = UnsafeInput if isinstance(refusal, Unsafe) else DprkError
        raise error(f"{given}: {refusal}") from None
    if not decode_utf8(data, given).strip():
        raise DprkError(f"{given}: empty; a source needs text to quote")
    return SourceFile(relative, hashlib.sha256(data).hexdigest())


def _inside(folder: Path, given: str) -> str:
    """`given` as a path from `folder` with forward slashes, refused if it leaves the folder
    or names a hidden file (as a claims file's source path may not)."""
    if not given.strip() or "\x00" in given:
        raise DprkError(f"FILE: no usable file name given ({given!r})")
    # The folders on the way resolved first, links and all, as opening the file would go:
    # `sub/../x.txt` with `sub` a link out names a file out there, not ./x.txt.
    head, name = os.path.split(given)
    named = os.path.join(os.path.realpath(head or os.curdir), name)
    try:
        relative = os.path.relpath(named, os.path.realpath(folder))
    except ValueError:  # another drive (Windows)
        relative = os.pardir
    parts = Path(relative).parts
    if not parts or parts[0] == os.pardir or os.path.isabs(relative):
        raise UnsafeInput(
            f"{given}: outside the claims file's folder ({os.path.abspath(folder)}); "
            "copy the text there first"
        )
    if any(part.startswith(".") for part in parts):
        raise UnsafeInput(f"{given}: a hidden file or folder; keep sources in plain folders")
    return posixpath.join(*parts)


def registered_as(catalog: Catalog, found: SourceFile) -> str | None:
    """Why the file is registered already: the source with that path or with those bytes."""
    folder = catalog.path.parent
    real = os.path.realpath(folder / found.path)
    for source in catalog.sources.values():
        same_path = posixpath.normpath(source.path) == posixpath.normpath(found.path)
        if same_path or os.path.realpath(folder / source.path) == real:
            return f"{found.path} is source {source.id!r} already"
    for source in catalog.sources.values():
        if source.sha256 == found.sha256:
            return (
                f"{found.path} has the same bytes as source {source.id!r} ({source.path}); "
                "one text is registered once"
            )
    return None


def source_stem(outlet: str) -> str:
    """The outlet part of a source id: its initials when it has several words (New Eastern
    Outlook gives neo), else its one word as a slug."""
    from dprktrack.curate.fields import slug

    words = slug(outlet).split("-")
    meaningful = [word for word in words if word not in _SMALL_WORDS] or words
    if len(meaningful) > 1:
        return "".join(word[0] for word in meaningful)
    return meaningful[0] if meaningful and meaningful[0] else "source"


def free_variant(known: Iterable[str], wanted: str) -> str:
    """`wanted`, or the first of wanted-2, wanted-3, … that no record has."""
    taken = set(known)
    number, candidate = 2, wanted
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    return candidate


def new_source(
    catalog: Catalog, found: SourceFile, values: Mapping[str, str | None], source_id: str | None
) -> dict[str, Any]:
    """The new source's record, valid or refused; its id is `source_id` (refused if taken)
    or one made from outlet and date, with a free variant on a clash."""
    from dprktrack.curate.fields import build_record, free_id
    from dprktrack.schema.models import Source as SourceModel

    clash = registered_as(catalog, found)
    if clash:
        raise DprkError(f"{clash}; nothing written")
    published = _checked_date(values.get("published"), "--published")
    if source_id is None:
        chosen = free_variant(
            catalog.sources, f"{source_stem(values.get('outlet') or '')}-{published}"
        )
    else:
        chosen = free_id(catalog.sources, source_id, "source")
    record = {
        "id": chosen,
        "path": found.path,
        **{key: values.get(key) for key in ("title", "author", "outlet")},
        "published": published,
        "sha256": found.sha256,
        **{key: values.get(key) for key in CLEARABLE},
    }
    built = build_record(SourceModel, record, SOURCE_OPTIONS)
    _check_retrieved(built)
    return built


def _checked_date(value: str | None, option: str) -> str:
    from dprktrack.curate.fields import check_date

    if value is None:
        raise DprkError(f"{option}: missing")
    return check_date(value, option)


def _check_retrieved(record: Mapping[str, Any]) -> None:
    """A text cannot have been taken from the web before it was published."""
    retrieved = record.get("retrieved")
    if retrieved and retrieved < record["published"]:
        raise DprkError(
            f"--retrieved: {retrieved} is before the source was published ({record['published']})"
        )


def edited_source(
    catalog: Catalog, source_id: str, changes: Mapping[str, str], clear: Sequence[str]
) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """The source's id, its record as the file holds it, and as edited (valid or refused).

    `changes` maps fields of EDITABLE to new values; `clear` names optional fields to remove.
    """
    from dprktrack.curate.editing import record_in, with_values
    from dprktrack.curate.fields import build_record
    from dprktrack.query import pick_source
    from dprktrack.schema.models import Source as SourceModel

    unknown = [field for field in changes if field not in EDITABLE]
    if unknown:
        raise DprkError(f"{unknown[0]}: edit-source does not change it")
    for field in clear:
        if field not in CLEARABLE:
            required = field in SOURCE_OPTIONS
            why = "it is required; give a new value instead" if required else "no such field"
            raise DprkError(f"--clear {field}: {why}; clearable: {', '.join(CLEARABLE)}")
        if field in changes:
            raise DprkError(f"--clear {field}: also given a new value; choose one")
    chosen = pick_source(catalog, source_id)
    before = record_in(catalog.raw, "sources", chosen)
    after = with_values(before, {**changes, **dict.fromkeys(clear)}, tuple(SOURCE_OPTIONS))
    built = build_record(SourceModel, after, SOURCE_OPTIONS)
    _check_retrieved(built)
    later = [
        f"{claim.id} ({claim.date})"
        for claim in catalog.claims.values()
        if claim.source == chosen and claim.date and claim.date > built["published"]
    ]
    if later:
        raise DprkError(
            f"--published: {built['published']} is before the statements its claims date: "
            f"{', '.join(later)}"
        )
    return chosen, before, after


def quoting_claims(catalog: Catalog, source_id: str) -> list[str]:
    """The claims that quote this source, in file order."""
    return [claim.id for claim in catalog.claims.values() if claim.source == source_id]


def removable_source(catalog: Catalog, source_id: str) -> str:
    """The source's id, refused while claims still quote it (they are named)."""
    from dprktrack.query import pick_source

    chosen = pick_source(catalog, source_id)
    claims = quoting_claims(catalog, chosen)
    if claims:
        count = len(claims)
        noun = "claim quotes" if count == 1 else "claims quote"
        raise DprkError(
            f"source {chosen!r}: {count} {noun} it: {', '.join(claims)}; remove or move "
            "them first; nothing written"
        )
    return chosen
