"""Holds the raw inputs: the plan manifest, mappings, observation readers, plausibility,
provenance, boundaries. Imports parse, assess, present (spreadsheets) and the base modules."""
