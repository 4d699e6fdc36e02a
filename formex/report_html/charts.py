"""Bar charts as inline SVG: no script, no font file, sized by their data.

A chart is a list of `Bar`s drawn as horizontal bars with their labels and counts; a
bar may be split into coloured parts (issues by severity). The SVG text takes the page's
font (a CSS stack of system fonts), so Chinese labels render where the system has a CJK
font.

>>> svg = bar_chart("documents by status", [Bar("ok", ((7, "ok"),)), Bar("failed", ((1, "error"),))])
>>> svg.count("<rect"), "documents by status" in svg, ">7<" in svg
(2, True, True)
"""
from __future__ import annotations

from dataclasses import dataclass

from formex.report_html.markup import esc

LABEL_WIDTH = 150
BAR_WIDTH = 170
COUNT_WIDTH = 50
ROW_HEIGHT = 20
TITLE_HEIGHT = 24
MAX_BARS = 20          # a chart with more bars shows the largest and says how many more


@dataclass(frozen=True)
class Bar:
    label: str
    parts: tuple[tuple[int, str], ...]     # (count, css class) left to right

    @property
    def total(self) -> int:
        return sum(count for count, _ in self.parts)


def bar_chart(title: str, bars: list[Bar]) -> str:
    """One chart; bars keep their order (the caller sorts)."""
    shown = bars[:MAX_BARS]
    hidden = len(bars) - len(shown)
    top = max((bar.total for bar in shown), default=0) or 1
    height = TITLE_HEIGHT + ROW_HEIGHT * (len(shown) + (1 if hidden else 0) or 1) + 4
    width = LABEL_WIDTH + BAR_WIDTH + COUNT_WIDTH
    out = [f'<svg class="chart" role="img" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
           f'<title>{esc(title)}</title>',
           f'<text class="chart-title" x="0" y="16">{esc(title)}</text>']
    for i, bar in enumerate(shown):
        y = TITLE_HEIGHT + i * ROW_HEIGHT
        out.append(f'<text class="chart-label" x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end">'
                   f'{esc(bar.label)}</text>')
        x = float(LABEL_WIDTH)
        for count, css in bar.parts:
            w = BAR_WIDTH * count / top
            if w > 0:
                out.append(f'<rect class="bar {esc(css)}" x="{x:.1f}" y="{y + 3}" width="{w:.1f}" '
                           f'height="{ROW_HEIGHT - 6}"><title>{esc(bar.label)}: {count}</title></rect>')
            x += w
        out.append(f'<text class="chart-count" x="{x + 4:.1f}" y="{y + 14}">{bar.total}</text>')
    if hidden:
        y = TITLE_HEIGHT + len(shown) * ROW_HEIGHT
        out.append(f'<text class="chart-label" x="{LABEL_WIDTH - 6}" y="{y + 14}" text-anchor="end">'
                   f'… {hidden} more</text>')
    if not shown:
        out.append(f'<text class="chart-label" x="0" y="{TITLE_HEIGHT + 14}">none</text>')
    out.append("</svg>")
    return "".join(out)
