"""environment.yml (conda) and pyproject.toml must name the same packages."""

import re
import tomllib

import yaml

from .conftest import ROOT


def _norm(name: str) -> str:
    return re.split(r"[<>=!~ \[]", name.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_matches_pyproject():
    py = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {_norm(d) for d in py["dependencies"]}
    for extra in py.get("optional-dependencies", {}).values():
        wanted |= {_norm(d) for d in extra}
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    conda = {_norm(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda == wanted, (
        f"only in environment.yml: {conda - wanted}; only in pyproject: {wanted - conda}"
    )


def test_lock_pins_every_dependency():
    lock = {
        _norm(line.split("==")[0])
        for line in (ROOT / "requirements.lock").read_text().splitlines()
        if "==" in line
    }
    py = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    deps = {_norm(d) for d in py["dependencies"]} | {
        _norm(d) for d in py["optional-dependencies"]["dev"]
    }
    assert deps <= lock, deps - lock
