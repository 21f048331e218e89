"""The timeline's memory of an actor's line: the same answers as comparing every earlier
stance, at a constant cost per claim."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from dprktrack.timeline import Line, Taken


def surely_before(before: Taken, now: Taken) -> bool:
    """The rule, stated plainly: within a source, both dated by themselves; across
    sources, an earlier date."""
    if before.source == now.source:
        return "source" not in (before.dated_by, now.dated_by)
    return before.when < now.when


STANCES = st.tuples(
    st.sampled_from(["2024-01-01", "2024-02-01", "2024-03-01"]),
    st.sampled_from(["a", "b", "c"]),
    st.sampled_from(["claim", "source"]),
    st.sampled_from(["support", "oppose"]),
)


@given(st.lists(STANCES, max_size=40))
def test_the_line_answers_as_a_scan_of_every_earlier_stance(given_stances: list[tuple]) -> None:
    ordered = sorted(given_stances, key=lambda stance: stance[0])  # the timeline's date order
    line, seen = Line(), []
    for place, (when, source, dated_by, stance) in enumerate(ordered):
        now = Taken(stance, f"k{place}", place, source, dated_by, when)
        expected = next((t for t in reversed(seen) if surely_before(t, now)), None)
        assert line.previous(now) == expected
        line.add(now)
        seen.append(now)
