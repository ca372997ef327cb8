"""What keeps a render batch safe: one render at a time per output folder (a lock), an output
folder checked before any kernel starts, and a state file written atomically after every
report, so a batch killed half-way resumes with the unfinished reports only."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import time
from pathlib import Path

from planwatch import paths

STATE = ".state.json"
LOCK = ".render.lock"
FAILED = "_failed"  # the executed notebooks of failed reports
LOG = ".render.log"


class RenderError(RuntimeError):
    """A batch that cannot start (the folder, the lock): one message, no traceback."""


OWN = {STATE: "file", LOCK: "file", FAILED: "folder"}  # what planwatch keeps in the folder


def check_out_dir(out: Path) -> None:
    """``out`` exists (or can be made) as a writable folder, and the names planwatch keeps there
    (its state, its lock, the failed notebooks) are not taken by something of another kind."""
    if out.exists() and not out.is_dir():
        raise RenderError(f"{out} is a file, not a folder: cannot write reports there")
    for name, kind in OWN.items():
        path = out / name
        if path.is_symlink() or (
            path.exists() and (path.is_dir() if kind == "file" else not path.is_dir())
        ):
            raise RenderError(
                f"{path} is {'a link' if path.is_symlink() else 'a folder' if path.is_dir() else 'a file'}"
                f" where planwatch keeps its {kind} {name}; move it away and render again"
            )
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise RenderError(
            f"cannot write reports to {out}: {exc.strerror or exc}; "
            "choose another folder with --out or fix its permissions"
        ) from None


class Lock:
    """``reports/.render.lock`` held (flock) for the whole batch; the holder's pid inside. The
    kernel releases it when the holder dies, even on kill -9."""

    def __init__(self, out: Path, wait: bool = False):
        self.path = out / LOCK
        self.wait = wait
        self.fd: int | None = None

    def __enter__(self) -> Lock:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | (0 if self.wait else fcntl.LOCK_NB))
        except BlockingIOError:
            pid = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            os.close(fd)
            raise RenderError(
                f"another render is running (pid {pid}) on {self.path.parent}; "
                "wait for it, or pass --wait to queue behind it"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self.fd is not None:
            os.ftruncate(self.fd, 0)
            fcntl.flock(self.fd, fcntl.LOCK_UN)
            os.close(self.fd)
            self.fd = None


def load_state(out: Path) -> tuple[dict, list[str]]:
    """The state of earlier batches, and warnings. A corrupt or foreign file is a warning and
    an empty state (a full render), never a traceback."""
    path = out / STATE
    if not path.exists():
        return {}, []
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return {}, [f"{path}: unreadable ({type(exc).__name__}); every report is rendered again"]
    if not isinstance(state, dict) or not all(
        isinstance(v, dict) and isinstance(v.get("digest", ""), str) for v in state.values()
    ):
        return {}, [f"{path}: not a planwatch render state; every report is rendered again"]
    return state, []


def save_state(out: Path, state: dict) -> None:
    """Write the state atomically (temporary file, then rename)."""
    write_atomic(out / STATE, json.dumps(state, ensure_ascii=False, indent=1, sort_keys=True))


def write_atomic(path: Path, text: str) -> None:
    """Write beside, then rename; a write that fails (a full disk, a file-size limit, Ctrl-C)
    leaves neither a half file under the name nor its temporary file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def stamp() -> str:
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())


def library_digest() -> str:
    """sha256 of the library's code and package data: a report is made again when it changes."""
    h = hashlib.sha256()
    for p in sorted(paths.PACKAGE_DIR.rglob("*")):
        if p.is_file() and p.suffix in (".py", ".yml", ".j2", ".csv"):
            h.update(str(p.relative_to(paths.PACKAGE_DIR)).encode())
            h.update(p.read_bytes())
    return h.hexdigest()
