"""The scaling plot of a series: points and fitted line on a log2 parameter axis, as SVG.

The site is rebuilt from scratch and compared byte for byte, so the SVG must not change between
runs: matplotlib's Agg backend, a fixed `svg.hashsalt` (element ids are otherwise random), no
creation date in the metadata, and text kept as text (`svg.fonttype: none`) so no glyph outlines
depend on the fonts installed.
"""

from __future__ import annotations

import io
import math

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # the backend is chosen before pyplot is imported
from matplotlib.ticker import FixedLocator, NullLocator

from synth.models import SeriesAnalysis

_RC = {
    "svg.hashsalt": "synth",
    "svg.fonttype": "none",
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
_LABEL_LIMIT = 14


def _size_label(billions: float) -> str:
    if billions < 1:
        return f"{billions * 1000:g}M" if billions < 0.1 else f"{billions:g}B"
    return f"{billions:g}B"


def scaling_svg(analysis: SeriesAnalysis) -> str:
    """The SVG text of one scaling series; identical bytes for identical input."""
    points = analysis.points
    with plt.rc_context(_RC):
        figure, axes = plt.subplots(figsize=(6.4, 4.0), dpi=100)
        try:
            axes.set_xscale("log", base=2)
            steady = [p for p in points if not p.disagrees]
            disputed = [p for p in points if p.disagrees]
            if steady:
                axes.scatter([p.parameters_b for p in steady], [p.value for p in steady], s=28, color="#1f77b4",
                             zorder=3, label="table value")
            if disputed:
                axes.scatter([p.parameters_b for p in disputed], [p.value for p in disputed], s=36,
                             facecolors="none", edgecolors="#d62728", linewidths=1.4, zorder=3,
                             label="sources disagree")
            if analysis.slope_per_doubling is not None and analysis.intercept is not None and points:
                low, high = points[0].parameters_b, points[-1].parameters_b
                xs = [low * (high / low) ** (i / 40) for i in range(41)]
                ys = [analysis.intercept + analysis.slope_per_doubling * math.log2(x) for x in xs]
                axes.plot(xs, ys, color="#555555", linewidth=1.2, zorder=2,
                          label=f"fit: {analysis.slope_per_doubling:+.2f} per doubling")
            if len(points) <= _LABEL_LIMIT:
                for point in points:
                    axes.annotate(point.entity, (point.parameters_b, point.value), textcoords="offset points",
                                  xytext=(4, 4), fontsize=6.5, color="#333333")
            sizes = sorted({p.parameters_b for p in points})
            axes.xaxis.set_major_locator(FixedLocator(sizes))
            axes.xaxis.set_minor_locator(NullLocator())
            axes.set_xticks(sizes, [_size_label(s) for s in sizes])
            if sizes:
                axes.set_xlim(sizes[0] / 1.4, sizes[-1] * 1.6)
            unit = " (%)" if points and all(p.unit == "%" for p in points) else ""
            axes.set_xlabel("Parameters (billions, log2 scale)")
            axes.set_ylabel(f"{analysis.metric}{unit}")
            rho = f", ρ = {analysis.spearman_rho:.2f}" if analysis.spearman_rho is not None else ""
            axes.set_title(f"{analysis.metric} vs parameters — {analysis.entities} (n = {analysis.n}{rho})",
                           fontsize=9)
            axes.grid(True, color="#dddddd", linewidth=0.6)
            if points:
                axes.legend(loc="lower right", fontsize=7, frameon=False)
            figure.tight_layout()
            buffer = io.StringIO()
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": "synth"})
        finally:
            plt.close(figure)
    return buffer.getvalue()
