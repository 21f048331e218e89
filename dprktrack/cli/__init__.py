"""The `dprktrack` command line: click commands only, each a thin shell over the library.

Only click and the standard library load at start-up; each command imports what
it needs (pydantic to validate a new record, rich to draw tables) when it runs, so `--help` and
machine output start fast. The group and its shared options live in `group` and
`shared`; each other module holds the commands of one kind of work, and is
imported only when one of its commands runs: `--help` lists them from the group's
map of commands (`group.COMMAND_MODULES`), which holds their short help.
"""

from dprktrack.cli.group import main

__all__ = ["main"]
