"""What-if arithmetic for the explorer: an assumed annual growth rate applied from the latest
comparable observation before each target year, with the status the projection would get and the
growth that would have been required."""

from __future__ import annotations

from dataclasses import dataclass

from planwatch.assess.progress import cagr, meets, rr_status


@dataclass
class WhatIfRow:
    target_year: int
    target: float
    comparator: str
    start_year: int
    start_value: float
    projected: float
    status: str
    required_from_baseline: float  # compound annual growth needed from the baseline (Eurostat)
    required_from_start: float  # growth needed from the starting observation
    rr: float | None


def observed_rate(y0: float, t0: int, yt: float, t: int) -> float:
    return cagr(y0, yt, t - t0)


def project(
    y0: float,
    t0: int,
    yt: float,
    t: int,
    rate: float,
    T: int,
    x: float,
    cmp: str,
    direction: int = 1,
) -> WhatIfRow:
    """``yt`` observed in ``t`` (< T), grown at ``rate`` a year to ``T``."""
    if T <= t:
        raise ValueError("the starting observation must precede the target year")
    projected = yt * (1 + rate) ** (T - t)
    required = cagr(y0, x, T - t0)
    rr = direction * rate / abs(required) if abs(required) > 1e-12 else None
    status = (
        "met"
        if meets(projected, x, cmp, direction)
        else (rr_status(rr) if rr is not None else "away")
    )
    return WhatIfRow(T, x, cmp, t, yt, projected, status, required, cagr(yt, x, T - t), rr)


def whatif(
    y0: float,
    t0: int,
    observations: dict[int, float],
    rate: float,
    targets: list[tuple[int, float, str]],
    direction: int = 1,
) -> list[WhatIfRow]:
    """For each target, project from the latest observation before its year (the baseline when
    there is none)."""
    rows = []
    for T, x, cmp in targets:
        before = [y for y in observations if t0 < y < T]
        t = max(before) if before else t0
        yt = observations[t] if before else y0
        rows.append(project(y0, t0, yt, t, rate, T, x, cmp, direction))
    return rows
