"""Writing data for machines and people safely: escaping and record writers."""
