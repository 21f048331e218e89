"""Claim suggestions for a source: statements, acts and their likely speakers, found by rules.

The rules find and rank; the curator judges. Every suggestion is anchored as `add` anchors a
quote, so none can name a passage that `check` would fail.
"""
