"""One data change at a time, none left half done: builds and adds wait for each other, and an
add killed at any moment is undone by the next command (files made up for the test)."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from planwatch import paths
from planwatch.inputs import provenance
from planwatch.tables import build, dataset, guard

URL = "https://example.org/report"
ROWS = "region,indicator,year,value,unit,source_url,quote\n浙江省,网络零售额(亿元),2021,25230,亿元,{url},原文\n"


def _cli(root, *args, **kw):
    env = dict(os.environ, PLANWATCH_ROOT=str(root))
    return subprocess.Popen(
        [sys.executable, "-m", "planwatch.cli", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kw,
    )


def test_an_unfinished_add_is_undone_by_the_next_build(project_built, capsys):
    target = paths.observations_dir() / "half.csv"
    target.write_text(ROWS.format(url=URL), encoding="utf-8")  # copied, never stamped
    guard.begin_add([target, provenance.sidecar_path(target)])
    build.run()
    assert not target.exists() and not paths.add_journal().exists()
    assert "an add that did not finish was undone: removed half.csv" in capsys.readouterr().err
    assert len(provenance.check_all(paths.raw_dir())) > 0  # every raw file has its sidecar


def test_the_undo_never_leaves_the_raw_folder(project_built, tmp_path):
    outside = tmp_path / "precious.txt"
    outside.write_text("keep")
    guard.begin_add([outside])
    with guard.data_lock():
        pass
    assert outside.read_text() == "keep" and not paths.add_journal().exists()


@pytest.mark.slow
def test_two_builds_at_once_both_succeed(project_built):
    for _ in range(3):
        procs = [_cli(project_built, "build-data") for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0, 0], [o[1][-300:] for o in outs]
        dataset.load()  # one whole set


@pytest.mark.slow
def test_an_add_killed_at_any_moment_is_undone_or_done(project_built, tmp_path):
    rng = random.Random(7)
    mine = tmp_path / "mine.csv"
    mine.write_text(ROWS.format(url=URL), encoding="utf-8")
    target = paths.observations_dir() / "mine.csv"
    for _ in range(6):
        p = _cli(project_built, "add", mine, "--source-url", URL, "--publisher", "p")
        time.sleep(rng.uniform(0.5, 4.0))
        p.send_signal(signal.SIGKILL)
        p.communicate()
        nxt = _cli(project_built, "build-data")
        _, err = nxt.communicate(timeout=120)
        assert nxt.returncode == 0, err[-500:]
        provenance.check_all(paths.raw_dir())  # no file without its sidecar, no stray sidecar
        in_raw = target.exists()
        audit = dataset.load().observations_audit
        assert ("mine.csv" in set(audit["file"])) == in_raw  # raw and processed agree
        if in_raw:  # the add had finished: take it out for the next try
            target.unlink()
            provenance.sidecar_path(target).unlink()
            build.run()
    again = _cli(project_built, "add", mine, "--source-url", URL, "--publisher", "p")
    _, err = again.communicate(timeout=120)
    assert again.returncode == 0, err[-500:]


HOLD = """
import sys
from planwatch.tables import guard
with guard.reading():
    print("holding", flush=True)
    sys.stdin.readline()  # until the test says to let go
"""


def test_a_build_waits_for_a_render_reading_the_data(project_built):
    """A render holds the data lock shared from its first report to its last: a build started
    meanwhile says it waits, and changes nothing until the render lets go."""
    env = dict(os.environ, PLANWATCH_ROOT=str(project_built))
    reader = subprocess.Popen(
        [sys.executable, "-c", HOLD], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    assert reader.stdout.readline().strip() == "holding"
    manifest = project_built / "data" / "processed" / "manifest.json"
    before = manifest.read_bytes()
    builder = _cli(project_built, "build-data")
    seen = ""
    for line in builder.stderr:  # the build says it waits, before doing anything
        seen += line
        if "waiting" in line:
            break
    assert "a build or add" not in seen and "render is using the data; waiting" in seen
    assert manifest.read_bytes() == before and builder.poll() is None
    reader.stdin.write("\n")
    reader.stdin.flush()
    reader.wait(timeout=30)
    builder.communicate(timeout=180)
    assert builder.returncode == 0
    dataset.load()


def test_reading_inside_an_exclusive_hold_does_not_wait_for_itself(project_built):
    with guard.data_lock(), guard.reading():
        pass  # a deadlock would hang here
