import subprocess
import sys


def _cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "planwatch.cli", *args], capture_output=True, text=True
    )


def test_help_lists_every_command():
    out = _cli("--help").stdout
    for cmd in ("parse-table", "build-data", "stamp", "check-raw", "templates", "render"):
        assert cmd in out


def test_check_raw():
    res = _cli("check-raw")
    assert res.returncode == 0 and "raw files match their sidecars" in res.stderr


def test_missing_file_is_a_clear_error():
    res = _cli("parse-table", "/nonexistent/plan.txt")
    assert res.returncode == 2 and "plan.txt" in res.stderr and "Traceback" not in res.stderr
