"""Notebooks are thin, parameterised and committed without outputs."""

import ast
import json

import pytest

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_notebooks_exist():
    assert {p.name for p in NOTEBOOKS} >= {"city_report.ipynb", "category_report.ipynb"}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_one_typed_parameters_cell_with_help(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    assert len(tagged) == 1
    src = "".join(tagged[0]["source"])
    tree = ast.parse(src)
    assigns = [n for n in tree.body if isinstance(n, ast.AnnAssign)]
    assert assigns and all(isinstance(a.annotation, ast.Name) for a in assigns)
    for a in assigns:
        line = src.splitlines()[a.lineno - 1]
        assert "#" in line and len(line.split("#", 1)[1].strip()) > 5, f"no help comment: {line}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_code_cells_only_call_planwatch(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or "parameters" in cell.get("metadata", {}).get("tags", []):
            continue
        for node in ast.parse("".join(cell["source"])).body:
            if isinstance(node, ast.ImportFrom):
                assert node.module.startswith("planwatch")
            elif isinstance(node, ast.Import):
                assert all(a.name.startswith("planwatch") for a in node.names)
            elif isinstance(node, ast.Assign):
                assert isinstance(node.value, ast.Call)
            else:
                assert isinstance(node, ast.Expr) and isinstance(node.value, ast.Call), ast.dump(
                    node
                )


def test_markdown_names_sub_regions_only_through_the_plans_words(built_dir):
    """Headings say what plan.yml calls the sub-regions: ``{kind_short.zh}`` … tokens, filled
    at render (``offline.with_kind_words``); a token no voice fills would show as written."""
    import re

    from planwatch.present import words
    from planwatch.present.voice import Voice
    from planwatch.tables import dataset

    fields = Voice(dataset.load(built_dir), "zh").kind_fields()
    known = {f"{{{k}.{lang}}}" for k in fields for lang in words.LANGS}
    for nb in NOTEBOOKS:
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        text = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        assert set(re.findall(r"\{[A-Za-z_]+\.[a-z]+\}", text)) <= known, nb.name
        assert not re.search(r"本市|各市|城市|\bcit(y|ies)\b", text), nb.name
