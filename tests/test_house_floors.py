"""Bans as tests: the floors of the house and the imports between them.

Floors, from the ground up: the base modules (paths, errors, decimals, frames, version); parse
and assess; present (the presentation floor); inputs; tables; reports and the explorer; the
CLI and the package face. An import may only run down or sideways within a room. ``present``
stands on ``assess`` and the base alone; ``reports`` and ``explorer`` both stand on
``present`` and ``tables`` and never on each other (one door: the batch renders the explorer
to share); no module imports itself around a circle;
and no planwatch import hides inside a function (which is how circles were dodged), except in
the CLI, which loads each command's modules when the command runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

LIB = ROOT / "lib" / "planwatch"
FLOOR = {
    "paths": 0,
    "errors": 0,
    "decimals": 0,
    "frames": 0,
    "version": 0,
    "parse": 1,
    "assess": 1,
    "present": 2,
    "inputs": 3,
    "tables": 4,
    "reports": 5,
    "explorer": 5,
    "cli": 6,
    "__init__": 6,
}
PRESENT_STANDS_ON = {"assess", "present", "decimals", "frames", "paths"}  # paths: package data


def module_name(path: Path) -> str:
    parts = list(path.relative_to(LIB.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def room(module: str) -> str:
    parts = module.split(".")
    return "__init__" if len(parts) == 1 else parts[1]


def edges() -> list[tuple[str, str, bool, int]]:
    """(importer, imported module, inside a function, line) for every planwatch import."""
    out = []
    for path in sorted(LIB.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        me = module_name(path)
        nested = set()
        for fn in ast.walk(tree):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                nested |= {id(n) for n in ast.walk(fn) if n is not fn}
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                if node.module == "planwatch" or node.module.startswith("planwatch."):
                    names = [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names if a.name.startswith("planwatch.")]
            for n in names:
                out.append((me, _known(n), id(node) in nested, node.lineno))
    return out


def _known(name: str) -> str:
    """``planwatch.present.words.t`` → the module ``planwatch.present.words``."""
    parts = name.split(".")
    while parts:
        candidate = LIB.parent.joinpath(*parts)
        if candidate.with_suffix(".py").exists() or (candidate / "__init__.py").exists():
            return ".".join(parts)
        parts.pop()
    raise AssertionError(f"{name} is no module of planwatch")


def test_every_room_has_a_floor():
    rooms = {room(module_name(p)) for p in LIB.rglob("*.py")}
    assert rooms <= set(FLOOR), sorted(rooms - set(FLOOR))


def test_no_import_runs_up_a_floor():
    up = [
        f"{a} -> {b} (line {line})" for a, b, _, line in edges() if FLOOR[room(b)] > FLOOR[room(a)]
    ]
    assert up == []


def test_present_stands_on_assess_and_the_base_alone():
    bad = [f"{a} -> {b}" for a, b, _, _ in edges() if room(a) == "present"]
    bad = [e for e in bad if room(e.split(" -> ")[1]) not in PRESENT_STANDS_ON]
    assert bad == []


def test_present_never_loads_a_data_set():
    hits = [
        f"{p.relative_to(LIB)}:{n}"
        for p in sorted((LIB / "present").rglob("*.py"))
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if "dataset.load(" in line or "load_dataset(" in line or "processed_dir(" in line
    ]
    assert hits == []


# the one door between them: the batch renders the explorer to share (one offline file made from
# the explorer's own views) as it renders every report
REPORTS_TO_EXPLORER = {("planwatch.reports.render", "planwatch.explorer.share")}


def test_reports_and_the_explorer_never_import_each_other():
    pairs = {("reports", "explorer"), ("explorer", "reports")}
    edges_ = [(a, b) for a, b, _, _ in edges() if (room(a), room(b)) in pairs]
    assert [f"{a} -> {b}" for a, b in edges_ if (a, b) not in REPORTS_TO_EXPLORER] == []
    assert set(edges_) <= REPORTS_TO_EXPLORER


def test_no_planwatch_import_inside_a_function_outside_the_cli():
    hidden = [f"{a} -> {b} (line {line})" for a, b, inside, line in edges() if inside]
    assert [h for h in hidden if not h.startswith(("planwatch.cli ", "planwatch.cli."))] == []


def test_no_module_imports_itself_around_a_circle():
    graph: dict[str, set[str]] = {}
    for a, b, _, _ in edges():
        if a != b:
            graph.setdefault(a, set()).add(b)
    circles, state = [], {}

    def visit(node, stack):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                circles.append(stack[stack.index(nxt) :] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    # the package face (planwatch/__init__) names modules only as strings: no arrow to follow
    assert circles == []


def test_every_room_says_what_it_holds_and_what_it_may_import():
    for init in sorted(LIB.glob("*/__init__.py")):
        doc = ast.get_docstring(ast.parse(init.read_text(encoding="utf-8"))) or ""
        assert "holds" in doc.lower() and "imports" in doc.lower(), init.relative_to(LIB)
