"""The command group: options every command shares, one-line errors and exit codes.

Every failure becomes one line on stderr and a documented exit code; bad input
never shows a traceback.
"""

from __future__ import annotations

import contextlib
import errno
import importlib
import io
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dprktrack import __version__
from dprktrack.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, EXIT_OUTPUT, DprkError
from dprktrack.output.safetext import one_line

if TYPE_CHECKING:
    from click.shell_completion import CompletionItem

INTERRUPTED = "error: interrupted; nothing written"
STDOUT_CLOSED = "stdout is closed; give the output somewhere to go (> FILE, > /dev/null)"
_DECIDED_EXIT = "dprktrack.decided_exit"
"""Where `decide_exit` keeps a command's exit code in the context's shared `meta`."""

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
COMMAND_MODULES: dict[str, tuple[str, str]] = {
    "actors": ("dprktrack.cli.lookups:actors", "List the actors with their claims and stances."),
    "add": ("dprktrack.cli.curating:add", "Add a claim, its quote anchored in the source."),
    "add-actor": ("dprktrack.cli.curating:add_actor", "Add an actor the claims can name."),
    "add-source": (
        "dprktrack.cli.sourcing:add_source",
        "Register a text file as a source, its bytes pinned.",
    ),
    "add-target": (
        "dprktrack.cli.curating:add_target",
        "Add a target stances can be taken toward.",
    ),
    "approve": (
        "dprktrack.cli.curating:approve",
        "Approve a claim's omissions and alterations after reading them.",
    ),
    "check": (
        "dprktrack.cli.checking:check",
        "Verify that every quote still stands in its source.",
    ),
    "config": (
        "dprktrack.cli.configuring:config",
        "Show the settings in force and where each came from.",
    ),
    "diff": (
        "dprktrack.cli.changes:diff",
        "Show what changed between two versions of the claims file.",
    ),
    "edit": (
        "dprktrack.cli.editing:edit",
        "Change a claim: stances, summary, actor, quote, details.",
    ),
    "edit-actor": (
        "dprktrack.cli.editing:edit_actor",
        "Change an actor: name, aliases, kind, members.",
    ),
    "edit-target": (
        "dprktrack.cli.editing:edit_target",
        "Change a target's label or description.",
    ),
    "edit-source": (
        "dprktrack.cli.sourcing:edit_source",
        "Change a source's title, outlet, date or web address.",
    ),
    "export": (
        "dprktrack.cli.exporting:export",
        "Export every claim for annotation tools, spreadsheets or data tools.",
    ),
    "list": (
        "dprktrack.cli.lookups:list_claims",
        "List claims: who said what, with stances and the quote.",
    ),
    "locate": ("dprktrack.cli.curating:locate", "Find a passage in the sources, ready to quote."),
    "read": ("dprktrack.cli.lookups:read", "Read the article with every claimed span highlighted."),
    "remove": ("dprktrack.cli.editing:remove", "Remove claims by id, all of them or none."),
    "remove-actor": (
        "dprktrack.cli.editing:remove_actor",
        "Remove an actor that no claim or group names.",
    ),
    "remove-target": (
        "dprktrack.cli.editing:remove_target",
        "Remove a target that no stance names.",
    ),
    "remove-source": (
        "dprktrack.cli.sourcing:remove_source",
        "Remove a source no claim quotes any more.",
    ),
    "report": (
        "dprktrack.cli.reporting:report",
        "Write the findings as one self-contained HTML page.",
    ),
    "schema": (
        "dprktrack.cli.curating:schema",
        "Print the claims file's JSON Schema, for editors.",
    ),
    "show": ("dprktrack.cli.lookups:show", "Show one claim in full, its quote in its paragraph."),
    "sources": (
        "dprktrack.cli.sourcing:sources",
        "List the sources: outlet, date, claims, pin state, web address.",
    ),
    "stances": (
        "dprktrack.cli.lookups:stances",
        "Show who stands where: a grid of actors against targets.",
    ),
    "suggest": (
        "dprktrack.cli.suggesting:suggest",
        "Suggest claims in a source: statements, acts and likely speakers.",
    ),
    "targets": ("dprktrack.cli.lookups:targets", "List the targets stances are taken toward."),
    "timeline": (
        "dprktrack.cli.changes:timeline",
        "Claims in date order, marking where a stance turns.",
    ),
}
"""Each command: where it is defined (`module:attribute`) and its short help.

Commands are imported only when one runs (click's lazy group pattern); the short
help is held here so that `dprktrack --help` and completing a command's name import
no command module. A test holds each entry equal to the command's own short help.
"""


class _UsageError(click.UsageError):
    """A usage error shown as one line, like every other error of the tool."""

    def show(self, file: Any = None) -> None:
        hint = f" (see '{self.ctx.command_path} --help')" if self.ctx else ""
        message = self.format_message()
        if "--claims" in message and self.ctx and self.ctx.parent:
            hint = " (--claims goes before the command: dprktrack --claims PATH list)"
        _error(f"error: {one_line_message(message)}{hint}")


class _Group(click.Group):
    """Turns every failure into one-line messages on stderr and a documented exit code.

    Bad input never shows a traceback. A reader that closes the pipe early (`| head`)
    ends the run quietly with the exit code the command decided before printing
    (`decide_exit`), else with success, as it asked for no more; a stdout that is
    closed or full is an error (exit 2); Ctrl-C anywhere exits 130.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if os.environ.get("_DPRKTRACK_COMPLETE", "").startswith("bash"):
            from dprktrack.cli.bashcomplete import use_line_aware_bash

            use_line_aware_bash()  # so `--stance target=s<TAB>` completes despite the `=`
        _escape_what_cannot_be_encoded()
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its module imported only now: a lookup loads no curating code."""
        if cmd_name not in COMMAND_MODULES:
            return None
        return command_object(cmd_name)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The commands with their short help, from the map: listing them imports none."""
        with formatter.section("Commands"):
            formatter.write_dl(
                [(name, COMMAND_MODULES[name][1]) for name in self.list_commands(ctx)]
            )

    def shell_complete(self, ctx: click.Context, incomplete: str) -> list[CompletionItem]:
        """Command names with their short help (from the map), then the group's options."""
        from click.shell_completion import CompletionItem

        names = [name for name in self.list_commands(ctx) if name.startswith(incomplete)]
        items = [CompletionItem(name, help=COMMAND_MODULES[name][1]) for name in names]
        return items + click.Command.shell_complete(self, ctx, incomplete)

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as err:
            raise _UsageError(err.format_message(), err.ctx) from None
        except KeyboardInterrupt:  # while reading the options, or writing --help
            raise click.exceptions.Exit(_interrupted()) from None
        except OSError as err:  # --help or --version written to a closed pipe or a full disk
            code = _output_failure(err, EXIT_OK)
            if code is None:
                raise
            raise click.exceptions.Exit(code) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return self._invoke_flushed(ctx)
        except DprkError as err:
            for line in err.lines:
                _error(f"error: {one_line_message(line)}")
            _settle_stdout()
            ctx.exit(err.exit_code)
        except click.UsageError as err:
            if isinstance(err, _UsageError):
                raise
            raise _UsageError(err.format_message(), err.ctx) from None
        except KeyboardInterrupt:
            ctx.exit(_interrupted())
        except click.Abort:
            _error("error: interrupted (or input ended) before the end; nothing written")
            ctx.exit(EXIT_INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit):
            raise
        except Exception as err:
            code = _output_failure(err, ctx.meta.get(_DECIDED_EXIT, EXIT_OK))
            if code is not None:
                ctx.exit(code)
            if os.environ.get("DPRKTRACK_DEBUG"):
                raise
            _error(
                f"internal error: {type(err).__name__}: {one_line_message(str(err))} "
                "(a bug in dprktrack; rerun with DPRKTRACK_DEBUG=1 for the traceback)"
            )
            _settle_stdout()
            ctx.exit(EXIT_INTERNAL)

    def _invoke_flushed(self, ctx: click.Context) -> Any:
        """Run the command, then flush what it printed: a stdout that fails (a closed pipe,
        a full disk) fails here, where it can be answered, rather than at exit."""
        from dprktrack.claimsfile.collector import paused

        if sys.stdout is None:  # started with its stdout closed (`>&-`)
            raise DprkError(STDOUT_CLOSED, EXIT_OUTPUT)
        try:
            with paused():  # a command builds many objects and no cycles worth collecting
                result = super().invoke(ctx)
        except click.exceptions.Exit:
            sys.stdout.flush()
            raise
        sys.stdout.flush()
        return result


def command_object(name: str) -> click.Command:
    """The command `name` names in COMMAND_MODULES, its module imported."""
    module_name, attribute = COMMAND_MODULES[name][0].split(":")
    command = getattr(importlib.import_module(module_name), attribute)
    if not isinstance(command, click.Command) or command.name != name:
        raise TypeError(f"COMMAND_MODULES[{name!r}] is not the {name!r} command: {command!r}")
    return command


def decide_exit(ctx: click.Context, code: int) -> None:
    """Settle the command's exit code before it prints its report.

    A reader that closes the pipe early (`check | head -1`) then ends the run with
    this code rather than with success, so CI never goes green on a failure.
    """
    ctx.meta[_DECIDED_EXIT] = code


def _interrupted() -> int:
    """Ctrl-C: say so in one line; what the command printed so far is dropped."""
    _silence_stdout()
    _error(INTERRUPTED)
    return EXIT_INTERRUPTED


def _output_failure(err: BaseException, decided: int) -> int | None:
    """The exit code when `err` is stdout failing, None when it is something else.

    A closed pipe ends the run quietly with the code already decided; any other
    failure to write stdout (a full disk, a closed descriptor) is an error, exit 2.
    """
    if isinstance(err, BrokenPipeError):
        _silence_stdout()
        _silence(sys.stderr)  # it may be the pipe that closed (`2>&1 | true`): nothing follows
        return decided
    if not isinstance(err, OSError) or not (_writing_failed(err) or _stdout_fails()):
        return None
    _silence_stdout()
    _error(f"error: cannot write the output (stdout): {err.strerror or err}")
    return EXIT_OUTPUT


_WRITE_ERRORS = frozenset(
    getattr(errno, name, -1) for name in ("ENOSPC", "EDQUOT", "EFBIG", "EIO", "EBADF")
)
"""What writing to a full disk, a dead terminal or a descriptor not open for writing
says. Files are read and written through safeio, which turns its own errors into
messages, so one of these reaching the command line came from writing stdout."""


def _writing_failed(err: OSError) -> bool:
    return err.errno in _WRITE_ERRORS and err.filename is None


def _stdout_fails() -> bool:
    """Whether stdout cannot be written: what it still holds fails to flush."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except OSError:
        return True
    return False


def _settle_stdout() -> None:
    """Flush stdout before an error exit; if it cannot be written, drop what it holds."""
    if _stdout_fails():
        _silence_stdout()


def _escape_what_cannot_be_encoded() -> None:
    """Let stdout and stderr write what their encoding lacks as escapes (`\\u2019`)
    instead of failing: a log kept in ASCII or Latin-1 still gets every line."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            with contextlib.suppress(OSError, ValueError):  # closed, or already failing
                stream.reconfigure(errors="backslashreplace")


def _error(line: str) -> None:
    """One line on stderr itself: click would write UTF-8 to a stream declared ASCII,
    where stderr writes what ASCII lacks as escapes (see _escape_what_cannot_be_encoded)."""
    click.echo(line, file=sys.stderr, err=True)


one_line_message = one_line
"""A message from data shown on one line, its control characters made visible (the
commands' name for `safetext.one_line`)."""


def _silence_stdout() -> None:
    """Point stdout at /dev/null so flushing what is left cannot fail again at exit."""
    _silence(sys.stdout)


def _silence(stream: Any) -> None:
    """Point a stream's descriptor at /dev/null, so flushing it at exit cannot fail."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, descriptor)
    os.close(devnull)


@click.group(cls=_Group, context_settings=CONTEXT, invoke_without_command=True)
@click.version_option(__version__, "--version", prog_name="dprktrack")
@click.option(
    "--claims",
    "claims_path",
    type=click.Path(path_type=Path),
    envvar="DPRKTRACK_CLAIMS",
    show_envvar=True,
    metavar="PATH",
    help="Claims file to read. Default: the settings file's claims, else ./claims.json if "
    "present, else the bundled one.",
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(path_type=Path, dir_okay=False),
    envvar="DPRKTRACK_CONFIG",
    show_envvar=True,
    metavar="PATH",
    help="Settings file to use. Default: the first dprktrack.toml, or pyproject.toml with a "
    "[tool.dprktrack] table, from this folder up.",
)
@click.option("--no-config", is_flag=True, help="Read no settings file.")
@click.pass_context
def main(
    ctx: click.Context, claims_path: Path | None, config_path: Path | None, *, no_config: bool
) -> None:
    """Who said what in the article on the UN sanctions regime against the DPRK.

    Every claim ties an actor's statement to a verbatim quote of the source, with
    the actor's stance toward named targets (the Panel of Experts, the sanctions
    regime, Russia's veto, ...). Start with `dprktrack list` or `dprktrack actors`;
    `dprktrack check` verifies every quote against its source. Curators find a
    passage with `dprktrack locate` and add claims with `dprktrack add`.

    \b
    Exit codes: 0 success (an empty result too), 1 `check` found a failing claim,
    `locate` found nothing or `diff --exit-code` found differences (also when the
    reader closes the pipe early), 2 bad input (usage, an invalid claims file, a
    missing source, an unknown id or revision, a refused quote) or nowhere to write
    (stdout closed, a full disk), 70 an internal error, 130 interrupted (Ctrl-C;
    nothing written).
    """
    named = ctx.get_parameter_source("config_path") == click.core.ParameterSource.COMMANDLINE
    if no_config and named:  # DPRKTRACK_CONFIG alone yields to --no-config
        raise click.UsageError("--no-config and --config contradict each other")
    ctx.obj = claims_path
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
