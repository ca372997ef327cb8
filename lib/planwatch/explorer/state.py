"""The explorer's state, one object: language, category, indicator, region, years, whether flagged
figures show, the what-if rate and the compare selection. ``initial`` opens a state, ``change``
moves it; both return a state that holds together (an indicator of its category, a region with
figures for it, years within the data), and a new selection brings the what-if rate back to the
observed rate of that selection. Every view derives from a state (``explorer.views``); the
widgets only show it and report changes to it."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace

from planwatch.explorer import whatif_panel
from planwatch.present import charts_compare

LANGS = ("zh", "en")
COMPARE_MODES = ("off", "indicators", "regions")
SELECTION = ("category", "indicator", "region")  # a change of any of these resets the rate


@dataclass(frozen=True)
class State:
    lang: str
    category: str
    indicator: str
    region: str
    years: tuple[int, int]
    show_flagged: bool
    compare_mode: str
    compare_indicator: str | None
    compare_region: str | None
    rate: float  # the what-if rate in percent, one decimal

    def selection(self) -> tuple[str, str, str]:
        return (self.category, self.indicator, self.region)


class StateError(ValueError):
    """A change names a field the state does not have."""


def years_of(ds) -> list[int]:
    return sorted(int(y) for y in ds.coverage["year"].unique())


def categories(ds) -> list[str]:
    return list(dict.fromkeys(ds.indicators.sort_values("order")["category"]))


def indicators(ds, category: str | None = None) -> list[str]:
    ind = ds.indicators.drop_duplicates("indicator").sort_values("order")
    if category:
        ind = ind[ind["category"] == category]
    return list(ind["indicator"])


def regions_with_data(ds, indicator: str) -> list[str]:
    """The plan's region, then the cities with any figure for the indicator."""
    a = ds.observations_audit
    have = set(a[a["indicator"] == indicator]["region"])
    return [ds.region] + [c for c in ds.cities["city"] if c in have]


def compare_indicators(ds, indicator: str, region: str) -> list[str]:
    """Indicators an indicator may be compared with in a region: the others with a figure for
    that region (an indicator is never compared with itself)."""
    a = ds.observations_audit
    have = set(a[a["region"] == region]["indicator"])
    return [i for i in indicators(ds) if i != indicator and i in have]


def compare_regions(ds, indicator: str, region: str) -> list[str]:
    """Regions a region may be compared with: the others whose figures share a comparable
    full year with it (the only comparison that can be drawn on an indexed scale)."""
    return [
        r
        for r in regions_with_data(ds, indicator)
        if r != region
        and charts_compare.compare_series(ds, [(indicator, region), (indicator, r)], "zh")[1]
        is not None
    ]


def observed_rate(ds, indicator: str) -> float:
    """The what-if default: the observed rate of the selection in percent (0.0 without one)."""
    found = whatif_panel.observed(whatif_panel.inputs(ds, indicator))
    return _rate(found[0] * 100 if found else 0.0)


def _rate(value: float) -> float:
    return round(float(value), 1) + 0.0  # -0.0 reads 0.0


def _pick(value, allowed: list, fallback=None):
    return value if value in allowed else (fallback if fallback in allowed else None)


def normalise(ds, s: State) -> State:
    """The nearest state that holds together: each choice among what the one before allows."""
    lang = s.lang if s.lang in LANGS else LANGS[0]
    cats = categories(ds)
    category = _pick(s.category, cats, cats[0])
    inds = indicators(ds, category)
    indicator = _pick(s.indicator, inds, inds[0])
    region = _pick(s.region, regions_with_data(ds, indicator), ds.region)
    all_years = years_of(ds)
    lo, hi = sorted(int(y) for y in s.years)
    lo, hi = max(lo, all_years[0]), min(hi, all_years[-1])
    years = (lo, hi) if lo <= hi else (all_years[0], all_years[-1])
    mode = s.compare_mode if s.compare_mode in COMPARE_MODES else "off"
    others = compare_indicators(ds, indicator, region)
    compare_indicator = _pick(s.compare_indicator, others, others[0] if others else None)
    compare_region = _pick(s.compare_region, compare_regions(ds, indicator, region))
    return State(
        lang,
        category,
        indicator,
        region,
        years,
        bool(s.show_flagged),
        mode,
        compare_indicator,
        compare_region,
        _rate(s.rate),
    )


def initial(ds, lang: str = "zh", **given) -> State:
    """A state opened directly: the first category, its first indicator, the plan's region, every
    year, flagged figures shown, no comparison, and the observed rate unless ``rate`` is given."""
    _check(given)
    years = years_of(ds)
    start = State(
        lang, categories(ds)[0], "", ds.region, (years[0], years[-1]), True, "off", None, None, 0.0
    )
    s = normalise(ds, replace(start, **{k: v for k, v in given.items() if k != "rate"}))
    rate = given["rate"] if "rate" in given else observed_rate(ds, s.indicator)
    return replace(s, rate=_rate(rate))


def change(ds, s: State, **changes) -> State:
    """The state after a reader's change. A new selection (category, indicator or region) brings
    the rate back to the observed rate of that selection, unless the change sets the rate."""
    _check(changes)
    new = normalise(ds, replace(s, **changes))
    if new.selection() != s.selection() and "rate" not in changes:
        new = replace(new, rate=observed_rate(ds, new.indicator))
    return new


def changed(old: State, new: State) -> set[str]:
    """The fields in which two states differ."""
    return {f.name for f in fields(State) if getattr(old, f.name) != getattr(new, f.name)}


def _check(changes: dict) -> None:
    known = {f.name for f in fields(State)}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise StateError(f"the explorer has no {', '.join(unknown)}; it has {', '.join(known)}")
