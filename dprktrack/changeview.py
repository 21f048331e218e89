"""Views for people of how claims move: the timeline's lines, a diff of two claims files.

Like render.py, everything from data goes to rich as `Text` after `visible()`, and
colour only adds to what the plain text already says (markers and arrows stand without
it).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from dprktrack.output.safetext import one_line, visible
from dprktrack.render import STANCE_STYLES

if TYPE_CHECKING:
    from dprktrack.diff import FieldChange, RecordChange

SOURCE_DATE_MARK, CHANGE_MARK = "*", "Δ"
ACTOR_WIDTH, STANCES_WIDTH, QUOTE_MIN = 24, 44, 20
GAP = "  "


Part = tuple[str, str]
"""A run of text and its style ("" for none)."""


def _stance_word(stance: str, colour: bool) -> Part:
    return stance, STANCE_STYLES.get(stance, "") if colour else ""


def _stances_cell(entry: dict[str, Any], colour: bool) -> list[Part]:
    """`target stance` per stance; a changed one first, as `before → after target`, so a
    narrow line cuts the target's name, never the turn it shows."""
    changed = {change["target"]: change for change in entry["changes"]}
    turned: list[list[Part]] = []
    kept: list[list[Part]] = []
    for stance in entry["stances"]:
        change = changed.get(stance["target"])
        target = one_line(visible(stance["target"]))
        if change is None:
            kept.append([(target + " ", ""), _stance_word(stance["stance"], colour)])
            continue
        arrow = (" → ", "bold" if colour else "")
        turn = [_stance_word(change["from"], colour), arrow, _stance_word(stance["stance"], colour)]
        turned.append([*turn, (" " + target, "")])
    parts: list[Part] = []
    for number, cell in enumerate([*turned, *kept]):
        parts.extend([(", ", "")] if number else [])
        parts.extend(cell)
    return parts


_ONE_CELL_EACH = re.compile(
    r"[\x20-\x7e\u00a0-\u02ff\u0370-\u03ff\u2010-\u2027\u2030-\u205e\u20a0-\u20bf\u2190-\u21ff]*"
)
"""Printable Latin and Greek letters, punctuation, currency signs and arrows: one cell each,
so a string of them is as wide as it is long."""


def _width(parts: Sequence[Part]) -> int:
    return cell_len("".join(text for text, _ in parts))


def _fitted(parts: Sequence[Part], width: int) -> list[Part]:
    """`parts` cut to `width` cells (an ellipsis marks the cut) and padded to it. Plain
    string work where each character is one cell (100,000 lines in a blink); rich's
    grapheme-aware measures otherwise (wide letters, combining marks)."""
    plain = "".join(text for text, _ in parts)
    if not _ONE_CELL_EACH.fullmatch(plain):
        text = Text()
        for run, style in parts:
            text.append(run, style)
        text.truncate(width, overflow="ellipsis", pad=True)
        # A console only to split the cut line into runs; it prints nothing.
        console = Console(width=width + 1, color_system=None, force_terminal=False)
        return [(segment.text, str(segment.style or "")) for segment in text.render(console)]
    if len(plain) <= width:
        return [*parts, (" " * (width - len(plain)), "")]
    fitted: list[Part] = []
    room = width - 1
    for run, style in parts:
        if room <= 0:
            break
        fitted.append((run[:room], style))
        room -= len(run[:room])
    return [*fitted, ("…", "")]


def _actor_named(entry: dict[str, Any]) -> str:
    """The actor, and who it spoke with where the claim was a group's ("jointly with")."""
    joint = entry.get("jointly_with")
    return str(entry["actor"]) + (" (joint)" if joint else "")


def timeline_view(entries: Sequence[dict[str, Any]], width: int, colour: bool) -> Lines:
    """One line per entry: date (`*` when its source's), id, `Δ` where a stance turns, actor,
    stances, the quote's beginning; a legend says what the marks mean. Lines never wrap
    (`show ID` has it all); the width left is shared between actor, stances and quote."""
    stance_cells = [_stances_cell(entry, colour) for entry in entries]
    id_width = max(len(entry["id"]) for entry in entries)  # ids are slugs: ASCII
    rest = width - len("YYYY-MM-DD*") - id_width - len(CHANGE_MARK) - 5 * len(GAP)
    actors = [[(one_line(_actor_named(entry)), "")] for entry in entries]
    actor_width = min(ACTOR_WIDTH, max(map(_width, actors)), max(10, rest // 3))
    stances_width = min(
        STANCES_WIDTH,
        max(map(_width, stance_cells)),
        max(12, rest - actor_width - QUOTE_MIN),
    )
    quote_width = max(QUOTE_MIN, rest - actor_width - stances_width)
    bold = "bold" if colour else ""
    lines: list[str | list[Part]] = []
    for entry, actor, stances in zip(entries, actors, stance_cells, strict=True):
        mark = SOURCE_DATE_MARK if entry["dated_by"] == "source" else " "
        line: list[Part] = [(entry["when"] + mark + GAP, "dim" if colour and mark != " " else "")]
        line += _fitted([(one_line(entry["id"]), bold)], id_width)
        line.append((GAP + (CHANGE_MARK if entry["changes"] else " ") + GAP, bold))
        line += [*_fitted(actor, actor_width), (GAP, "")]
        line += [*_fitted(stances, stances_width), (GAP, "")]
        line += _fitted([(one_line(entry["quote"]), "")], quote_width)
        line = _rstripped(line)
        # Without colour, a line is one string: 100,000 of them stay small.
        lines.append(line if colour else "".join(run for run, _ in line))
    lines.extend(_legend(entries, colour))
    return Lines(lines)


def _rstripped(line: list[Part]) -> list[Part]:
    while line and not line[-1][0].strip():
        line.pop()
    if line:
        line[-1] = (line[-1][0].rstrip(), line[-1][1])
    return line


class Lines:
    """Lines laid out already, each no wider than the terminal: rich writes their runs as
    they are, without measuring and wrapping 100,000 lines again."""

    def __init__(self, lines: Sequence[str | list[Part]]) -> None:
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        styles: dict[str, Style] = {}
        for line in self.lines:
            if isinstance(line, str):
                yield Segment(line)
            else:
                for run, style in line:
                    shown = styles.setdefault(style, Style.parse(style)) if style else None
                    yield Segment(run, shown)
            yield Segment.line()


def _legend(entries: Sequence[dict[str, Any]], colour: bool) -> list[str | list[Part]]:
    """What the marks of these entries mean, only those that occur."""
    legend = []
    if any(entry["dated_by"] == "source" for entry in entries):
        legend.append(f"{SOURCE_DATE_MARK} the claim has no date: its source's is shown")
    if any(entry["changes"] for entry in entries):
        legend.append(f"{CHANGE_MARK} a stance differs from the actor's previous claim on it")
    dim = "dim" if colour else ""
    return [[], *([(line, dim)] for line in legend)] if legend else []


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
