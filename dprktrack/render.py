"""Views for people: rich tables, a claim in its paragraph, the annotated article.

Everything from data is passed to rich as `Text` (never as markup) after
`visible()`, so a quote can neither style the terminal nor inject escapes; what
the console prints is made inert in CI logs as it goes out (`output.console`).
Colour appears only on a terminal and NO_COLOR is respected (rich does both);
without colour, highlighted spans are bracketed so they still stand out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.style import Style
from rich.table import Table
from rich.text import Text

from dprktrack.output.blocks import Field, Fields, record_blocks
from dprktrack.output.console import make_console as make_console  # noqa: PLC0414 (re-export)
from dprktrack.output.console import print_view as print_view  # noqa: PLC0414 (re-export)
from dprktrack.output.console import rendered as rendered  # noqa: PLC0414 (re-export)
from dprktrack.output.listing import Column, fixed_width, listing_table, widest
from dprktrack.output.safetext import one_line, visible, visible_json

if TYPE_CHECKING:
    from dprktrack.curate.anchoring import Passage
    from dprktrack.query import Annotation

STANCE_STYLES = {"support": "green", "oppose": "red", "neutral": "cyan", "mixed": "yellow"}
OPEN_MARK, CLOSE_MARK = "⟦", "⟧"


def pager_shows_colour(environ: Mapping[str, str]) -> bool:
    """Whether the pager click will start passes colour through: less with -R, or unset LESS.

    Any other pager gets plain text (click strips the escapes), so views drawn for
    it must mark spans without colour.
    """
    command = (environ.get("PAGER") or "less").split()
    if not command or command[0].rsplit("/", 1)[-1] != "less":
        return False
    flags = environ.get("LESS", "") + "".join(command[1:])
    return not flags or "r" in flags.lower()


def has_colour(console: Console) -> bool:
    return console.color_system is not None and not console.no_color


def _stance_text(stances: Sequence[dict[str, str]], stacked: bool = True) -> Text:
    """Each stance as its target and the stance word in its colour (below it, when stacked)."""
    text = Text()
    for index, entry in enumerate(stances):
        if index:
            text.append("\n")
        text.append(visible(entry["target"]) + ("\n  " if stacked else " "))
        text.append(entry["stance"], style=STANCE_STYLES.get(entry["stance"], ""))
    return text


LISTING_FLOOR = 10
"""The narrowest a listing's column of free text (names, roles, labels) is drawn."""
QUOTE_FLOOR = 24
"""The narrowest the quote column of `list` is drawn."""


def claims_table(records: Sequence[dict[str, Any]], width: int) -> RenderableType:
    """Claims as a table, or one block per claim where the table would break an id."""
    targets = [visible(entry["target"]) for record in records for entry in record["stances"]]
    relays = (visible(record["reported_via"] or "") for record in records)
    table = listing_table(
        [
            Column("id", fixed_width("id", (visible(r["id"]) for r in records)), style="bold"),
            Column("actor", widest(relays, LISTING_FLOOR), ratio=2),
            Column("stances", fixed_width("stances", [*targets, "  neutral"])),
            Column("quote", QUOTE_FLOOR, ratio=6),
        ],
        width,
    )
    if table is None:
        return record_blocks([_claim_fields(record) for record in records])
    for record in records:
        actor = Text(visible(record["actor"]))
        if record.get("jointly_with"):
            joint = ", ".join(visible(name) for name in record["jointly_with"])
            actor.append(f"\njointly with {joint}", style="dim")
        if record.get("kind") == "act":
            actor.append("\n(an act)", style="dim")
        if record["reported_via"]:
            actor.append(f"\nvia {visible(record['reported_via'])}", style="dim")
        table.add_row(
            Text(visible(record["id"])),
            actor,
            _stance_text(record["stances"]),
            Text(visible(record["quote"])),
        )
    return table


def _claim_fields(record: dict[str, Any]) -> list[Field]:
    fields = [
        Field("id", Text(visible(record["id"]), style="bold"), whole=True),
        Field("actor", Text(visible(record["actor"]))),
    ]
    if record.get("jointly_with"):
        fields.append(Field("jointly with", Text(", ".join(map(visible, record["jointly_with"])))))
    if record.get("kind") == "act":
        fields.append(Field("kind", Text("act")))
    if record["reported_via"]:
        fields.append(Field("via", Text(visible(record["reported_via"])), whole=True))
    fields.append(Field("stances", _stance_text(record["stances"], stacked=False), whole=True))
    fields.append(Field("quote", Text(visible(record["quote"]))))
    return fields


def _tally_text(tally: dict[str, int], colour: bool = True) -> Text:
    """`support 2, oppose 1`, each in its stance colour (plain text without colour: rich
    would drop the styles, but only after spending most of a large table's time on them)."""
    if not colour:
        return Text(", ".join(f"{stance} {count}" for stance, count in tally.items()))
    return Text(", ").join(
        Text(f"{stance} {count}", STANCE_STYLES[stance]) for stance, count in tally.items()
    )


MOST_TARGETS_LISTED = 8
"""Targets an actor's row lists one by one; past this, totals and a pointer to `stances`."""


def _counts_text(actor: str, per_target: dict[str, dict[str, int]], colour: bool) -> Text:
    """`target: support 2, oppose 1`, a line per target; for an actor with stances on many
    targets, the totals and where to see them one by one (a wall of lines helps nobody)."""
    if len(per_target) > MOST_TARGETS_LISTED:
        totals: dict[str, int] = {}
        for tally in per_target.values():
            for stance, count in tally.items():
                totals[stance] = totals.get(stance, 0) + count
        ordered = {stance: totals[stance] for stance in STANCE_STYLES if stance in totals}
        hint = f"\n{len(per_target)} targets: dprktrack stances --actor {visible(actor)}"
        return _tally_text(ordered, colour) + Text(hint, style="dim" if colour else "")
    return Text("\n").join(
        Text(visible(target) + ": ") + _tally_text(tally, colour)
        for target, tally in per_target.items()
    )


def _count_column(records: Sequence[dict[str, Any]]) -> Column:
    """The `claims` column of actors and targets: a number, right-aligned."""
    counts = [str(record["claims"]) for record in records]
    counts += [
        f"{record['joint_claims']} joint" for record in records if record.get("joint_claims")
    ]
    return Column("claims", fixed_width("claims", counts), justify="right")


def actors_table(
    records: Sequence[dict[str, Any]], *, width: int, colour: bool = True
) -> RenderableType:
    """Actors as a table, or one block per actor where the table would break an id."""
    ids = [visible(record["id"]) for record in records]
    targets = [visible(target) + ":" for record in records for target in record["stances"]]
    table = listing_table(
        [
            Column("actor", widest(ids, LISTING_FLOOR), ratio=3),
            Column("role", LISTING_FLOOR, ratio=3),
            _count_column(records),
            Column("stances by target", widest([*ids, *targets], LISTING_FLOOR), ratio=4),
        ],
        width,
    )
    if table is None:
        return record_blocks([_actor_fields(record, colour) for record in records])
    for record in records:
        name = Text(visible(record["name"]), style="bold")
        name.append(f"\n{visible(record['id'])} · {record['kind']}", style="dim")
        if record.get("members"):
            name.append("\nmembers: " + ", ".join(map(visible, record["members"])), style="dim")
        role = Text(visible(record["role"] or ""))
        if record["country"]:
            country = "country: " + visible(record["country"])
            role.append(("\n" if record["role"] else "") + country, style="dim")
        counts = _counts_text(record["id"], record["stances"], colour)
        claims = str(record["claims"])
        if record.get("joint_claims"):
            claims += f"\n{record['joint_claims']} joint"
        table.add_row(name, role, claims, counts)
    return table


def _actor_fields(record: dict[str, Any], colour: bool) -> list[Field]:
    fields = [
        Field("actor", Text(visible(record["name"]), style="bold")),
        Field("id", Text(visible(record["id"])), whole=True),
        Field("kind", Text(record["kind"])),
    ]
    if record.get("members"):
        fields.append(Field("members", Text(", ".join(map(visible, record["members"])))))
    for key in ("role", "country"):
        if record[key]:
            fields.append(Field(key, Text(visible(record[key]))))
    joint = f" ({record['joint_claims']} joint)" if record.get("joint_claims") else ""
    fields.append(Field("claims", Text(f"{record['claims']}{joint}")))
    if record["stances"]:
        counts = _counts_text(record["id"], record["stances"], colour)
        fields.append(Field("stances", counts, whole=True))
    return fields


def targets_table(records: Sequence[dict[str, Any]], width: int) -> RenderableType:
    """Targets as a table, or one block per target where the table would break an id."""
    ids = [visible(record["id"]) for record in records]
    table = listing_table(
        [
            Column("target", widest(ids, LISTING_FLOOR), ratio=2),
            Column("description", LISTING_FLOOR, ratio=4),
            _count_column(records),
            Column("stances", LISTING_FLOOR, ratio=2),
        ],
        width,
    )
    if table is None:
        return record_blocks([_target_fields(record) for record in records])
    for record in records:
        name = Text(visible(record["id"]), style="bold")
        name.append("\n" + visible(record["label"]), style="dim")
        counts = _tally_text(record["counts"])
        table.add_row(name, Text(visible(record["description"])), str(record["claims"]), counts)
    return table


def _link_style(key: str, value: str, colour: bool) -> Style | str:
    """A link is clickable where the terminal shows styles; other facts are plain."""
    return Style(link=value) if key == "link" and colour else ""


def _target_fields(record: dict[str, Any]) -> list[Field]:
    return [
        Field("target", Text(visible(record["id"]), style="bold"), whole=True),
        Field("label", Text(visible(record["label"]))),
        Field("description", Text(visible(record["description"]))),
        Field("claims", Text(str(record["claims"]))),
        Field("stances", _tally_text(record["counts"])),
    ]


PIN_STYLES = {"holds": "green", "changed": "bold red", "missing": "bold red", "refused": "bold red"}


def sources_table(records: Sequence[dict[str, Any]], width: int) -> RenderableType:
    """The sources: id and title, outlet and date, claims, pin state and web address; one
    block per source where the table would break an id."""
    ids = [visible(record["id"]) for record in records]
    table = listing_table(
        [
            Column("source", widest(ids, LISTING_FLOOR), ratio=3),
            Column("outlet", LISTING_FLOOR, ratio=2),
            _count_column(records),
            Column("pin", fixed_width("pin", (record["pin"] for record in records))),
            Column("url", LISTING_FLOOR, ratio=3),
        ],
        width,
    )
    if table is None:
        return record_blocks([_source_fields(record) for record in records])
    for record in records:
        name = Text(visible(record["id"]), style="bold")
        name.append("\n" + visible(record["title"]), style="dim")
        outlet = Text(visible(record["outlet"]) + "\n" + record["published"])
        pin = Text(record["pin"], style=PIN_STYLES.get(record["pin"], ""))
        url = Text(visible(record["url"] or "—"))
        table.add_row(name, outlet, str(record["claims"]), pin, url)
    return table


def _source_fields(record: dict[str, Any]) -> list[Field]:
    return [
        Field("source", Text(visible(record["id"]), style="bold"), whole=True),
        Field("title", Text(visible(record["title"]))),
        Field("outlet", Text(f"{visible(record['outlet'])}, {record['published']}")),
        Field("claims", Text(str(record["claims"]))),
        Field("pin", Text(record["pin"], style=PIN_STYLES.get(record["pin"], ""))),
        Field("url", Text(visible(record["url"] or "—")), whole=True),
    ]


STANCE_MARKS = {"support": "▲", "oppose": "▼", "neutral": "●", "mixed": "◆"}


def stance_grid(
    cells: Sequence[dict[str, Any]],
    target_labels: dict[str, str],
    width: int,
    *,
    colour: bool = True,
) -> Group:
    """Actors down, targets across; each cell a stance mark and, if several, the claim count.

    Target ids head the columns, whole; when they are wider together than the
    terminal, columns are numbered and a key below names them. Without colour the
    cells are plain text: styles rich would drop still cost it time.
    """
    present = {cell["target"] for cell in cells}
    targets = [target for target in target_labels if target in present]
    actors: dict[str, str] = {cell["actor_id"]: cell["actor"] for cell in cells}
    by_pair = {(cell["actor_id"], cell["target"]): cell for cell in cells}
    marks = {
        pair: STANCE_MARKS[cell["stance"]] + _count_suffix(cell) for pair, cell in by_pair.items()
    }
    widest_mark = dict.fromkeys(targets, 1)
    for (_, target), mark in marks.items():
        widest_mark[target] = max(widest_mark[target], len(mark))
    name_width = min(28, max((len(name) for name in actors.values()), default=5))
    headers = [visible(target) for target in targets]
    widths = _column_widths(headers, targets, widest_mark)
    numbered = name_width + 3 + sum(widths) + len(GRID_GAP) * (len(widths) - 1) > width
    if numbered:
        headers = [str(number) for number in range(1, len(targets) + 1)]
        widths = _column_widths(headers, targets, widest_mark)
    # One column of pre-laid marks, not one column per target: rich's cost is per cell,
    # and a grid of 200 actors by 20 targets is 4,000 cells.
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("actor", overflow="fold", style="bold" if colour else "", max_width=28)
    table.add_column(_grid_header(headers, widths), no_wrap=True)
    for actor_id, name in actors.items():
        row = Text()
        for number, (target, cell_width) in enumerate(zip(targets, widths, strict=True)):
            mark = marks.get((actor_id, target), "·")
            style = STANCE_STYLES[by_pair[(actor_id, target)]["stance"]] if mark != "·" else "dim"
            row.append(GRID_GAP if number else "")
            row.append(mark.center(cell_width), style=style if colour else "")
        table.add_row(Text(visible(name)), row)
    key = Text()
    for stance, mark in STANCE_MARKS.items():
        key.append(f"{mark} {stance}  ", style=STANCE_STYLES[stance])
    key.append(
        "· no stance.  A number counts the claims; mixed: the claims disagree, or say mixed.",
        style="dim",
    )
    if any(cell.get("jointly") for cell in cells):
        key.append("\nA group's claims count for each of its members too.", style="dim")
    if not numbered:
        return Group(table, key)
    names = [
        Field(f"{number:>2} {visible(target)}:", Text(visible(target_labels[target])))
        for number, target in enumerate(targets, 1)
    ]
    return Group(table, key, Fields(names, key_style="", gap=1))


GRID_GAP = "   "
"""Between two targets' columns of the stance grid."""


def _column_widths(
    headers: Sequence[str], targets: Sequence[str], widest_mark: dict[str, int]
) -> list[int]:
    return [
        max(*(len(line) for line in header.split("\n")), widest_mark[target])
        for header, target in zip(headers, targets, strict=True)
    ]


def _count_suffix(cell: dict[str, Any]) -> str:
    total = sum(cell["counts"].values())
    return str(total) if total > 1 else ""


def _grid_header(headers: Sequence[str], widths: Sequence[int]) -> Text:
    """The targets' headers side by side, each centred over its column, bottom-aligned."""
    split = [header.split("\n") for header in headers]
    height = max((len(lines) for lines in split), default=1)
    rows = []
    for line in range(height):
        pieces = []
        for lines, width in zip(split, widths, strict=True):
            shown = lines[line - (height - len(lines))] if line >= height - len(lines) else ""
            pieces.append(shown.center(width))
        rows.append(GRID_GAP.join(pieces).rstrip())
    return Text("\n".join(rows))


def claim_view(
    record: dict[str, Any],
    details: Sequence[tuple[str, str]],
    paragraph: str,
    quote_start: int | None,
    colour: bool,
) -> Group:
    """A claim's fields, then its quote highlighted inside the source paragraph."""
    heading = Fields(
        [Field(visible(record["id"]), Text(visible(record["actor"]), style="bold"))],
        key_style="bold",
    )
    # A link is clickable where the terminal allows.
    # A link is kept whole (a copy of it must open the page) and clickable where allowed.
    facts = [
        Field(key, Text(visible(value), style=_link_style(key, value, colour)), whole=key == "link")
        for key, value in details
    ]
    facts.append(Field("stances", _stance_text(record["stances"], stacked=False), whole=True))
    fields = Fields(facts)
    body = Text()
    if quote_start is None:
        body.append(visible(record["quote"]))
    else:
        end = quote_start + record["end"] - record["start"]
        body.append(visible(paragraph[:quote_start]))
        stance = record["stances"][0]["stance"]  # the main stance gives the colour
        _append_highlight(body, paragraph[quote_start:end], stance, colour)
        body.append(visible(paragraph[end:]))
    return Group(heading, fields, Text(), body)


def _append_highlight(text: Text, passage: str, stance: str, colour: bool) -> None:
    style = f"bold {STANCE_STYLES[stance]}"
    if colour:
        text.append(visible(passage), style=style)
    else:
        text.append(OPEN_MARK + visible(passage) + CLOSE_MARK)


def article_view(title: str, text: str, annotations: Sequence[Annotation], colour: bool) -> Text:
    """The whole source with each claimed span highlighted in its stance colour and labelled.

    Spans may nest or overlap: the innermost (latest-starting) span colours the
    text, and every span gets its own label where it ends.
    """
    out = Text()
    out.append(visible(title) + "\n", style="bold")
    if colour:
        out.append("Each claim is coloured by its main stance: ", style="dim")
        for stance, style in STANCE_STYLES.items():
            out.append(stance + "  ", style=f"bold {style}")
    else:
        out.append(f"{OPEN_MARK}A claim{CLOSE_MARK} ‹is followed by its id, actor and stances›")
    out.append("\n\n")
    starts: dict[int, list[Annotation]] = defaultdict(list)
    ends: dict[int, list[Annotation]] = defaultdict(list)
    for annotation in sorted(annotations, key=lambda a: (a.start, -a.end)):
        starts[annotation.start].append(annotation)
        ends[annotation.end].append(annotation)
    active: list[Annotation] = []
    cuts = sorted({0, len(text), *starts, *ends})
    for left, right in pairwise(cuts):
        for annotation in starts.get(left, ()):
            active.append(annotation)
            if not colour:
                out.append(OPEN_MARK)
        style = f"bold {STANCE_STYLES[active[-1].stances[0][1]]}" if active and colour else ""
        out.append(visible(text[left:right]), style=style)
        for annotation in ends.get(right, ()):
            active.remove(annotation)
            _append_label(out, annotation, colour)
    return out


def _append_label(out: Text, annotation: Annotation, colour: bool) -> None:
    """` ‹c020 Vasily Nebenzya›`; without colour the stances are spelled out instead."""
    main_stance = annotation.stances[0][1]
    if colour:
        label = f" ‹{visible(annotation.claim_id)} {visible(annotation.actor)}›"
        out.append(label, style=f"dim {STANCE_STYLES[main_stance]}")
        return
    stances = "; ".join(f"{stance} {visible(target)}" for target, stance in annotation.stances)
    out.append(
        f"{CLOSE_MARK} ‹{visible(annotation.claim_id)} {visible(annotation.actor)}: {stances}›"
    )


KIND_STYLES = {"exact": "green", "typography": "yellow", "close": "red"}


Part = tuple["RenderableType", bool]
"""Something to print, and whether it stays on one line whatever the width (soft wrap)."""


def passages_view(passages: Sequence[Passage], colour: bool) -> list[Part]:
    """Each passage: where it is, its sentence with the passage highlighted, and the
    source's characters as a JSON string, ready to paste into claims.json.

    The place and the quote are printed unwrapped, so they copy whole; only the
    sentence wraps, indented. Print with `print_parts`.
    """
    numbered = len(passages) > 1 and all(passage.kind != "close" for passage in passages)
    parts: list[Part] = []
    for passage in passages:
        heading = Text(f"{passage.occurrence}. " if numbered else "", style="bold")
        heading.append(f"{one_line(passage.path)}:{passage.line}:{passage.column}", style="bold")
        heading.append(f"  offsets {passage.span.start}–{passage.span.end}  ")
        heading.append(passage.kind, style=KIND_STYLES[passage.kind])
        if passage.score is not None:
            case = ", letter case differs" if passage.case_only else ""
            heading.append(f" (score {passage.score:.2f}{case})")
        paste = Text("  quote: ", style="dim")
        paste.append(visible_json(passage.spelling), style="")
        parts += [(heading, True), (Padding(_sentence_text(passage, colour), (0, 0, 0, 2)), False)]
        parts.append((paste, True))
        if passage.problem:
            warning = Text("  not quotable as it stands: ", style="bold red")
            warning.append(visible(passage.problem), style="")
            parts.append((warning, True))
        parts.append((Text(), False))
    return parts[:-1]


def print_parts(console: Console, parts: Sequence[Part]) -> None:
    """Print parts as `passages_view` made them: some wrapped, some whole."""
    if console.is_terminal:
        for part, whole in parts:
            console.print(part, soft_wrap=whole)
        return
    with console.capture() as captured:
        for part, whole in parts:
            console.print(part, soft_wrap=whole)
    console.file.write("".join(line.rstrip() + "\n" for line in captured.get().splitlines()))


def _sentence_text(passage: Passage, colour: bool) -> Text:
    """The passage's sentence with the passage highlighted; … where it was cut short."""
    before, after = passage.clipped
    start = passage.span.start - passage.sentence_start
    end = passage.span.end - passage.sentence_start
    text = Text("… " if before else "")
    text.append(visible(passage.sentence[:start]))
    if colour:
        text.append(visible(passage.sentence[start:end]), style=f"bold {KIND_STYLES[passage.kind]}")
    else:
        text.append(OPEN_MARK + visible(passage.sentence[start:end]) + CLOSE_MARK)
    text.append(visible(passage.sentence[end:]) + (" …" if after else ""))
    return text
