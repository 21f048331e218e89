"""dprktrack: who said what in an article, each claim tied to a verbatim quote of its source."""

__version__ = "0.1.0"
