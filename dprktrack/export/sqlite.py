"""`export --format sqlite`: the claims file as a normalised SQLite database, for Datasette.

One table per kind of record (sources, actors, their aliases, group members, targets,
claims, stances) with primary and foreign keys; two views that join in names and titles;
and a full-text index (FTS5, external content) over the claims' quotes and summaries. The
claims carry what `dprktrack check` says of their quotes: where it places each one and its
verdict (a quote check fails has no offsets), as `query.claim_records` gives them.

`TABLES` and `VIEWS` are the one description of the database: the SQL is written from them,
and so are Datasette's column descriptions (`datasette`), from the models where a column
is a model field. Standard library only; the database is built in memory and returned as
the bytes of its file, for the caller to write atomically.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    import sqlite3

    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.query import Record


class Column(NamedTuple):
    """A column: its SQL declaration, and either the model field it holds or what it means."""

    name: str
    declaration: str = "TEXT"
    field: str | None = None
    """`Model.field` of `dprktrack.schema.models` whose description says what it holds."""
    about: str | None = None
    """What it holds, where it is no model field."""


class Table(NamedTuple):
    """A table or a view, what it holds, its columns, and (a table) its constraints or (a view)
    its query."""

    name: str
    about: str
    columns: tuple[Column, ...]
    constraints: tuple[str, ...] = ()
    select: str | None = None


FTS_TABLE = "claims_fts"
"""The full-text index over the claims' quotes and summaries (its content is `claims`)."""
FTS_COLUMNS = ("quote", "summary")
FTS_KEY = "position"
"""The claims' column the index's rows are numbered by (stable, unlike a bare rowid)."""


def _table(name: str, about: str, *columns: Column, keys: tuple[str, ...] = ()) -> Table:
    return Table(name, about, columns, keys)


ACTOR_ID = "Id of the actor (actors.id)."
TABLES = (
    _table(
        "sources",
        "The texts that claims quote, each pinned by its sha256.",
        Column("id", "TEXT PRIMARY KEY", "Source.id"),
        *(
            Column(name, "TEXT NOT NULL", f"Source.{name}")
            for name in ("path", "title", "author", "outlet", "published", "sha256")
        ),
        *(Column(name, "TEXT", f"Source.{name}") for name in ("url", "archived_url", "retrieved")),
        Column("language", "TEXT", "Source.language"),
    ),
    _table(
        "actors",
        "Everyone the sources quote or paraphrase, the author included.",
        Column("id", "TEXT PRIMARY KEY", "Actor.id"),
        Column("name", "TEXT NOT NULL", "Actor.name"),
        Column("kind", "TEXT NOT NULL", "Actor.kind"),
        Column("role", "TEXT", "Actor.role"),
        Column("country", "TEXT", "Actor.country"),
    ),
    _table(
        "actor_aliases",
        "Other names of the actors, one row per alias, in the claims file's order.",
        Column("actor", "TEXT NOT NULL REFERENCES actors(id)", about=ACTOR_ID),
        Column("position", "INTEGER NOT NULL", about="1 for the actor's first alias, and so on."),
        Column("alias", "TEXT NOT NULL", "Actor.aliases"),
        keys=("PRIMARY KEY (actor, position)",),
    ),
    _table(
        "group_members",
        "The members of each group actor (kind group), one row per member.",
        Column("actor", "TEXT NOT NULL REFERENCES actors(id)", about="Id of the group actor."),
        Column("member", "TEXT NOT NULL REFERENCES actors(id)", "Actor.members"),
        keys=("PRIMARY KEY (actor, member)",),
    ),
    _table(
        "targets",
        "What stances are taken toward.",
        Column("id", "TEXT PRIMARY KEY", "Target.id"),
        Column("label", "TEXT NOT NULL", "Target.label"),
        Column("description", "TEXT NOT NULL", "Target.description"),
    ),
    _table(
        "claims",
        "Statements and acts, each tied to a verbatim quote of its source, with where "
        "`dprktrack check` places the quote and its verdict.",
        Column(
            "position",
            "INTEGER NOT NULL UNIQUE",
            about="The claim's place in the claims "
            "file, 1 for the first (the full-text index numbers its rows by it).",
        ),
        Column("id", "TEXT PRIMARY KEY", "Claim.id"),
        Column("source", "TEXT NOT NULL REFERENCES sources(id)", "Claim.source"),
        Column("actor", "TEXT NOT NULL REFERENCES actors(id)", "Claim.actor"),
        Column("quote", "TEXT NOT NULL", "Claim.quote"),
        Column("quote_type", "TEXT NOT NULL", "Claim.quote_type"),
        Column("kind", "TEXT NOT NULL", "Claim.kind"),
        Column("summary", "TEXT NOT NULL", "Claim.summary"),
        Column("date", "TEXT", "Claim.date"),
        Column("reported_via", "TEXT REFERENCES actors(id)", "Claim.reported_via"),
        Column(
            "start",
            "INTEGER",
            about="Offset (in code points) where `dprktrack check` "
            "places the quote in its source; empty when check would fail the quote.",
        ),
        Column("end", "INTEGER", about="Offset just past the quote's end, as check places it."),
        Column(
            "line", "INTEGER", about="Line of the source (1 for the first) the quote begins on."
        ),
        Column("column", "INTEGER", about="Column (1 for the first) the quote begins at."),
        Column(
            "verdict",
            "TEXT NOT NULL",
            about="What `dprktrack check` says of the quote: ok, "
            "moved or typography (it stands), or changed, altered, missing, ambiguous, "
            "source-missing, source-changed (it fails).",
        ),
        Column(
            "link",
            "TEXT",
            about="A web address that opens the source's page at the quote "
            "(a text fragment), where the source has a url and check places the quote.",
        ),
    ),
    _table(
        "stances",
        "The positions each claim takes, one row per claim and target.",
        Column(
            "claim", "TEXT NOT NULL REFERENCES claims(id)", about="Id of the claim (claims.id)."
        ),
        Column("target", "TEXT NOT NULL REFERENCES targets(id)", "StanceEntry.target"),
        Column("stance", "TEXT NOT NULL", "StanceEntry.stance"),
        keys=("PRIMARY KEY (claim, target)",),
    ),
)
"""Every table, in the order they are created and filled (referenced tables first)."""

_STANCES_TEXT = (
    "(SELECT group_concat(target || ': ' || stance, '; ') FROM "
    "(SELECT target, stance FROM stances WHERE stances.claim = c.id ORDER BY stances.rowid))"
)
VIEWS = (
    Table(
        "claims_view",
        "One row per claim, with the speaker's name, the source's title and the stances "
        "joined in: the table to read and search.",
        (
            Column("position", about="The claim's place in the claims file, 1 for the first."),
            Column("id", field="Claim.id"),
            Column("actor_name", field="Actor.name"),
            Column("actor", field="Claim.actor"),
            Column("quote", field="Claim.quote"),
            Column("quote_type", field="Claim.quote_type"),
            Column("kind", field="Claim.kind"),
            Column("summary", field="Claim.summary"),
            Column(
                "stances",
                about="Each stance as target: stance (a target's id, then support, oppose…), "
                "the stances separated by semicolons.",
            ),
            Column("date", field="Claim.date"),
            Column("reported_via_name", about="Name of the actor that relays the statement."),
            Column("source_title", field="Source.title"),
            Column("verdict", about="What `dprktrack check` says of the quote (see claims)."),
            Column("link", about="A web address that opens the source's page at the quote."),
        ),
        select=(
            "SELECT c.position, c.id, a.name AS actor_name, c.actor, c.quote, c.quote_type, "
            f"c.kind, c.summary, {_STANCES_TEXT} AS stances, c.date, "
            "r.name AS reported_via_name, s.title AS source_title, c.verdict, c.link "
            "FROM claims AS c JOIN actors AS a ON a.id = c.actor "
            "JOIN sources AS s ON s.id = c.source LEFT JOIN actors AS r ON r.id = c.reported_via"
        ),
    ),
    Table(
        "stances_view",
        "One row per stance, with its claim's speaker, quote type and summary: the table to "
        "facet by actor, target and stance.",
        (
            Column("claim", about="Id of the claim (claims.id)."),
            Column("actor_name", field="Actor.name"),
            Column("actor", field="Claim.actor"),
            Column("target", field="StanceEntry.target"),
            Column(
                "target_label",
                about="The target's label (targets.label): what the stance is taken toward, "
                "in words, to facet by.",
            ),
            Column("stance", field="StanceEntry.stance"),
            Column("quote_type", field="Claim.quote_type"),
            Column("summary", field="Claim.summary"),
        ),
        select=(
            "SELECT st.claim, a.name AS actor_name, c.actor, st.target, t.label AS target_label, "
            "st.stance, c.quote_type, c.summary FROM stances AS st "
            "JOIN claims AS c ON c.id = st.claim JOIN actors AS a ON a.id = c.actor "
            "JOIN targets AS t ON t.id = st.target ORDER BY c.position, st.rowid"
        ),
    ),
)
"""The views: claims and stances with names and titles joined in."""


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def schema_sql() -> list[str]:
    """The statements that create the tables, the full-text index and the views."""
    statements = []
    for table in TABLES:
        parts = [f"{_quoted(c.name)} {c.declaration}" for c in table.columns]
        statements.append(
            f"CREATE TABLE {_quoted(table.name)} ({', '.join([*parts, *table.constraints])})"
        )
    fts_columns = ", ".join(FTS_COLUMNS)
    statements.append(
        f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({fts_columns}, "
        f'content="claims", content_rowid="{FTS_KEY}")'
    )
    for view in VIEWS:
        statements.append(f"CREATE VIEW {_quoted(view.name)} AS {view.select}")
    return statements


def claims_database(catalog: Catalog) -> tuple[bytes, list[str]]:
    """The database file's bytes, and the notes to show (quotes check would fail)."""
    import sqlite3

    from dprktrack.check.run import run_check
    from dprktrack.query import claim_records, unplaced_note

    records = claim_records(catalog, catalog.claims.values())
    verdicts = {f.id: f.verdict for f in run_check(catalog).findings if f.kind == "claim"}
    connection = sqlite3.connect(":memory:")
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        for statement in schema_sql():
            connection.execute(statement)
        for table in TABLES:
            _fill(connection, table, _table_rows(table.name, catalog, records, verdicts))
        connection.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
        connection.commit()
        content = connection.serialize()
    finally:
        connection.close()
    return content, list(filter(None, [unplaced_note(records)]))


def _fill(connection: sqlite3.Connection, table: Table, rows: Iterator[tuple[Any, ...]]) -> None:
    names = ", ".join(_quoted(c.name) for c in table.columns)
    marks = ", ".join("?" for _ in table.columns)
    connection.executemany(f"INSERT INTO {_quoted(table.name)} ({names}) VALUES ({marks})", rows)


def _table_rows(
    name: str, catalog: Catalog, records: list[Record], verdicts: dict[str, str]
) -> Iterator[tuple[Any, ...]]:
    """The rows of table `name`, in its columns' order."""
    if name == "sources":
        for s in catalog.sources.values():
            retrieved = s.retrieved.isoformat() if s.retrieved else None
            yield (s.id, s.path, s.title, s.author, s.outlet, s.published.isoformat(), s.sha256,
                   s.url, s.archived_url, retrieved, s.language)  # fmt: skip
    elif name == "actors":
        for a in catalog.actors.values():
            yield a.id, a.name, a.kind, a.role, a.country
    elif name == "actor_aliases":
        for a in catalog.actors.values():
            yield from ((a.id, number, alias) for number, alias in enumerate(a.aliases, 1))
    elif name == "group_members":
        for a in catalog.actors.values():
            yield from ((a.id, member) for member in a.members)
    elif name == "targets":
        yield from ((t.id, t.label, t.description) for t in catalog.targets.values())
    elif name == "claims":
        yield from _claim_rows(records, verdicts)
    else:
        for r in records:
            yield from ((r["id"], s["target"], s["stance"]) for s in r["stances"])


def _claim_rows(records: list[Record], verdicts: dict[str, str]) -> Iterator[tuple[Any, ...]]:
    for position, r in enumerate(records, 1):
        yield (position, r["id"], r["source"], r["actor_id"], r["quote"], r["quote_type"],
               r["kind"], r["summary"], r["date"], r["reported_via"], r["start"], r["end"],
               r["line"], r["column"], verdicts.get(r["id"], "ok"), r["link"])  # fmt: skip
