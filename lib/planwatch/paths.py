"""Every path planwatch reads or writes, in one place.

The project root is found from this file (``lib/planwatch/paths.py``); set ``PLANWATCH_ROOT``
to point the tools at another checkout or at test fixtures.
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
VOCAB_DIR = PACKAGE_DIR / "vocab"
WORDS_FILE = PACKAGE_DIR / "present" / "words.yml"


def read_vocab(name: str) -> dict:
    """A vocabulary shipped in the package (``vocab/NAME.yml``); callers cache what they derive."""
    import yaml

    with open(VOCAB_DIR / f"{name}.yml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def root() -> Path:
    env = os.environ.get("PLANWATCH_ROOT")
    return Path(env).resolve() if env else PACKAGE_DIR.parent.parent


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


def notebooks_dir() -> Path:
    return root() / "notebooks"
