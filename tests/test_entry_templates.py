from openpyxl import load_workbook

from planwatch import paths
from planwatch.inputs import observations, provenance, records
from planwatch.inputs import plan as plan_manifest
from planwatch.tables import build

from .test_observations import URL


def test_templates_round_trip(project_copy, tmp_path):
    from planwatch.cli import main

    build.run()
    indicators = build_indicators()
    plan_text = plan_manifest.plan_file()
    plan_text.rename(plan_text.with_suffix(".away"))  # templates read the processed set alone
    assert main(["templates", "--out", str(tmp_path)]) == 0
    plan_text.with_suffix(".away").rename(plan_text)
    csv_path, xlsx_path = (
        tmp_path / "observations_template.csv",
        tmp_path / "observations_template.xlsx",
    )
    cat = observations.Catalogue.load(indicators)
    rows = list(records.read_rows(csv_path))
    assert len(rows) == 24
    assert all(
        observations.clean_row(csv_path, n, r, cat) is None for n, r, _ in rows
    )  # unfilled lines
    # every sheet of the workbook is read; its lists and notes sheets are not figures
    xrows = list(records.read_rows(xlsx_path))
    assert len(xrows) == 24 and {s for _, _, s in xrows} == {"observations"}

    wb = load_workbook(xlsx_path)
    ws = wb["observations"]
    assert [c.value for c in ws[1]][:5] == ["region", "indicator", "year", "value", "unit"]
    assert ws["B2"].value == "数字经济增加值(亿元)" and ws.max_row == 25
    formulas = {dv.formula1 for dv in ws.data_validations.dataValidation}
    assert '"yes,unclear,no"' in formulas
    assert '"exact,rounded,lower_bound,estimate,partial_period,point_in_time"' in formulas
    # A researcher fills one row and drops the file in: it is read.
    ws["C2"], ws["D2"], ws["K2"] = 2021, 35700, URL
    target = paths.observations_dir() / "filled.xlsx"
    wb.save(target)
    provenance.stamp(
        target, {"title": "t", "publisher": "p", "source_url": URL, "date_retrieved": "2026-11-29"}
    )
    b = build.run()
    got = [r for r in b.tables["observations_audit"] if r["file"] == "filled.xlsx"]
    assert len(got) == 1 and got[0]["value"] == 35700 and got[0]["comparable"] == "unclear"


def build_indicators():
    b = build.Build()
    build.plan_tables(b, plan_manifest.plan_file())
    return b.tables["indicators"]
