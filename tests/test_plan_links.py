"""Tables linking the parsed plan to curated files: they complain both ways."""

import pytest

from planwatch import paths
from planwatch.errors import InputError
from planwatch.inputs import mappings, provenance
from planwatch.tables import build


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    provenance.stamp(path)
    mappings.reset_caches()


def test_institution_missing_from_the_map_is_an_error(project_copy):
    path = paths.mappings_dir() / "institutions.csv"
    line = next(
        x for x in path.read_text(encoding="utf-8").splitlines() if x.startswith("省科技厅,")
    )
    _edit(path, line + "\n", "")
    with pytest.raises(InputError, match="missing from the institutional map"):
        build.run()


def test_category_action_pointing_at_a_foreign_section_is_an_error(project_copy):
    path = paths.mappings_dir() / "category_actions.csv"
    text = path.read_text(encoding="utf-8")
    _edit(path, text, text.rstrip("\n") + "\n基础设施,1,S2.1,\n")
    with pytest.raises(InputError, match="section not in that action"):
        build.run()
