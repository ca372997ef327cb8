"""Report parameters: what each kind accepts (the valid values, from the data set) and how a
value a person typed (a sub-region's short, full or English name; an action's number or
numeral; a year with or without 年) resolves to one, before any kernel starts. A value that names nothing is a ``ParameterError`` listing the valid values."""

from __future__ import annotations

from planwatch.present import words


class ParameterError(ValueError):
    """A report parameter names nothing in the data; the message lists the valid values."""


def check_lang(lang: str) -> str:
    """``words.check_lang`` (the one check), its refusal as a ``ParameterError``."""
    try:
        return words.check_lang(lang)
    except ValueError as exc:
        raise ParameterError(str(exc)) from None


def valid_categories(ds) -> list[str]:
    return list(dict.fromkeys(ds.indicators.sort_values("order")["category"]))


def resolve_category(ds, value: str) -> str:
    for _, r in ds.indicators.drop_duplicates("category").iterrows():
        if str(value) in (r["category"], r["category_id"], r["category_en"]):
            return r["category"]
    raise ParameterError(
        f"unknown category {value!r}; valid values: {', '.join(valid_categories(ds))}"
    )


def valid_cities(ds) -> list[str]:
    return list(ds.cities["city"])


def resolve_city(ds, value: str) -> str:
    for _, r in ds.cities.iterrows():
        if (
            str(value).strip() in (r["city"], r["full_name"])
            or str(value).strip().lower() == r["city_en"].lower()
        ):
            return r["city"]
    raise ParameterError(f"unknown city {value!r}; valid values: {', '.join(valid_cities(ds))}")


def valid_actions(ds) -> list[str]:
    return [str(int(n)) for n in ds.actions["action_no"]]


def resolve_action(ds, value) -> int:
    text = str(value).strip().strip("()（）")
    for _, a in ds.actions.iterrows():
        n = int(a["action_no"])
        if text in (str(n), a["numeral"], a["action"]) or text.lower() == a["action_en"].lower():
            return n
    valid = ", ".join(f"{int(a['action_no'])} ({a['action']})" for _, a in ds.actions.iterrows())
    raise ParameterError(f"unknown action {value!r}; valid values: {valid}")


def valid_years(ds) -> list[str]:
    """Years of the check that have at least one figure (one report each)."""
    a = ds.annual_check
    return [str(y) for y in sorted(set(a.loc[a["status"] != "no_data", "year"]))]


def resolve_year(ds, value) -> str:
    valid = valid_years(ds)
    text = str(value).strip().removesuffix("年")
    if text not in valid:
        raise ParameterError(f"unknown year {value!r}; valid values: {', '.join(valid)}")
    return text
