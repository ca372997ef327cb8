"""``reports/index.html``, the landing page for readers, one section per language (a switch,
remembered, changes the whole page): what planwatch is and the plan it monitors, how recent the
figures are, every report as a catalogue (by kind, one entry per report with its languages side
by side, a word only where something failed; from the files present and the render state), then
the plan region's picture (status counts, headline figures with sources, a map; ``landing``);
and the terminal summary of a batch."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from markupsafe import Markup, escape

from planwatch.present import words
from planwatch.present.html import heading, p, tag, ul
from planwatch.present.style import CSS
from planwatch.present.voice import Voice
from planwatch.reports import batch, kinds, landing, lang_parts, offline


def write_index(out: Path, state: dict, meta: dict, ds) -> None:
    """reports/index.html: every report file in ``out`` and every report the state knows of,
    with its status and link (all strings escaped); not written again when nothing it shows has
    changed (a no-change rerun stays quick)."""
    existing_files = sorted(p.name for p in out.glob("*.html") if p.name != "index.html")
    digest = hashlib.sha256(
        json.dumps(
            [existing_files, state, meta, ds.checksum, batch.library_digest()],
            sort_keys=True,
            default=str,
        ).encode()
    ).hexdigest()
    mark = out / INDEX_DIGEST
    if (out / "index.html").exists() and mark.exists() and mark.read_text() == digest:
        return
    _write(out, state, meta, ds)
    batch.write_atomic(mark, digest)


INDEX_DIGEST = ".index.sha256"  # what the index page was made from


def catalogue(existing: set[str], state: dict, ds) -> dict[str, list[dict]]:
    """Every report, once, by kind: ``{kind: [{key, labels {lang: label}, links {lang: file or
    None}, failed {lang: error}}]}`` from the files present and the render state."""
    out: dict[str, dict[str, dict]] = {}
    for name in sorted(existing | set(state)):
        entry = state.get(name, {})
        stem, _, lang = name.rpartition("-")
        if lang not in words.LANGS or not stem:
            stem, lang = name, ""
        kind = entry.get("kind") if entry.get("kind") in kinds.KINDS else "other"
        item = out.setdefault(kind, {}).setdefault(
            stem, {"key": stem, "labels": {}, "links": {}, "failed": {}}
        )
        item["labels"][lang] = entry.get("label") or name
        item["links"][lang] = name + ".html" if name in existing else None
        if entry.get("status") == "failed":
            item["failed"][lang] = entry.get("error", "")
    return {kind: list(items.values()) for kind, items in out.items()}


def _entry(item: dict, voice) -> Markup:
    """One report: its name in this language, a link per language side by side, and a word only
    where something failed."""
    lang = voice.lang
    label = item["labels"].get(lang) or next(iter(item["labels"].values()))
    links = []
    for other, href in sorted(item["links"].items(), key=lambda kv: kv[0] != lang):
        name = words.t("language_name", other) if other else label
        links.append(tag("a", name, href=href, lang=other or None) if href else escape(name))
    failed = [
        voice.t(
            "index_failed",
            lang_name=words.t("language_name", other) if other else "",
            error=error[:200],
        )
        for other, error in item["failed"].items()
    ]
    return (
        tag("span", label, class_="pw-report-name")
        + Markup(" — ")
        + Markup(" · ").join(links)
        + (tag("span", " " + "; ".join(failed), class_="pw-error") if failed else Markup(""))
    )


def _catalogue_html(found: dict[str, list[dict]], voice) -> Markup:
    parts = []
    for kind in [*kinds.KINDS, "other"]:
        items = found.get(kind)
        if not items:
            continue
        group = kinds.KINDS[kind].group if kind in kinds.KINDS else "group_other"
        parts.append(heading(3, voice.t(group)) + ul([_entry(i, voice) for i in items]))
    return Markup("").join(parts)


def intro(ds, voice, meta: dict) -> Markup:
    """What planwatch is, the plan monitored, and how recent its figures are."""
    plan = ds.plan_row
    obs = ds.observations
    mine = obs[obs["region"] == ds.region] if len(obs) else obs
    latest = int(mine["year"].max()) if len(mine) else None
    text = voice.t(
        "landing_intro",
        plan=voice.plan_title(),
        period=voice.plan_period(),
        issuer=plan["issuer"] if voice.is_source else plan["issuer_en"] or plan["issuer"],
    )
    when = (
        voice.t("landing_latest", year=latest, n=len(obs))
        if latest is not None
        else voice.t("no_figures_yet")
    )
    return p(text) + p(when, "pw-note")


SHARE = kinds.get("explorer").one_file  # the explorer to share, linked first


def share_link(voice) -> Markup:
    """The first link of the landing page: the offline explorer, one file to send."""
    return tag(
        "p",
        tag("a", voice.t("landing_share"), href=f"{SHARE}.html"),
        class_="pw-share-link",
    )


def _write(out: Path, state: dict, meta: dict, ds) -> None:
    existing = {p.stem for p in out.glob("*.html") if p.name != "index.html"}
    found = catalogue(existing, state, ds)
    assets = meta.get(offline.ASSETS_KEY)
    footer = Markup("<br>").join(
        escape(f"{k}: {v}") for k, v in meta.items() if k != offline.ASSETS_KEY
    )
    blocks, n_charts = [], 0
    for lang in words.LANGS:
        voice = Voice(ds, lang)
        block, n = landing.picture(ds, lang, n_charts)
        n_charts += n
        blocks.append(
            Markup(f'<section class="pw-picture pw-{lang}" lang="{lang}">')
            + Markup(f"<h1>{escape(voice.plan_title())}</h1>")
            + intro(ds, voice, meta)
            + (share_link(voice) if SHARE in existing else Markup(""))
            + Markup(f"<h2>{escape(words.t('landing_reports', lang))}</h2>")
            + Markup(lang_parts.mark_other_language(str(_catalogue_html(found, voice)), lang))
            + Markup(lang_parts.mark_other_language(str(block), lang))
            + Markup("</section>")
        )
    page = (
        Markup(
            '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>"
        )
        + escape(f"planwatch · {Voice(ds, words.LANGS[0]).plan_title()}")
        + Markup("</title><style>")
        + Markup(CSS)
        + Markup("</style></head><body>")
        + landing.switch()
        + Markup("").join(blocks)
        + Markup('<footer class="pw-meta">')
        + footer
        + Markup("</footer>")
        + Markup(f"<script>{landing.SWITCH_JS}</script>")
        + Markup(offline.scripts(assets) if n_charts else "")
        + Markup("</body></html>\n")
    )
    batch.write_atomic(out / "index.html", str(page))


def bilingual(key: str, ds=None) -> str:
    """``城市报告 · City reports``: the index page serves readers of every language (with
    ``ds``, the plan's own word for its sub-regions)."""
    if ds is None:
        return " · ".join(words.t(key, lang) for lang in words.LANGS)
    return " · ".join(Voice(ds, lang).t(key) for lang in words.LANGS)


def summary_table(results: list[dict]) -> str:
    lines = [f"{'report':32} {'status':8} {'seconds':>7}  error"]
    lines += [f"{r['name']:32} {r['status']:8} {r['seconds']:7.1f}  {r['error']}" for r in results]
    counts = {s: sum(r["status"] == s for r in results) for s in ("ok", "skipped", "failed")}
    lines.append(
        f"{counts['ok']} rendered, {counts['skipped']} unchanged (skipped), {counts['failed']} failed"
    )
    return "\n".join(lines)
