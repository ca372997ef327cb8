"""The version of planwatch (one place; the CLI, reports and the package metadata read it)."""

__version__ = "0.1.0"
