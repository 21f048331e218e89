"""Exports for other tools: W3C Web Annotations, and flat claim rows for CSV and JSON Lines.

One module per job: `annotations` and `rows` build plain data from a loaded catalog, which
`dprktrack.output.writers` turn into text; `formats` says which format an -o file asks
for and what writes it; `paths` where an export may go and how a file is replaced.
"""
