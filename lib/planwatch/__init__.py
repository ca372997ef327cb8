"""planwatch: monitor Chinese plans' indicator tables — parse, assess progress, report.

The public API is the names in ``__all__`` (pinned by ``tests/test_public_api.py``); notebooks
import only these. ``_API`` below names the module that defines each one (the test checks that it
does). They load on first use: a plain import of every report module here would pull altair,
ipywidgets and jsonschema into every process, and ``planwatch --version`` would take about 5 s
instead of a fraction of one (measured; the CLI imports only what its command needs).
"""

from importlib import import_module

from planwatch.version import __version__

_API = {
    # reports (one class per report kind) and the explorer
    "CityReport": ("planwatch.reports.city", "CityReport"),
    "CategoryReport": ("planwatch.reports.category", "CategoryReport"),
    "ActionReport": ("planwatch.reports.action", "ActionReport"),
    "AccountabilityReport": ("planwatch.reports.action", "AccountabilityReport"),
    "AnnualReport": ("planwatch.reports.annual", "AnnualReport"),
    "EvaluationReport": ("planwatch.reports.evaluation", "EvaluationReport"),
    # (not "explorer": importing the subpackage of that name would shadow it on the package)
    "explore": ("planwatch.explorer.widgets", "explorer"),
    # data
    "load_dataset": ("planwatch.tables.dataset", "load"),
    "build_data": ("planwatch.tables.build", "run"),
    "parse_table_file": ("planwatch.parse.table_file", "parse_table_file"),
    # rendering
    "render": ("planwatch.reports.render", "render"),
    # errors
    "InputError": ("planwatch.errors", "InputError"),
    "ParameterError": ("planwatch.reports.params", "ParameterError"),
    "IncompleteSetError": ("planwatch.tables.storage", "IncompleteSetError"),
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    if name not in _API:
        raise AttributeError(f"module 'planwatch' has no attribute {name!r}")
    module, attr = _API[name]
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
