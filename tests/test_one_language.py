"""One language through and through: every chart of every report (as its notebook calls the
report's methods, for every value of every kind, in both languages) shows only words of its
language: titles, axis and legend titles, tooltip titles, and the values it encodes as legend
entries or labels. English charts hold no Chinese except names given in parentheses on purpose;
Chinese charts hold no English codes (statuses, flags, field names)."""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

import planwatch
from planwatch.assess import progress
from planwatch.inputs.records import vocab as observation_vocab
from planwatch.present.html import ChartOutput
from planwatch.reports import kinds
from planwatch.tables import dataset

from .conftest import ROOT

CJK = re.compile(r"[\u3400-\u9fff\uff08\uff09]")
PARENS = re.compile(r"\([^()]*\)|（[^（）]*）")
SNAKE = re.compile(r"^[a-z]+(?:_[a-z]+)+$")
ENCODED = ("color", "shape", "strokeDash", "text", "x", "y", "row", "column", "facet", "detail")
NOT_WORDS = ("source_url", "url", "href")  # addresses are not words


@cache
def codes() -> frozenset[str]:
    """English codes that must never reach a Chinese reader."""
    out = set(progress.vocab()["statuses"])
    for spec in observation_vocab()["flags"].values():
        out |= {v for v in spec["values"] if v}
    out |= set(observation_vocab()["required"]) | set(observation_vocab()["optional"])
    return frozenset(out)


def calls(notebook: str) -> tuple[str, list[str]]:
    cells = json.loads((ROOT / "notebooks" / notebook).read_text(encoding="utf-8"))["cells"]
    code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
    cls = re.search(r"from planwatch import (\w+)", "\n".join(code)).group(1)
    methods = re.findall(r"^rep\.(\w+)\(\)\s*$", "\n".join(code), re.M)
    return cls, methods


def charts_of(report, methods: list[str]) -> list[dict]:
    out = []
    for m in methods:
        if m.startswith("show_"):  # displays a list: its sibling returns it
            m = m.removeprefix("show_")
        result = getattr(report, m)()
        for r in result if isinstance(result, list) else [result]:
            if isinstance(r, ChartOutput):
                out.append(r.spec)
    return out


def _title_strings(title) -> list[str]:
    if isinstance(title, str):
        return [title]
    if isinstance(title, list):
        return [str(t) for t in title]
    if isinstance(title, dict):
        return _title_strings(title.get("text", "")) + _title_strings(title.get("subtitle", ""))
    return []


def shown(spec: dict, data: list[dict] | None = None) -> list[str]:
    """Every word a reader can see in a chart."""
    data = list(data or [])
    data += [r for rows in (spec.get("datasets") or {}).values() for r in rows]
    if isinstance(spec.get("data"), dict) and isinstance(spec["data"].get("values"), list):
        data += [r for r in spec["data"]["values"] if isinstance(r, dict)]
    words = _title_strings(spec.get("title"))
    for channel, enc in (spec.get("encoding") or {}).items():
        for e in enc if isinstance(enc, list) else [enc]:
            if not isinstance(e, dict):
                continue
            for key in ("title",):
                words += _title_strings(e.get(key))
            for part in ("axis", "legend", "header"):
                if isinstance(e.get(part), dict):
                    words += _title_strings(e[part].get("title"))
            field = e.get("field")
            if channel == "tooltip" and field and "title" not in e:
                words.append(field)  # a tooltip without a title shows its field name
            hidden = "legend" in e and e["legend"] is None and channel not in ("x", "y", "text")
            if (
                field
                and channel in ENCODED
                and e.get("type") in ("nominal", "ordinal")
                and not hidden
            ):
                if not any(field.endswith(x) for x in NOT_WORDS) and "." not in field:
                    words += [str(r.get(field)) for r in data if r.get(field) is not None]
            if isinstance(e.get("condition"), dict):
                words += _title_strings(e["condition"].get("title"))
    for key in ("layer", "hconcat", "vconcat", "concat"):
        for part in spec.get(key) or []:
            words += shown(part, data)
    if isinstance(spec.get("spec"), dict):
        words += shown(spec["spec"], data)
    for p in spec.get("params") or []:
        bind = p.get("bind") if isinstance(p, dict) else None
        if isinstance(bind, dict) and isinstance(bind.get("name"), str):
            words.append(bind["name"])
    return [w for w in words if w and w.strip()]


def given_names(ds) -> frozenset[str]:
    """Chinese names an English view may give in parentheses on purpose (cities, indicators,
    the plan's bodies …), never units of measure."""
    names = ds.names
    return frozenset(names.loc[names["kind"] != "unit", "zh"])


def _original_names_removed(w: str, allowed: frozenset[str]) -> str:
    def keep(m):
        return "" if m.group(0)[1:-1].strip() in allowed else m.group(0)

    return PARENS.sub(keep, w)


def wrong_words(spec: dict, lang: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    bad = []
    for w in shown(spec):
        if lang == "en":
            if CJK.search(_original_names_removed(w, allowed)) or SNAKE.match(w.strip()):
                bad.append(w)
        elif w.strip() in codes() or SNAKE.match(w.strip()):
            bad.append(w)
    return sorted(set(bad))


@pytest.fixture
def ds(full_project):
    return dataset.load()


def reports(ds):
    for kind in kinds.KINDS.values():
        if not kind.notebook:  # the explorer to share holds both languages: tests/test_share.py
            continue
        cls, methods = calls(kind.notebook)
        keys = kind.values(ds) if kind.param else [None]
        for key in keys:
            for lang in ("zh", "en"):
                params = kind.params(key, lang) if key is not None else {"lang": lang}
                yield kind.name, key, lang, getattr(planwatch, cls), params, methods


@pytest.mark.slow
def test_every_chart_of_every_report_speaks_its_language(ds):
    problems, n = {}, 0
    allowed = given_names(ds)
    for kind, key, lang, cls, params, methods in reports(ds):
        report = cls(**params, ds=ds)
        for spec in charts_of(report, methods):
            n += 1
            bad = wrong_words(spec, lang, allowed)
            if bad:
                title = " ".join(_title_strings(spec.get("title"))) or "(untitled)"
                problems[f"{kind} {key} {lang}: {title}"] = bad[:8]
    assert n > 50  # the walk reached the charts
    assert problems == {}


def test_the_walk_would_see_a_wrong_word():
    spec = {
        "title": "Progress",
        "data": {"values": [{"status": "进展良好", "c": "met"}]},
        "mark": "point",
        "encoding": {
            "color": {"field": "status", "type": "nominal"},
            "tooltip": [{"field": "value_kind", "type": "nominal"}],
        },
    }
    assert wrong_words(spec, "en") == ["value_kind", "进展良好"]
    spec["encoding"]["color"]["field"] = "c"
    assert "met" in wrong_words(spec, "zh")
    assert wrong_words({"title": "数字经济 (digital economy)"}, "zh") == []
    assert wrong_words({"title": "Ningbo (宁波)"}, "en", frozenset({"宁波"})) == []
    assert wrong_words({"title": "Value (亿元)"}, "en") == ["Value (亿元)"]  # a unit is not a name


@pytest.mark.slow
def test_every_explorer_view_speaks_its_language(ds):
    from planwatch.explorer.widgets import Explorer

    allowed, problems, n = given_names(ds), {}, 0
    for lang in ("zh", "en"):
        e = Explorer(ds=ds, lang=lang)
        for category in e.categories:
            e.category.value = category
            for _, indicator in e.indicator.options:
                e.indicator.value = indicator
                for _, region in list(e.region.options)[:2]:
                    e.region.value = region
                    for spec in (e.spec, e.map.spec, e.evaluation.spec):
                        if spec:
                            n += 1
                            bad = wrong_words(spec, lang, allowed)
                            if bad:
                                problems[f"{lang} {indicator} {region}"] = bad[:6]
        for mode, _label in [("indicators", ""), ("regions", "")]:
            e.compare_mode.value = mode
            n += 1
            bad = wrong_words(e.spec, lang, allowed)
            if bad:
                problems[f"{lang} compare {mode}"] = bad[:6]
    assert n > 40 and problems == {}
