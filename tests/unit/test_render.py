"""Terminal decisions that depend on the environment, not on data."""

from __future__ import annotations

import pytest

from dprktrack.render import pager_shows_colour


@pytest.mark.parametrize(
    ("environ", "shows"),
    [
        ({}, True),
        ({"LESS": "-R"}, True),
        ({"LESS": "-FRX"}, True),
        ({"LESS": "-F"}, False),
        ({"PAGER": "less -r"}, True),
        ({"PAGER": "/usr/bin/less"}, True),
        ({"PAGER": "more"}, False),
        ({"PAGER": "cat"}, False),
    ],
)
def test_colour_reaches_only_pagers_that_pass_it_through(
    environ: dict[str, str], shows: bool
) -> None:
    assert pager_shows_colour(environ) is shows


def test_tables_drawn_without_colour_read_exactly_as_the_coloured_ones() -> None:
    """Without colour, actors and stances skip their styles for speed; not a character differs."""
    import io

    from support import CLAIMS

    from dprktrack.claimsfile.load import load_catalog
    from dprktrack.query import ClaimFilter, actor_records, stance_cells
    from dprktrack.render import actors_table, make_console, rendered, stance_grid

    catalog = load_catalog(CLAIMS)
    records = actor_records(catalog, ClaimFilter())
    cells = stance_cells(catalog, ClaimFilter())
    labels = {target.id: target.label for target in catalog.targets.values()}
    plain = make_console(io.StringIO(), colour=False)
    for width in (60, 100, 160):
        plain.width = width
        for styled, unstyled in [
            (
                actors_table(records, width=width, colour=True),
                actors_table(records, width=width, colour=False),
            ),
            (
                stance_grid(cells, labels, width, colour=True),
                stance_grid(cells, labels, width, colour=False),
            ),
        ]:
            assert rendered(plain, styled) == rendered(plain, unstyled)


def test_an_actor_with_stances_on_many_targets_gets_totals_and_a_pointer() -> None:
    import io

    from dprktrack.render import MOST_TARGETS_LISTED, actors_table, make_console, rendered

    many = {f"target-{n}": {"support": 2, "oppose": 1} for n in range(MOST_TARGETS_LISTED + 1)}
    few = dict(list(many.items())[:2])
    base = {"name": "Busy", "kind": "person", "role": None, "country": None, "claims": 27}
    records = [
        {**base, "id": "busy", "stances": many},
        {**base, "id": "calm", "name": "Calm", "stances": few},
    ]
    console = make_console(io.StringIO(), colour=False)
    console.width = 120
    text = rendered(console, actors_table(records, width=120, colour=False))
    assert "support 18, oppose 9" in text
    assert f"{MOST_TARGETS_LISTED + 1} targets: dprktrack stances --actor busy" in text
    assert "target-0: support 2, oppose 1" in text  # Calm's two, one by one
    assert "target-8:" not in text
