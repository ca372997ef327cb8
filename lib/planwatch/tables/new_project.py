"""``planwatch new DIR --plan FILE``: make DIR a planwatch project for the plan in FILE.

FILE is any form ``parse-table`` reads (plain text, an HTML page, a PDF with a text layer, a
Word .docx). DIR gets the plan document byte for byte with its provenance sidecar, a draft
``plan.yml`` whose guesses are marked ``# guessed: check``, ``indicator_properties.csv`` with
one row per indicator of the table (direction guessed from the wording), a data-entry template
and a README with the next commands. The project is written in a temporary folder beside DIR
and moved into place whole: a failure leaves no DIR behind. Reports start in Chinese only
(``languages: [zh]``); English needs the names in ``translations.csv``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

from planwatch.errors import InputError
from planwatch.inputs import provenance
from planwatch.inputs.entry_templates import write_templates
from planwatch.parse import document, plan_guess, source
from planwatch.parse.table_file import parse_table_file

NO_URL = "not given: add the address where the plan was published"
GUESSED = "  # guessed: check"


@dataclass
class Started:
    root: Path
    indicators: int
    guessed: list[str]


def new(
    dest: Path,
    plan_file: Path,
    source_url: str | None = None,
    publisher: str | None = None,
    title: str | None = None,
    table: int | None = None,
    pages: tuple[int, int] | None = None,
) -> Started:
    dest, plan_file = Path(dest), Path(plan_file)
    if dest.exists() and (not dest.is_dir() or any(dest.iterdir())):
        raise InputError(dest, "is not an empty folder", expected="a new or empty folder")
    if source_url is not None and not source_url.startswith(("https://", "http://")):
        raise InputError(
            plan_file, "source URL is not http(s)", value=source_url, expected="an http(s) URL"
        )
    found = parse_table_file(plan_file, table, pages)  # no table: one clear error, nothing made
    if not found.rows:
        raise InputError(plan_file, "the table has no indicator row", expected="indicator rows")
    data = source.read_bytes(plan_file)
    text = document.text_of(plan_file, data)
    text = text if text is not None else source.decode(plan_file, data)
    records = found.records()
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.new-", dir=dest.parent))
    try:
        where = {"table": table, "pages": None if pages is None else "{}-{}".format(*pages)}
        guessed = _write(
            tmp, plan_file, data, text, records, found, source_url, publisher, title, where
        )
        if dest.exists():
            dest.rmdir()
        os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    names = {r["indicator"] for r in records}
    return Started(dest, len(names), guessed)


def _write(tmp, plan_file, data, text, records, found, source_url, publisher, title, where):
    raw = tmp / "data" / "raw"
    for part in ("plan", "mappings", "observations"):
        (raw / part).mkdir(parents=True)
    name = _safe_name(plan_file.name)
    (raw / "plan" / name).write_bytes(data)  # the plan document byte for byte
    guess_title = plan_guess.title(text)
    provenance.stamp(
        raw / "plan" / name,
        {
            "title": title or guess_title or plan_file.name,
            "publisher": publisher or plan_guess.issuer(text) or "not given",
            "source_url": source_url or NO_URL,
        },
        url_or_words=True,
    )
    manifest, guessed = draft_manifest(name, text, found, source_url, title, guess_title, where)
    (raw / "plan" / "plan.yml").write_text(manifest, encoding="utf-8")
    (raw / "mappings" / "indicator_properties.csv").write_text(
        properties_csv(records), encoding="utf-8"
    )
    indicators = list(
        {r["indicator"]: {"indicator": r["indicator"], "unit": r["unit"]} for r in records}.values()
    )
    region = plan_guess.region(title or guess_title, text) or "全省"
    write_templates(tmp / "data" / "templates", indicators, [region])
    (tmp / "README.md").write_text(readme(name, guessed), encoding="utf-8")
    return guessed


def _safe_name(name: str) -> str:
    """The document's file name, kept unless it holds characters a manifest cannot name."""
    bad = set('/\\:*?"<>|') | {chr(c) for c in range(32)}
    cleaned = "".join("_" if ch in bad else ch for ch in name).strip(". ")
    return cleaned or "plan.txt"


def draft_manifest(name, text, found, source_url, title, guess_title, where) -> tuple[str, list]:
    """``plan.yml`` as YAML text with ``# guessed: check`` after each guess."""
    guessed = []
    plan_title = title or guess_title
    if not title:
        guessed.append("title")
    issuer = plan_guess.issuer(text)
    date = plan_guess.date_issued(text)
    start, end = plan_guess.period(plan_title, found.years)
    region = plan_guess.region(plan_title, text)
    marks = (found.baseline or [j == 0 for j in range(len(found.years))]) if found.years else []
    base = [y for y, b in zip(found.years, marks, strict=True) if b]

    def line(key, value, guess: bool) -> str:
        dumped = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=True)
        dumped = dumped.strip().removeprefix("{").removesuffix("}")
        if guess:
            guessed.append(key)
        return dumped + (GUESSED if guess else "") + "\n"

    out = io.StringIO()
    out.write("# The plan this project monitors (see the README's plan.yml keys).\n")
    out.write("# Lines marked `guessed: check` were read from the document by planwatch new.\n")
    out.write(line("text", name, False))
    out.write(line("title", {"zh": plan_title or "(title not found: write it)"}, False))
    out.write(line("issuer", {"zh": issuer or "(issuer not found: write it)"}, True))
    out.write(line("date_issued", date or dt.date(start, 1, 1), True))
    out.write(line("period", [start, end], True))
    out.write(
        line(
            "source_url",
            source_url or "https://example.org/write-the-plan-address",
            source_url is None,
        )
    )
    out.write(line("region", {"zh": region or "(region not found: write it)"}, True))
    out.write(line("baseline", base[0] if base else "none", True))
    for key, value in where.items():  # which table of the document, as given to new
        if value is not None:
            out.write(line(key, value, False))
    out.write("# Reports in Chinese only until translations.csv names every indicator in\n")
    out.write("# English; then write [zh, en].\n")
    out.write(line("languages", ["zh"], False))
    out.write("# Sub-regions with their own reports, maps and ranking (leave out for none):\n")
    out.write("# subregions:\n#   kind: {zh: 城市, zh_short: 市, en: city}\n")
    out.write("#   items:\n#     - {name: 东川, full_name: 东川市, en: Dongchuan}\n")
    guessed = list(dict.fromkeys(g for g in guessed if g != "title" or not title))
    return out.getvalue(), guessed


def properties_csv(records: list[dict]) -> str:
    """One row per indicator: direction 1 (higher is better) or -1, guessed from the wording."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["indicator", "direction", "min", "max", "note"])
    comparators: dict[str, tuple] = {}
    for r in records:
        comparators[r["indicator"]] = (*comparators.get(r["indicator"], ()), r["comparator"])
    for name, cmps in comparators.items():
        lower = plan_guess.lower_is_better(name, cmps)
        w.writerow([name, -1 if lower else 1, "", "", "direction guessed: check"])
    return buf.getvalue()


def readme(name: str, guessed: list[str]) -> str:
    checks = ", ".join(guessed) or "nothing"
    return f"""# A planwatch project

Made by `planwatch new` from `data/raw/plan/{name}`.

1. Check `data/raw/plan/plan.yml` (guessed: {checks}) and the directions in
   `data/raw/mappings/indicator_properties.csv` (1: higher is better, -1: lower is better).
2. Fill in `data/templates/` with published figures, each with its source, and add the file:
   `planwatch add data/templates/observations_template.csv --title … --publisher … --source-url …`
3. `planwatch build-data`, then `planwatch render`: the reports are in `reports/`.

Commands find this project from any folder inside it (or use `--root` or `PLANWATCH_ROOT`).
"""
