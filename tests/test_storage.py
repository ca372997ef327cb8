"""All-or-nothing processed sets: a failure at any step of a write leaves the old set or the new
one, never a mix; a reader refuses a set that does not match its manifest."""

import errno
import os
import stat
from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from planwatch.tables import storage

OLD = {"a.csv": "old a\n", "b.csv": "old b\n"}
NEW = {"a.csv": "new a\n", "b.csv": "new b\n", "c.csv": "new c\n"}


def contents(folder):
    return {p.name: p.read_text() for p in folder.iterdir() if p.name != storage.MANIFEST}


def test_csv_text_plain_numbers_and_booleans():
    df = pd.DataFrame({"a": [20658.0, 39.9, None], "b": [True, False, True], "c": ["x", "", "z"]})
    text = storage.to_csv_bytes(df).decode("utf-8")
    assert text.splitlines() == ["a,b,c", "20658,true,x", "39.9,false,", ",true,z"]
    assert storage._fmt(Decimal("1.50")) == "1.5"


def test_write_set_replaces_everything_and_is_readable_by_others(tmp_path):
    out = tmp_path / "processed"
    storage.write_set(OLD, out)
    (out / "stray.csv").unlink(missing_ok=True)
    storage.write_set(NEW, out)
    assert contents(out) == NEW
    manifest = storage.verify_set(out)
    assert [e["path"] for e in manifest["files"]] == sorted(NEW)
    for p in out.iterdir():
        assert stat.S_IMODE(p.stat().st_mode) == 0o644, p
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert sorted(p.name for p in tmp_path.iterdir()) == ["processed"]  # nothing left over


def _is_old_or_new(out):
    got = contents(out)
    assert got in (OLD, NEW), got
    storage.verify_set(out)  # and the manifest matches what is there
    return "old" if got == OLD else "new"


@pytest.mark.parametrize("exchange", [True, False], ids=["renameat2", "two-renames"])
def test_failure_at_every_step_leaves_old_or_new(tmp_path, monkeypatch, exchange):
    """Count the file-system steps of one write, then fail at each in turn."""
    steps = ("open", "chmod", "rename", "_exchange")
    real = {"open": open, "chmod": os.chmod, "rename": os.rename, "_exchange": storage._exchange}

    def no_exchange(a, b):
        raise OSError(errno.ENOSYS, "not here")

    def install(fail_at):
        count = {"n": 0}

        def wrap(name):
            def f(*args, **kwargs):
                count["n"] += 1
                if count["n"] == fail_at:
                    raise OSError(f"injected failure in {name}")
                target = real[name] if (exchange or name != "_exchange") else no_exchange
                return target(*args, **kwargs)

            return f

        monkeypatch.setattr(storage, "open", wrap("open"), raising=False)
        monkeypatch.setattr(storage.os, "chmod", wrap("chmod"))
        monkeypatch.setattr(storage.os, "rename", wrap("rename"))
        monkeypatch.setattr(storage, "_exchange", wrap("_exchange"))
        return count

    out = tmp_path / "processed"
    storage.write_set(OLD, out)
    count = install(fail_at=0)
    storage.write_set(NEW, out)
    total = count["n"]
    assert total >= len(NEW) * 2 + 2, steps
    outcomes = set()
    for k in range(1, total + 1):
        monkeypatch.undo()
        storage.write_set(OLD, out)
        install(fail_at=k)
        with pytest.raises(OSError):
            storage.write_set(NEW, out)
        monkeypatch.undo()
        outcomes.add(_is_old_or_new(out))
        assert [p.name for p in tmp_path.iterdir()] == ["processed"], k  # no leftovers
    assert outcomes == {"old"}  # every injected failure came before the set was replaced


def test_killed_between_two_renames_is_put_back_by_the_next_build(tmp_path, monkeypatch):
    out = tmp_path / "processed"
    storage.write_set(OLD, out)
    monkeypatch.setattr(
        storage, "_exchange", lambda a, b: (_ for _ in ()).throw(OSError(errno.ENOSYS, ""))
    )
    real_rename = os.rename
    calls = []

    def killed(a, b):
        calls.append(b)
        if len(calls) >= 2:  # the process dies here: no rename after this one runs
            raise KeyboardInterrupt
        real_rename(a, b)

    monkeypatch.setattr(storage.os, "rename", killed)
    monkeypatch.setattr(
        storage.shutil, "rmtree", lambda *a, **k: None
    )  # a dead process cleans nothing
    with pytest.raises(KeyboardInterrupt):
        storage._swap_two_renames(_staging(tmp_path, NEW), out)
    monkeypatch.undo()
    assert not out.exists()
    with pytest.raises(storage.IncompleteSetError, match="not found"):
        storage.verify_set(out)
    storage.clean_leftovers(out)
    assert _is_old_or_new(out) == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["processed"]


def _staging(tmp_path, files):
    d = tmp_path / ".processed.new-test"
    d.mkdir()
    for k, v in {**files, storage.MANIFEST: storage.manifest_text(files)}.items():
        (d / k).write_text(v)
    return d


def test_leftover_staging_is_removed(tmp_path):
    out = tmp_path / "processed"
    _staging(tmp_path, NEW)
    storage.write_set(OLD, out)
    assert [p.name for p in tmp_path.iterdir()] == ["processed"]


@pytest.mark.parametrize(
    "damage, message",
    [
        (lambda d: (d / "a.csv").write_text("other\n"), "a.csv does not match"),
        (lambda d: (d / "b.csv").unlink(), "b.csv is missing"),
        (lambda d: (d / "z.csv").write_text("x\n"), "z.csv not in manifest"),
        (lambda d: (d / storage.MANIFEST).unlink(), "manifest.json is missing"),
        (lambda d: (d / storage.MANIFEST).write_text("[1,"), "unreadable"),
    ],
)
def test_reader_refuses_a_mixed_set(tmp_path, damage, message):
    out = tmp_path / "processed"
    storage.write_set(OLD, out)
    damage(out)
    with pytest.raises(storage.IncompleteSetError, match=message) as exc:
        storage.verify_set(out)
    assert "incomplete or mixed; run `make data`" in str(exc.value)


_TEXT = st.text(alphabet=st.sampled_from(list('ab,"\n\r\t 中-0.#=')), max_size=6)
_CELLS = {
    "text": _TEXT,
    "mixed": st.one_of(
        _TEXT,
        st.none(),
        st.floats(-1e12, 1e12),
        st.just(float("nan")),
        st.decimals(-(10**12), 10**12, places=3),
        st.integers(-(10**6), 10**6),
        st.booleans(),
    ),
    "float": st.one_of(st.floats(-1e12, 1e12), st.sampled_from([0.0, -0.0, float("nan")])),
    "int": st.integers(-(10**9), 10**9),
    "bool": st.booleans(),
    "decimal": st.one_of(
        st.none(),
        st.decimals(-(10**12), 10**12, places=2),
        st.sampled_from([Decimal("-0"), Decimal("0.00"), Decimal("1E+3")]),
    ),
}


@settings(max_examples=400, deadline=None)
@given(st.integers(1, 4), st.integers(0, 5), st.integers(1, 3), st.data())
def test_csv_text_is_what_the_csv_module_writes_cell_by_cell(ncols, nrows, block, data):
    """The column-wise writer gives the bytes of ``DataFrame.to_csv`` over the cells formatted
    one by one: quoting, a carriage return, -0, missing cells, a one-column table, no rows, and
    rows encoded in blocks of any size."""
    frame = {}
    for k in range(ncols):
        kind = data.draw(st.sampled_from(sorted(_CELLS)))
        name = data.draw(st.sampled_from([f"c{k}", f"a,{k}", f'q"{k}']))
        frame[name] = data.draw(st.lists(_CELLS[kind], min_size=nrows, max_size=nrows))
    df = pd.DataFrame(frame)
    by_cell = pd.DataFrame(
        {col: [storage._fmt(v) for v in df[col].tolist()] for col in df.columns}, dtype=object
    )
    expected = by_cell.to_csv(index=False, lineterminator="\n").encode("utf-8")
    assert storage.to_csv_bytes(df, block) == expected
