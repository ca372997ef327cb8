"""Holds the presentation floor: words and voices, evidence, HTML fragments, charts, palettes,
spreadsheets, Vega. Imports only assess, the base modules and itself; it never loads a data set."""
