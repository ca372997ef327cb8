import pytest

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import plan as plan_manifest
from planwatch.inputs import provenance


def test_every_raw_file_matches_its_sidecar():
    checked = provenance.check_all(paths.raw_dir())
    assert len(checked) >= 7, "checked too few raw files"
    for path, meta in checked.items():
        assert meta["sha256"] == provenance.sha256(path)
        assert meta["source_url"].startswith("https://") or meta["source_url"].startswith("per row")


def test_plan_sidecar_fields():
    meta = provenance.read_sidecar(plan_manifest.plan_file())
    assert meta["source_url"] == "https://www.emrcity.com/research_show-127.html"
    assert meta["issuer"] == "浙江省人民政府办公厅"
    assert str(meta["date_issued"]) == "2018-09-28"


def test_missing_sidecar(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a\n")
    with pytest.raises(InputError, match="sidecar missing"):
        provenance.check(f)


def test_stamp_then_check(tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a\n")
    provenance.stamp(
        f,
        {
            "title": "t",
            "publisher": "p",
            "source_url": "https://example.org",
            "date_retrieved": "2026-01-01",
        },
    )
    assert provenance.check(f)["sha256"] == provenance.sha256(f)
    f.write_text("b\n")
    with pytest.raises(InputError, match="checksum"):
        provenance.check(f)
