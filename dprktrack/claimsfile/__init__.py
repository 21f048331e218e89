"""The claims file on disk, one module per job.

`find` says which file (--claims, ./claims.json, the bundled copy); `read` decodes
it; `load` parses and validates it into a `catalog.Catalog`, with `problems`
saying what is wrong at which line:column; `rewrite` is the write side, atomic by
way of `safeio`. Nothing here needs the matcher.
"""
