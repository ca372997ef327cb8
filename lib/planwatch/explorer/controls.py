"""Controls a keyboard and a screen reader can use: a year range as two labelled selects (the
``value`` is a (first, last) pair, as a range slider's), and labelled number boxes in place of
sliders, whose handles carry no accessible name."""

from __future__ import annotations

import ipywidgets as w
import traitlets


class YearRange(w.HBox):
    """From and to years, each a labelled select; ``value`` = (first, last), kept in order."""

    value = traitlets.Tuple(traitlets.Int(), traitlets.Int())

    def __init__(self, years: list[int]):
        self.min, self.max = years[0], years[-1]
        self.first = w.Dropdown(options=years, value=years[0])
        self.last = w.Dropdown(options=years, value=years[-1])
        for d in (self.first, self.last):
            d.style.description_width = "initial"
            d.layout.width = "auto"
        super().__init__([self.first, self.last])
        self.value = (years[0], years[-1])
        self.first.observe(self._from_parts, "value")
        self.last.observe(self._from_parts, "value")

    def set_labels(self, first: str, last: str) -> None:
        self.first.description, self.last.description = first, last

    def _from_parts(self, _change) -> None:
        lo, hi = sorted((self.first.value, self.last.value))
        self.value = (lo, hi)

    @traitlets.validate("value")
    def _in_range(self, proposal):
        lo, hi = sorted(min(max(int(y), self.min), self.max) for y in proposal["value"])
        return (lo, hi)

    @traitlets.observe("value")
    def _to_parts(self, change) -> None:
        lo, hi = change["new"]
        if (self.first.value, self.last.value) != (lo, hi):
            self.first.value, self.last.value = lo, hi


def number(value: float, lo: float, hi: float, step: float) -> w.BoundedFloatText:
    """A labelled number box (its label is its description)."""
    box = w.BoundedFloatText(value=value, min=lo, max=hi, step=step)
    box.style.description_width = "initial"
    box.layout.width = "auto"
    return box
