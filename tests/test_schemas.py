from planwatch.tables.schemas import TABLES


def test_every_column_is_described():
    for name, (schema, title, description, sources) in TABLES.items():
        assert title and description and sources, name
        for col, spec in schema.columns.items():
            assert spec.description, f"{name}.{col}"


def test_progress_has_the_columns_other_tools_read():
    cols = list(TABLES["progress"][0].columns)
    for c in (
        "indicator",
        "region",
        "target_year",
        "target_value",
        "comparator",
        "observed_year",
        "observed_value",
        "achievement",
        "rr",
        "projected_value",
        "status",
        "caveat",
    ):
        assert c in cols
