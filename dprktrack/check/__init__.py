"""Checking every claim's quote against its source, and reporting what was found."""
