"""One step from a researcher's spreadsheet to rebuilt data: copy the file into
``data/raw/observations/``, write its sidecar, rebuild, and say what changed (figures added,
every status that moved). A file that does not build is taken out again, so ``data/raw/`` and
``data/processed/`` are as they were."""

from __future__ import annotations

import csv
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import plausibility, provenance, readers
from planwatch.tables import build, guard


@dataclass
class Added:
    """What adding a file changed."""

    path: Path
    figures: int  # valid figures read from the file
    chosen: int  # of them, the evidence of their year
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # what, before, after
    earlier: bool = True  # whether a build existed to compare with
    replaced: list[str] = field(default_factory=list)  # evidence this file's figures replaced
    warnings: list[str] = field(default_factory=list)  # duplicates and conflicts it brings
    notes: list[str] = field(default_factory=list)  # its rows passed over (unfilled)

    def lines(self) -> list[str]:
        out = [
            f"added {self.path.name}: {self.figures} figure(s), "
            f"{self.chosen} of them the evidence of their year"
        ]
        if not self.earlier:
            out.append("no earlier build to compare statuses with")
        elif not self.moved:
            out.append("no status moved")
        out += [f"{what}: {before} → {after}" for what, before, after in self.moved]
        out += self.replaced
        out += [f"warning: {w}" for w in self.warnings]
        out += [f"note: {n}" for n in self.notes]
        return out


def _evidence(folder: Path) -> dict[tuple[str, str, str], tuple[str, str]]:
    """(indicator, region, year) → (value, file) of the evidence in a processed set."""
    path = folder / "observations.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {
            (r["indicator"], r["region"], r["year"]): (r["value"], r["file"])
            for r in csv.DictReader(fh)
        }


def _replaced(before: dict, after: dict, name: str) -> list[str]:
    """Evidence the added file's figures took over from figures already there."""
    out = []
    for key, (value, file) in sorted(after.items()):
        old = before.get(key)
        if file != name or old is None or old[0] == value:
            continue
        a, b = float(old[0]), float(value)
        change = f" ({(b - a) / abs(a):+.1%})" if a else ""
        out.append(f"evidence replaced: {' '.join(key)}: {old[0]} ({old[1]}) → {value}{change}")
    return out


def _figures(folder: Path) -> dict[tuple[str, str, str, str], str]:
    """(indicator, region, year, value) → file, of every figure in a processed set."""
    path = folder / "observations_audit.csv"
    if not path.exists():
        return {}
    with open(path, encoding="utf-8", newline="") as fh:
        return {
            (r["indicator"], r["region"], r["year"], r["value"]): r["file"]
            for r in csv.DictReader(fh)
        }


def _statuses(folder: Path) -> dict[tuple[str, str, str], str] | None:
    path = folder / "progress.csv"
    if not path.exists():
        return None
    with open(path, encoding="utf-8", newline="") as fh:
        return {
            (r["indicator"], r["region"], r["target_year"]): r["status"] for r in csv.DictReader(fh)
        }


def _copy_new(source: Path, target: Path) -> None:
    """Copy into a file that must not exist yet, never through a link planted in its place."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o644)
    except FileExistsError:
        raise InputError(
            target,
            "a file of this name appeared in the observations folder while adding",
            expected="a new file name",
        ) from None
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out)
    except BaseException:  # a full disk, Ctrl-C: no half file left under the name
        target.unlink(missing_ok=True)
        raise


def _refusal(target, mine, figures_before, result, evidence_before, strict) -> InputError | None:
    """Why the file is taken out again after its build: it adds nothing (every figure already
    there, from another file), or, with ``strict``, it brings a warning."""

    def key(r):
        return (r["indicator"], r["region"], str(r["year"]), _plain(r["value"]))

    known = {(i, g, y, _plain(v)): f for (i, g, y, v), f in figures_before.items()}
    if mine and all(key(r) in known for r in mine):
        others = sorted({known[key(r)] for r in mine})
        return InputError(
            target,
            f"every one of its {len(mine)} figure(s) is already in the data",
            value=", ".join(others)[:200],
            expected="figures not yet added (nothing was added)",
        )
    if strict:
        said = [w for w in result.warnings if target.name in w]
        said += _replaced(evidence_before, _evidence(paths.processed_dir()), target.name)
        if said:
            return InputError(
                target,
                f"--strict: {len(said)} warning(s): " + "; ".join(said)[:300],
                expected="a file that brings no duplicate, conflict or replaced evidence "
                "(nothing was added)",
            )
    return None


def _plain(value) -> str:
    try:
        return repr(float(value))
    except (TypeError, ValueError):
        return str(value)


def add(
    source: Path,
    source_url: str,
    publisher: str,
    title: str | None = None,
    strict: bool = False,
) -> Added:
    """Copy ``source`` in, stamp it, rebuild; raise ``InputError`` (and leave everything as it
    was) when the file, its provenance or the rebuilt data is refused, when every figure it
    holds is already in the data, or, with ``strict``, when it brings any warning (a duplicate,
    a conflict, evidence it replaces)."""
    source = Path(source)
    if not source.is_file():
        raise InputError(source, "no such file", expected="a .csv, .tsv or .xlsx file to add")
    kind = readers.classify(source)
    if kind == "refused":
        raise readers.refuse_format(source)
    if kind != "read":
        raise InputError(
            source, "not a file planwatch reads", expected="a .csv, .tsv or .xlsx file"
        )
    meta = {
        "title": title or source.stem,
        "publisher": publisher,
        "source_url": source_url,
    }
    provenance.check_fields(source, meta)
    if not str(source_url).strip().startswith(("http://", "https://")):
        raise InputError(
            source, "source URL is not a web address", value=source_url, expected="http(s)://…"
        )
    with guard.data_lock():  # one add or build at a time; an unfinished add is undone first
        folder = paths.observations_dir()
        target = folder / source.name
        side = provenance.sidecar_path(target)
        if any(os.path.lexists(p) for p in (target, side)):  # a dangling link counts too
            raise InputError(
                target,
                "a file of this name is already in the observations folder",
                expected="a new file name (rename the file), or edit the file that is there",
            )
        before = _statuses(paths.processed_dir())
        evidence_before = _evidence(paths.processed_dir())
        figures_before = _figures(paths.processed_dir())
        guard.begin_add([target, side])
        try:
            _copy_new(source, target)  # removes its own half copy; leaves others' files alone
        except BaseException:
            guard.end_add()
            raise
        try:
            provenance.stamp(target, meta)
            result = build.run()
            mine = [r for r in result.tables["observations_audit"] if r["file"] == target.name]
            refusal = _refusal(target, mine, figures_before, result, evidence_before, strict)
            if refusal is not None:
                target.unlink(missing_ok=True)
                side.unlink(missing_ok=True)
                build.run()  # the set as it was, from the files as they were
                raise refusal
        except BaseException:
            target.unlink(missing_ok=True)
            side.unlink(missing_ok=True)
            guard.end_add()
            raise
        guard.end_add()
    after = _statuses(paths.processed_dir()) or {}
    home = plausibility.plan_region()
    moved = [
        (f"{ind} {year}" if region == home else f"{ind} {region} {year}", before[key], status)
        for key, status in sorted(after.items())
        for ind, region, year in [key]
        if before is not None and key in before and before[key] != status
    ]
    replaced = _replaced(evidence_before, _evidence(paths.processed_dir()), target.name)
    warnings = [w for w in result.warnings if target.name in w]
    notes = [n for n in result.notes if n.startswith(f"{target}:") or n.startswith(f"{target},")]
    n_chosen = sum(bool(r["chosen"]) for r in mine)
    return Added(target, len(mine), n_chosen, moved, before is not None, replaced, warnings, notes)
