"""Datasette's metadata for `export --format sqlite`: written beside the database.

`datasette serve claims.db -m claims.metadata.json` then shows the title, the source, a
description of every table and column, the facets (actor, target, stance, quote type)
and a search box over quotes and summaries. Column descriptions come from the pydantic
models' field descriptions where the column is a model field (`sqlite.TABLES` says which),
so they are never restated by hand. Datasette shows descriptions as plain text, so their
Markdown (code spans, emphasis, links) is taken out (`plain_text`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from dprktrack.export.sqlite import FTS_KEY, FTS_TABLE, TABLES, VIEWS, Column, Table

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog

FACETS = {
    "claims": ["actor", "quote_type", "kind", "verdict"],
    "stances": ["target", "stance"],
    "claims_view": ["actor_name", "quote_type", "kind", "verdict"],
    "stances_view": ["actor_name", "target_label", "stance", "quote_type"],
}
"""The facets Datasette suggests on each table and view: in a view, names and labels (a table's
foreign keys show their labels by themselves)."""
SEARCHABLE = ("claims", "claims_view")
"""Where Datasette offers the search box over quotes and summaries (`FTS_TABLE`)."""
LABELS = {"sources": "title", "actors": "name", "targets": "label"}
"""The column Datasette shows for a row another table refers to (an actor's name for its id)."""
DESCRIPTION = (
    "Who said what: each claim ties an actor's stances to a verbatim quote of its source, "
    "checked by dprktrack check. Read claims_view, facet stances_view by actor, target and "
    "stance, or search quotes and summaries."
)


def datasette_metadata(catalog: Catalog, database: str) -> dict[str, Any]:
    """Datasette's metadata for the database named `database` (its file's stem)."""
    tables = {table.name: _table_metadata(table) for table in (*TABLES, *VIEWS)}
    metadata: dict[str, Any] = {"title": _title(catalog), "description": DESCRIPTION}
    metadata.update(_source(catalog))
    metadata["databases"] = {database: {"description": DESCRIPTION, "tables": tables}}
    return metadata


def _title(catalog: Catalog) -> str:
    if len(catalog.sources) == 1:
        source = next(iter(catalog.sources.values()))
        return f"Who said what: {source.title}"
    return f"Who said what: claims on {len(catalog.sources)} sources"


def _source(catalog: Catalog) -> dict[str, str]:
    """Datasette's `source` and `source_url`: the one article, where there is one."""
    if len(catalog.sources) != 1:
        return {}
    source = next(iter(catalog.sources.values()))
    named = {"source": f"{source.title} ({source.outlet}, {source.published.isoformat()})"}
    return {**named, "source_url": source.url} if source.url else named


def _table_metadata(table: Table) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "description": plain_text(table.about),
        "columns": {column.name: column_description(column) for column in table.columns},
    }
    if table.name in FACETS:
        metadata["facets"] = FACETS[table.name]
    if table.name in SEARCHABLE:
        metadata.update(fts_table=FTS_TABLE, fts_pk=FTS_KEY, sort=FTS_KEY)
    if table.name in LABELS:
        metadata["label_column"] = LABELS[table.name]
    return metadata


def column_description(column: Column) -> str:
    """What the column holds: its model field's description, or its own words."""
    if column.field is None:
        return plain_text(column.about or "")
    from dprktrack.schema import models

    model, field = column.field.split(".")
    description = getattr(models, model).model_fields[field].description
    return plain_text(str(description or ""))


def plain_text(markdown: str) -> str:
    """The text without its inline Markdown: `code` and **emphasis** lose their marks, a
    [link](url) reads `link (url)`. Brackets that are no link ([...], [t]he) stay."""
    import re

    text = re.sub(r"\[([^\]]+)\]\(([^)\s]+)\)", r"\1 (\2)", markdown)
    text = re.sub(r"(\*\*|__)(\S(?:.*?\S)?)\1", r"\2", text)
    return text.replace("`", "")
