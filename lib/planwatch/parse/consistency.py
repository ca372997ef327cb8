"""Compare each prose target with the indicator table's target for the same indicator and year.

Disagreements are listed, never resolved: ``finding`` is ``agree``, ``comparator`` (same value,
different bound), ``magnitude`` (off by a power of ten), ``value`` or ``unit``.
"""

from __future__ import annotations

from decimal import Decimal

from planwatch.parse.normalise import format_decimal, to_base, unit_kind

DISAGREEMENTS = ("value", "magnitude", "unit")


def _is_power_of_ten(ratio: Decimal) -> bool:
    if ratio <= 0 or ratio == 1:
        return False
    exp = ratio.log10()
    return abs(exp - exp.to_integral_value()) < Decimal("1e-9")


def compare(prose_targets: list[dict], table_records: list[dict]) -> list[dict]:
    table = {(r["indicator"], r["year"]): r for r in table_records if not r["is_baseline"]}
    out = []
    for t in prose_targets:
        row = table.get((t["indicator"], t["year"])) if t["indicator"] else None
        if row is None or row["value"] is None:
            continue
        tval, tunit = to_base(row["value"], row["unit"])
        ratio = (t["value"] / tval) if tval else None
        if unit_kind(t["unit"]) != unit_kind(row["unit"]) or t["unit"] != tunit:
            finding = "unit"
        elif t["value"] == tval:
            finding = "agree" if t["comparator"] == row["comparator"] else "comparator"
        elif ratio is not None and _is_power_of_ten(ratio):
            finding = "magnitude"
        else:
            finding = "value"
        out.append(
            {
                "target_id": t["target_id"],
                "indicator": row["indicator"],
                "year": t["year"],
                "prose_value": t["value"],
                "prose_unit": t["unit"],
                "prose_comparator": t["comparator"],
                "prose_text": t["value_raw"],
                "table_value": tval,
                "table_unit": tunit,
                "table_comparator": row["comparator"],
                "table_text": f"{format_decimal(row['value'])} {row['unit']}",
                "ratio": ratio,
                "finding": finding,
                "disagrees": finding in DISAGREEMENTS,
                "prose_line": t["line"],
                "table_lines": f"{row['line_start']}-{row['line_end']}",
                "message": _message(finding, t, row, tval, tunit),
            }
        )
    return out


def _message(finding: str, t: dict, row: dict, tval, tunit) -> str:
    prose = (
        f"prose (line {t['line']}) says {t['value_raw']} = {format_decimal(t['value'])} {t['unit']}"
    )
    tab = (
        f"table (lines {row['line_start']}-{row['line_end']}) says "
        f"{format_decimal(row['value'])} {row['unit']} = {format_decimal(tval)} {tunit}"
    )
    what = {
        "agree": "agree",
        "comparator": f"same value, different bound ({t['comparator']} vs {row['comparator']})",
        "magnitude": "differ by a power of ten",
        "value": "differ in value",
        "unit": "use incompatible units",
    }[finding]
    return f"{row['indicator']} {t['year']}: {prose}; {tab}: {what}"
