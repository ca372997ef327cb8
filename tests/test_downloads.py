import pandas as pd

from planwatch.explorer import downloads


def test_table_downloads_write_what_they_are_given(tmp_path):
    df = pd.DataFrame({"year": [2019], "value": [1.5], "source": ["甲"]})
    out = downloads.write_table(df, tmp_path / "t.csv")
    text = out.read_text(encoding="utf-8-sig")
    assert "year" in text and "1.5" in text and "甲" in text


def test_formula_cells_are_neutralised_in_csv_and_excel(tmp_path):
    import pandas as pd
    from openpyxl import load_workbook

    from planwatch.explorer.downloads import write_table

    evil = '=HYPERLINK("http://evil.example","click")'
    df = pd.DataFrame(
        {
            "source_title": [evil, "+1+2", "@SUM(A1)", "ok", "-3.5"],
            "value": [1.5, -2.0, None, 4.0, 5.0],
        }
    )
    csv_text = write_table(df, tmp_path / "t.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in csv_text and "'+1+2" in csv_text and "'@SUM" in csv_text
    assert "\n-3.5," in csv_text and ",-2.0" in csv_text  # numbers stay numbers
    ws = load_workbook(write_table(df, tmp_path / "t.xlsx")).active
    cell = ws["A2"]
    assert cell.value == "'" + evil and cell.data_type == "s"  # text, never a formula
    assert ws["B3"].value == -2 and ws["B4"].value is None
