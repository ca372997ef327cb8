"""Status colours (data: ``vocab/assess.yml``) and the checks that keep them readable: WCAG
contrast against the background, and how far apart two colours stay for readers with protan-,
deutan- or tritanopia (Machado, Oliveira & Fernandes 2009, severity 1, in linear RGB; distance
CIE76 ΔE in CIELAB)."""

from __future__ import annotations

import numpy as np

from planwatch.assess import annual, progress

MACHADO = {
    "protan": [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ],
    "deutan": [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ],
    "tritan": [
        [1.255528, -0.076749, -0.178779],
        [-0.078411, 0.930809, 0.147602],
        [0.004733, 0.691367, 0.303900],
    ],
}
VISIONS = ("normal", *MACHADO)


# Categories told apart (Okabe & Ito's colour-blind-safe set, without its yellow, which is
# too light on white), each with its own point shape: never colour alone, the same in every
# language (by the category's place in the plan, not by its name's sort order).
CATEGORY_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#56B4E9", "#E69F00", "#000000")
CATEGORY_SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge")


def categorical(n: int) -> tuple[list[str], list[str]]:
    """Colours and shapes for ``n`` categories, in order (repeating past seven)."""
    k = len(CATEGORY_COLORS)
    return [CATEGORY_COLORS[i % k] for i in range(n)], [CATEGORY_SHAPES[i % k] for i in range(n)]


def status_colors() -> dict[str, str]:
    """Progress status → colour, in the statuses' order."""
    return {s: spec["color"] for s, spec in progress.vocab()["statuses"].items()}


def annual_colors() -> dict[str, str]:
    """Annual-check status → colour, in the statuses' order."""
    return {s: spec["color"] for s, spec in annual.settings()["statuses"].items()}


def entry_colors() -> dict[str, str]:
    """The composite coverage chart's colours (``composite.entries``)."""
    return {k: v["color"] for k, v in progress.vocab()["composite"]["entries"].items()}


def _rgb(hex_color: str) -> np.ndarray:
    h = hex_color.lstrip("#")
    return np.array([int(h[i : i + 2], 16) for i in (0, 2, 4)], dtype=float) / 255


def _linear(c: np.ndarray) -> np.ndarray:
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def _gamma(c: np.ndarray) -> np.ndarray:
    c = np.clip(c, 0, 1)
    return np.where(c <= 0.0031308, 12.92 * c, 1.055 * c ** (1 / 2.4) - 0.055)


def luminance(hex_color: str) -> float:
    r, g, b = _linear(_rgb(hex_color))
    return float(0.2126 * r + 0.7152 * g + 0.0722 * b)


def contrast(a: str, b: str = "#ffffff") -> float:
    """WCAG 2.1 contrast ratio of two colours (1 to 21)."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def simulate(hex_color: str, vision: str) -> np.ndarray:
    """The colour as a reader with that vision sees it (sRGB, 0–1)."""
    lin = _linear(_rgb(hex_color))
    if vision != "normal":
        lin = np.array(MACHADO[vision]) @ lin
    return _gamma(lin)


def _lab(rgb: np.ndarray) -> np.ndarray:
    lin = _linear(rgb)
    xyz = (
        np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
        @ lin
    )
    t = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(t > 0.008856, np.cbrt(t), 7.787 * t + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def distance(a: str, b: str, vision: str = "normal") -> float:
    """CIE76 ΔE between two colours as seen with ``vision``."""
    return float(np.linalg.norm(_lab(simulate(a, vision)) - _lab(simulate(b, vision))))


def text_on(fill: str) -> str:
    """Black or white, whichever reads better on ``fill``."""
    return "#ffffff" if contrast("#ffffff", fill) >= contrast("#000000", fill) else "#000000"
