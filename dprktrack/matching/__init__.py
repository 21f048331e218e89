"""Where a quote stands in its source: text positions, normalising, omissions, search."""
