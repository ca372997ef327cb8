"""Every path planwatch reads or writes, in one place.

The project root (the folder holding ``data/raw/plan/plan.yml``) is, in order: ``PLANWATCH_ROOT``
(the CLI's ``--root`` sets it); the current directory or the nearest folder above it that holds
a plan manifest; this checkout (``lib/planwatch/paths.py`` two levels up) when it holds one.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
VOCAB_DIR = PACKAGE_DIR / "vocab"
WORDS_FILE = PACKAGE_DIR / "present" / "words.yml"


def read_vocab(name: str) -> dict:
    """A vocabulary shipped in the package (``vocab/NAME.yml``); callers cache what they derive."""
    return read_shipped_yaml(VOCAB_DIR / f"{name}.yml")


def read_shipped_yaml(path: Path) -> dict:
    """A YAML file shipped in the package (vocabularies, the words catalogue), read by libyaml's
    safe loader where PyYAML has it (ten times faster; the same values). Files a user writes go
    through ``yaml.safe_load``, whose messages the errors quote."""
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=loader)  # noqa: S506 (a safe loader)


MANIFEST = Path("data", "raw", "plan", "plan.yml")
CHECKOUT = PACKAGE_DIR.parent.parent  # the source checkout, when run from one


def find_project(start: Path) -> Path | None:
    """``start`` or the nearest folder above it that holds ``data/raw/plan/plan.yml``."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / MANIFEST).is_file():
            return folder
    return None


def root() -> Path:
    env = os.environ.get("PLANWATCH_ROOT")
    if env:
        return Path(env).resolve()
    found = find_project(Path.cwd())
    if found is not None:
        return found
    if (CHECKOUT / MANIFEST).is_file():
        return CHECKOUT
    return Path.cwd().resolve()  # not a project: the plan manifest's error says what to do


def raw_dir() -> Path:
    return root() / "data" / "raw"


def plan_dir() -> Path:
    return raw_dir() / "plan"


def plan_manifest() -> Path:
    """The plan manifest: which plan this project monitors (``inputs/plan.py`` reads it and
    names the plan text: ``plan.plan_file()``)."""
    return plan_dir() / "plan.yml"


def mappings_dir() -> Path:
    return raw_dir() / "mappings"


def observations_dir() -> Path:
    return raw_dir() / "observations"


def processed_dir() -> Path:
    return root() / "data" / "processed"


def data_lock() -> Path:
    """Held while raw data is added or the processed set rebuilt (one at a time)."""
    return root() / "data" / ".data.lock"


def add_journal() -> Path:
    """What an unfinished ``add`` put into ``data/raw/`` (undone by the next build or add)."""
    return root() / "data" / ".add-in-progress.json"


def reports_dir() -> Path:
    return root() / "reports"


def shipped_notebooks() -> Path:
    """The report notebooks that come with planwatch: the checkout's ``notebooks/``, or where
    the wheel installs them (``<prefix>/share/planwatch/notebooks``)."""
    here = CHECKOUT / "notebooks"
    if (here / "category_report.ipynb").is_file():
        return here
    return Path(sys.prefix) / "share" / "planwatch" / "notebooks"


def notebook(name: str) -> Path:
    """A report notebook: the project's own ``notebooks/NAME`` when it has one (an override),
    else the one shipped with planwatch."""
    own = root() / "notebooks" / name
    return own if own.is_file() else shipped_notebooks() / name


def notebooks_dir() -> Path:
    """Where report kernels start: the project's ``notebooks/`` when it has one, else the
    project root."""
    own = root() / "notebooks"
    return own if own.is_dir() else root()
