"""Bash completion that reads the command line as typed, not as bash cut it into words.

Bash splits words at `=` and `:` (COMP_WORDBREAKS), so `--stance panel-of-experts=s`
reaches click as three words and nothing completes; `--actor=mos` likewise. This
class reads COMP_LINE up to the cursor instead, and answers with what bash will
put in place of its own last word: the text after the last `=` or `:`.
"""

from __future__ import annotations

import os
from typing import Any, ClassVar

from click.shell_completion import (
    BashComplete,
    CompletionItem,
    add_completion_class,
    split_arg_string,
)

WORD_BREAKS = "=:"
"""The characters of bash's default COMP_WORDBREAKS that can occur inside our values."""


class LineBashComplete(BashComplete):
    """click's bash completion, given the whole line and the cursor by its script."""

    source_template: ClassVar[str] = BashComplete.source_template.replace(
        "COMP_CWORD=$COMP_CWORD",
        'COMP_CWORD=$COMP_CWORD COMP_LINE="$COMP_LINE" COMP_POINT=$COMP_POINT',
    )
    token = ""
    """The word being completed as typed, `=` and `:` included."""

    def get_completion_args(self) -> tuple[list[str], str]:
        line, point = os.environ.get("COMP_LINE"), os.environ.get("COMP_POINT")
        if line is None or point is None or not point.isdigit():
            return super().get_completion_args()  # a script from before this class
        typed = line[: int(point)]
        words = split_arg_string(typed)
        if not typed or typed[-1].isspace() or not words:
            return words[1:], ""
        self.token = words[-1]
        return words[1:-1], words[-1]

    def format_completion(self, item: CompletionItem[Any]) -> str:
        value = str(item.value)
        cut = max(self.token.rfind(char) for char in WORD_BREAKS)
        if cut >= 0 and value.startswith(self.token[: cut + 1]):
            value = value[cut + 1 :]  # bash replaces only what follows its last break
        return f"{item.type},{value}"


def use_line_aware_bash() -> None:
    """Make `bash_source` and `bash_complete` use LineBashComplete."""
    add_completion_class(LineBashComplete, "bash")
