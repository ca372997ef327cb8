// planwatch's explorer to share (explorer/share.py): the page's state and views, ported rule for
// rule from explorer/state.py and explorer/views.py. Everything the reader's continuous choices
// do not decide comes ready-made in the data (computed by the Python explorer's own code); this
// file keeps figures within the chosen years, hides flagged figures, indexes a comparison and
// projects the what-if rate, and tests hold each answer to the Python explorer's.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  let D = null; // the payload
  let S = null; // the state shown

  // --- small helpers ---------------------------------------------------------------------------
  const ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;" };
  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c]);
  const p = (text) => "<p>" + esc(text) + "</p>";
  const fill = (tpl, values) => tpl.replace(/\x01(\w+)\x01/g, (_, k) => String(values[k]));
  const W = (lang) => D.words[lang];
  const clone = (x) => JSON.parse(JSON.stringify(x));

  // code-point order, as Python and pandas compare strings
  function cmpText(a, b) {
    const x = Array.from(String(a)), y = Array.from(String(b));
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      const d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d) return d;
    }
    return x.length - y.length;
  }

  // --- Python's numbers: round() and Decimal, on exact decimal digits ---------------------------
  // x as (negative, digits, exponent) with value digits × 10^exponent, from its shortest repr
  function decimal(x) {
    const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(x));
    const frac = m[3] || "";
    let digits = (m[2] + frac).replace(/^0+/, "") || "0";
    let exp = (m[4] ? parseInt(m[4], 10) : 0) - frac.length;
    while (digits.length > 1 && digits.endsWith("0")) { digits = digits.slice(0, -1); exp += 1; }
    return { neg: m[1] === "-" || Object.is(x, -0), digits, exp };
  }
  const isZero = (d) => d.digits === "0";
  const shift = (d, n) => ({ ...d, exp: d.exp + n }); // × 10^n, exact
  const adjusted = (d) => d.digits.length - 1 + d.exp;
  function roundDigits(d, keep) { // keep the first `keep` digits, half to even (Decimal's default)
    if (keep >= d.digits.length) return d;
    if (keep < 0) return { neg: d.neg, digits: "0", exp: 0 };
    const head = d.digits.slice(0, keep) || "0", rest = d.digits.slice(keep);
    const half = "5".padEnd(rest.length, "0");
    let up = rest > half || (rest === half && parseInt(head.slice(-1), 10) % 2 === 1);
    let n = up ? (BigInt(head) + 1n).toString() : head;
    let exp = d.exp + rest.length;
    let out = { neg: d.neg, digits: n.replace(/^0+/, "") || "0", exp };
    while (out.digits.length > 1 && out.digits.endsWith("0")) { out.digits = out.digits.slice(0, -1); out.exp += 1; }
    return out;
  }
  function sig(d, n) { return isZero(d) ? d : roundDigits(d, n); }
  function plainText(d, grouped) { // format(plain(d), "f") / ",f"
    if (isZero(d)) return (d.neg ? "-" : "") + "0";
    let int, frac = "";
    if (d.exp >= 0) int = d.digits + "0".repeat(d.exp);
    else {
      const k = -d.exp, padded = d.digits.padStart(k + 1, "0");
      int = padded.slice(0, padded.length - k); frac = padded.slice(padded.length - k);
    }
    if (grouped) int = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return (d.neg ? "-" : "") + int + (frac ? "." + frac : "");
  }
  function pyRound(x, n) { // Python's round(x, n): the exact binary value, half to even
    if (!isFinite(x)) return x;
    const m = /^(\d+)\.(\d+)$/.exec(Math.abs(x).toFixed(100));
    const d = decimal(m[1] + "." + m[2]);
    const r = roundDigits(d, adjusted(d) + 1 + n);
    const v = Number(plainText({ ...r, neg: false }));
    return x < 0 ? -v : v;
  }
  const rate1 = (x) => pyRound(Number(x), 1) + 0; // state._rate: -0.0 reads 0.0

  // words.fmt_value
  function fmt(value, unit, lang, approx) {
    if (value === null || value === undefined || value !== value) return "—";
    let d = decimal(value);
    if (approx) d = sig(d, 3);
    const rules = W(lang).format;
    const abs = (x) => ({ ...x, neg: false });
    const atLeast = (x, e) => !isZero(x) && adjusted(x) >= e; // |x| ≥ 10^e
    if (lang === "zh") {
      if (rules.zh.money_units.includes(unit)) {
        return atLeast(abs(d), 4) ? plainText(shift(d, -4)) + "万亿元" : plainText(d) + "亿元";
      }
      return plainText(d) + unit;
    }
    if (unit === "亿元") {
      const yuan = shift(d, 8);
      for (const [e, word] of [[12, "trillion"], [9, "billion"], [6, "million"]]) {
        if (atLeast(abs(yuan), e)) return "CNY " + plainText(shift(yuan, -e)) + " " + word;
      }
      return "CNY " + plainText(yuan, true);
    }
    const en = rules.en;
    if (Object.prototype.hasOwnProperty.call(en.special, unit)) {
      return en.special[unit].replace("{v}", plainText(d)).replace("{v10k}", plainText(shift(d, 4), true));
    }
    if (Object.prototype.hasOwnProperty.call(en.counts, unit)) {
      const [factor, noun] = en.counts[unit];
      const times = shift(d, Math.round(Math.log10(factor)));
      return (plainText(times, true) + " " + noun).trim();
    }
    return (plainText(d) + " " + (W(lang).unit[unit] || unit)).trim();
  }

  // --- the state (explorer/state.py) -----------------------------------------------------------
  const MODES = ["off", "indicators", "regions"];
  const pick = (v, allowed, fallback = null) =>
    allowed.includes(v) ? v : allowed.includes(fallback) ? fallback : null;

  function normalise(s) {
    const lang = D.langs.includes(s.lang) ? s.lang : D.langs[0];
    const category = pick(s.category, D.categories, D.categories[0]);
    const inds = D.by_category[category];
    const indicator = pick(s.indicator, inds, inds[0]);
    const region = pick(s.region, D.regions[indicator], D.region);
    const all = D.years;
    let [lo, hi] = s.years.map(Number).sort((a, b) => a - b);
    lo = Math.max(lo, all[0]); hi = Math.min(hi, all[all.length - 1]);
    const years = lo <= hi ? [lo, hi] : [all[0], all[all.length - 1]];
    const mode = MODES.includes(s.compare_mode) ? s.compare_mode : "off";
    const others = D.compare_indicators[region].filter((i) => i !== indicator);
    return {
      lang, category, indicator, region, years, show_flagged: Boolean(s.show_flagged),
      compare_mode: mode,
      compare_indicator: pick(s.compare_indicator, others, others[0]),
      compare_region: pick(s.compare_region, D.compare_regions[indicator][region]),
      rate: rate1(s.rate),
    };
  }
  function initial(lang) {
    const s = normalise({
      lang, category: D.categories[0], indicator: "", region: D.region,
      years: [D.years[0], D.years[D.years.length - 1]], show_flagged: true, compare_mode: "off",
      compare_indicator: null, compare_region: null, rate: 0,
    });
    return { ...s, rate: rate1(D.observed_rate[s.indicator]) };
  }
  function change(s, changes) {
    const next = normalise({ ...s, ...changes });
    const moved = ["category", "indicator", "region"].some((k) => next[k] !== s[k]);
    return moved && !("rate" in changes) ? { ...next, rate: rate1(D.observed_rate[next.indicator]) } : next;
  }

  // --- the views (explorer/views.py) -----------------------------------------------------------
  const inYears = (y, s) => s.years[0] <= y && y <= s.years[1];
  const shown = (r, s) => s.show_flagged || (r.comparable === "yes" && !r.bound);
  function observationRows(s) {
    return D.rows
      .map((r, i) => [r, i])
      .filter(([r]) => r.indicator === s.indicator && r.region === s.region && inYears(r.year, s) && shown(r, s))
      .sort((a, b) => a[0].year - b[0].year || b[0].chosen - a[0].chosen || a[1] - b[1])
      .map(([r]) => r);
  }
  function comparePairs(s) {
    if (s.compare_mode === "indicators" && s.compare_indicator) return [[s.indicator, s.region], [s.compare_indicator, s.region]];
    if (s.compare_mode === "regions" && s.compare_region) return [[s.indicator, s.region], [s.indicator, s.compare_region]];
    return null;
  }
  function compareSeries(pairs, lang, years, showFlagged) { // charts_compare.compare_series
    const ok = showFlagged ? ["yes", "unclear"] : ["yes"];
    const frames = [], notes = [];
    for (const [indicator, region] of pairs) {
      const one = (D.series[indicator] || {})[region] || { figures: [], baseline: null };
      const label = W(lang).series[indicator] + " · " + W(lang).region[region];
      const rows = one.figures.filter((r) => !years || (years[0] <= r.year && r.year <= years[1]));
      const pts = new Map();
      for (const r of rows) {
        if (!ok.includes(r.comparable)) continue;
        if (r.bound) notes.push(fill(W(lang).templates.not_indexed, { series: label, year: r.year, kind: r.kind[lang] }));
        else pts.set(r.year, r.value);
      }
      if (region === D.region && one.baseline) {
        const [y, v] = one.baseline;
        if ((!years || (years[0] <= y && y <= years[1])) && !pts.has(y)) pts.set(y, v);
      }
      frames.push([label, pts]);
    }
    const common = [...frames[0][1].keys()].filter((y) => frames.every(([, m]) => m.has(y)));
    if (!common.length) return { values: [], base: null, notes: [W(lang).templates.no_common, ...notes] };
    const base = Math.min(...common);
    const values = [];
    for (const [label, pts] of frames) {
      for (const y of [...pts.keys()].sort((a, b) => a - b)) {
        if (y < base || !pts.get(base)) continue;
        const v = pts.get(y);
        values.push({ series: label, year: y, index: pyRound((v / pts.get(base)) * 100, 2), value: v });
      }
    }
    return { values, base, notes };
  }
  function withoutEmptyLayers(spec) { // chart_view.without_empty_layers
    if (!Array.isArray(spec.layer)) return spec;
    const empty = (l) => l && typeof l === "object" && l.data && Array.isArray(l.data.values) && l.data.values.length === 0;
    const kept = spec.layer.filter((l) => !empty(l)).map((l) => (l && typeof l === "object" ? withoutEmptyLayers(l) : l));
    return { ...spec, layer: kept.length ? kept : spec.layer.slice(0, 1) };
  }
  function replaceField(x, name, value) {
    if (typeof x === "string") return x.split("\x01" + name + "\x01").join(String(value));
    if (Array.isArray(x)) return x.map((v) => replaceField(v, name, value));
    if (x && typeof x === "object") return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, replaceField(v, name, value)]));
    return x;
  }
  function chart(s) {
    const pairs = comparePairs(s);
    if (pairs) {
      const { values, base } = compareSeries(pairs, s.lang, s.years, s.show_flagged);
      if (values.length) {
        const spec = replaceField(clone(W(s.lang).compare), "year", base);
        spec.data = { ...spec.data, values };
        return withoutEmptyLayers(spec);
      }
    }
    const spec = clone(D.trajectory[s.indicator][s.region][s.lang][String(s.show_flagged)]);
    const keep = (layer) => {
      if (layer.data && Array.isArray(layer.data.values)) layer.data.values = layer.data.values.filter((v) => inYears(v.year, s));
      if (Array.isArray(layer.layer)) layer.layer.forEach(keep);
    };
    keep(spec);
    return withoutEmptyLayers(spec);
  }
  function assessment(s, rows) {
    const T = W(s.lang).templates;
    if (s.region === D.region) {
      return D.progress[s.indicator].map((r) => {
        const said = r.says[s.lang];
        if (r.year === null) return said;
        if (!inYears(r.year, s)) return said + fill(T.outside, { year: r.year });
        if (r.flagged && !s.show_flagged) return said + fill(T.hidden, { year: r.year });
        return said;
      });
    }
    const chosen = rows.filter((r) => r.chosen);
    if (!chosen.length) return [W(s.lang).no_figure[s.indicator][s.region]];
    return [chosen[chosen.length - 1].says[s.lang]];
  }
  function sentences(s, rows) {
    const pairs = comparePairs(s);
    let notes = pairs ? compareSeries(pairs, s.lang, s.years, s.show_flagged).notes : [];
    if (s.compare_mode === "regions" && !s.compare_region) notes = [W(s.lang).templates.no_region];
    if (s.compare_mode === "indicators" && !s.compare_indicator) notes = [W(s.lang).templates.no_indicator];
    return assessment(s, rows).concat(notes);
  }
  function tableHtml(s, rows) {
    const [head, tail] = W(s.lang).table;
    return rows.length ? head + rows.map((r) => r.tr[s.lang]).join("") + tail : W(s.lang).empty_table;
  }
  function meets(value, target, cmp, direction) { // assess.progress.meets
    if (cmp === ">") return value > target;
    if (cmp === "<") return value < target;
    if (cmp === "≥") return value >= target;
    if (cmp === "≤") return value <= target;
    return direction > 0 ? value >= target : value <= target;
  }
  function rrStatus(rr) {
    for (const c of D.rr_classes) if (c.min === null || rr >= c.min) return c.status;
    throw new Error("unreachable");
  }
  function whatifHtml(s) { // whatif_panel.panel_html
    const w = D.whatif[s.indicator], T = W(s.lang).templates;
    const lead = s.region !== D.region ? p(T.targets_are) : "";
    if (w.fixed) return lead + w.fixed[s.lang];
    const ratePercent = s.rate + 0;
    const notes = [w.notes[s.lang]];
    if (w.observed !== pyRound(ratePercent, 1)) notes.push(fill(T.assumed, { rate: ratePercent.toFixed(1) }));
    const rate = ratePercent / 100;
    const body = w.rows.map((r) => {
      if (r.seen) return r.cells[s.lang];
      const projected = r.start * (1 + rate) ** r.years;
      const status = meets(projected, r.target, r.cmp, r.direction)
        ? "met"
        : Math.abs(r.required) > 1e-12 ? rrStatus((r.direction * rate) / Math.abs(r.required)) : "away";
      const [year, target, start, base, fromStart] = r.cells[s.lang];
      const cells = [year, target, start, fmt(projected, w.unit, s.lang, true),
        fill(T.would, { status: W(s.lang).status[status] }), base, fromStart, "—"];
      return "<tr>" + cells.map((c) => "<td>" + esc(c) + "</td>").join("") + "</tr>";
    });
    return lead + notes.map(p).join("") + w.head[s.lang] + "<tbody>" + body.join("") + "</tbody></table></div>";
  }
  function exportName(s, ext) {
    const view = s.compare_mode === "indicators" && s.compare_indicator ? "compare-" + D.ids[s.compare_indicator]
      : s.compare_mode === "regions" && s.compare_region ? "compare-" + D.place[s.compare_region] : "trajectory";
    return [D.ids[s.indicator], D.place[s.region], s.lang, s.years[0], s.years[1], view].join("-") + "." + ext;
  }
  function exportCsv(s) { // views.export_rows, then downloads.table_bytes (its lines made in Python)
    const pairs = comparePairs(s) || [[s.indicator, s.region]];
    const rows = D.rows
      .map((r, i) => [r, i])
      .filter(([r]) => pairs.some(([ind, reg]) => r.indicator === ind && r.region === reg) && inYears(r.year, s) && shown(r, s))
      .sort((a, b) => cmpText(a[0].indicator, b[0].indicator) || cmpText(a[0].region, b[0].region)
        || a[0].year - b[0].year || b[0].chosen - a[0].chosen || a[1] - b[1]);
    return "\ufeff" + D.csv_head + rows.map(([r]) => r.csv).join("");
  }
  function options(s) {
    const w = W(s.lang), ui = w.ui;
    return {
      category: D.category_options.map((c) => [w.category[c], c]),
      indicator: D.by_category[s.category].map((i) => [w.indicator[i], i]),
      region: D.regions[s.indicator].map((r) => [w.region[r], r]),
      compare_mode: [[ui.ex_off, "off"], [ui.ex_two_indicators, "indicators"], [ui.ex_two_regions, "regions"]],
      compare_indicator: D.compare_indicators[s.region].filter((i) => i !== s.indicator).map((i) => [w.indicator[i], i]),
      compare_region: D.compare_regions[s.indicator][s.region].map((r) => [w.region[r], r]),
    };
  }
  function view(s) {
    const rows = observationRows(s);
    return {
      state: s,
      spec: chart(s),
      sentences: sentences(s, rows),
      sentence_html: sentences(s, rows).map(p).join(""),
      table_html: tableHtml(s, rows),
      whatif_html: whatifHtml(s),
      options: options(s),
      csv: exportCsv(s),
      csv_name: exportName(s, "csv"),
    };
  }

  // --- the page --------------------------------------------------------------------------------
  const SELECTS = ["category", "indicator", "region", "compare_mode", "compare_indicator", "compare_region"];
  let drawn = null, drawing = 0;
  function control(name, kind) {
    const label = document.createElement("label");
    const text = document.createElement("span");
    const input = document.createElement(kind === "select" ? "select" : "input");
    input.id = "pw-ex-" + name.replace(/_/g, "-");
    input.name = name;
    if (kind === "checkbox") { input.type = "checkbox"; label.className = "pw-check"; label.append(input, text); }
    else label.append(text, input);
    return [label, text, input];
  }
  const controls = {};
  function build() {
    const form = $("pw-ex-controls");
    const add = (name, kind, where = form) => {
      const [label, text, input] = control(name, kind);
      controls[name] = { label, text, input };
      where.appendChild(label);
    };
    add("lang", "select"); SELECTS.slice(0, 3).forEach((n) => add(n, "select"));
    add("year_from", "select"); add("year_to", "select"); add("show_flagged", "checkbox");
    SELECTS.slice(3).forEach((n) => add(n, "select"));
    add("rate", "number", $("pw-ex-whatif-control"));
    Object.assign(controls.rate.input, { type: "number", min: "-30", max: "60", step: "0.1" });
    for (const name of ["year_from", "year_to"]) setOptions(controls[name].input, D.years.map((y) => [String(y), String(y)]));
    setOptions(controls.lang.input, D.langs.map((l) => [D.words[l].language_name, l]));
    form.addEventListener("change", (e) => onControl(e.target.name, e.target));
    controls.rate.input.addEventListener("change", (e) => onControl("rate", e.target));
    $("pw-ex-csv").addEventListener("click", download);
    form.hidden = false;
  }
  function setOptions(select, pairs) {
    const now = Array.from(select.options).map((o) => [o.text, o.value]);
    if (JSON.stringify(now) === JSON.stringify(pairs)) return;
    select.textContent = "";
    for (const [text, value] of pairs) select.appendChild(new Option(text, value));
  }
  function onControl(name, input) {
    if (name === "year_from" || name === "year_to") {
      set({ years: [Number(controls.year_from.input.value), Number(controls.year_to.input.value)] });
    } else if (name === "show_flagged") set({ show_flagged: input.checked });
    else if (name === "rate") set({ rate: input.value === "" ? S.rate : Number(input.value) });
    else if (name) set({ [name]: input.value });
  }
  function set(changes) { show(change(S, changes)); return S; }
  function dataTable(spec) { // the chart's data, with its tooltips' titles as the columns
    const layers = Array.isArray(spec.layer) ? spec.layer : [spec];
    let html = "", rows = 0;
    for (const layer of layers) {
      if (!layer.data || !layer.data.values || (layer.mark && layer.mark.aria === false)) continue;
      const tips = ((layer.encoding || {}).tooltip || []).filter((t) => t.field);
      rows += layer.data.values.length;
      html += "<div class=\"pw-table-wrap\"><table class=\"pw-table pw-data-table\"><thead><tr>"
        + tips.map((t) => "<th scope=\"col\">" + esc(t.title || t.field) + "</th>").join("") + "</tr></thead><tbody>"
        + layer.data.values.map((v) => "<tr>" + tips.map((t) => "<td>" + esc(v[t.field] === null || v[t.field] === undefined ? "" : v[t.field]) + "</td>").join("") + "</tr>").join("")
        + "</tbody></table></div>";
    }
    return { html: html || p("—"), rows };
  }
  async function draw(spec) {
    const mine = ++drawing;
    const target = document.createElement("div");
    const result = await window.vegaEmbed(target, spec, { actions: false, renderer: "svg" });
    if (mine !== drawing) { result.finalize(); return; }
    if (drawn) drawn.finalize();
    drawn = result;
    $("pw-ex-chart").replaceChildren(target);
    target.querySelectorAll("g.role-mark").forEach((g) => { if (!g.children.length) g.setAttribute("aria-hidden", "true"); });
    window.planwatchExplorer.draws += 1;
  }
  function show(s) {
    const relabel = !S || S.lang !== s.lang;
    S = s;
    const v = view(s), w = W(s.lang), ui = w.ui;
    if (relabel) {
      document.documentElement.lang = s.lang;
      document.title = ui.ex_page_title;
      $("pw-ex-title").textContent = ui.ex_page_title;
      $("pw-ex-intro").textContent = ui.share_intro;
      const names = { lang: ui.ex_lang, category: ui.category, indicator: ui.indicator, region: ui.region,
        year_from: ui.ex_from_year, year_to: ui.ex_to_year, show_flagged: ui.ex_flagged, compare_mode: ui.ex_compare,
        compare_indicator: ui.ex_compare_indicator, compare_region: ui.ex_compare_region, rate: ui.ex_rate };
      for (const [k, c] of Object.entries(controls)) c.text.textContent = names[k];
      $("pw-ex-whatif-title").textContent = ui.ex_whatif;
      $("pw-ex-table-title").textContent = ui.latest;
      $("pw-ex-chart-data-label").textContent = ui.chart_data;
      $("pw-ex-csv").textContent = ui.share_download_csv;
    }
    for (const name of SELECTS) {
      setOptions(controls[name].input, v.options[name]);
      controls[name].input.value = s[name] === null ? "" : s[name];
    }
    controls.lang.input.value = s.lang;
    controls.year_from.input.value = String(s.years[0]);
    controls.year_to.input.value = String(s.years[1]);
    controls.show_flagged.input.checked = s.show_flagged;
    controls.rate.input.value = s.rate.toFixed(1);
    controls.compare_indicator.label.hidden = s.compare_mode !== "indicators";
    controls.compare_region.label.hidden = s.compare_mode !== "regions";
    const title = typeof v.spec.title === "string" ? v.spec.title : (v.spec.title || {}).text || "";
    const table = dataTable(v.spec);
    $("pw-ex-chart-title").textContent = ui.share_chart_label;
    $("pw-ex-figtitle").textContent = title;
    $("pw-ex-about").textContent = fill(w.templates.about, { n: table.rows });
    $("pw-ex-chart-data").innerHTML = table.html;
    $("pw-ex-sentences").innerHTML = v.sentence_html;
    $("pw-ex-table").innerHTML = v.table_html;
    $("pw-ex-whatif").innerHTML = v.whatif_html;
    window.planwatchExplorer.state = s;
    window.planwatchExplorer.drawn = draw(v.spec);
    return v;
  }
  function download() {
    const v = view(S);
    const blob = new Blob([v.csv], { type: "text/csv;charset=utf-8" });
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = v.csv_name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    $("pw-ex-csv-status").textContent = fill(W(S.lang).ui.downloaded, { name: v.csv_name });
  }
  async function unpack(text) {
    const bytes = Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }
  async function start() {
    const meta = JSON.parse($("pw-ex-meta").textContent), lang = meta.lang;
    window.planwatchExplorer = { draws: 0 };
    if (typeof DecompressionStream === "undefined") { $("pw-ex-status").textContent = meta.no_browser; return; }
    $("pw-ex-status").textContent = meta.loading;
    D = await unpack($("pw-ex-data").textContent);
    $("pw-ex-status").textContent = "";
    build();
    Object.assign(window.planwatchExplorer, {
      set, view, initial, normalise, change, fmt: (v, u, l, a) => fmt(v, u, l, a), pyRound,
      data: () => D,
    });
    show(initial(lang));
    await window.planwatchExplorer.drawn;
    window.planwatchExplorer.readyAt = performance.now(); // since the page began to load
    window.planwatchExplorer.ready = true;
  }
  start().catch((e) => { $("pw-ex-status").textContent = String(e); window.planwatchExplorer.failed = String(e); });
})();
