"""The landing page's picture of the plan region, in one language: status counts per category at
the final target year, the map of the cities, and the headline figures with their sources.
``index_page`` puts one block per language on ``reports/index.html`` with a switch between them."""

from __future__ import annotations

from markupsafe import Markup, escape

from planwatch.assess import progress
from planwatch.present import charts_map, words
from planwatch.present.html import heading, link, p, table, tag, ul
from planwatch.present.voice import Voice
from planwatch.reports import offline

SWITCH_JS = """
(function(){
  var buttons=document.querySelectorAll(".pw-lang-switch button");
  function show(chosen){  // the html element's lang shows one section; the buttons say which
    document.documentElement.lang=chosen;
    buttons.forEach(function(o){o.setAttribute("aria-pressed",String(o.getAttribute("data-lang")===chosen));});
  }
  buttons.forEach(function(b){
    b.addEventListener("click",function(){
      show(b.dataset.lang);
      try{localStorage.setItem("planwatch-lang",b.dataset.lang);}catch(e){}
    });
  });
  var saved=null;
  try{saved=localStorage.getItem("planwatch-lang");}catch(e){}
  if(saved&&document.querySelector(".pw-lang-switch button[data-lang='"+saved+"']")){show(saved);}
})();
"""


def switch() -> Markup:
    """Buttons that show the page in one language (the html element's lang: the whole visible
    page changes language)."""
    buttons = Markup("").join(
        tag(
            "button",
            words.t("language_name", lang),
            type="button",
            data_lang=lang,
            aria_pressed=str(words.is_source_lang(lang)).lower(),
        )
        for lang in words.LANGS
    )
    return tag("nav", buttons, class_="pw-lang-switch", aria_label="语言 / Language")


def status_counts(ds, lang: str) -> Markup:
    """Indicators by status and category, at the final target year, for the plan region."""
    voice = Voice(ds, lang)
    prog = ds.progress
    final = max(ds.target_years)
    rows = prog[(prog["region"] == ds.region) & (prog["target_year"] == final)]
    order = progress.vocab()["statuses"]
    statuses = [s for s in order if s in set(rows["status"])]
    head = [voice.t("category")] + [f"{order[s]['symbol']} {voice.status(s)}" for s in statuses]
    body = []
    for category in dict.fromkeys(rows["category"]):
        c = rows[rows["category"] == category]
        body.append(
            [voice.name("category", category)]
            + [_count(c, s, voice) for s in statuses]  # provisional verdicts counted apart
        )
    caption = voice.t("landing_status_caption", year=final, region=voice.region(ds.region))
    return p(caption) + table(head, body, "pw-table pw-landing-status")


def _count(rows, status: str, voice) -> str | int:
    n = int((rows["status"] == status).sum())
    k = int(((rows["status"] == status) & rows["provisional"].astype(bool)).sum())
    return f"{n} ({voice.t('provisional_count', n=k)})" if k else (n or "·")


def headlines(ds, lang: str) -> Markup:
    """Each category's first indicator: its latest published figure for the region, with the
    source, or that none was found."""
    voice = Voice(ds, lang)
    ind = ds.indicators.drop_duplicates("indicator")
    obs = ds.observations
    obs = obs[(obs["region"] == ds.region) & (obs["series_kind"] == "plan")]
    items = []
    for category in dict.fromkeys(ind["category"]):
        first = ind[ind["category"] == category].iloc[0]
        name = voice.indicator(first["indicator"])
        mine = obs[obs["indicator"] == first["indicator"]].sort_values("year")
        if mine.empty:
            items.append(Markup(f"{escape(name)}: ") + escape(voice.t("no_observation")))
            continue
        r = mine.iloc[-1]
        figure = (voice.t("at_least") if r["is_bound"] else "") + voice.fmt(r["value"], r["unit"])
        when = voice.when(int(r["year"]), r["period"])
        items.append(
            Markup(f"<strong>{escape(name)}</strong>: {escape(figure)} ({escape(when)}) — ")
            + link(r["source_url"], r["source_title"] or r["source_url"])
        )
    return ul(items)


def picture(ds, lang: str, chart_no: int) -> tuple[Markup, int]:
    """The block of one language, and how many charts it holds."""
    voice = Voice(ds, lang)
    parts = [
        heading(2, voice.t("landing_picture", region=voice.region(ds.region))),
        status_counts(ds, lang),
        heading(3, voice.t("landing_headlines")),
        headlines(ds, lang),
    ]
    n = 0
    if charts_map.has_map(ds):
        series = _best_city_series(ds)
        if series:
            spec = charts_map.series_map(ds, series, lang).to_dict()
            n += 1
            parts += [
                heading(3, voice.t("landing_map")),
                Markup(offline.embed(spec, chart_no + n, lang)),
            ]
    return Markup("").join(parts), n


def _best_city_series(ds) -> str | None:
    """The series with figures for the most cities (then the latest year)."""
    cov = ds.coverage
    cities = cov[cov["has_value"] & (cov["region"] != ds.region)]
    cities = cities[[not progress.is_ordinal(u) for u in cities["unit"]]]  # a position: no shade
    if cities.empty:
        return None
    n = cities.groupby("indicator")["region"].nunique()
    return str(n.sort_values(ascending=False, kind="stable").index[0])
