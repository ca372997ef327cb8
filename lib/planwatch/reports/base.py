"""The opening every report class shares: its data set (the default processed set unless one is
given), its language (checked) and its voice, the one way its words are asked for."""

from __future__ import annotations

from planwatch.present.voice import Voice
from planwatch.reports.params import check_lang
from planwatch.tables import dataset


class Report:
    def __init__(self, lang: str = "zh", ds=None):
        self.ds = ds if ds is not None else dataset.load()
        self.lang = check_lang(lang)
        self.voice = Voice(self.ds, self.lang)
