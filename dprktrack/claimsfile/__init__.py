"""The claims file on disk: find, read, parse, validate and rewrite it."""
