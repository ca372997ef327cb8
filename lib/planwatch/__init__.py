"""planwatch: monitor Chinese plans' indicator tables — parse, assess progress, report."""

__version__ = "0.1.0"
