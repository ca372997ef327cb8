"""Tables that link the parsed plan's structure to what is curated by hand: the institutional
map and the category → action mapping (and which action a paragraph falls under). Mapping files
complain both ways: an entry that matches nothing in the plan is an error, and so is a plan name
with no entry. The plan's identity and names are ``plan_identity``."""

from __future__ import annotations

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import mappings
from planwatch.parse.normalise import clean_text


def with_action(paras):
    """Each paragraph with the number of the action it falls under (None before the first
    action heading or after a new chapter)."""
    current = None
    for p in paras:
        if p.kind == "chapter":
            current = None
        elif p.kind == "action":
            current = p.number
        yield p, current


def institutions(s, raw: str) -> list[dict]:
    """Responsible units with their current body (``institutions.csv``); complain both ways."""
    path = paths.mappings_dir() / "institutions.csv"
    rows = mappings.read_csv(path, ["name_in_text", "current_name", "change", "note"])
    text = clean_text(raw)
    known = {r["name_in_text"]: r for r in rows}
    for r in rows:
        if r["name_in_text"] not in text:
            raise InputError(
                path,
                "name does not occur in the plan text",
                r["_row"],
                "name_in_text",
                r["name_in_text"],
                "a responsible unit as the plan names it",
            )
        if r["change"] not in ("unchanged", "renamed", "merged", "split", "unmapped"):
            raise InputError(
                path,
                "unknown change",
                r["_row"],
                "change",
                r["change"],
                "unchanged, renamed, merged, split or unmapped",
            )
        if (r["change"] == "unmapped") != (r["current_name"] == ""):
            raise InputError(
                path,
                "current_name must be empty exactly when change is unmapped",
                r["_row"],
                "current_name",
                r["current_name"],
                "leave a name unmapped rather than guess",
            )
    units = list(dict.fromkeys(u["unit"] for u in s.task_units))
    missing = [u for u in units if u not in known]
    if missing:
        raise InputError(
            path,
            "responsible unit(s) missing from the institutional map",
            value=missing,
            expected="one row per unit named in the plan (change=unmapped if unknown)",
        )
    out = []
    for name in units:
        r = known[name]
        mine = [u for u in s.task_units if u["unit"] == name]
        out.append(
            {
                "name_in_text": name,
                "name_en": mappings.english("responsible_unit", name),
                "current_name": r["current_name"],
                "change": r["change"],
                "note": r["note"],
                "n_tasks": len(mine),
                "n_lead": sum(u["is_lead"] for u in mine),
                "n_actions": len({u["action_no"] for u in mine}),
            }
        )
    return out


def category_actions(records: list[dict], s) -> list[dict]:
    """Expand ``category_actions.csv`` into (category, section) rows; complain both ways."""
    path = paths.mappings_dir() / "category_actions.csv"
    cats = {r["category"]: r["category_id"] for r in records}
    sections = {x["section_id"]: x for x in s.sections}
    out, seen = [], set()
    rows = mappings.read_csv(path, ["category", "action_no", "sections", "note"])
    for r in rows:
        if r["category"] not in cats:
            raise InputError(
                path,
                "unknown category",
                r["_row"],
                "category",
                r["category"],
                f"one of {', '.join(cats)}",
            )
        wanted = [x for x in r["sections"].split(";") if x] or [
            sid for sid, x in sections.items() if str(x["action_no"]) == r["action_no"]
        ]
        for sid in wanted:
            if sid not in sections or str(sections[sid]["action_no"]) != r["action_no"]:
                raise InputError(
                    path,
                    "section not in that action",
                    r["_row"],
                    "sections",
                    sid,
                    f"a section id S{r['action_no']}.n of the plan",
                )
            out.append(
                {
                    "category": r["category"],
                    "category_id": cats[r["category"]],
                    "action_no": sections[sid]["action_no"],
                    "section_id": sid,
                }
            )
            seen.add(r["category"])
    # a plan known by its table alone names no action; a file left empty links none (the
    # category reports say so); a file that links some categories must link them all
    if set(cats) - seen and s.sections and rows:
        raise InputError(
            path,
            "category without actions",
            value=sorted(set(cats) - seen),
            expected="at least one row per category",
        )
    return out
