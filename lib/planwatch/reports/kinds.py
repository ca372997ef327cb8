"""The report-kind registry: what a kind of report is, defined once.

A kind names its notebook, its parameter (and the parameter's type), the valid values and how a
value the user types is resolved, the slug used in file names, the label shown in lists, and the
group it is listed under on the index page. ``render``, the index page and every cross-link
between reports ask this module; adding a kind means adding one entry here plus its notebook.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from planwatch.present import words
from planwatch.reports import params


@dataclass(frozen=True)
class Kind:
    name: str  # city, category, action, summary, annual, evaluation
    notebook: str  # file in notebooks/
    param: str | None  # the notebook's parameter (besides lang); None for a single report
    param_type: type
    values: Callable  # ds -> list of keys (strings)
    resolve: Callable  # (ds, typed value) -> key (string); ParameterError lists valid values
    slug: Callable  # (ds, key) -> ASCII id used in file names
    label: Callable  # (ds, key, lang) -> what lists show
    group: str  # words-catalogue key of the index group heading
    # a page made without a notebook, in both languages in one file of this name (the explorer
    # to share); None for a notebook's report, one file per language
    one_file: str | None = None

    def params(self, key: str, lang: str) -> dict:
        return (
            {"lang": lang}
            if self.param is None
            else {self.param: self.param_type(key), "lang": lang}
        )


def _row(df, column: str, key):
    return df[df[column] == key].iloc[0]


def _city_label(ds, key, lang):
    return words.local(_row(ds.cities, "city", key), "city", lang)


def _city_slug(ds, key) -> str:
    """``ningbo`` from the English name; ``r3`` (its order) for a Chinese-only plan's place."""
    row = _row(ds.cities, "city", key)
    return str(row["city_en"]).lower().replace(" ", "-") or f"r{int(row['order'])}"


def _category_label(ds, key, lang):
    return words.local(_row(ds.indicators, "category", key), "category", lang)


def _action_label(ds, key, lang):
    return f"({key}) " + words.local(_row(ds.actions, "action_no", int(key)), "action", lang)


def _single(name: str, notebook: str, key: str, label: str, when: Callable) -> Kind:
    """A kind with one report and no parameter (``summary:accountability``), made when
    ``when(ds)`` holds for the plan's data."""
    return Kind(
        name,
        notebook,
        None,
        str,
        lambda ds: [key] if when(ds) else [],
        lambda ds, v: _only(v, key),
        lambda ds, k: k,
        lambda ds, k, lang: words.t(label, lang),
        f"group_{name}",
    )


KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        Kind(
            "city",
            "city_report.ipynb",
            "city",
            str,
            params.valid_cities,
            params.resolve_city,
            _city_slug,
            _city_label,
            "group_city",
        ),
        Kind(
            "category",
            "category_report.ipynb",
            "category",
            str,
            params.valid_categories,
            params.resolve_category,
            lambda ds, key: (
                ds.indicators.drop_duplicates("category")
                .set_index("category")
                .loc[key, "category_id"]
            ),
            _category_label,
            "group_category",
        ),
        Kind(
            "action",
            "action_report.ipynb",
            "action",
            int,
            params.valid_actions,
            lambda ds, v: str(params.resolve_action(ds, v)),
            lambda ds, key: str(key),
            _action_label,
            "group_action",
        ),
        _single(  # a plan known by its table alone names no action or responsible unit
            "summary",
            "accountability.ipynb",
            "accountability",
            "accountability_title",
            lambda ds: len(ds.actions) > 0,
        ),
        Kind(
            "annual",
            "annual_check.ipynb",
            "year",
            int,
            params.valid_years,
            params.resolve_year,
            lambda ds, key: str(key),
            lambda ds, key, lang: words.t("annual_label", lang, year=key),
            "group_annual",
        ),
        _single(  # scores run from the baseline to the target: none without a baseline
            "evaluation",
            "evaluation.ipynb",
            "composite",
            "evaluation_label",
            lambda ds: ds.has_baseline,
        ),
        Kind(  # made by explorer.share, no notebook, no kernel
            "explorer",
            "",
            None,
            str,
            lambda ds: ["all"],
            lambda ds, v: _only(v, "all"),
            lambda ds, key: key,
            lambda ds, key, lang: words.t("landing_share", lang),
            "group_explorer",
            one_file="explorer",
        ),
    )
}


def _only(value, key: str) -> str:
    if str(value) != key:
        raise params.ParameterError(f"unknown report {value!r}; valid values: {key}")
    return key


def get(kind: str) -> Kind:
    if kind not in KINDS:
        raise params.ParameterError(
            f"unknown report kind {kind!r}; valid kinds: {', '.join(KINDS)}"
        )
    return KINDS[kind]


def report_name(ds, kind: str, key: str, lang: str) -> str:
    """``city-ningbo-en``: the stem of the report's file name (``explorer`` for a page that
    holds both languages)."""
    return get(kind).one_file or f"{kind}-{get(kind).slug(ds, key)}-{lang}"


def href(ds, kind: str, key: str, lang: str) -> str:
    """The link from one report to another (they sit side by side in reports/)."""
    return report_name(ds, kind, key, lang) + ".html"


def param_help(ds, kind: str) -> str:
    """What a notebook's parameter help lists: the valid values, from the data."""
    k = get(kind)
    return ", ".join(k.values(ds))
