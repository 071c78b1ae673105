"""Charts of report tables: accessible inline SVG for the page and the PDF, PNG for Word.

A chart is drawn only from a table's cells, through the columns its ``chart`` names: one group of
bars per row (total rows are left out, they would dwarf the rest), one bar per named column. A
suppressed cell is never drawn, so no chart can show a number the table hides.

Drawing uses matplotlib's object-oriented API on a fresh Figure each time with the Agg (PNG) or
SVG canvas attached directly, never pyplot, so no figure outlives a call and matplotlib's chosen
backend is never changed. Matplotlib reads a few settings from its global ``rcParams`` while it
draws (the SVG text mode and the salt for element ids); they are applied with ``rc_context`` under
a lock, so two requests drawing at once cannot see each other's settings and nothing changes for
anyone else.

The SVG is made safe to put inside a page: no XML prolog or metadata (which would carry a date),
ids prefixed by the table key so several charts can share a page, ``style`` attributes turned into
presentation attributes (a Content Security Policy without 'unsafe-inline' would drop them), and
``role="img"`` with a ``<title>`` and ``aria-label`` giving a screen reader the summary. The
figures themselves are in the table printed next to every chart.
"""

from __future__ import annotations

import html
import io
import re
import textwrap
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

import matplotlib
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from ..tables import Cell, CellKind, ChartKind, Table

# The UK Government Analysis Function's categorical palette: each colour has at least 3:1
# contrast with white and with the colour next to it (WCAG 2.2, 1.4.11 non-text contrast).
PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
TEXT_COLOUR = "#0b0c0c"
GRID_COLOUR = "#b1b4b6"
# The page's font; Liberation Sans has Arial's metrics, so text measured with it fits in Arial.
FONT_STACK = "Arial, 'Liberation Sans', Helvetica, sans-serif"
_MEASURING_FONTS = ("Arial", "Liberation Sans", "DejaVu Sans")

WIDTH_INCHES = 7.2
BAR_CHART_HEIGHT = 3.6
PNG_DPI = 150
# More groups than this, or longer labels, and the bars lie on their side so labels stay readable.
MAX_UPRIGHT_GROUPS = 6
MAX_UPRIGHT_LABEL = 18
MAX_BAR_LABELS = 36
# Upright bars are too narrow for their labels beyond three to a group.
MAX_LABELLED_SERIES = 3

_LOCK = threading.Lock()
_PERCENT_KINDS = (CellKind.PERCENT, CellKind.COUNT_PERCENT)


@dataclass(frozen=True)
class Series:
    """One column of the table drawn as bars: a value per group, None where nothing is drawn."""

    label: str
    values: tuple[float | None, ...]
    labels: tuple[str, ...]  # the text printed on each bar (the cell's display)


@dataclass(frozen=True)
class ChartData:
    """What a chart draws: group labels, series, and how the axis reads."""

    title: str
    kind: ChartKind
    groups: tuple[str, ...]
    series: tuple[Series, ...]
    value_kind: CellKind
    suppressed: int  # cells left out because the published version hides them

    @property
    def drawn(self) -> Iterator[float]:
        for series in self.series:
            yield from (v for v in series.values if v is not None)


def _number(cell: Cell) -> float | None:
    """A cell's value as a float, or None when it must not (or cannot) be drawn."""
    if cell.suppressed or cell.value is None or isinstance(cell.value, bool):
        return None
    if isinstance(cell.value, int | float | Decimal):
        return float(cell.value)
    return None


def chart_data(table: Table) -> ChartData | None:
    """The series a table's chart draws, or None if it has no chart or nothing but zeros to draw."""
    chart = table.chart
    if chart is None or not chart.columns:
        return None
    rows = [row for row in table.rows if not row.is_total]
    indexes = []
    for key in chart.columns:
        try:
            indexes.append((key, table.column_index(key)))
        except KeyError:
            continue  # a chart naming a column the table does not have draws the others
    series = []
    kinds: set[CellKind] = set()
    suppressed = 0
    for _key, index in indexes:
        values, labels = [], []
        for row in rows:
            cell = row.cells[index]
            number = _number(cell)
            suppressed += bool(cell.suppressed)
            values.append(number)
            labels.append(cell.display if number is not None else "")
            if number is not None:
                kinds.add(cell.kind)
        series.append(Series(table.columns[index].label, tuple(values), tuple(labels)))
    if not any(v for s in series for v in s.values):
        return None  # nothing drawn, or only zeros: an empty chart says nothing the table does not
    if kinds and kinds <= set(_PERCENT_KINDS):
        value_kind = CellKind.PERCENT
    elif kinds == {CellKind.MONEY}:
        value_kind = CellKind.MONEY
    else:
        value_kind = CellKind.COUNT
    return ChartData(
        title=chart.title or table.title, kind=chart.kind,
        groups=tuple(row.label for row in rows), series=tuple(series),
        value_kind=value_kind, suppressed=suppressed,
    )


def _list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def chart_summary(table: Table) -> str:
    """A sentence or two saying what the chart shows, for screen readers and Word's alt text.

    Built only from cells the chart draws, so it never mentions a hidden number.
    """
    data = chart_data(table)
    if data is None:
        return ""
    shape = "Stacked bar chart" if data.kind == ChartKind.STACKED else "Bar chart"
    groups = list(data.groups)
    named = _list(groups) if len(groups) <= 8 else f"{', '.join(groups[:8])} and {len(groups) - 8} more"
    parts = [f"{shape} of {data.title}: {_list([s.label for s in data.series])} "
             f"for {named}."]
    first = data.series[0]
    drawn = [(v, i) for i, v in enumerate(first.values) if v is not None]
    if len(drawn) > 1:
        _value, index = max(drawn, key=lambda pair: (pair[0], -pair[1]))
        parts.append(f"In {first.label} the largest is {groups[index]} ({first.labels[index]}).")
    if data.suppressed:
        parts.append("Small numbers hidden in this version are not drawn.")
    parts.append("The figures are in the table.")
    return " ".join(parts)


# Drawing ------------------------------------------------------------------------------------


def _measuring_font() -> str:
    """The first of the fonts we measure text with that this machine has (no warnings)."""
    for name in _MEASURING_FONTS:
        try:
            font_manager.findfont(font_manager.FontProperties(family=name), fallback_to_default=False)
        except ValueError:
            continue
        return name
    return "DejaVu Sans"


_FONT = _measuring_font()


def _rc(salt: str) -> dict[str, object]:
    return {
        "svg.fonttype": "none",  # text stays text: selectable, searchable, readable by tools
        "svg.hashsalt": salt,  # ids from a fixed salt, so the same table gives the same SVG
        "font.family": "sans-serif",
        "font.sans-serif": [_FONT],
        "font.size": 10,
        "text.color": TEXT_COLOUR,
        "axes.labelcolor": TEXT_COLOUR,
        "axes.edgecolor": TEXT_COLOUR,
        "xtick.color": TEXT_COLOUR,
        "ytick.color": TEXT_COLOUR,
        "axes.unicode_minus": False,
    }


def _wrap(label: str, width: int) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _formatter(kind: CellKind) -> FuncFormatter:
    if kind == CellKind.PERCENT:
        return FuncFormatter(lambda v, _pos: f"{v:g}%")
    if kind == CellKind.MONEY:
        return FuncFormatter(lambda v, _pos: f"£{v:,.0f}")
    return FuncFormatter(lambda v, _pos: f"{v:,.0f}")


def lies_on_its_side(data: ChartData) -> bool:
    """Whether the bars run across the page: many groups, or labels too long to fit below."""
    return (len(data.groups) > MAX_UPRIGHT_GROUPS
            or any(len(g) > MAX_UPRIGHT_LABEL for g in data.groups))


def _figure(data: ChartData) -> Figure:
    """Draw the chart on a new Figure (not attached to pyplot, so it is freed with the object)."""
    horizontal = lies_on_its_side(data)
    stacked = data.kind == ChartKind.STACKED
    n_series = len(data.series)
    if horizontal:
        per_group = 0.3 if stacked else 0.22 * n_series + 0.12
        height = max(2.4, per_group * len(data.groups) + 1.3)
    else:
        height = BAR_CHART_HEIGHT
    figure = Figure(figsize=(WIDTH_INCHES, height), facecolor="#ffffff")
    axes = figure.add_subplot()
    slot = 0.8 if stacked else 0.8 / n_series
    bars_total = len(data.groups) * (1 if stacked else n_series)
    bottoms = [0.0] * len(data.groups)
    for s, series in enumerate(data.series):
        drawn = [i for i, v in enumerate(series.values) if v is not None]
        positions = [i if stacked else i - 0.4 + slot * (s + 0.5) for i in drawn]
        values = [series.values[i] for i in drawn]
        base = [bottoms[i] for i in drawn] if stacked else None
        colour = PALETTE[s % len(PALETTE)]
        draw = axes.barh if horizontal else axes.bar
        extra = {"left": base} if horizontal else {"bottom": base}
        container = draw(positions, values, slot * 0.95, color=colour, edgecolor="#ffffff",
                         linewidth=0.5, label=series.label, **(extra if stacked else {}))
        if stacked:
            for i in drawn:
                bottoms[i] += series.values[i] or 0.0
        elif bars_total <= MAX_BAR_LABELS and (horizontal or n_series <= MAX_LABELLED_SERIES):
            axes.bar_label(container, labels=[series.labels[i] for i in drawn], padding=2,
                           fontsize=8, color=TEXT_COLOUR)
    ticks = list(range(len(data.groups)))
    value_axis = axes.xaxis if horizontal else axes.yaxis
    value_axis.set_major_formatter(_formatter(data.value_kind))
    if data.value_kind == CellKind.COUNT:
        value_axis.set_major_locator(MaxNLocator(integer=True))
    if horizontal:
        axes.set_yticks(ticks, [_wrap(g, 30) for g in data.groups])
        axes.invert_yaxis()  # first row at the top, as in the table
        axes.grid(axis="x", color=GRID_COLOUR, linewidth=0.6)
        axes.set_xlim(left=0)
    else:
        axes.set_xticks(ticks, [_wrap(g, 14) for g in data.groups])
        axes.grid(axis="y", color=GRID_COLOUR, linewidth=0.6)
        axes.set_ylim(bottom=0)
    axes.margins(**({"x": 0.12} if horizontal else {"y": 0.12}))
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    if n_series > 1:
        axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.08 if horizontal else -0.12),
                    ncol=min(n_series, 5), frameon=False)
    figure.tight_layout()
    return figure


# SVG clean-up -------------------------------------------------------------------------------

# Presentation attributes SVG accepts in place of the same CSS properties.
_PRESENTATION = {
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray",
    "stroke-dashoffset", "opacity", "font-size", "font-family", "font-weight", "font-style",
    "text-anchor", "dominant-baseline", "clip-path", "white-space",
}
_STYLE = re.compile(r'\sstyle="([^"]*)"')
_ID = re.compile(r'\sid="([^"]+)"')


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-") or "table"


def _style_to_attributes(match: re.Match[str]) -> str:
    attributes = []
    for declaration in match.group(1).split(";"):
        name, _, value = declaration.partition(":")
        name, value = name.strip(), value.strip()
        if not name or name not in _PRESENTATION:
            continue
        if name == "font-family":
            value = FONT_STACK
        attributes.append(f' {name}="{html.escape(value, quote=True)}"')
    return "".join(attributes)


def _clean_svg(svg: str, *, key: str, summary: str) -> str:
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = re.sub(r"\s*<style[^>]*>.*?</style>", "", svg, flags=re.S)
    svg = re.sub(r"\s*<defs>\s*</defs>", "", svg)
    # Keep only the ids something points at, renamed so several charts can share one page.
    prefix = f"fh-chart-{_slug(key)}"
    referenced = [i for i in dict.fromkeys(_ID.findall(svg))
                  if f"#{i})" in svg or f'"#{i}"' in svg]
    names = {old: f"{prefix}-{n}" for n, old in enumerate(referenced, start=1)}

    def rename_id(match: re.Match[str]) -> str:
        new = names.get(match.group(1))
        return f' id="{new}"' if new else ""

    svg = _ID.sub(rename_id, svg)
    for old, new in names.items():
        svg = svg.replace(f"#{old})", f"#{new})").replace(f'"#{old}"', f'"#{new}"')
    svg = _STYLE.sub(_style_to_attributes, svg)
    # The root element: the accessible name, a fixed drawing area, and the stroke defaults the
    # removed <style> gave.
    view_box = re.search(r'viewBox="([^"]+)"', svg)
    width, height = (view_box.group(1).split()[2:] if view_box else ("720", "360"))
    title_id = f"{prefix}-title"
    label = html.escape(summary, quote=True)
    opening = (
        f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
        f'version="1.1" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'class="fh-chart" role="img" aria-label="{label}" focusable="false" '
        f'stroke-linejoin="round" stroke-linecap="butt">'
        f'<title id="{title_id}">{label}</title>'
    )
    svg = re.sub(r"<svg\b[^>]*>", opening, svg, count=1)
    return "\n".join(line.rstrip() for line in svg.strip().splitlines()) + "\n"


# Public API ---------------------------------------------------------------------------------


def chart_svg(table: Table) -> str:
    """The table's chart as an inline SVG string, or "" when it has no chart or nothing to draw."""
    data = chart_data(table)
    if data is None:
        return ""
    buffer = io.StringIO()
    with _LOCK, matplotlib.rc_context(_rc(f"fairhearing-{table.key}")):
        figure = _figure(data)
        FigureCanvasSVG(figure)
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return _clean_svg(buffer.getvalue(), key=table.key, summary=chart_summary(table))


def chart_png(table: Table) -> bytes | None:
    """The table's chart as PNG bytes (for Word), or None when there is nothing to draw."""
    data = chart_data(table)
    if data is None:
        return None
    buffer = io.BytesIO()
    with _LOCK, matplotlib.rc_context(_rc(f"fairhearing-{table.key}")):
        figure = _figure(data)
        FigureCanvasAgg(figure)
        # No "Software" or time stamp, so the same table gives the same bytes.
        figure.savefig(buffer, format="png", dpi=PNG_DPI, metadata={"Software": None})
    return buffer.getvalue()
