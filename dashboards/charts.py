"""Charts drawn on the server as inline SVG: no script, no build step, readable without them.

Each chart is an image (role="img") named by its <title> and described by its <desc>; the page puts the same
figures in a table beside it, which is the text alternative and where the links to the files are.
Series differ by colour and by dash pattern, so that colour alone never carries the meaning.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

INK, MUTED, GRID = "#1d2733", "#4f5b67", "#c9d1da"
COLOURS = ("#1f5fa8", "#a63d12", "#2e6b30", "#6a3d9a")
DASHES = ("", "6 4", "2 3", "8 3 2 3")
FONT = 'font-family="sans-serif" font-size="12"'


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 times a power of ten at or above `value` (an axis' top)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 2.5, 5, 10) if step * power >= value)


def axis_top(value: float, *, whole: bool) -> float:
    """The axis' top, four ticks below it: whole ticks for counts (no "0,5 decision")."""
    if not whole:
        return nice_ceiling(value)
    return 4 * math.ceil(nice_ceiling(max(value, 1) / 4))


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}".replace(".", ",")


def _open(chart_id: str, title: str, desc: str, width: int, height: int) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-labelledby="{chart_id}-t {chart_id}-d">',
        f'<title id="{chart_id}-t">{escape(title)}</title><desc id="{chart_id}-d">{escape(desc)}</desc>',
    ]


def _short(label: str, size: int = 32) -> str:
    return label if len(label) <= size else label[: size - 1] + "…"


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    items: Sequence[tuple[str, float]],
    *,
    unit: str = "",
    whole: bool = True,
) -> SafeString:
    """Horizontal bars, one per (label, value), the value written at the end of each bar."""
    label_width, bar_width, row, top = 230, 360, 24, 10
    width, height = label_width + bar_width + 60, top + row * max(len(items), 1) + 30
    scale = axis_top(max((v for _, v in items), default=0), whole=whole)
    parts = _open(chart_id, title, desc, width, height)
    bottom = top + row * len(items)
    for tick in range(5):
        x = label_width + bar_width * tick / 4
        parts.append(f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}"/>')
        parts.append(
            f'<text x="{x:.1f}" y="{bottom + 16}" text-anchor="middle" fill="{MUTED}" {FONT}>'
            f"{_number(scale * tick / 4)}</text>"
        )
    for i, (label, value) in enumerate(items):
        y = top + i * row
        length = bar_width * value / scale
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 16}" text-anchor="end" fill="{INK}" {FONT}>'
            f"{escape(_short(str(label)))}</text>"
        )
        parts.append(
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{COLOURS[0]}"/>'
        )
        parts.append(
            f'<text x="{label_width + length + 4:.1f}" y="{y + 16}" fill="{INK}" {FONT}>'
            f"{_number(value)}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    x_labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float | None]]],
    *,
    y_label: str,
    whole: bool = False,
) -> SafeString:
    """One line per series over the x labels (months); a missing value (None) breaks the line."""
    left, right, top, bottom = 56, 16, 34, 44
    plot_w, plot_h = 600, 200
    width, height = left + plot_w + right, top + plot_h + bottom
    values = [v for _, vs in series for v in vs if v is not None]
    scale = axis_top(max(values, default=0), whole=whole)
    parts = _open(chart_id, title, desc, width, height)
    for tick in range(5):
        y = top + plot_h - plot_h * tick / 4
        parts.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" stroke="{GRID}"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}" {FONT}>'
            f"{_number(scale * tick / 4)}</text>"
        )
    parts.append(
        f'<text x="14" y="{top + plot_h / 2:.1f}" transform="rotate(-90 14 {top + plot_h / 2:.1f})" '
        f'text-anchor="middle" fill="{INK}" {FONT}>{escape(y_label)}</text>'
    )
    count = max(len(x_labels), 1)
    step = plot_w / count
    every = math.ceil(count / 12)  # at most twelve labels under the axis

    def x_of(i: int) -> float:
        return left + step * (i + 0.5)

    for i, label in enumerate(x_labels):
        if i % every == 0:
            parts.append(
                f'<text x="{x_of(i):.1f}" y="{top + plot_h + 18}" text-anchor="middle" fill="{INK}" {FONT}>'
                f"{escape(label)}</text>"
            )
    for n, (name, points) in enumerate(series):
        colour, dash = COLOURS[n % len(COLOURS)], DASHES[n % len(DASHES)]
        dashed = f' stroke-dasharray="{dash}"' if dash else ""
        segment: list[str] = []
        for i, value in enumerate([*points, None]):
            if value is None:
                if len(segment) > 1:
                    parts.append(
                        f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" '
                        f'stroke-width="2"{dashed}/>'
                    )
                segment = []
                continue
            x, y = x_of(i), top + plot_h - plot_h * value / scale
            segment.append(f"{x:.1f},{y:.1f}")
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
        lx = left + n * 190
        parts.append(
            f'<line x1="{lx}" y1="14" x2="{lx + 24}" y2="14" stroke="{colour}" stroke-width="2"{dashed}/>'
            f'<text x="{lx + 30}" y="18" fill="{INK}" {FONT}>{escape(name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
