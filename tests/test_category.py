from planwatch.reports.category import CategoryReport
from planwatch.tables import dataset


def test_title_and_links_come_from_the_data(small_project):
    ds = dataset.load()
    other = dataset.Dataset(ds.folder, dict(ds.tables, plan=ds.plan.assign(title_en="Plan X")))
    rep = CategoryReport("基础设施", "en", other)
    assert "Plan X" in str(rep.title()) and "4 indicators" in str(rep.title())
    assert 'href="action-6-en.html"' in str(rep.actions())


def test_the_scorecard_shows_the_figure_each_status_rests_on_and_the_others_apart(small_project):
    from planwatch.reports.category import CategoryReport
    from planwatch.tables import dataset

    html = str(CategoryReport("数字产业化", "en", dataset.load()).scorecard())
    assert "Figure the 2022 status rests on" in html
    # 上市企业: the only figure (517, all A-shares) has another definition: not the basis
    row = next(tr for tr in html.split("<tr>") if "Listed" in tr or "上市企业" in tr)
    cells = row.split("<td>")
    assert "517" not in cells[6] and "517" in cells[7] and "different definition" in cells[7]
    zh = str(CategoryReport("总体规模", "zh", dataset.load()).scorecard())
    assert "3.93万亿元 (2022年) [约数]" in zh


def test_sentence_footnotes_jump_to_their_source_entry(small_project):
    import re

    from planwatch.reports.category import CategoryReport
    from planwatch.tables import dataset

    ds = dataset.load()
    rep = CategoryReport("总体规模", "zh", ds)
    summary, sources = str(rep.summary()), str(rep.sources())
    marks = re.findall(r'href="#src-(\d+)"', summary)
    assert marks, summary
    prog = ds.progress[ds.progress["indicator"] == "数字经济增加值"]
    for n, url in zip(marks, prog.sort_values("target_year")["source_url"], strict=False):
        entry = re.search(rf'<li id="src-{n}">(.*?)</li>', sources, re.S).group(1)
        assert url in entry and "<q>" in entry  # title, link, source kind and the quote
    assert "&lt;script&gt;" in sources and "<script>" not in sources


def test_an_indicator_without_a_target_in_the_last_year_does_not_break_the_report(small_project):
    """A table that leaves a final target empty (——): no progress row for that year. Every part
    of the category report is still made, and the scorecard says — where there is no target."""
    import numpy as np

    from planwatch.reports.category import CategoryReport
    from planwatch.tables import dataset

    ds = dataset.load()
    ind = ds.indicators
    name = ind.loc[ind["category"] == "数字产业化", "indicator"].iloc[0]
    last = int(ind.loc[ind["indicator"] == name, "year"].max())
    emptied = ind.assign(
        value=np.where((ind["indicator"] == name) & (ind["year"] == last), np.nan, ind["value"])
    )
    prog = ds.progress[~((ds.progress["indicator"] == name) & (ds.progress["target_year"] == last))]
    other = dataset.Dataset(ds.folder, dict(ds.tables, indicators=emptied, progress=prog), "x")
    for lang in ("zh", "en"):
        rep = CategoryReport("数字产业化", lang, ds=other)
        parts = [
            rep.title(),
            rep.method(),
            rep.summary(),
            rep.scorecard(),
            rep.subindex(),
            rep.achievement_chart(),
            rep.indicator_sections(),
            rep.tasks(),
            rep.actions(),
            rep.coverage(),
            rep.city_map(),
            rep.sources(),
        ]
        assert all(p is not None for p in parts)
        row = next(r for r in str(rep.scorecard()).split("<tr>") if rep.voice.indicator(name) in r)
        assert "—" in row


def test_a_prose_table_conflict_is_noted_where_the_indicator_is_scored(project_built):
    """The plan's text says 20万家 for cloud adoption where its table says 50万家: the note stands
    in the category scorecard, beside the indicator's chart and in the annual check, not only in
    the action report."""
    from planwatch.reports.annual import AnnualReport
    from planwatch.reports.category import CategoryReport

    rep = CategoryReport("产业数字化", "en")
    note = "the text says 200,000 companies, the table&#39;s 2022 target is 500,000 companies"
    assert note in str(rep.scorecard())
    sections = "".join(str(part) for part in rep.indicator_sections().parts)
    assert note in sections
    assert note in str(AnnualReport(2022, "en").path_table())
