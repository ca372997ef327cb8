"""Bans as tests: the walls of the house. Each test names the rule it guards."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import yaml

from .conftest import ROOT

LIB = ROOT / "lib" / "planwatch"
RENDER_TIME = ["present", "reports", "explorer"]  # code that runs when reports are made
BEFORE_THE_LINE = ("planwatch.parse", "planwatch.inputs")  # parsing and raw-input modules


def modules(*folders: str) -> list[Path]:
    return sorted(p for f in folders for p in (LIB / f).rglob("*.py"))


def imports(path: Path) -> set[str]:
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
    return out


def test_render_time_code_never_imports_parsing_or_raw_inputs():
    bad = {
        str(p.relative_to(LIB)): sorted(m for m in imports(p) if m.startswith(BEFORE_THE_LINE))
        for p in modules(*RENDER_TIME)
    }
    assert {k: v for k, v in bad.items() if v} == {}


def test_render_time_code_never_opens_raw_data():
    pattern = re.compile(r"raw_dir|mappings_dir|observations_dir|plan_dir|plan_file|\"raw\"|'raw'")
    hits = [
        f"{p.relative_to(LIB)}:{n}: {line.strip()}"
        for p in modules(*RENDER_TIME)
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert hits == []


def test_notebooks_import_only_the_public_api():
    import json

    import planwatch

    for nb in (ROOT / "notebooks").glob("*.ipynb"):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            src = "".join(cell["source"])
            for m in re.finditer(
                r"^\s*(from|import)\s+(planwatch\S*)(?:\s+import\s+(.+))?$", src, re.M
            ):
                assert m.group(2) == "planwatch", f"{nb.name}: {m.group(0).strip()}"
                for name in (m.group(3) or "").split(","):
                    assert name.strip() in planwatch.__all__, f"{nb.name}: {name.strip()}"
            assert "data/raw" not in src, nb.name


def plan_words() -> list[str]:
    """Everything that names the seed plan: from its manifest and its indicator table."""
    m = yaml.safe_load((ROOT / "data" / "raw" / "plan" / "plan.yml").read_text(encoding="utf-8"))
    words = [m["title"]["zh"], m["title"]["en"], m["source_url"], m["issuer"]["zh"]]
    words += [m["region"]["zh"], m["region"]["zh"].rstrip("省"), m["region"]["en"]]
    for s in m["subregions"]["items"]:
        words += [s["name"], s["full_name"], s["en"]]
    years = set(m["period"])
    table = (ROOT / "data" / "raw" / "plan" / m["text"]).read_text(encoding="utf-8")
    years |= {int(y) for y in re.findall(r"^(\d{4})\s*年\s*$", table, re.M)}  # table headers
    return words + [rf"(?<!\d){y}(?!\d)" for y in sorted(years)]


def test_nothing_in_lib_names_the_plan_its_region_years_or_cities():
    found = []
    patterns = [re.compile(w if w.startswith("(?") else re.escape(w)) for w in plan_words()]
    assert len(patterns) > 30  # the manifest was read
    for p in sorted(LIB.rglob("*")):
        if p.suffix not in (".py", ".yml", ".yaml", ".csv", ".j2", ".json", ".txt"):
            continue
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            for pat in patterns:
                if pat.search(line):
                    found.append(
                        f"{p.relative_to(LIB)}:{n}: {pat.pattern!r} in {line.strip()[:80]}"
                    )
    assert found == []


def test_only_the_words_module_branches_on_the_language():
    branch = re.compile(
        r"""\blang\w*\(?\)?\s*[!=]=|[!=]=\s*["'](zh|en)["']|["'](zh|en)["']\s*[!=]="""
    )
    hits = [
        f"{p.relative_to(LIB)}:{n}: {line.strip()}"
        for p in sorted(LIB.rglob("*.py"))
        if p != LIB / "present" / "words.py"
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if branch.search(line)
    ]
    assert hits == []


def test_every_word_asked_for_is_in_the_catalogue_in_every_language():
    from planwatch.present import words

    cat = words.catalogue()
    asked = set()
    for p in sorted(LIB.rglob("*.py")):
        text = p.read_text(encoding="utf-8")
        asked |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']""", text))
        asked |= {f"status.{s}" for s in re.findall(r"status_label\(\s*[\"'](\w+)", text)}
    from planwatch.assess import progress

    asked |= {f"status.{s}" for s in progress.vocab()["statuses"]}
    missing = sorted(k for k in asked if k not in cat)
    assert missing == []
    for key, entry in cat.items():
        if key == "format":
            continue
        assert set(entry) == set(words.LANGS), key


def test_every_module_is_small_and_has_its_test_file():
    for p in LIB.rglob("*.py"):
        assert len(p.read_text(encoding="utf-8").splitlines()) <= 450, p  # aim: ~400
    tests = {p.stem for p in (ROOT / "tests").glob("test_*.py")}
    lacking = [
        str(p.relative_to(LIB))
        for p in LIB.rglob("*.py")
        if p.name not in ("__init__.py", "__main__.py")
        and f"test_{p.stem}" not in tests
        and f"test_{p.stem.split('_')[0]}" not in tests  # schemas_base → test_schemas
    ]
    assert lacking == []


def test_notebooks_name_no_plan_outside_their_parameter_defaults():
    import json

    patterns = [re.compile(w if w.startswith("(?") else re.escape(w)) for w in plan_words()]
    found = []
    for nb in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            if "parameters" in cell["metadata"].get("tags", []):
                continue  # defaults are the seed plan's values; help points at `planwatch values`
            src = "".join(cell["source"])
            found += [f"{nb.name}: {p.pattern}" for p in patterns if p.search(src)]
    assert found == []


def test_no_source_file_is_ignored_by_git():
    """An ignore rule written for an output folder (``reports/``) once matched the package's
    ``lib/planwatch/reports/`` too, and a fresh clone lacked modules."""
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        return  # not a checkout: nothing git could have left out
    files = [str(p.relative_to(ROOT)) for p in sorted(LIB.rglob("*")) if p.is_file()]
    files = [f for f in files if "__pycache__" not in f]
    res = subprocess.run(
        [git, "check-ignore", "--no-index", "--stdin"],
        input="\n".join(files),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert res.stdout.split() == []


def test_the_words_and_schemas_name_no_plan_and_no_kind_of_place():
    """Words a reader sees speak of sub-regions only through the plan's own words ({kind} …),
    and neither they nor the schema descriptions carry the seed plan's subject."""
    import yaml

    seed_subject = re.compile(r"数字经济|倍增|seven actions|七大行动")
    places = re.compile(r"城市|各市|本市|该市|\bcit(?:y|ies)\b", re.I)
    catalogue = yaml.safe_load((LIB / "present" / "words.yml").read_text(encoding="utf-8"))
    found = []
    for key, entry in catalogue.items():
        for lang, text in entry.items() if isinstance(entry, dict) else []:
            if isinstance(text, str) and (seed_subject.search(text) or places.search(text)):
                found.append(f"words.yml {key}.{lang}: {text[:60]}")
    for p in sorted((LIB / "tables").glob("schemas*.py")):
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
            if seed_subject.search(line):
                found.append(f"{p.name}:{n}: {line.strip()[:60]}")
    assert found == []
