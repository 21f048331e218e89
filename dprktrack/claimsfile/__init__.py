"""The claims file on disk, one module per job.

`find` says which file (--claims, ./claims.json, the bundled copy); `read` decodes
it; `load` parses it and validates it by the quick path into a `catalog.Catalog`;
a file the quick path refuses goes to `explain`, whose pydantic models say what is
wrong, each problem placed at its line:column by `problems`; `rewrite` is the write
side, atomic by way of `safeio`. Nothing here needs the matcher.
"""
