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
