"""Reports printed to PDF through Chromium: charts drawn, downloads and controls left out,
sources kept; without Chromium one clear message before any kernel starts."""

from __future__ import annotations

import unicodedata

import nbformat
import pytest

from planwatch import cli
from planwatch.present import html
from planwatch.reports import offline, pdf
from planwatch.reports.batch import RenderError

from .test_takeaway import report_nb


def pdf_text(path) -> tuple[int, str]:
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    text = "".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), unicodedata.normalize("NFKC", text)  # CJK radicals → ideographs


def test_without_chromium_one_message(monkeypatch, capsys):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    with pytest.raises(RenderError, match="needs Chromium"):
        pdf.chromium()
    started = []
    monkeypatch.setattr("planwatch.reports.render.render", lambda **kw: started.append(kw))
    assert cli.main(["render", "--pdf", "--only", "city:宁波"]) == 2
    assert "needs Chromium" in capsys.readouterr().err and started == []


@pytest.mark.browser
def test_a_report_prints_with_its_chart_and_without_its_controls(tmp_path):
    page = tmp_path / "r.html"
    page.write_text(offline.to_html(report_nb(), "zh", {"report": "r"}), encoding="utf-8")
    n, text = pdf_text(pdf.print_pdf(page, tmp_path / "r.pdf"))
    assert n == 1
    assert "来源表" in text and "https://b.example/x" not in text  # a link prints its text
    assert "数字经济增加值" in text  # the chart's title: the chart was drawn before printing
    assert "下载" not in text  # downloads are screen-only


@pytest.mark.browser
def test_a_long_table_runs_over_pages_with_its_header(tmp_path):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("t")
    rows = [[f"行{i}", f"https://example.org/{i}"] for i in range(160)]
    table = html.table(["名称", "来源"], rows)
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": str(table)})]
    nb.cells = [nbformat.v4.new_markdown_cell("# 长表"), cell]
    page = tmp_path / "long.html"
    page.write_text(offline.to_html(nb, "zh", {"report": "long"}), encoding="utf-8")
    n, text = pdf_text(pdf.print_pdf(page, tmp_path / "long.pdf"))
    assert n >= 3 and "行159" in text
    assert text.count("名称") >= n  # the header repeats on every page
