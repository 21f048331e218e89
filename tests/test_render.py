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
