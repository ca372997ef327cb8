"""Holds the explorer: its one state, the views derived from it, widgets and panels. Imports
present, tables, assess and the base; never reports (both stand on present and tables)."""
