"""Every option of every command says what it does in --help, and every argument is named
in its command's help: a new user reads `--help`, not the source."""

from __future__ import annotations

import re

import click
import pytest

from dprktrack.cli import main
from dprktrack.cli.group import COMMAND_MODULES, command_object


def _argument_name(argument: click.Argument, ctx: click.Context) -> str:
    """`CLAIM_ID` for `CLAIM_ID...`, `SOURCE` for `[SOURCE]`: the name the help shows."""
    return re.sub(r"[\[\].]", "", argument.make_metavar(ctx))


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_every_option_has_help_and_every_argument_is_named(name: str) -> None:
    command = command_object(name)
    ctx = click.Context(command, info_name=name, parent=click.Context(main))
    for parameter in command.params:
        if isinstance(parameter, click.Option):
            assert not parameter.hidden or parameter.help, parameter.opts
            assert (parameter.help or "").strip(), f"{name} {'/'.join(parameter.opts)}"
        else:
            assert isinstance(parameter, click.Argument)
            named = _argument_name(parameter, ctx)
            assert re.search(rf"\b{named}\b", command.help or ""), f"{name}: {named}"


def test_the_group_options_have_help_too() -> None:
    for parameter in main.params:
        assert isinstance(parameter, click.Option)
        assert (parameter.help or "").strip(), parameter.opts


def test_the_listing_filters_explain_their_choices() -> None:
    listing = command_object("list")
    helps = {option.name: option.help for option in listing.params}
    assert "--target" in (helps["stance"] or "")
    assert "paraphrase" in (helps["quote_type"] or "")
