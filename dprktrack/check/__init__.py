"""Checking every claim's quote against its source, and reporting what was found.

findings (the verdict slugs and a finding), verdicts (judging one claim), pins (a
source's sha256 pin), repairs (what --fix writes), run (checking a claims file),
reporters (the text, colour, JSON and GitHub forms). Nothing is imported here, so
importing one of them loads only what it needs.
"""
