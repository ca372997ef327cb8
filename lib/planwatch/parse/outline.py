"""The structure of any plan text, for ``planwatch parse-plan``: headings (in whatever styles the
plan uses), tasks with their responsible units, the indicator table's size, and the quantified
targets in the prose. A researcher's first look at a new plan; nothing here needs the project's
mappings."""

from __future__ import annotations

import re
from pathlib import Path

from planwatch.errors import InputError
from planwatch.parse import document, source
from planwatch.parse.normalise import format_decimal
from planwatch.parse.plantext import paragraphs, split_units, structure, title_of
from planwatch.parse.table import parse_table
from planwatch.parse.targets import Place, find_targets

_YEAR_RE = re.compile(r"(?:到|至|在)((?:19|20)\d{2})年")


def horizon(text: str, table_years: list[int]) -> int | None:
    """The plan's last target year: from its table, else the latest 到20XX年 in the prose."""
    if table_years:
        return max(table_years)
    years = [int(y) for y in _YEAR_RE.findall(text)]
    return max(years) if years else None


def outline(text: str, path: Path | str = "<text>") -> dict:

    paras = paragraphs(text)
    try:
        table = parse_table(text, path)
        table_info = {
            "layout": table.layout,
            "header_line": table.header_line,
            "years": table.years,
            "indicators": len(table.rows),
            "warnings": [{"line": n, "warning": w} for n, w in table.warnings],
        }
        years = table.years
    except InputError as exc:
        table_info = {"error": exc.message, "line": exc.line}
        years = []
    end = horizon(text, years)
    headings = [
        {
            "kind": p.kind,
            "style": p.style or ("专栏" if p.kind == "box" else ""),
            "level": p.level,
            "number": p.number,
            "title": p.title,
            "line": p.line_start,
        }
        for p in paras
        if p.kind in ("chapter", "action", "section", "subsection", "box")
    ]
    tasks, targets, under = [], [], []
    for p in paras:
        if p.kind in ("chapter", "action", "section", "subsection"):
            under = [h for h in under if h["level"] < p.level] + [
                {"level": p.level, "title": p.title}
            ]
        body, units = split_units(p.text)
        if p.kind == "task" or (units and p.kind in ("section", "subsection", "text")):
            tasks.append(
                {
                    "title": title_of(body)[0],
                    "text": body,
                    "units": units,
                    "lead_unit": units[0] if units else "",
                    "under": [
                        h["title"] for h in under if p.kind == "task" or h["level"] < p.level
                    ],
                    "line_start": p.line_start,
                    "line_end": p.line_end,
                }
            )
        if end is not None and p.kind not in ("site", "box"):
            place = Place(p.kind, f"L{p.line_start}", None, body, p.line_start)
            for t in find_targets(place, end):
                targets.append(
                    {
                        "subject": t["subject"],
                        "object": t["object"],
                        "value_raw": t["value_raw"],
                        "value": format_decimal(t["value"]),
                        "unit": t["unit"],
                        "comparator": t["comparator"],
                        "year": t["year"],
                        "year_source": t["year_source"],
                        "sentence": t["sentence"],
                        "line": t["line"],
                    }
                )
    s = structure(paras)
    ids = {t["line_start"]: t["task_id"] for t in s.tasks}
    for t in tasks:
        t["task_id"] = ids.get(t["line_start"], "")  # tasks under an action, as build-data reads
    return {
        "file": str(path),
        "headings": headings,
        "actions": [
            {**a, "sections": sum(x["action_no"] == a["action_no"] for x in s.sections)}
            for a in s.actions
        ],
        "tasks": tasks,
        "responsible_units": sorted({u for t in tasks for u in t["units"]}),
        "table": table_info,
        "horizon": end,
        "prose_targets": targets,
    }


def outline_file(path: Path | str) -> dict:
    """The structure of a plan text, or of a plan published as an HTML page, a PDF with a text
    layer or a Word .docx (their running text, tables as tab-separated rows)."""
    path = Path(path)
    text = document.text_of(path, source.read_bytes(path))
    if text is None:
        text = source.read_text(path, expected="a plan text")
    elif not text.strip():
        raise InputError(path, "the document holds no text", expected="a plan text")
    return outline(text, path)
