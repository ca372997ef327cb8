"""The plan manifest: read from data, refused with file, field and value when malformed."""

import pytest
import yaml

from planwatch.errors import InputError
from planwatch.inputs import plan

from .conftest import ROOT

SEED = ROOT / "data" / "raw" / "plan" / "plan.yml"


def test_seed_manifest_reads():
    m = plan.read(SEED)
    assert m.region["zh"] and m.title["en"] and len(m.subregions) >= 3
    assert m.period[0] <= m.period[1] and m.source_url.startswith("https://")
    assert [s["order"] for s in m.subregions] == list(range(1, len(m.subregions) + 1))


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda d: d.pop("title"), "title"),
        (lambda d: d["title"].pop("en"), "title.en"),
        (lambda d: d.update(source_url="javascript:alert(1)"), "source_url"),
        (lambda d: d.update(date_issued="soon"), "date_issued"),
        (lambda d: d.update(period=[2025, 2020]), "period"),
        (lambda d: d.update(text="../../etc/passwd"), "text"),
        (
            lambda d: d["subregions"]["items"].append(dict(d["subregions"]["items"][0])),
            "subregions",
        ),
        (lambda d: d["subregions"]["items"][0].pop("en"), "subregions.items[1].en"),
        (lambda d: d.update(notes=[None]), "notes"),
        (lambda d: d["subregions"]["items"][0].update(name=[1]), "subregions.items[1].name"),
        # values that would break reports later (issue: the plan manifest under hostile values)
        (lambda d: d["subregions"].update(items="东川"), "items"),
        (lambda d: d.update(period=[False, True]), "period"),
        (lambda d: d.update(period=[18, 22]), "period"),
        (lambda d: d["subregions"]["items"][1].update(code="330100"), "subregions.items[2].code"),
        (lambda d: d["subregions"]["items"][1].update(code=[3301]), "subregions.items[2].code"),
        (lambda d: d["subregions"]["items"][1].update(code=True), "subregions.items[2].code"),
        (lambda d: d["subregions"]["items"][1].update(en="HANGZHOU "), "subregions.items[2].en"),
        (lambda d: d["subregions"]["items"][0].update(en="Hang/zhou"), "subregions.items[1].en"),
        (lambda d: d["subregions"]["items"][0].update(en="x" * 300), "subregions.items[1].en"),
    ],
)
def test_malformed_manifest_is_refused_naming_the_field(tmp_path, change, field):
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "plan.yml"
    (tmp_path / data.get("text", "x")).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / "zhejiang_digital_economy_doubling_plan_2018.txt").write_text("x")
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        plan.read(path)
    assert field.split(".")[0] in str(exc.value) and "plan.yml" in str(exc.value)


def test_a_plan_without_sub_regions_is_read(tmp_path):
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    data["subregions"]["items"] = []
    (tmp_path / data["text"]).write_text("x", encoding="utf-8")
    path = tmp_path / "plan.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert plan.read(path).subregions == ()


def test_yaml_aliases_are_refused_before_they_expand(tmp_path):
    """ "Billion laughs": nine levels of aliases would expand to 10^9 items; refused at once."""
    lines = ['a0: &a0 ["lol"]']
    lines += [f"a{k}: &a{k} [" + ", ".join([f"*a{k - 1}"] * 10) + "]" for k in range(1, 10)]
    bomb = SEED.read_text(encoding="utf-8") + "\nbomb:\n" + "\n".join("  " + x for x in lines)
    path = tmp_path / "plan.yml"
    path.write_text(bomb, encoding="utf-8")
    with pytest.raises(InputError, match=r"plan.yml, line \d+: plan manifest uses a YAML anchor"):
        plan.read(path)
    path.write_bytes(b"# " + b"x" * (plan.MAX_BYTES + 1))
    with pytest.raises(InputError, match="a manifest of at most"):
        plan.read(path)


def test_broken_yaml_and_missing_file(tmp_path):
    bad = tmp_path / "plan.yml"
    bad.write_bytes(b"text: x.txt\ntitle: [\n")
    with pytest.raises(InputError, match=r"plan.yml, line 3: plan manifest is not readable YAML"):
        plan.read(bad)
    bad.write_bytes("title: 浙江".encode("gbk"))
    with pytest.raises(InputError, match="not readable YAML"):
        plan.read(bad)
    with pytest.raises(InputError, match="plan manifest missing"):
        plan.read(tmp_path / "none.yml")


from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20) | st.dates(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=6,
)


@settings(
    max_examples=150,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.binary(max_size=400))
def test_random_bytes_are_read_or_refused_never_a_traceback(tmp_path, data):
    path = tmp_path / "plan.yml"
    path.write_bytes(data)
    try:
        plan.read(path)
    except InputError as exc:
        assert "plan.yml" in str(exc)


@settings(
    max_examples=150,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    shape=st.dictionaries(
        st.sampled_from(
            [
                "text",
                "title",
                "issuer",
                "date_issued",
                "period",
                "source_url",
                "region",
                "subregions",
                "notes",
            ]
        ),
        _yaml_values,
    )
)
def test_random_shapes_are_read_or_refused_never_a_traceback(tmp_path, shape):
    base = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    (tmp_path / base["text"]).write_text("x")
    path = tmp_path / "plan.yml"
    path.write_text(yaml.safe_dump({**base, **shape}, allow_unicode=True), encoding="utf-8")
    try:
        plan.read(path)
    except InputError as exc:
        assert "plan.yml" in str(exc)
