"""``reports/index.html``, the landing page: the plan region's picture in each language (status
counts, map, headline figures with sources; ``landing``) with a language switch, then every report
present in ``reports/`` with its status from the render state (not only those of the last
batch); and the terminal summary of a batch."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from markupsafe import Markup, escape

from planwatch.present import words
from planwatch.present.voice import Voice
from planwatch.reports import batch, kinds, landing, lang_parts, offline
from planwatch.reports.style import CSS


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


def _write(out: Path, state: dict, meta: dict, ds) -> None:
    existing = {p.stem for p in out.glob("*.html") if p.name != "index.html"}
    groups = {k.name: (bilingual(k.group, ds), []) for k in kinds.KINDS.values()}
    groups["other"] = (bilingual("group_other", ds), [])
    for name in sorted(existing | set(state)):
        entry = state.get(name, {})
        kind = entry.get("kind") if entry.get("kind") in kinds.KINDS else "other"
        label = entry.get("label") or name
        status = entry.get("status", "ok") if entry else "unknown"
        if name in existing and status == "failed":
            status = "failed (earlier version kept)"
        cell = (
            Markup('<a href="')
            + escape(name + ".html")
            + Markup('">')
            + escape(label)
            + Markup("</a>")
            if name in existing
            else escape(label)
        )
        groups[kind][1].append(
            Markup("<tr><td>")
            + cell
            + Markup("</td><td>")
            + escape(entry.get("lang", ""))
            + Markup("</td><td>")
            + escape(status)
            + Markup("</td><td>")
            + escape(entry.get("error", ""))
            + Markup("</td></tr>")
        )
    body = Markup("").join(
        Markup("<h2>")
        + escape(title)
        + Markup(
            "</h2><div class='pw-table-wrap'><table class='pw-table'><caption class='pw-sr-only'>"
        )
        + escape(title)
        + Markup("</caption><thead><tr>")
        + Markup("").join(
            Markup('<th scope="col">') + escape(bilingual(k)) + Markup("</th>")
            for k in ("index_report", "index_lang", "index_status", "index_error")
        )
        + Markup("</tr></thead><tbody>")
        + Markup("").join(trs)
        + Markup("</tbody></table></div>")
        for title, trs in groups.values()
        if trs
    )
    assets = meta.get(offline.ASSETS_KEY)
    footer = Markup("<br>").join(
        escape(f"{k}: {v}") for k, v in meta.items() if k != offline.ASSETS_KEY
    )
    blocks, n_charts = [], 0
    for lang in words.LANGS:
        block, n = landing.picture(ds, lang, n_charts)
        n_charts += n
        blocks.append(
            Markup(f'<section class="pw-picture pw-{lang}" lang="{lang}">')
            + Markup(f"<h1>{escape(Voice(ds, lang).plan_title())}</h1>")
            + Markup(lang_parts.mark_other_language(str(block), lang))
            + Markup(f"<h2>{escape(words.t('landing_reports', lang))}</h2>")
            + Markup("</section>")
        )
    page = (
        Markup(
            '<!DOCTYPE html>\n<html lang="zh"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            "<title>planwatch reports</title><style>"
        )
        + Markup(CSS)
        + Markup("</style></head><body>")
        + landing.switch()
        + Markup("").join(blocks)
        + body
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
