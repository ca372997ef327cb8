"""Holds the assessment rules: progress to target, the plan's annual path, what-if, composite
indices and rankings. Imports only the base modules and itself; it reads no file but its rules."""
