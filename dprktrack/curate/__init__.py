"""Curating the claims file: finding passages, building and changing records that will hold.

Pure functions over a loaded catalog; the command line asks the questions and writes.
"""
