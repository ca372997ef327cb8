"""One change of the data at a time, and none left half done.

``data_lock()`` is an exclusive lock (flock on ``data/.data.lock``, released by the kernel when
its holder dies, even on kill -9) held by ``build-data`` and ``add`` for their whole run: a
second one waits for the first instead of removing its staging folder or reading a half-added
file. It is re-entrant within a process (``add`` holds it and then builds). ``reading()`` holds
the same lock shared for a whole render, so a batch reads one data set from start to end.

``add`` writes a journal (``data/.add-in-progress.json``: the file and sidecar it is putting into
``data/raw/``) before it copies, and removes it once the rebuilt set is in place. The next build
or add that finds a journal takes those files out again and says so, so a killed add leaves
``data/raw/`` and ``data/processed/`` as they were before it (and the next command rebuilds).
"""

from __future__ import annotations

import fcntl
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from planwatch import paths

_DEPTH = {"n": 0, "fd": None}


@contextmanager
def data_lock() -> Iterator[None]:
    """Hold the data lock (waiting for another holder); on first entry undo an unfinished add."""
    if _DEPTH["n"]:
        _DEPTH["n"] += 1
        try:
            yield
        finally:
            _DEPTH["n"] -= 1
        return
    path = paths.data_lock()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _take(fd, fcntl.LOCK_EX, "another build, add or render is using the data")
        _DEPTH.update(n=1, fd=fd)
        undo_unfinished_add()
        yield
    finally:
        _DEPTH.update(n=0, fd=None)
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


@contextmanager
def reading() -> Iterator[None]:
    """Hold the data lock shared for a whole render: every report of the batch reads the one
    processed set it started with, and a build or add waits until the batch ends (a render
    started during a build waits for the new set). Readers do not wait for each other."""
    if _DEPTH["n"]:  # this process already holds it exclusively
        yield
        return
    path = paths.data_lock()
    if not path.parent.is_dir():
        yield  # no data folder: the load will say what is missing
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:  # a data folder this user cannot write: nobody here can change it either
        yield
        return
    try:
        _take(fd, fcntl.LOCK_SH, "a build or add is changing the data")
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _take(fd: int, kind: int, why: str) -> None:
    """Take the lock, saying on stderr that it waits when it cannot have it at once."""
    try:
        fcntl.flock(fd, kind | fcntl.LOCK_NB)
    except BlockingIOError:
        print(f"planwatch: {why}; waiting for it to finish", file=sys.stderr, flush=True)
        fcntl.flock(fd, kind)


def begin_add(files: list[Path]) -> None:
    """Record the files an add is about to put in place (written whole, then renamed)."""
    journal = paths.add_journal()
    tmp = journal.with_name(journal.name + ".tmp")
    tmp.write_text(json.dumps([str(f) for f in files]), encoding="utf-8")
    os.replace(tmp, journal)


def end_add() -> None:
    paths.add_journal().unlink(missing_ok=True)


def undo_unfinished_add() -> list[Path]:
    """Take out what an add that did not finish put in place; the files removed."""
    journal = paths.add_journal()
    if not journal.exists():
        return []
    try:
        files = [Path(f) for f in json.loads(journal.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError):
        files = []
    raw = paths.raw_dir().resolve()
    removed = []
    for f in files:
        if f.parent.resolve().is_relative_to(raw) and os.path.lexists(f) and not f.is_symlink():
            f.unlink()
            removed.append(f)
    journal.unlink(missing_ok=True)
    if removed:
        names = ", ".join(f.name for f in removed)
        print(f"planwatch: an add that did not finish was undone: removed {names}", file=sys.stderr)
    return removed
