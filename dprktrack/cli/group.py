"""The command group: options every command shares, one-line errors and exit codes.

Every failure becomes one line on stderr and a documented exit code; bad input
never shows a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dprktrack import __version__
from dprktrack.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, EXIT_OK, DprkError
from dprktrack.safetext import inert_in_logs, visible

if TYPE_CHECKING:
    pass

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
COMMAND_MODULES = {
    **dict.fromkeys(("list", "actors", "stances", "targets", "show", "read"), "lookups"),
    "check": "checking",
    **dict.fromkeys(("schema", "locate", "add", "add-actor", "add-target", "approve"), "curating"),
    "export": "exporting",
}
"""Which module of dprktrack.cli defines each command: importing it attaches them to `main`."""


class _UsageError(click.UsageError):
    """A usage error shown as one line, like every other error of the tool."""

    def show(self, file: Any = None) -> None:
        hint = f" (see '{self.ctx.command_path} --help')" if self.ctx else ""
        message = self.format_message()
        if "--claims" in message and self.ctx and self.ctx.parent:
            hint = " (--claims goes before the command: dprktrack --claims PATH list)"
        click.echo(f"error: {one_line_message(message)}{hint}", err=True)


class _Group(click.Group):
    """Turns every failure into one-line messages on stderr and a documented exit code.

    Bad input never shows a traceback; a reader that closes the pipe early (`| head`)
    ends the run quietly with success, as it asked for no more.
    """

    def main(self, *args: Any, **kwargs: Any) -> Any:
        if os.environ.get("_DPRKTRACK_COMPLETE", "").startswith("bash"):
            from dprktrack.bashcomplete import use_line_aware_bash

            use_line_aware_bash()  # so `--stance target=s<TAB>` completes despite the `=`
        return super().main(*args, **kwargs)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMAND_MODULES)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, its module imported only now: a lookup loads no curating code."""
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None:
            importlib.import_module(f"dprktrack.cli.{module}")
        return super().get_command(ctx, cmd_name)

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

    def invoke(self, ctx: click.Context) -> Any:
        from dprktrack.collector import paused

        try:
            with paused():  # a command builds many objects and no cycles worth collecting
                return super().invoke(ctx)
        except DprkError as err:
            for line in err.lines:
                click.echo(f"error: {one_line_message(line)}", err=True)
            ctx.exit(err.exit_code)
        except click.UsageError as err:
            if isinstance(err, _UsageError):
                raise
            raise _UsageError(err.format_message(), err.ctx) from None
        except BrokenPipeError:
            _silence_stdout()
            ctx.exit(EXIT_OK)
        except click.Abort:
            click.echo(
                "error: interrupted (or input ended) before the end; nothing written", err=True
            )
            ctx.exit(EXIT_INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit):
            raise
        except Exception as err:
            if os.environ.get("DPRKTRACK_DEBUG"):
                raise
            click.echo(
                f"internal error: {type(err).__name__}: {one_line_message(str(err))} "
                "(a bug in dprktrack; rerun with DPRKTRACK_DEBUG=1 for the traceback)",
                err=True,
            )
            ctx.exit(EXIT_INTERNAL)


def one_line_message(text: str) -> str:
    """A message from data shown on one line, its control characters made visible."""
    return inert_in_logs(visible(text).replace("\n", "\\n"))


def _silence_stdout() -> None:
    """Point stdout at /dev/null so flushing what is left cannot fail again at exit."""
    try:
        descriptor = sys.stdout.fileno()
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
    help="Claims file to read. Default: ./claims.json if present, else the bundled one.",
)
@click.pass_context
def main(ctx: click.Context, claims_path: Path | None) -> None:
    """Who said what in the article on the UN sanctions regime against the DPRK.

    Every claim ties an actor's statement to a verbatim quote of the source, with
    the actor's stance toward named targets (the Panel of Experts, the sanctions
    regime, Russia's veto, ...). Start with `dprktrack list` or `dprktrack actors`;
    `dprktrack check` verifies every quote against its source. Curators find a
    passage with `dprktrack locate` and add claims with `dprktrack add`.

    \b
    Exit codes: 0 success (an empty result too), 1 `check` found a failing claim
    or `locate` found nothing, 2 bad input (usage, an invalid claims file, a
    missing source, an unknown id, a refused quote), 70 an internal error,
    130 interrupted while asking (nothing written).
    """
    ctx.obj = claims_path
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())
