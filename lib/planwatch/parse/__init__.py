"""Holds parsing of plan texts and tables: bytes to text, headings, actions, tasks, indicator
tables, targets in prose. Imports only the base modules (paths, errors, decimals) and itself."""
