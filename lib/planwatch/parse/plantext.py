"""Segment plan text into paragraphs and read its structure: actions, sections and tasks.

Markers are in ``vocab/plan.yml``. Paragraphs that start with no marker continue the one before
(the scrape breaks some tasks over blank lines). City positioning paragraphs (``某市:…``) are
recognised from the gazetteer's city list so that they are not read as task continuations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from planwatch.parse.normalise import clean_text
from planwatch.paths import read_vocab

CN_NUM = {c: i for i, c in enumerate("一二三四五六七八九十", start=1)}


@cache
def _vocab() -> dict:
    v = read_vocab("plan")
    lists = ("site_lines", "role_verbs", "role_suffixes", "unit_separator")
    out = {k: (p if k in lists else re.compile(p)) for k, p in v.items()}
    out["site_lines"] = [re.compile(p) for p in v["site_lines"]]
    return out


def cn_number(text: str) -> int:
    if text in CN_NUM:
        return CN_NUM[text]
    if text.startswith("十"):
        return 10 + CN_NUM.get(text[1:], 0)
    return CN_NUM[text[0]] * 10 + CN_NUM.get(text[2:], 0)


@dataclass
class Paragraph:
    kind: str  # chapter | action | section | task | city | text | site
    text: str  # cleaned, continuations joined
    line_start: int
    line_end: int
    number: int | None = None
    title: str = ""
    city: str = ""


def split_units(text: str) -> tuple[str, list[str]]:
    """Remove a trailing ``(责任单位:…)`` block; return the text and the units in order."""
    m = _vocab()["units"].search(text)
    if not m:
        return text, []
    units = [u.strip() for u in m.group(1).split(_vocab()["unit_separator"]) if u.strip()]
    return text[: m.start()].rstrip(), units


def title_of(text: str) -> tuple[str, str]:
    """Split ``标题。正文`` into (title, rest)."""
    head, sep, rest = text.partition("。")
    return (head, rest.strip()) if sep else (text, "")


def paragraphs(raw: str, city_names: list[str] | tuple[str, ...] = ()) -> list[Paragraph]:
    v = _vocab()
    city_re = (
        re.compile(rf"^({'|'.join(map(re.escape, city_names))})(?:市)?:(.+)$")
        if city_names
        else None
    )
    out: list[Paragraph] = []
    last_section = 0
    for lineno, line in enumerate(raw.splitlines(), start=1):
        text = clean_text(line)
        if not text:
            continue
        if any(p.search(text) for p in v["site_lines"]):
            out.append(Paragraph("site", text, lineno, lineno))
            continue
        if m := v["chapter"].match(text):
            out.append(
                Paragraph("chapter", text, lineno, lineno, cn_number(m.group(1)), m.group(2))
            )
            last_section = 0
            continue
        if m := v["action"].match(text):
            out.append(
                Paragraph(
                    "action", text, lineno, lineno, cn_number(m.group(1)), m.group(2).rstrip("。")
                )
            )
            last_section = 0
            continue
        if (m := v["section"].match(text)) and int(m.group(1)) == last_section + 1:
            last_section = int(m.group(1))
            title, _ = title_of(m.group(2))
            out.append(Paragraph("section", m.group(2), lineno, lineno, last_section, title))
            continue
        if m := v["task"].match(text):
            title, _ = title_of(m.group(1))
            out.append(Paragraph("task", m.group(1), lineno, lineno, None, title))
            continue
        if city_re and (m := city_re.match(text)):
            out.append(Paragraph("city", m.group(2), lineno, lineno, None, m.group(1), m.group(1)))
            continue
        prev = out[-1] if out else None
        if prev and prev.kind in ("task", "section") and not prev.text.endswith(")"):
            prev.text += text
            prev.line_end = lineno
            continue
        if prev and prev.kind == "task" and text.startswith("(责任单位"):
            prev.text += text
            prev.line_end = lineno
            continue
        out.append(Paragraph("text", text, lineno, lineno))
    return out


@dataclass
class Structure:
    actions: list[dict] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    tasks: list[dict] = field(default_factory=list)
    task_units: list[dict] = field(default_factory=list)
    overall: list[Paragraph] = field(default_factory=list)


def structure(paras: list[Paragraph]) -> Structure:
    """Actions → sections → tasks, with responsible units (lead first)."""
    s = Structure()
    action = section = None
    chapter = 0
    task_no = 0
    for p in paras:
        if p.kind == "chapter":
            chapter = p.number or 0
            action = section = None
            continue
        if chapter == 1 and p.kind == "text":
            s.overall.append(p)
        if p.kind == "action":
            action = {"action_no": p.number, "action": p.title, "line": p.line_start}
            s.actions.append(action)
            section = None
            continue
        if action is None:
            continue
        if p.kind == "section":
            title, goals = title_of(p.text)
            section = {
                "section_id": f"S{action['action_no']}.{p.number}",
                "action_no": action["action_no"],
                "section_no": p.number,
                "title": title,
                "goals": goals,
                "line_start": p.line_start,
                "line_end": p.line_end,
            }
            s.sections.append(section)
            task_no = 0
            continue
        if p.kind == "task" and section is not None:
            task_no += 1
            body, units = split_units(p.text)
            title, _ = title_of(body)
            tid = f"T{action['action_no']}.{section['section_no']}.{task_no}"
            s.tasks.append(
                {
                    "task_id": tid,
                    "action_no": action["action_no"],
                    "section_no": section["section_no"],
                    "task_no": task_no,
                    "title": title,
                    "text": body,
                    "lead_unit": units[0] if units else "",
                    "units": "、".join(units),
                    "n_units": len(units),
                    "line_start": p.line_start,
                    "line_end": p.line_end,
                }
            )
            for pos, unit in enumerate(units, start=1):
                s.task_units.append(
                    {
                        "task_id": tid,
                        "action_no": action["action_no"],
                        "position": pos,
                        "unit": unit,
                        "is_lead": pos == 1,
                    }
                )
    return s
