"""planwatch: monitor Chinese plans' indicator tables — parse, assess progress, report.

The public API is the names in ``__all__`` (pinned by ``tests/test_public_api.py``); notebooks
import only these. They load lazily, so ``import planwatch`` stays cheap.
"""

from importlib import import_module

__version__ = "0.1.0"

_API = {
    # reports (one class per report kind) and the explorer
    "CityReport": "planwatch.reports.city",
    "CategoryReport": "planwatch.reports.category",
    "ActionReport": "planwatch.reports.action",
    "AccountabilityReport": "planwatch.reports.action",
    "AnnualReport": "planwatch.reports.annual",
    "EvaluationReport": "planwatch.reports.evaluation",
    "explorer": "planwatch.explorer.widgets",
    # data
    "load_dataset": ("planwatch.tables.dataset", "load"),
    "build_data": ("planwatch.tables.build", "run"),
    "parse_table_file": "planwatch.parse.table",
    # rendering
    "render": "planwatch.reports.render",
    # errors
    "InputError": "planwatch.errors",
    "ParameterError": "planwatch.reports.common",
    "IncompleteSetError": "planwatch.tables.storage",
}

__all__ = ["__version__", *_API]


def __getattr__(name: str):
    target = _API.get(name)
    if target is None:
        raise AttributeError(f"module 'planwatch' has no attribute {name!r}")
    module, attr = target if isinstance(target, tuple) else (target, name)
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
