import subprocess
import sys

from .conftest import run_cli


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


def test_a_full_disk_and_ctrl_c_are_one_line_each(monkeypatch, capsys):
    import errno

    from planwatch import cli
    from planwatch.tables import build

    def full(*a, **k):
        raise OSError(errno.EFBIG, "File too large", "data/processed/.processed.new-x/a.csv")

    monkeypatch.setattr(build, "run", full)
    assert cli.main(["build-data"]) == 2
    err = capsys.readouterr().err
    assert err.strip().count("\n") == 0 and "File too large" in err and "half-written" in err

    def interrupted(*a, **k):
        raise KeyboardInterrupt

    monkeypatch.setattr(build, "run", interrupted)
    assert cli.main(["build-data"]) == 130
    assert "interrupted" in capsys.readouterr().err


def test_a_timeout_that_is_not_a_positive_finite_number_is_refused_before_any_kernel():
    from planwatch import cli

    for bad in ("nan", "inf", "-1", "0"):
        res = run_cli("render", "--timeout", bad, "--only", "city:宁波")
        assert res.returncode == 2 and "positive, finite" in res.stderr, bad
    assert cli.main  # the console entry point is the same main
