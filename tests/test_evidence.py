from planwatch.present import evidence
from planwatch.present.voice import Voice
from planwatch.tables import dataset


def test_method_text_takes_the_years_from_the_data(small_project):
    ds = dataset.load()
    en = str(evidence.method(Voice(ds, "en")))
    assert f"{ds.baseline_year} baseline" in en
    assert " and ".join(map(str, ds.target_years)) + " targets" in en
    other = dataset.Dataset(
        ds.folder, dict(ds.tables, plan=ds.plan.assign(baseline_year=2011, target_years="2030"))
    )
    assert "2011 baseline and its 2030 targets" in str(evidence.method(Voice(other, "en")))


def test_footnotes_and_the_source_list_share_one_numbering(small_project):
    ds = dataset.load()
    voice = Voice(ds, "en")
    rows = ds.observations_audit[ds.observations_audit["chosen"]]
    index = evidence.source_index(rows)
    assert sorted(index.values()) == list(range(1, len(index) + 1))
    listed = str(evidence.sources_list(voice, rows))
    for url, n in index.items():
        assert f'id="src-{n}"' in listed
        assert f'href="#src-{n}"' in str(evidence.footnote(url, index))
    assert str(evidence.footnote("https://not.listed", index)) == ""


def test_observation_tables_escape_what_the_data_say(small_project):
    ds = dataset.load()
    rows = ds.observations_audit
    html = str(evidence.observation_table(rows, Voice(ds, "en")))
    assert "<script>" not in html  # the small project's source title holds a <script> tag
    assert "&lt;script&gt;" in html
