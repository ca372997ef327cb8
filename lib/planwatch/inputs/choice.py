"""The choice among several published figures of one region, indicator and year, and the role
of each (the evidence the year is judged on, a weaker lower bound, or not used), with the reason.

The rule is data (``choice_rule`` in ``vocab/observations.yml``): comparable, then value kind
(a lower bound of an accumulating value ranking as lower_bound, and among lower bounds the
highest value, then the longest period), then source kind, then vintage; ties go to the file and
row read first. Figures that are one number at different precision (3.57 and 3.6) put the most
precise first, right after comparability.
"""

from __future__ import annotations

import operator
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from planwatch.inputs.records import vocab
from planwatch.parse.normalise import format_decimal


@cache
def _rules() -> tuple[tuple[str, dict], ...]:
    return tuple((rule["flag"], rule["rank"]) for rule in vocab()["choice_rule"])


@cache
def _last_resort() -> frozenset[str]:
    return frozenset(vocab()["last_resort_sources"])


def _is_last_resort(row: dict) -> bool:
    """A source stated as a low-quality page (a figure whose source kind was left empty takes the
    default rank, not this penalty)."""
    return row["source_kind"] in _last_resort() and row.get("_source_kind_stated", True)


def _months(period: str) -> int:
    """Months a part-year period covers (0 when not given or a point in time)."""
    if "/" not in period:
        return 0
    a, b = period.split("/")
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7]) + 1


def _key(row: dict) -> tuple:
    """Sort key of the choice rule: flag by flag, a lower bound ranking as lower_bound, and among
    lower bounds the highest value, then the longest period."""
    key = []
    bound = row["is_bound"]
    for flag, rank in _rules():
        key.append(rank["lower_bound" if bound and flag == "value_kind" else row[flag]])
        if flag == "comparable":  # a low-quality page only when nothing better exists
            key.append(int(_is_last_resort(row)))
        elif flag == "value_kind":
            key += [-row["value"], -_months(row["period"])] if bound else [0, 0]
    return (*key, row["file"], row["sheet"], row["row"])


@cache
def _signature_of():
    fields = ["is_bound", "bound_reason", "source_kind", "value", "period"]
    return operator.itemgetter(*fields, *[flag for flag, _ in _rules() if flag not in fields])


def _signature(row: dict) -> tuple:
    """Everything of a row that its rank and its reason depend on, but where it was read."""
    return (*_signature_of()(row), row.get("_source_kind_stated", True))


def choose(rows: list[dict]) -> list[dict]:
    """Mark one figure per (region, indicator, year) as chosen, by the documented rule; every row
    gets its role (evidence, weaker_bound, not_used) and the reason. Ranks and reasons are
    worked out once per distinct figure (flags, value, period), not once per row."""
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        key = (r["region"], r["indicator"], r["year"])
        group = groups.get(key)
        if group is None:
            groups[key] = [r]
        else:
            group.append(r)
    out = []
    ranks: dict[tuple, tuple] = {}
    for group in groups.values():
        n = len(group)
        if n == 1:
            r = group[0]
            r["n_figures"], r["values_differ"], r["chosen"] = 1, False, True
            r["evidence"], r["reason"] = _reason(r, r, 1)
            out.append(r)
            continue
        finer = _same_at_precision(group)
        sigs = [_signature(r) for r in group]
        decorated = []
        for k, (r, sig) in enumerate(zip(group, sigs, strict=True)):
            rank = ranks.get((sig, finer))
            if rank is None:
                rank = ranks[(sig, finer)] = _precise_first(r, finer)[:-3]
            decorated.append((rank, r["file"], r["sheet"], r["row"], k))
        order = [d[-1] for d in sorted(decorated)]
        best = group[order[0]]
        differ = len({r["value"] for r in group}) > 1
        reasons: dict[tuple, tuple[str, str]] = {}
        for k in order:
            r = group[k]
            r["n_figures"] = n
            r["values_differ"] = differ
            r["chosen"] = r is best
            if r is best:
                r["evidence"], r["reason"] = _reason(r, best, n)
                continue
            if sigs[k] not in reasons:  # the same figure, the same reason
                reasons[sigs[k]] = _reason(r, best, n)
            r["evidence"], r["reason"] = reasons[sigs[k]]
        out += [group[k] for k in order]
    return out


def _digits(value) -> int:
    """Significant digits of a figure as published: 35700 → 3, 36000 → 2, 3.57 → 3."""
    t = Decimal(value).normalize().as_tuple()
    return len(t.digits)


def _rounded(value, digits: int) -> Decimal:
    d = Decimal(value)
    if d == 0:
        return d
    q = Decimal(1).scaleb(d.adjusted() - digits + 1)
    return d.quantize(q, rounding=ROUND_HALF_UP)


def _same_at_precision(group: list[dict]) -> bool:
    """Whether the figures differ only in precision: each, rounded to the fewest significant
    digits among them, is the same number (3.57万亿 and 3.6 trillion), all of one kind."""
    values = {r["value"] for r in group if r["value"] is not None}
    if len(values) < 2 or len({(r["comparable"], r["is_bound"]) for r in group}) > 1:
        return False
    fewest = min(_digits(v) for v in values)
    return len({_rounded(v, fewest) for v in values}) == 1


def _precise_first(r: dict, finer: bool) -> tuple:
    """The rule's key; when the figures are one number at different precision, the most
    precise first after comparability (never a rounding over the figure it rounds)."""
    key = _key(r)
    return (key[0], -_digits(r["value"]), *key[1:]) if finer else (key[0], 0, *key[1:])


def _reason(r: dict, best: dict, n: int) -> tuple[str, str]:
    bound = f" (lower bound: {r['bound_reason']})" if r["is_bound"] else ""
    if n == 1:
        return "evidence", "only figure" + bound
    if r is not best and r["value"] != best["value"] and _same_at_precision([r, best]):
        return "not_used", (
            f"not chosen: {format_decimal(r['value'])} is {format_decimal(best['value'])} "
            "at a coarser precision; the more precise figure is used"
        )
    if r is best:
        return "evidence", (
            f"chosen among {n} figures by the rule comparable > value_kind > source_kind > "
            "vintage" + ("; the highest lower bound" + bound if r["is_bound"] else "")
        )
    if _is_last_resort(r) and not _is_last_resort(best) and r["comparable"] == best["comparable"]:
        return "not_used", (
            f"not chosen: a {r['source_kind']}-quality page is used only when no better source "
            "has a figure"
        )
    if r["is_bound"] and best["is_bound"] and r["comparable"] == best["comparable"]:
        return "weaker_bound", f"a lower bound below the evidence {format_decimal(best['value'])}"
    if r["is_bound"] and not best["is_bound"] and r["comparable"] == best["comparable"]:
        return "not_used", "a year-end figure of the same comparability beats every lower bound"
    for flag, rank in _rules():
        mine = "lower_bound" if flag == "value_kind" and r["is_bound"] else r[flag]
        theirs = "lower_bound" if flag == "value_kind" and best["is_bound"] else best[flag]
        if rank[mine] != rank[theirs]:
            return "not_used", (
                f"not chosen: {flag} {mine or '(unstated)'} ranks below {theirs or '(unstated)'}"
            )
    return "not_used", (
        f"not chosen: ties on every flag; {best['file']} row {best['row']} was read first"
    )


CONFLICT_SHARE = 0.005  # official exact figures further apart than this are a conflict


def _where(r: dict) -> str:
    sheet = f" sheet {r['sheet']}" if r.get("sheet") else ""
    return f"{r['file']}{sheet} row {r['row']}"


def findings(rows: list[dict]) -> list[str]:
    """What a person should hear about the figures read, none of it silently resolved: the same
    figure (same source and quote) given twice, in one file or in two; and official, exact,
    comparable figures for one region, indicator, year and period that disagree."""
    out, seen, firm, texts = [], {}, {}, {}
    for r in rows:
        key = (r["region"], r["indicator"], r["year"], r.get("period") or "")
        value = r["value"]
        text = texts.get(value)
        if text is None:
            text = texts[value] = format_decimal(value)
        same = (*key, text, r["source_url"], r.get("quote") or "")
        if same in seen:
            out.append(
                f"the same figure twice: {r['indicator']} {r['region']} {r['year']} = "
                f"{format_decimal(r['value'])} in {_where(seen[same])} and {_where(r)}"
            )
            continue
        seen[same] = r
        if (r["comparable"], r["value_kind"], r["source_kind"]) != ("yes", "exact", "official"):
            continue
        other = firm.setdefault(key, r)
        if other is not r and other["value"] != r["value"]:
            a, b = float(other["value"]), float(r["value"])
            share = abs(b - a) / max(abs(a), abs(b))
            if share > CONFLICT_SHARE:
                out.append(
                    f"official exact figures disagree by {share:.1%}: {r['indicator']} "
                    f"{r['region']} {r['year']}: {format_decimal(other['value'])} "
                    f"({_where(other)}) and {format_decimal(r['value'])} ({_where(r)})"
                )
    return out
