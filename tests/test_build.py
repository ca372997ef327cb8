import json
import subprocess
import sys

import pytest

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import plan as plan_manifest
from planwatch.tables import build
from planwatch.tables.schemas import TABLES

from .conftest import snapshot


def test_build_writes_every_table_and_datapackage(project_copy):
    build.run()
    out = paths.processed_dir()
    names = {p.name for p in out.iterdir()}
    assert {f"{n}.csv" for n in TABLES if n in build_tables()} <= names
    assert "datapackage.json" in names
    assert not any(n.startswith(".tmp") for n in names)


def build_tables():
    return {
        "indicators",
        "actions",
        "sections",
        "tasks",
        "task_units",
        "prose_targets",
        "cities",
        "city_roles",
        "city_mentions",
        "consistency",
    }


def test_deterministic_byte_identical(project_copy, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    build.run(a)
    build.run(b)
    assert snapshot(a) == snapshot(b)


def test_datapackage_describes_every_field(project_copy):
    build.run()
    out = paths.processed_dir()
    pkg = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    assert pkg["profile"] == "tabular-data-package"
    for res in pkg["resources"]:
        header = (out / res["path"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert [f["name"] for f in res["schema"]["fields"]] == header
        assert all(f["description"] and f["type"] for f in res["schema"]["fields"])
        assert res["sources"], res["name"]
        assert all(len(s["sha256"]) == 64 for s in res["sources"])
    indicators = next(r for r in pkg["resources"] if r["name"] == "indicators")
    assert indicators["rows"] == 72


def test_indicators_csv_plain_decimals(built_dir):
    text = (built_dir / "indicators.csv").read_text(encoding="utf-8")
    assert ",20658,=," in text and ",39.9,=," in text and "20658.0" not in text


def test_bad_mapping_changes_nothing(project_built):
    before = snapshot(paths.processed_dir())
    tr = project_built / "data/raw/mappings/translations.csv"
    tr.write_text(
        tr.read_text(encoding="utf-8").replace(
            "indicator,上市企业,Listed companies,listed_companies\n", ""
        ),
        encoding="utf-8",
    )
    from planwatch.inputs import provenance

    provenance.stamp(tr)
    with pytest.raises(InputError, match="no English name") as exc:
        build.run()
    assert "translations.csv" in str(exc.value) and "上市企业" in str(exc.value)
    assert snapshot(paths.processed_dir()) == before


def test_unparseable_plan_changes_nothing(project_built):
    before = snapshot(paths.processed_dir())
    plan = plan_manifest.plan_file()
    text = plan.read_text(encoding="utf-8").replace("\n≥76\n", "\n≥七十六\n")
    plan.write_text(text, encoding="utf-8")
    from planwatch.inputs import provenance

    provenance.stamp(plan)
    with pytest.raises(InputError) as exc:
        build.run()
    msg = str(exc.value)
    assert plan.name in msg and "七十六" in msg and "line 202" in msg
    assert snapshot(paths.processed_dir()) == before


def test_raw_checksum_mismatch_is_an_error(project_copy):
    plan = plan_manifest.plan_file()
    plan.write_bytes(plan.read_bytes() + b"\n")
    with pytest.raises(InputError, match="checksum does not match"):
        build.run()


def test_cli_build_data_warns_about_disagreements(project_copy):
    env = {"PLANWATCH_ROOT": str(project_copy), "PATH": ""}
    res = subprocess.run(
        [sys.executable, "-m", "planwatch.cli", "build-data"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert res.returncode == 0, res.stderr
    assert res.stderr.count("warning:") == 3
    assert "网络零售额 2022" in res.stderr and "power of ten" in res.stderr
    assert (project_copy / "data/processed/consistency.csv").exists()


def test_raw_files_untouched_by_build(project_copy):
    raw = project_copy / "data/raw"
    before = {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()}
    build.run()
    assert {p: p.read_bytes() for p in raw.rglob("*") if p.is_file()} == before


def test_an_edited_translation_changes_the_data_version_reports_are_keyed_on(project_copy):
    """English names reach reports only through processed data, so editing translations.csv
    changes the checksum that decides whether a report is re-rendered."""
    from planwatch.inputs import mappings, provenance
    from planwatch.present.voice import Voice
    from planwatch.tables import dataset

    build.run()
    before = dataset.checksum()
    assert Voice(dataset.load(), "en").indicator("数字经济增加值") != "Digital economy (edited)"
    path = paths.mappings_dir() / "translations.csv"
    text = path.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("indicator,数字经济增加值,"))
    path.write_text(
        text.replace(
            old, ",".join(old.split(",")[:2] + ["Digital economy (edited)"] + old.split(",")[3:])
        ),
        encoding="utf-8",
    )
    provenance.stamp(path)
    mappings.reset_caches()
    build.run()
    assert dataset.checksum() != before
    assert Voice(dataset.load(), "en").indicator("数字经济增加值") == "Digital economy (edited)"
