from planwatch.reports.category import CategoryReport
from planwatch.tables import dataset


def test_title_and_links_come_from_the_data(small_project):
    ds = dataset.load()
    other = dataset.Dataset(ds.folder, dict(ds.tables, plan=ds.plan.assign(title_en="Plan X")))
    rep = CategoryReport("基础设施", "en", other)
    assert "Plan X" in str(rep.title()) and "4 indicators" in str(rep.title())
    assert 'href="action-6-en.html"' in str(rep.actions())
