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


KINDS = ("chapter", "action", "section")  # the kinds of heading levels 1, 2, 3 (then subsection)


@cache
def _vocab() -> dict:
    v = read_vocab("plan")
    out = dict(v)
    for key in ("box", "task", "units"):
        out[key] = re.compile(v[key])
    out["units_lead_support"] = [re.compile(p) for p in v["units_lead_support"]]
    out["site_lines"] = [re.compile(p) for p in v["site_lines"]]
    out["headings"] = [dict(h, re=re.compile(h["pattern"])) for h in v["headings"]]
    return out


def cn_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text in CN_NUM:
        return CN_NUM[text]
    if text.startswith("十"):
        return 10 + CN_NUM.get(text[1:], 0)
    if "百" in text:
        hundreds, _, rest = text.partition("百")
        return CN_NUM.get(hundreds, 1) * 100 + (cn_number(rest.lstrip("零")) if rest else 0)
    return CN_NUM[text[0]] * 10 + CN_NUM.get(text[2:], 0)


@dataclass
class Paragraph:
    kind: str  # chapter | action | section | subsection | box | task | city | text | site
    text: str  # cleaned, continuations joined
    line_start: int
    line_end: int
    number: int | None = None
    title: str = ""
    city: str = ""
    style: str = ""  # the heading style (一、, (一), 1., 第一章 …)
    level: int = 0


def split_units(text: str) -> tuple[str, list[str]]:
    """Remove a trailing responsible-units block; return the text and the units, lead first."""
    v = _vocab()
    sep = v["unit_separator"]
    m = v["units"].search(text)
    if m:
        units = [u.strip() for u in m.group(1).split(sep) if u.strip()]
        return text[: m.start()].rstrip(), units
    for pattern in v["units_lead_support"]:
        m = pattern.search(text)
        if m:
            units = [u.strip() for g in m.groups() if g for u in re.split(r"[、,]", g) if u.strip()]
            return text[: m.start()].rstrip(), units
    return text, []


def _heading(text: str, levels: dict, counters: dict) -> Paragraph | None:
    """The heading a paragraph is, in the level its style was first met at; None for prose."""
    for h in _vocab()["headings"]:
        m = h["re"].match(text)
        if not m:
            continue
        number = cn_number(m.group(1))
        if h.get("in_order") and number != counters.get(h["style"], 0) + 1:
            continue
        level = levels.setdefault(h["style"], len(levels) + 1)
        for style, lev in levels.items():  # a heading restarts the numbering below it
            if lev > level:
                counters[style] = 0
        counters[h["style"]] = number
        kind = KINDS[level - 1] if level <= len(KINDS) else "subsection"
        title = title_of(m.group(2))[0].rstrip("。")
        body = m.group(2) if h.get("in_order") else text
        return Paragraph(kind, body, 0, 0, number, title, style=h["style"], level=level)
    return None


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
    levels: dict[str, int] = {}
    counters: dict[str, int] = {}
    for lineno, line in enumerate(raw.splitlines(), start=1):
        text = clean_text(line)
        if not text:
            continue
        if any(p.search(text) for p in v["site_lines"]):
            out.append(Paragraph("site", text, lineno, lineno))
            continue
        if m := v["box"].match(text):
            out.append(Paragraph("box", text, lineno, lineno, int(m.group(1)), m.group(2)))
            continue
        if (head := _heading(text, levels, counters)) is not None:
            head.line_start = head.line_end = lineno
            out.append(head)
            continue
        if m := v["task"].match(text):
            title, _ = title_of(m.group(1))
            out.append(Paragraph("task", m.group(1), lineno, lineno, None, title))
            continue
        if city_re and (m := city_re.match(text)):
            out.append(Paragraph("city", m.group(2), lineno, lineno, None, m.group(1), m.group(1)))
            continue
        prev = out[-1] if out else None
        if prev and prev.kind in ("task", "section", "subsection") and not prev.text.endswith(")"):
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
