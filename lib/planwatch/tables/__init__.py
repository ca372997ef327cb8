"""Holds the line at data/processed/: schemas, the build (raw to processed), one-set storage,
loading a verified set, adding a file. Imports inputs, parse, assess, present and the base."""
