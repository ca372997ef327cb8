"""Cities in the plan: positioning paragraphs, the roles they assign, and every plan item that
names a city or one of its places. The sub-regions and the gazetteer (curated tables of
``data/raw/mappings/``) are handed in by the caller: parsing reads no input file."""

from __future__ import annotations

import re

from planwatch.parse.plantext import Paragraph, _vocab

_CLAUSE = re.compile(r"[,;。]")


def roles(text: str) -> list[str]:
    """``打造A示范区、B中心和C基地`` → [A示范区, B中心, C基地]."""
    v = _vocab()
    verbs = "|".join(map(re.escape, v["role_verbs"]))
    suffixes = tuple(v["role_suffixes"])
    found: list[str] = []
    for clause in _CLAUSE.split(text):
        for m in re.finditer(rf"(?<!围绕)(?:{verbs})(.+)", clause):
            for item in _items(m.group(1), suffixes):
                item = item.removesuffix("建设")
                if (
                    item.endswith(suffixes)
                    and item not in found
                    and not any(item in f for f in found)
                ):
                    found.append(item)
            break
    return found


def _items(text: str, suffixes: tuple[str, ...]) -> list[str]:
    """Split an enumeration on 、, and on 和 only where the part before 和 is itself a role."""
    out = []
    for part in text.split("、"):
        head, sep, tail = part.partition("和")
        if sep and head.endswith(suffixes):
            out += [head, tail]
        else:
            out.append(part)
    return out


def city_table(paras: list[Paragraph], cities: list[dict]) -> list[dict]:
    """One row per city of ``cities`` (city, city_en, full_name); a city with no paragraph is
    kept, marked absent."""
    by_city = {p.city: p for p in paras if p.kind == "city"}
    out = []
    for c in cities:
        p = by_city.get(c["city"])
        out.append(
            {
                "city": c["city"],
                "city_en": c["city_en"],
                "full_name": c["full_name"],
                "in_source": p is not None,
                "paragraph": p.text if p else "",
                "roles": ";".join(roles(p.text)) if p else "",
                "line": p.line_start if p else None,
            }
        )
    return out


def role_table(cities: list[dict]) -> list[dict]:
    return [
        {"city": c["city"], "position": i, "role": r}
        for c in cities
        for i, r in enumerate(filter(None, c["roles"].split(";")), start=1)
    ]


def _place_pattern(places) -> re.Pattern | None:
    """Longest first; None when there is no place to look for (an empty gazetteer)."""
    places = sorted({p for p in places if p}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, places))) if places else None


def mentions(items: list[dict], gazetteer: list[dict]) -> list[dict]:
    """Places named in each item's text → one row per (item, city, place), first position kept.

    ``items`` have item_kind, item_id, action_no, text and line. Matching is longest-first and
    non-overlapping, so a region named after a city (``环X湾``) does not count as a mention of X.
    ``gazetteer``: rows of place and city (``;``-separated). No place, no mention.
    """
    gaz = {r["place"]: r for r in gazetteer if r["place"]}
    pattern = _place_pattern(gaz)
    out, seen = [], set()
    if pattern is None:
        return out
    for item in items:
        for m in pattern.finditer(item["text"]):
            place = m.group(0)
            for city in filter(None, gaz[place]["city"].split(";")):
                key = (item["item_id"], city, place)
                if key in seen:
                    continue
                seen.add(key)
                lo, hi = max(0, m.start() - 20), min(len(item["text"]), m.end() + 20)
                out.append(
                    {
                        "city": city,
                        "place": place,
                        "item_kind": item["item_kind"],
                        "item_id": item["item_id"],
                        "action_no": item["action_no"],
                        "line": item["line"],
                        "excerpt": item["text"][lo:hi],
                    }
                )
    return out
