"""The stance grid: actors against targets, one cell per pair, a mark per stance.

The cells are `query.stance_cells` (a group's claim counts for each member, as in
`dprktrack stances`); a cell with claims holds a button that filters the table.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING

from dprktrack.report import markup
from dprktrack.report.facts import STANCE_MARKS

if TYPE_CHECKING:
    from dprktrack.claimsfile.catalog import Catalog
    from dprktrack.query import Record


def grid_html(catalog: Catalog, failing: Collection[str] = ()) -> str:
    """The grid as a table with row and column headers, or a sentence when no claim takes a
    stance. The `failing` claims (the check fails them) count nowhere: a misquote takes no
    stance until it is fixed."""
    from dataclasses import replace

    from dprktrack.query import ClaimFilter, stance_cells

    if failing:
        kept = {key: claim for key, claim in catalog.claims.items() if key not in failing}
        catalog = replace(catalog, claims=kept)
    cells = {
        (cell["actor_id"], cell["target"]): cell for cell in stance_cells(catalog, ClaimFilter())
    }
    if not cells:
        return "<p>No claim takes a stance yet.</p>"
    actors = list(dict.fromkeys(actor for actor, _ in cells))
    wanted = {target for _, target in cells}
    targets = [target for target in catalog.targets if target in wanted]
    head = "".join(
        f'<th scope="col">{markup.text(catalog.targets[target].label)}</th>' for target in targets
    )
    rows = []
    for actor in actors:
        name = catalog.actors[actor].name
        row = "".join(
            _cell(actor, name, target, catalog.targets[target].label, cells.get((actor, target)))
            for target in targets
        )
        rows.append(f'<tr><th scope="row">{markup.text(name)}</th>{row}</tr>')
    return (
        '<div class="scroll" role="region" aria-label="Stance grid" tabindex="0">'
        '<table id="stance_grid"><caption class="vh">Stances of actors (rows) toward targets '
        f"(columns)</caption><thead><tr><td></td>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _cell(actor: str, name: str, target: str, label: str, cell: Record | None) -> str:
    """One pair's cell: its stance's mark and claim count in a button, or a dot for none."""
    where = f'data-actor="{markup.attr(actor)}" data-target="{markup.attr(target)}"'
    if cell is None:
        return (
            f'<td {where}><span class="empty" aria-hidden="true">·</span>'
            '<span class="vh">no stance</span></td>'
        )
    counts = ", ".join(f"{stance} {count}" for stance, count in cell["counts"].items())
    total = len(cell["claims"])
    pair = f"{markup.isolated_in_text(name)} on {markup.isolated_in_text(label)}"
    words = f"{pair}: {cell['stance']} ({counts}); {total} claim(s), show them"
    return (
        f'<td {where}><button type="button" class="s-{cell["stance"]}" '
        f'title="{markup.attr(words)}" aria-label="{markup.attr(words)}">'
        f'<span aria-hidden="true">{STANCE_MARKS[cell["stance"]]}<span class="n">{total}</span>'
        "</span></button></td>"
    )
