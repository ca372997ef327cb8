"""The package installs: the wheel holds every file the code opens at run time, and, installed in
a fresh virtual environment outside the checkout, ``new`` → ``build-data`` → ``render`` work
(tests/fixtures/new_plans, TEST MATERIAL)."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import FIXTURES, ROOT

LIB = ROOT / "lib" / "planwatch"


def build_wheel(out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("planwatch-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.mark.slow
def test_the_wheel_holds_every_file_the_code_opens(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    data_files = [
        p
        for p in LIB.rglob("*")
        if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts
    ]
    assert data_files  # words, vocabularies, JavaScript
    missing = [
        str(p.relative_to(LIB.parent))
        for p in data_files
        if str(p.relative_to(LIB.parent)) not in names
    ]
    assert missing == []
    shipped = {Path(n).name for n in names if "/share/planwatch/notebooks/" in n}
    assert shipped == {p.name for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert any(n.endswith("voila/templates/planwatch/index.html.j2") for n in names)


@pytest.mark.slow
@pytest.mark.kernel
def test_installed_outside_the_checkout_it_starts_builds_and_renders(wheel, tmp_path):
    env_dir = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(env_dir)], check=True)
    py = env_dir / "bin" / "python"
    subprocess.run(
        [str(py), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)], check=True
    )
    # the dependencies come from this environment's site-packages, after the wheel's own
    site = Path(
        subprocess.check_output(
            [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    (site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    where = subprocess.check_output(
        [str(py), "-c", "import planwatch; print(planwatch.__file__)"], text=True, cwd=tmp_path
    )
    assert str(env_dir) in where and str(ROOT) not in where
    env = {k: v for k, v in os.environ.items() if k != "PLANWATCH_ROOT"}
    env["PATH"] = f"{env_dir / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    # as a full install would have it: ipykernel's kernel spec (it runs `python` from PATH)
    env["JUPYTER_PATH"] = str(Path(sys.prefix) / "share" / "jupyter")
    pw = str(env_dir / "bin" / "planwatch")

    def run(*args, cwd):
        res = subprocess.run(
            [pw, *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
        )
        assert res.returncode == 0, (args, res.stderr[-2000:])
        return res

    run(
        "new",
        "proj",
        "--plan",
        FIXTURES / "new_plans" / "county_plan.html",
        "--source-url",
        "https://example.org/county",
        cwd=tmp_path,
    )
    proj = tmp_path / "proj"
    assert not (proj / "notebooks").exists()  # the notebooks come with the package
    run("build-data", cwd=proj)
    run("render", "--quiet", cwd=proj / "data")  # found from a folder inside the project
    reports = sorted(p.name for p in (proj / "reports").glob("*.html"))
    assert "category-category_1-zh.html" in reports and "index.html" in reports
    assert not any(name.endswith("-en.html") for name in reports)  # languages: [zh]
