"""Asking a curator for what is missing, and checking each answer as it is typed.

Questions go to stderr, so stdout stays the command's data (a new id, a record).
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from dprktrack.cli.group import one_line_message
from dprktrack.errors import DprkError
from dprktrack.output.safetext import visible

T = TypeVar("T")


prompt_option = click.option(
    "--prompt/--no-prompt",
    "prompt",
    default=None,
    help="Ask for what is missing (default: when stdin is a terminal).",
)
dry_run_option = click.option(
    "--dry-run", is_flag=True, help="Print the new record (stdout) and write nothing."
)


def will_ask(prompt: bool | None) -> bool:
    """--prompt or --no-prompt as given; else ask only when a person can answer."""
    return _stdin_is_a_terminal() if prompt is None else prompt


def _stdin_is_a_terminal() -> bool:
    """Whether a person can answer; no one can when stdin is closed (`<&-`)."""
    return sys.stdin is not None and sys.stdin.isatty()


def require(required: dict[str, Any], asking: bool, optional: dict[str, Any] | None = None) -> None:
    """Off a terminal nothing can be asked: name every missing option at once. A value
    given but blank is an error even on a terminal (asking would hide the slip)."""
    given = {**required, **(optional or {})}
    blank = [option for option, value in given.items() if _blank(value)]
    if blank:
        raise DprkError(f"{', '.join(blank)}: empty; give a value or leave the option out")
    missing = [option for option, value in required.items() if value in (None, ())]
    if missing and not asking:
        them = "them" if len(missing) > 1 else "it"
        where = "" if _stdin_is_a_terminal() else ", or run on a terminal to be asked"
        raise click.UsageError(f"missing {', '.join(missing)} (give {them}{where})")


def _blank(value: Any) -> bool:
    if isinstance(value, tuple):
        return any(_blank(item) for item in value)
    return isinstance(value, str) and not value.strip()


def one_line(value: str | None, option: str) -> str | None:
    """A free-text value stripped, refused if it holds a line break or a control character:
    every such field is one line of the claims file and of the tables that show it."""
    if value is None:
        return None
    if any(unicodedata.category(char) == "Cc" for char in value):
        raise DprkError(f"{option}: one line, please (it holds a line break or control character)")
    return value.strip()


def ask(text: str, convert: Callable[[str], T], *, default: str | None = None) -> T:
    """Ask on stderr until `convert` accepts the answer; each refusal is shown as an error."""
    while True:
        answer: str = click.prompt(
            text, default=default or "", show_default=bool(default), err=True
        )
        if default is None and not answer.strip():
            click.echo("error: an answer is needed here", err=True)
            continue
        try:
            return convert(answer)
        except DprkError as err:
            for line in err.lines:
                click.echo(f"error: {one_line_message(line)}", err=True)


def required_text(option: str) -> Callable[[str], str]:
    """A converter for a required free-text answer: anything but blank."""

    def convert(value: str) -> str:
        text = one_line(value, option)
        if not text:
            raise DprkError(f"{option}: empty; give a value")
        return text

    return convert


def show_choices(title: str, entries: dict[str, str]) -> None:
    """List the valid answers (id and label) before a question, on stderr."""
    click.echo(f"{title}:", err=True)
    width = max(map(len, entries), default=0)
    for key, label in entries.items():
        click.echo(f"  {visible(key):<{width}}  {one_line_message(label)}", err=True)


def optional_text(option: str) -> Callable[[str], str | None]:
    """A converter for an optional free-text answer: blank is none."""

    def convert(value: str) -> str | None:
        return one_line(value, option) or None

    return convert


def choice(value: str, choices: Sequence[str]) -> str:
    """One of a closed list of words, in any case."""
    if value.strip().lower() not in choices:
        raise DprkError(f"choose one of {', '.join(choices)}")
    return value.strip().lower()
