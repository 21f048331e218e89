"""The rich console every view for people is drawn on, safe in a CI log.

Imported only by what draws with rich (the views, the colour check report), so
machine formats and pipes never load rich.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable
from typing import IO, Any

from rich.console import Console, RenderableType
from rich.segment import Segment

from dprktrack.output.safetext import inert_in_logs


class _Console(Console):
    """rich's console, drawing nothing a CI log could take for a workflow command.

    Every view for people passes through here, whatever laid it out: a `::` that a
    table's wrapping brings to the start of a line, a source's own line that begins
    with one (`read`), a `##[` anywhere, all are made inert on their way out. A
    closed pipe is left to the command line to answer.
    """

    def _render_buffer(self, buffer: Iterable[Segment]) -> str:
        """What rich would print (to the terminal, a file or a capture), made inert."""
        return inert_in_logs(super()._render_buffer(buffer))

    def on_broken_pipe(self) -> None:
        """rich would exit with 1 here; the command line ends the run with the exit
        code the command decided (a failing check), or 0."""
        raise BrokenPipeError(errno.EPIPE, "the reader closed the pipe")


def make_console(file: IO[str] | None = None, colour: bool = True) -> Console:
    """A console that never parses markup; `colour=False` forces plain text."""
    extra: dict[str, Any] = {} if colour else {"color_system": None}
    return _Console(file=file, markup=False, highlight=False, emoji=False, **extra)


def rendered(console: Console, view: RenderableType) -> str:
    """The view as the console would print it, without the padding rich adds to each line."""
    with console.capture() as captured:
        console.print(view, crop=False)
    return "".join(line.rstrip() + "\n" for line in captured.get().splitlines())


def print_view(console: Console, view: RenderableType) -> None:
    """Print for a person: straight to a terminal, unpadded anywhere else.

    Lines are not cut at the edge: a view's lines fit its width, but for the few that
    must stay whole (`output.blocks`), which the terminal folds instead.
    """
    if console.is_terminal:
        console.print(view, crop=False)
    else:
        console.file.write(rendered(console, view))
