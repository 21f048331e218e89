"""The `config` command: the settings in force, and where each came from."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from dprktrack.cli.shared import run_settings

if TYPE_CHECKING:
    from dprktrack.config import Settings

_SOURCES = {
    click.core.ParameterSource.COMMANDLINE: "--{option}",
    click.core.ParameterSource.ENVIRONMENT: "{envvar}",
}


@click.command(short_help="Show the settings in force and where each came from.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(("table", "json"), case_sensitive=False),
    default="table",
    show_default=True,
    help="table for reading; json for other tools (on stdout).",
)
@click.pass_context
def config(ctx: click.Context, fmt: str) -> None:
    """Show the settings in force and where each came from.

    Settings are read from the first dprktrack.toml, or pyproject.toml with a
    [tool.dprktrack] table, found from the current folder up to the root
    (dprktrack.toml first within one folder); --config PATH (or DPRKTRACK_CONFIG)
    names the file, --no-config reads none. Each setting comes from the command
    line, else the environment, else the settings file, else its default; `check
    --strict/--no-strict` and `--format` override the file for one run.

    \b
    Examples:
      dprktrack config
      dprktrack --no-config config --format json
    """
    rows = settings_rows(ctx, run_settings(ctx), os.environ)
    if fmt == "json":
        from dprktrack.output.writers import write_json

        write_json(
            {name: {"value": value, "from": origin} for name, value, origin in rows}, sys.stdout
        )
        return
    _write_table(rows)


def settings_rows(
    ctx: click.Context, settings: Settings, environ: Any
) -> list[tuple[str, Any, str]]:
    """(setting, value, where it came from) for the settings file and each setting."""
    from dprktrack.check.reporters import default_format

    root = ctx.find_root()
    file_origin = _option_origin(root, "config_path", "config", "DPRKTRACK_CONFIG")
    if root.params.get("no_config"):
        file_origin = "--no-config"
    elif settings.file is not None and file_origin == "default":
        file_origin = "found from the current folder up"
    file_value = _shown_path(settings.file) if settings.file is not None else None
    claims, claims_origin = _claims(root, settings)
    strict_origin = settings.origins.get("strict", "default")
    fmt = settings.format or default_format(environ)
    fmt_origin = settings.origins.get("format") or (
        "GITHUB_ACTIONS" if environ.get("GITHUB_ACTIONS") == "true" else "default"
    )
    ignore = [
        {"claim": rule.claim, "verdict": rule.verdict, "reason": rule.reason}
        for rule in settings.ignore
    ]
    return [
        ("config", file_value, file_origin),
        ("claims", claims, claims_origin),
        ("strict", settings.strict, strict_origin),
        ("format", fmt, fmt_origin),
        ("ignore", ignore, settings.origins.get("ignore", "default")),
    ]


def _claims(root: click.Context, settings: Settings) -> tuple[str | None, str]:
    """The claims file a command would use, and what chose it."""
    from dprktrack.claimsfile.find import bundled_claims_path, find_claims_file
    from dprktrack.errors import DprkError

    explicit = root.params.get("claims_path")
    if explicit is not None:
        return _shown_path(explicit), _option_origin(
            root, "claims_path", "claims", "DPRKTRACK_CLAIMS"
        )
    if settings.claims is not None:
        return _shown_path(settings.claims), settings.origins["claims"]
    try:
        path = find_claims_file(None)
    except DprkError:
        return None, "default (none found)"
    bundled = path.resolve() == bundled_claims_path()
    return _shown_path(path), "default (the bundled copy)" if bundled else "default"


def _option_origin(root: click.Context, param: str, option: str, envvar: str) -> str:
    source = root.get_parameter_source(param)
    template = _SOURCES.get(source) if source is not None else None
    return template.format(option=option, envvar=envvar) if template else "default"


def _shown_path(path: Path) -> str:
    """A path as the user would type it here: relative to the current folder when short."""
    relative = os.path.relpath(Path.cwd() / path)
    return relative if len(relative) <= len(str(path.absolute())) else str(path.absolute())


def _write_table(rows: list[tuple[str, Any, str]]) -> None:
    """`setting  value  from`, aligned; one line per ignore entry."""
    from dprktrack.output.safetext import one_line

    cells: list[tuple[str, str, str]] = [("setting", "value", "from")]
    for name, value, origin in rows:
        if name == "ignore" and value:
            for index, entry in enumerate(value):
                what = ", ".join(
                    f"{key} {entry[key]}" for key in ("claim", "verdict") if entry[key]
                )
                cells.append(
                    (f"ignore[{index}]", f"{what}: {entry['reason']}", f"{origin}[{index}]")
                )
            continue
        shown = _shown_value(value)
        cells.append((name, shown, origin))
    lines = [[one_line(cell) for cell in line] for line in cells]
    widths = [max(len(line[column]) for line in lines) for column in range(2)]
    for line in lines:
        click.echo(f"{line[0].ljust(widths[0])}  {line[1].ljust(widths[1])}  {line[2]}".rstrip())


def _shown_value(value: Any) -> str:
    if value is None or value == []:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
