"""The public API: exactly these names, each resolving to the object its defining module holds."""

import importlib
import subprocess
import sys

import planwatch

PUBLIC = [
    "__version__",
    "CityReport",
    "CategoryReport",
    "ActionReport",
    "AccountabilityReport",
    "AnnualReport",
    "EvaluationReport",
    "explore",
    "load_dataset",
    "build_data",
    "parse_table_file",
    "render",
    "InputError",
    "ParameterError",
    "IncompleteSetError",
]


def test_all_is_pinned():
    assert planwatch.__all__ == PUBLIC
    assert sorted(dir(planwatch)) == sorted(PUBLIC)


def test_each_name_resolves_to_the_object_of_the_module_that_defines_it():
    for name, (module, attr) in planwatch._API.items():
        value = getattr(planwatch, name)
        assert value is getattr(importlib.import_module(module), attr), name
        assert getattr(planwatch, name) is value, f"{name} is shadowed after its module loaded"
        defined_in = getattr(value, "__module__", module)
        assert defined_in == module, f"{name} is defined in {defined_in}, not {module}"
    assert planwatch.__version__ == importlib.import_module("planwatch.version").__version__


def test_an_unknown_name_is_an_attribute_error():
    try:
        planwatch.NoSuchThing  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchThing" in str(exc)
    else:
        raise AssertionError("an unknown public name resolved")


def test_importing_planwatch_loads_no_report_module():
    code = (
        "import sys, planwatch; print(sorted(m for m in sys.modules if m.startswith('planwatch')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['planwatch', 'planwatch.version']"
