"""Rows of an unruled PDF table whose names wrap over several lines. With no rules, each line of
text is a row: a long name centred against its values comes out as its first line alone, the
values alone, then its last line alone::

    数字经济核心产业增加 |    |      |    |
                         | %  | 10.5 | 13 | 预期性
    值占地区生产总值比重 |    |      |    |

A values row with no name is the evidence that the table's cells are centred: then the name
lines around each values row are joined to it, as many below it as above it (the lines of a
name are centred on its values). A row of name only that is a numbered heading (``一、…``) is
never joined. Without such evidence the rows are left as they are."""

from __future__ import annotations

from planwatch.parse.table_header import category_name


def _kind(row: list[str]) -> str:
    first, rest = row[0].strip(), [c for c in row[1:] if c.strip()]
    if first and not rest:
        return "heading" if category_name(first) else "label"
    if rest and not first:
        return "values"
    return "full" if first else "empty"


def _labels_after(kinds: list[str], i: int) -> int:
    n = 0
    while i + 1 + n < len(kinds) and kinds[i + 1 + n] == "label":
        n += 1
    return n


def join_wrapped(rows: list[list[str]]) -> list[list[str]]:
    """The rows with wrapped names joined (see the module); the header row is kept as it is."""
    if len(rows) < 3 or not any(_kind(r) == "values" for r in rows[1:]):
        return rows
    body = rows[1:]
    kinds = [_kind(r) for r in body]
    data = [i for i, k in enumerate(kinds) if k in ("values", "full")]
    above: dict[int, list[int]] = {i: [] for i in data}
    below: dict[int, list[int]] = {i: [] for i in data}
    for n, i in enumerate(data):
        start = data[n - 1] + 1 if n else 0
        run = []
        for j in range(i - 1, start - 1, -1):  # the label lines just above, back to the last row
            if kinds[j] != "label":
                break
            run.insert(0, j)
        if n:
            prev = data[n - 1]
            take = min(len(above[prev]), len(run)) if kinds[prev] == "values" or above[prev] else 0
            below[prev], run = run[:take], run[take:]
        if kinds[i] == "values" or (run and n and _labels_after(kinds, i) >= len(run)):
            above[i] = run  # a named row takes lines above only with as many below (centred)
    if data:
        last = data[-1]
        tail = [j for j in range(last + 1, len(body)) if kinds[j] == "label"]
        tail = (
            tail[: len(above[last])] if tail == list(range(last + 1, last + 1 + len(tail))) else []
        )
        below[last] = tail
    used = {j for i in data for j in above[i] + below[i]}
    out = [rows[0]]
    for j, row in enumerate(body):
        if j in used:
            continue
        if j in above:
            name = "".join(body[k][0].strip() for k in above[j])
            name += row[0].strip() + "".join(body[k][0].strip() for k in below[j])
            row = [name] + row[1:]
        out.append(row)
    return out
