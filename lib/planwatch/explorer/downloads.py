"""Export the explorer's current chart (PNG, SVG through vl-convert, with a CJK font
registered so Chinese labels render) and table (CSV, Excel)."""

from __future__ import annotations

import subprocess
from functools import cache
from pathlib import Path

import pandas as pd

from planwatch.present import html, spreadsheet

CJK_FAMILY = "Noto Sans CJK SC"
FONT_DIRS = ["/usr/share/fonts/opentype/noto", "/usr/share/fonts/truetype/noto", "/usr/share/fonts"]


class NoCJKFontError(RuntimeError):
    pass


@cache
def cjk_font_dir() -> str:
    """The folder of a Noto Sans CJK font file, registered with vl-convert once."""
    candidates = []
    try:
        out = subprocess.run(
            ["fc-list", ":lang=zh", "file", "family"], capture_output=True, text=True, check=False
        ).stdout
        candidates = [line.split(":")[0] for line in out.splitlines() if "CJK" in line]
    except FileNotFoundError:
        pass
    for d in FONT_DIRS:
        candidates += (
            [str(p) for p in Path(d).rglob("*CJK*") if p.is_file()] if Path(d).exists() else []
        )
    if not candidates:
        raise NoCJKFontError(
            "No CJK font found, so Chinese labels cannot be rendered in PNG/SVG exports: "
            "install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk)"
        )
    import vl_convert

    folder = str(Path(sorted(candidates)[0]).parent)
    vl_convert.register_font_directory(folder)
    return folder


def _spec_with_font(spec: dict) -> dict:
    spec = dict(spec)
    config = dict(spec.get("config", {}))
    config["font"] = CJK_FAMILY
    spec["config"] = config
    return spec


def chart_svg(spec: dict) -> str:
    import vl_convert

    cjk_font_dir()
    return vl_convert.vegalite_to_svg(_spec_with_font(spec))


def chart_png(spec: dict, scale: float = 2.0) -> bytes:
    import vl_convert

    cjk_font_dir()
    return vl_convert.vegalite_to_png(_spec_with_font(spec), scale=scale)


def chart_bytes(spec: dict, fmt: str) -> bytes:
    if fmt == "svg":
        return chart_svg(spec).encode("utf-8")
    if fmt == "png":
        return chart_png(spec)
    raise ValueError(f"unsupported chart format {fmt!r}; expected png or svg")


def write_chart(spec: dict, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(chart_bytes(spec, path.suffix.lstrip(".")))
    return path


def download_link(data: bytes, filename: str, text: str) -> str:
    """An ``<a download>`` link carrying the file itself (``present.html.download_link``)."""
    return str(html.download_link(data, filename, text))


def table_bytes(df: pd.DataFrame, fmt: str) -> bytes:
    """The table as CSV (UTF-8 with BOM) or Excel, cells that would be formulas neutralised
    (``present.spreadsheet``)."""
    headers = [str(c) for c in df.columns]
    rows = [[None if _na(v) else v for v in values] for values in df.itertuples(index=False)]
    if fmt == "csv":
        return spreadsheet.csv_bytes(headers, rows)
    if fmt == "xlsx":
        return spreadsheet.xlsx_bytes([("observations", headers, rows)])
    raise ValueError(f"unsupported table format {fmt!r}; expected csv or xlsx")


def _na(v) -> bool:
    try:
        return v is None or bool(pd.isna(v))
    except (TypeError, ValueError):  # a list or other non-scalar cell is a value
        return False


def write_table(df: pd.DataFrame, path: Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(table_bytes(df, path.suffix.lstrip(".")))
    return path
