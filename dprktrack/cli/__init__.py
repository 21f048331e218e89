"""The `dprktrack` command line: click commands only, each a thin shell over the library.

Only click and the standard library load at start-up; each command imports what
it needs (pydantic to load, rich to draw tables) when it runs, so `--help` and
machine output start fast. The group and its shared options live in `group` and
`shared`; each other module holds the commands of one kind of work.
"""

# Importing these attaches their commands to `main`.
from dprktrack.cli import checking, curating, exporting, lookups  # noqa: F401
from dprktrack.cli.group import main

__all__ = ["main"]
