"""Each report notebook runs top to bottom with its default parameters, as "Run All" in
JupyterLab does (no papermill), on the small fixture project."""

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT

pytestmark = pytest.mark.kernel  # starts Jupyter kernels

REPORTS = [
    "city_report.ipynb",
    "category_report.ipynb",
    "action_report.ipynb",
    "accountability.ipynb",
    "annual_check.ipynb",
    "evaluation.ipynb",
]


@pytest.mark.parametrize("name", REPORTS)
def test_runs_top_to_bottom_with_defaults(small_project, name):
    nb = nbformat.read(ROOT / "notebooks" / name, as_version=4)
    NotebookClient(
        nb,
        kernel_name="python3",
        timeout=300,
        resources={"metadata": {"path": str(small_project / "notebooks")}},
    ).execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "<h1>" in html and "<table" in html
