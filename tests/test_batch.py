"""A render batch refuses to start, with one message, when another render holds the folder or
the folder cannot be written; a corrupt or foreign state file is a warning and a full render."""

import json
import os

import pytest

from planwatch.reports import batch, render


def test_a_second_render_stops_at_once_naming_the_first(small_project, tmp_path):
    with batch.Lock(tmp_path):
        with pytest.raises(
            batch.RenderError, match=f"another render is running \\(pid {os.getpid()}\\)"
        ):
            render.render(only=["action:3"], langs=["en"], out_dir=tmp_path, progress=False)
        assert not (tmp_path / ".state.json").exists()  # nothing started, nothing written
    # released: the lock can be taken again
    with batch.Lock(tmp_path):
        pass


def test_unusable_output_folders_are_one_clear_message(small_project, tmp_path):
    blocker = tmp_path / "file.txt"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(batch.RenderError, match="is a file, not a folder"):
        render.render(only=["action:3"], out_dir=blocker, progress=False)
    with pytest.raises(batch.RenderError, match="cannot write reports to"):
        render.render(only=["action:3"], out_dir=blocker / "reports", progress=False)


@pytest.mark.parametrize(
    "name, make",
    [
        (".state.json", "folder"),
        (".render.lock", "folder"),
        ("_failed", "file"),
        (".state.json", "link"),
    ],
)
def test_planwatchs_own_names_taken_by_something_else_are_one_clear_message(
    small_project, tmp_path, name, make
):
    """The state, the lock and the failed notebooks' folder, found as the wrong kind of thing:
    a message naming it, before anything runs or is written (not a traceback at the end)."""
    out = tmp_path / "reports"
    out.mkdir()
    path = out / name
    if make == "folder":
        path.mkdir()
    elif make == "file":
        path.write_text("mine", encoding="utf-8")
    else:
        path.symlink_to(tmp_path / "elsewhere.json")
    from .conftest import run_cli

    res = run_cli("render", "--only", "action:3", "--out", out)
    assert res.returncode == 2 and res.stderr.count("\n") == 1, res.stderr
    assert name in res.stderr and "move it away" in res.stderr
    assert sorted(p.name for p in out.iterdir()) == [name]  # nothing written
    assert not (tmp_path / "elsewhere.json").exists()


@pytest.mark.parametrize(
    "content, says",
    [
        (b"{not json", "unreadable"),
        (b"\xff\xfe\x00garbage", "unreadable"),
        (json.dumps([1, 2, 3]).encode(), "not a planwatch render state"),
        (json.dumps({"city-x-zh": "yes"}).encode(), "not a planwatch render state"),
    ],
)
def test_corrupt_or_foreign_state_is_a_warning(tmp_path, content, says):
    (tmp_path / batch.STATE).write_bytes(content)
    state, warnings = batch.load_state(tmp_path)
    assert state == {} and len(warnings) == 1 and says in warnings[0]


def test_state_is_saved_atomically(tmp_path):
    batch.save_state(tmp_path, {"a-zh": {"digest": "x"}})
    assert json.loads((tmp_path / batch.STATE).read_text(encoding="utf-8")) == {
        "a-zh": {"digest": "x"}
    }
    assert [p.name for p in tmp_path.iterdir()] == [batch.STATE]  # no temporary file left


@pytest.mark.kernel
def test_corrupt_state_renders_everything_and_the_index_lists_all_reports(
    small_project, tmp_path, capsys
):
    (tmp_path / batch.STATE).write_text("{oops", encoding="utf-8")
    (tmp_path / "city-hangzhou-zh.html").write_text("<p>an earlier report</p>", encoding="utf-8")
    results = render.render(only=["action:3"], langs=["en"], out_dir=tmp_path, progress=False)
    assert [r["status"] for r in results] == ["ok"]
    assert "warning" in capsys.readouterr().err
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    # the report of this batch and the one already in the folder
    assert 'href="action-3-en.html"' in index and 'href="city-hangzhou-zh.html"' in index
    assert (tmp_path / batch.LOG).exists()  # kernel chatter went to the log, not the terminal


def test_an_unreachable_scheduler_is_one_clear_message(small_project, tmp_path):
    with pytest.raises(
        batch.RenderError, match="cannot reach the Dask scheduler at not-an-address"
    ):
        render.render(
            only=["action:3"],
            langs=["en"],
            out_dir=tmp_path,
            progress=False,
            scheduler="not-an-address",
        )
    assert not (tmp_path / "action-3-en.html").exists()


def test_a_write_that_fails_leaves_no_temporary_file(tmp_path, monkeypatch):
    import errno

    def full(*a, **k):
        raise OSError(errno.ENOSPC, "No space left on device")

    (tmp_path / "r.html").write_text("old", encoding="utf-8")
    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        batch.write_atomic(tmp_path / "r.html", "new")
    with pytest.raises(OSError):
        batch.save_state(tmp_path, {"x": {"digest": ""}})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.html"]
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == "old"


@pytest.mark.slow
@pytest.mark.parametrize("where", [[], ["--scheduler", "local"]], ids=["pool", "dask"])
def test_ctrl_c_mid_batch_stops_at_once_in_one_line(small_project, tmp_path, where):
    """Ctrl-C (SIGINT to the whole foreground group, as a terminal sends it) once the kernels
    run, in the process pool and on a local Dask cluster: one line, exit 130, no queued report
    run after it, no worker or temporary file left, the reports finished before it kept."""
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "reports"
    cmd = [sys.executable, "-m", "planwatch.cli", "render", "--out", str(out), "--quiet"]
    proc = subprocess.Popen(
        cmd + ["--jobs", "2", "--force", *where], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True, start_new_session=True, env=dict(os.environ),
    )  # fmt: skip
    log = out / ".render.log"
    for _ in range(600):  # until a kernel runs a report (or the batch ended first)
        if proc.poll() is not None or (log.exists() and "Kernel" in log.read_text()):
            break
        time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError("render did not stop within 60 s of Ctrl-C") from None
    assert proc.returncode == 130, err
    assert err.strip().splitlines() == ["planwatch render: interrupted; nothing was half-written"]
    assert not list(out.glob(".*.tmp")) and not list(out.glob("*.tmp"))
    time.sleep(2)  # kernels notice their worker is gone within a second
    workers = subprocess.run(["pgrep", "-s", str(proc.pid)], capture_output=True, text=True)
    assert workers.stdout.strip() == ""


def test_a_failed_reports_reason_says_something():
    """A timed-out cell names the seconds and the cell (not "CellTimeoutError: ----")."""
    import nbformat
    from nbclient.exceptions import CellTimeoutError

    e = CellTimeoutError.error_from_timeout_and_cell(
        "Cell execution timed out", 600, nbformat.v4.new_code_cell("rep.sensitivity()")
    )
    assert render.error_line(e) == "CellTimeoutError: a cell ran past 600 s: rep.sensitivity()"
    assert render.error_line(ValueError("no such city\n----------")) == "ValueError: no such city"
