"""Views for people of how claims move: the timeline's lines, a diff of two claims files.

Like render.py, everything from data goes to rich as `Text` after `visible()`, and
colour only adds to what the plain text already says (markers and arrows stand without
it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.text import Text

from dprktrack.output.safetext import one_line, visible
from dprktrack.render import STANCE_STYLES

if TYPE_CHECKING:
    from dprktrack.diff import FieldChange, RecordChange

SOURCE_DATE_MARK, CHANGE_MARK = "*", "Δ"
ACTOR_WIDTH, STANCES_WIDTH, QUOTE_MIN = 24, 44, 20
GAP = "  "


def _stance_word(stance: str, colour: bool) -> Text:
    return Text(stance, STANCE_STYLES.get(stance, "") if colour else "")


def _stances_cell(entry: dict[str, Any], colour: bool) -> Text:
    """`target stance` per stance; a changed one first, as `before → after target`, so a
    narrow line cuts the target's name, never the turn it shows."""
    changed = {change["target"]: change for change in entry["changes"]}
    turned, kept = [], []
    for stance in entry["stances"]:
        change = changed.get(stance["target"])
        if change is None:
            part = Text(visible(stance["target"]) + " ")
            part.append_text(_stance_word(stance["stance"], colour))
            kept.append(part)
            continue
        part = _stance_word(change["from"], colour)
        part.append(" → ", "bold" if colour else "")
        part.append_text(_stance_word(stance["stance"], colour))
        part.append(" " + visible(stance["target"]))
        turned.append(part)
    return Text(", ").join([*turned, *kept])


def _fitted(text: Text, width: int) -> Text:
    """`text` cut to `width` cells (an ellipsis marks the cut) and padded to it."""
    fitted = text.copy()
    fitted.truncate(width, overflow="ellipsis", pad=True)
    return fitted


def _actor_named(entry: dict[str, Any]) -> str:
    """The actor, and who it spoke with where the claim was a group's ("jointly with")."""
    joint = entry.get("jointly_with")
    return str(entry["actor"]) + (" (joint)" if joint else "")


def timeline_view(entries: Sequence[dict[str, Any]], width: int, colour: bool) -> Text:
    """One line per entry: date (`*` when its source's), id, `Δ` where a stance turns, actor,
    stances, the quote's beginning; a legend says what the marks mean. Lines never wrap
    (`show ID` has it all); the width left is shared between actor, stances and quote."""
    stance_cells = [_stances_cell(entry, colour) for entry in entries]
    id_width = max(len(entry["id"]) for entry in entries)  # ids are slugs: ASCII
    rest = width - len("YYYY-MM-DD*") - id_width - len(CHANGE_MARK) - 5 * len(GAP)
    actors = [Text(one_line(_actor_named(entry))) for entry in entries]
    actor_width = min(ACTOR_WIDTH, max(actor.cell_len for actor in actors), max(10, rest // 3))
    stances_width = min(
        STANCES_WIDTH,
        max(cell.cell_len for cell in stance_cells),
        max(12, rest - actor_width - QUOTE_MIN),
    )
    quote_width = max(QUOTE_MIN, rest - actor_width - stances_width)
    lines = []
    for entry, actor, stances in zip(entries, actors, stance_cells, strict=True):
        mark = SOURCE_DATE_MARK if entry["dated_by"] == "source" else " "
        line = Text(entry["when"] + mark + GAP, "dim" if colour and mark != " " else "")
        line.append_text(_fitted(Text(one_line(entry["id"]), "bold" if colour else ""), id_width))
        line.append(
            GAP + (CHANGE_MARK if entry["changes"] else " ") + GAP, "bold" if colour else ""
        )
        line.append_text(_fitted(actor, actor_width))
        line.append(GAP)
        line.append_text(_fitted(stances, stances_width))
        line.append(GAP)
        line.append_text(_fitted(Text(one_line(entry["quote"])), quote_width))
        line.truncate(width, overflow="ellipsis")
        line.rstrip()
        lines.append(line)
    lines.extend(_legend(entries))
    return Text("\n").join(lines)


def _legend(entries: Sequence[dict[str, Any]]) -> list[Text]:
    """What the marks of these entries mean, only those that occur."""
    legend = []
    if any(entry["dated_by"] == "source" for entry in entries):
        legend.append(f"{SOURCE_DATE_MARK} the claim has no date: its source's is shown")
    if any(entry["changes"] for entry in entries):
        legend.append(f"{CHANGE_MARK} a stance differs from the actor's previous claim on it")
    return [Text(""), *(Text(line, "dim") for line in legend)] if legend else []


DIFF_MARKS = {"added": ("+", "green"), "removed": ("-", "red"), "changed": ("~", "yellow")}
DIFF_MARKS["re-anchored"] = ("=", "dim")
WORD_STYLES = {"=": "", "-": "red strike", "+": "green underline"}
WORD_BRACKETS = {"=": ("", ""), "-": ("[-", "-]"), "+": ("{+", "+}")}


def _word_diff(ops: Sequence[tuple[str, str]], colour: bool) -> Text:
    """`[-removed-]{+added+}` among the kept words, coloured as well on a terminal."""
    text = Text()
    for tag, run in ops:
        opening, closing = WORD_BRACKETS[tag]
        text.append(opening + one_line(run) + closing, WORD_STYLES[tag] if colour else "")
    return text


def _field_view(change: FieldChange, colour: bool) -> list[Text]:
    from dprktrack.diff import field_lines, shown_ops

    ops = shown_ops(change)
    label = f"    {change.field}: "
    if ops is not None:
        return [Text(label) + _word_diff(ops, colour)]
    lines = field_lines(change)
    if len(lines) == 1:
        return [Text(label + one_line(lines[0]))]
    return [Text(label.rstrip()), *(Text("      " + one_line(line)) for line in lines)]


def _change_view(change: RecordChange, colour: bool) -> list[Text]:
    from dprktrack.diff import gist, value_text

    mark, style = DIFF_MARKS[change.status]
    head = Text(f"{mark} {change.kind} ", style if colour else "")
    head.append(one_line(change.id), "bold" if colour else "")
    if change.record is not None:
        head.append(f"  {change.status}: " + one_line(gist(change.record)))
        return [head]
    head.append(f"  {change.status}")
    lines = [head]
    for field in change.fields:
        lines.extend(_field_view(field, colour))
    if change.anchors:
        moves = ", ".join(
            f"{a.field} {value_text(a.before)} → {value_text(a.after)}"
            for a in change.anchors
            if a.field in ("start", "end")
        )
        names = ", ".join(a.field for a in change.anchors)
        lines.append(Text(f"    re-anchored ({moves or names})", "dim" if colour else ""))
    return lines


def diff_view(old_name: str, new_name: str, changes: Sequence[RecordChange], colour: bool) -> Text:
    """The diff for people: both names and the counts, then a block per record changed.

    Marks: `+` added, `-` removed, `~` changed (field by field, text as a word diff),
    `=` re-anchored (the quote's place moved, its meaning did not).
    """
    from dprktrack.diff import summary_line

    lines = [
        Text(f"{one_line(old_name)} → {one_line(new_name)}"),
        Text(summary_line(list(changes))),
    ]
    for change in changes:
        lines.extend(_change_view(change, colour))
    return Text("\n").join(lines)
