"""Charts: accessible, deterministic SVG and PNG, drawn only from cells a reader may see."""

import re
from concurrent.futures import ThreadPoolExecutor

from fairhearing.reports.renderers.charts import (
    PALETTE,
    chart_data,
    chart_png,
    chart_summary,
    chart_svg,
)
from fairhearing.reports.tables import (
    Chart,
    ChartKind,
    Column,
    Row,
    Suppression,
    Table,
    change,
    count,
    percent,
    text,
)

PERIODS = [Column("fy2021", "2021-22"), Column("fy2020", "2020-21")]


def totals_table(*, hide_small: bool = False, key: str = "complaint_totals") -> Table:
    small = count(3)
    if hide_small:
        small = small.hidden(Suppression.PRIMARY, 5)
    return Table(
        key=key, title="Complaints received and stages",
        columns=[*PERIODS, Column("change", "Change")],
        rows=[
            Row("received", "Received", (count(128), count(97), change(128, 97))),
            Row("stage_2", "Stage 2", (small, count(11), change(3, 11))),
            Row("total", "Total", (count(9999), count(8888), change(9999, 8888)), is_total=True),
        ],
        chart=Chart(ChartKind.BAR, ("fy2021", "fy2020")),
    )


def bars(svg: str, colour: str) -> int:
    return svg.lower().count(f'fill="{colour.lower()}"')


def test_svg_is_an_accessible_image_with_a_summary():
    svg = chart_svg(totals_table())
    opening = re.match(r"<svg [^>]*>", svg).group(0)
    assert 'role="img"' in opening and 'aria-label="Bar chart of Complaints received and stages' in opening
    assert re.search(r'viewBox="0 0 [\d.]+ [\d.]+"', opening)
    assert "<title id=\"fh-chart-complaint-totals-title\">Bar chart of" in svg
    assert "<script" not in svg and "<?xml" not in svg and "<!DOCTYPE" not in svg
    # Text stays text, in the page's font; no style attributes a strict CSP would drop.
    assert "Received" in re.findall(r"<text[^>]*>\s*([^<]*?)\s*<", svg)
    assert 'font-family="Arial' in svg
    assert "style=" not in svg and "<style" not in svg
    assert "<metadata" not in svg and "dc:date" not in svg


def test_summary_names_the_series_groups_and_largest_value():
    summary = chart_summary(totals_table())
    assert summary == (
        "Bar chart of Complaints received and stages: 2021-22 and 2020-21 for Received and "
        "Stage 2. In 2021-22 the largest is Received (128). The figures are in the table."
    )


def test_same_table_gives_the_same_svg_and_png():
    assert chart_svg(totals_table()) == chart_svg(totals_table())
    assert chart_png(totals_table()) == chart_png(totals_table())


def test_total_rows_are_not_drawn_and_each_cell_is_one_bar():
    svg = chart_svg(totals_table())
    # Two groups with two bars each: one bar per period per row, plus one legend key per period.
    assert bars(svg, PALETTE[0]) == 2 + 1
    assert bars(svg, PALETTE[1]) == 2 + 1
    assert "9,999" not in svg and "9999" not in svg


def test_a_suppressed_cell_is_not_drawn_or_labelled():
    shown = chart_svg(totals_table())
    hidden = chart_svg(totals_table(hide_small=True))
    assert bars(hidden, PALETTE[0]) == bars(shown, PALETTE[0]) - 1
    assert bars(hidden, PALETTE[1]) == bars(shown, PALETTE[1])
    labels = re.findall(r"<text[^>]*>\s*([^<]*?)\s*<", hidden)
    assert "3" in re.findall(r"<text[^>]*>\s*([^<]*?)\s*<", shown)
    assert "3" not in labels
    data = chart_data(totals_table(hide_small=True))
    assert data.series[0].values == (128.0, None)
    assert "Small numbers hidden in this version are not drawn." in chart_summary(
        totals_table(hide_small=True))


def test_nothing_to_draw_gives_empty_results():
    no_chart = totals_table()
    no_chart.chart = None
    assert chart_svg(no_chart) == "" and chart_png(no_chart) is None
    all_hidden = Table(
        key="small", title="Small", columns=PERIODS,
        rows=[Row("a", "A", (count(2).hidden(Suppression.PRIMARY, 5),
                             count(1).hidden(Suppression.PRIMARY, 5)))],
        chart=Chart(ChartKind.BAR, ("fy2021", "fy2020")),
    )
    assert chart_svg(all_hidden) == "" and chart_png(all_hidden) is None
    words = Table(key="words", title="Words", columns=PERIODS[:1], rows=[Row("a", "A", (text("x"),))],
                  chart=Chart(ChartKind.BAR, ("fy2021",)))
    assert chart_svg(words) == "" and chart_summary(words) == ""


def test_ids_are_unique_to_each_table_so_charts_can_share_a_page():
    first = chart_svg(totals_table(key="complaint_totals"))
    second = chart_svg(totals_table(key="escalation"))
    ids_first = set(re.findall(r'\sid="([^"]+)"', first))
    ids_second = set(re.findall(r'\sid="([^"]+)"', second))
    assert ids_first and not ids_first & ids_second
    # Every reference points at an id in the same chart.
    for reference in re.findall(r"url\(#([^)]+)\)", first):
        assert reference in ids_first


def test_percentages_and_many_rows_draw_sideways_with_percent_axis():
    rows = [Row(f"team_{n}", f"Team number {n}", (percent(n, 12), percent(n + 1, 12))) for n in range(1, 9)]
    table = Table(key="teams", title="Upheld by team", columns=PERIODS, rows=rows,
                  chart=Chart(ChartKind.BAR, ("fy2021", "fy2020")))
    svg = chart_svg(table)
    texts = re.findall(r"<text[^>]*>\s*([^<]*?)\s*<", svg)
    assert "Team number 8" in texts
    assert any(t.endswith("%") for t in texts)
    assert bars(svg, PALETTE[0]) == 8 + 1


def test_stacked_chart_draws_every_visible_cell():
    table = Table(key="stack", title="Stacked", columns=PERIODS,
                  rows=[Row(k, k.upper(), (count(n), count(n + 2))) for n, k in enumerate("abc", 1)],
                  chart=Chart(ChartKind.STACKED, ("fy2021", "fy2020")))
    svg = chart_svg(table)
    assert chart_summary(table).startswith("Stacked bar chart of Stacked")
    assert bars(svg, PALETTE[0]) == 3 + 1


def test_png_is_a_png():
    png = chart_png(totals_table())
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert b"Software" not in png and b"matplotlib" not in png


def test_drawing_in_several_threads_gives_the_same_charts():
    tables = [totals_table(key=f"t{n}") for n in range(6)]
    expected = [chart_svg(t) for t in tables]
    with ThreadPoolExecutor(max_workers=3) as pool:
        assert list(pool.map(chart_svg, tables)) == expected


def test_a_chart_of_nothing_but_zeros_is_not_drawn():
    zeros = Table(key="zeros", title="Zeros", columns=PERIODS,
                  rows=[Row("a", "A", (count(0), count(0))), Row("b", "B", (count(0), count(0)))],
                  chart=Chart(ChartKind.BAR, ("fy2021", "fy2020")))
    assert chart_svg(zeros) == "" and chart_png(zeros) is None
    zeros.rows[1] = Row("b", "B", (count(0), count(1)))
    assert chart_svg(zeros).startswith("<svg")
