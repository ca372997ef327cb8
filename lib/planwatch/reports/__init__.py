"""Holds the reports: kinds, parameters, report classes, rendering, kernels, offline pages,
downloads, the landing page. Imports present, tables, assess and the base; never the explorer."""
