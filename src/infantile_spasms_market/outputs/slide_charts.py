"""The deck's native charts: a figure record's chart as data (:func:`..figures.chart_data.chart_spec`) drawn as an
editable PowerPoint chart, with the figure's colours, line styles, value axis and the values it writes.

Split from :mod:`.deck` (the slides) so that each stays one concept under 400 lines.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pptx.chart.data import CategoryChartData
from pptx.chart.xlsx import CategoryWorkbookWriter
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Pt

FONT = "Arial"
MIN_LABEL_PT = 8  # the smallest category label on a chart with many bars
CHART_TYPES = {
    "line": XL_CHART_TYPE.LINE_MARKERS, "column": XL_CHART_TYPE.COLUMN_CLUSTERED,
    "column_stacked": XL_CHART_TYPE.COLUMN_STACKED, "bar": XL_CHART_TYPE.BAR_CLUSTERED,
    "bar_stacked": XL_CHART_TYPE.BAR_STACKED, "area_stacked": XL_CHART_TYPE.AREA_STACKED,
}


def _style(run, size: int, *, bold: bool = False, colour: RGBColor | None = None) -> None:
    run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
    if colour is not None:
        run.font.color.rgb = colour


class _StampedWriter(CategoryWorkbookWriter):
    """The chart's embedded workbook, dated with the build (not the clock), so the same build gives the same bytes."""

    created: dt.datetime | None = None

    def _populate_worksheet(self, workbook, worksheet):
        if self.created is not None:
            workbook.set_properties({"created": self.created})
        super()._populate_worksheet(workbook, worksheet)


class _ChartData(CategoryChartData):
    def __init__(self, created: dt.datetime | None, number_format: str):
        super().__init__(number_format=number_format)
        self._created = created

    @property
    def _workbook_writer(self):
        writer = _StampedWriter(self)
        writer.created = self._created
        return writer


def native_chart(slide, spec: dict[str, Any], alt: str, box: tuple[Emu, Emu, Emu, Emu], created: dt.datetime | None = None):
    """Draw a figure record's ``chart`` (:func:`..figures.chart_data.chart_spec`) as an editable chart in ``box``."""
    data = _ChartData(created, "#,##0.0")
    data.categories = spec["categories"]
    for series in spec["series"]:
        data.add_series(series["name"], series["values"])
    frame = slide.shapes.add_chart(CHART_TYPES[spec["type"]], *box, data)
    frame._element.nvGraphicFramePr.cNvPr.set("descr", alt)
    chart = frame.chart
    chart.font.name, chart.font.size = FONT, Pt(14)
    chart.has_title = False
    chart.has_legend = len(spec["series"]) > 1
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.BOTTOM, False
    if spec.get("y_title"):
        chart.value_axis.has_title = True
        chart.value_axis.axis_title.text_frame.text = spec["y_title"]
        _style(chart.value_axis.axis_title.text_frame.paragraphs[0].runs[0], 14)
    chart.value_axis.has_major_gridlines = True
    if spec["type"] in ("bar", "bar_stacked", "column", "column_stacked"):
        _label_every_category(chart, len(spec["categories"]), box[3] if spec["type"].startswith("bar") else box[2])
    if spec.get("value_labels"):
        _value_labels(chart, len(spec["categories"]), len(spec["series"]), box[3] if spec["type"].startswith("bar") else box[2])
    if spec["type"] == "line" and spec.get("y_range"):  # the figure's value axis: lines that start far above zero spread
        chart.value_axis.minimum_scale, chart.value_axis.maximum_scale, unit = spec["y_range"]
        if unit:
            chart.value_axis.major_unit = unit
    drawn = []
    for plotted, series in zip(chart.plots[0].series, spec["series"]):
        colour = RGBColor.from_string(series["colour"].lstrip("#")) if series.get("colour") else None
        if spec["type"] == "line":
            plotted.smooth = False
            if colour is not None:
                plotted.format.line.color.rgb = colour
                plotted.marker.format.fill.solid()
                plotted.marker.format.fill.fore_color.rgb = colour
                plotted.marker.format.line.color.rgb = colour
            if not series.get("line", True):  # points only: the report's published values
                plotted.format.line.fill.background()
                plotted.marker.style, plotted.marker.size = XL_MARKER_STYLE.DIAMOND, 11
            elif series.get("edge"):  # an edge of a range (P5, P95): thin and dashed, no markers
                plotted.format.line.dash_style, plotted.format.line.width = MSO_LINE_DASH_STYLE.DASH, Pt(1.25)
                plotted.marker.style = XL_MARKER_STYLE.NONE
            else:
                drawn.append((plotted, series, colour))
        elif colour is not None:
            plotted.format.fill.solid()
            plotted.format.fill.fore_color.rgb = colour
    _line_styles(drawn)
    if spec.get("end_labels") and drawn:
        _end_labels(drawn, spec.get("y_range"), box[3])
    return frame


DASH_STYLES = (MSO_LINE_DASH_STYLE.SOLID, MSO_LINE_DASH_STYLE.DASH, MSO_LINE_DASH_STYLE.ROUND_DOT,
               MSO_LINE_DASH_STYLE.DASH_DOT, MSO_LINE_DASH_STYLE.LONG_DASH, MSO_LINE_DASH_STYLE.LONG_DASH_DOT)
"""The styles that tell apart lines drawn over each other (the scenarios share their first years), in turn."""
END_LABEL_PT = 12
VALUE_GAP_PCT = 40  # the gap between categories of a bar chart whose bars carry their values, in % of a bar


FIGURE_DASHES = {"dash": MSO_LINE_DASH_STYLE.DASH, "dot": MSO_LINE_DASH_STYLE.ROUND_DOT, "dash_dot": MSO_LINE_DASH_STYLE.DASH_DOT}


def _line_styles(drawn: list) -> None:
    """Each drawn line its own dash style and the figure's width: a line the figure dashes keeps its style, the widest
    (the figure's highlight) is solid, the others take the styles no line has yet, in turn."""
    if len(drawn) < 2:
        return
    widest = max(range(len(drawn)), key=lambda i: drawn[i][1].get("width", 0))
    kept = {i: FIGURE_DASHES[s["dash"]] for i, (_, s, _) in enumerate(drawn) if s.get("dash") in FIGURE_DASHES}
    free = [d for d in DASH_STYLES[1:] if d not in kept.values()] or list(DASH_STYLES[1:])
    turn = iter(free * len(drawn))
    for i, (plotted, series, _) in enumerate(drawn):
        plotted.format.line.dash_style = kept.get(i) or (MSO_LINE_DASH_STYLE.SOLID if i == widest else next(turn))
        if series.get("width"):
            plotted.format.line.width = Pt(series["width"])


def _end_labels(drawn: list, y_range, height: Emu) -> None:
    """Each drawn line's last value written right of its end, in its colour, nudged apart where two ends are close.

    The nudge is a manual layout (a fraction of the chart's height): the plot area is about half the frame, so a value
    step is converted with that share; labels closer than a line of text move apart from the middle out.
    """
    ends = sorted(((series["values"][-1], i) for i, (_, series, _) in enumerate(drawn) if series["values"][-1] is not None))
    low, high = (y_range[0], y_range[1]) if y_range else (min(v for v, _ in ends), max(v for v, _ in ends))
    per_unit = Emu(height).pt * 0.55 / max(high - low, 1e-9)  # points per value unit in the plot area (about)
    placed: list[float] = []
    for value, i in ends:  # bottom up: each label at least a line above the one below
        y = value * per_unit
        placed.append(max(y, placed[-1] + END_LABEL_PT * 1.15) if placed else y)
    for (value, i), y in zip(ends, placed):
        plotted, series, colour = drawn[i]
        label = plotted.points[len(series["values"]) - 1].data_label
        label.has_text_frame = True
        label.text_frame.text = f"{value:,.2f}"
        _style(label.text_frame.paragraphs[0].runs[0], END_LABEL_PT, colour=colour)
        label.position = XL_LABEL_POSITION.RIGHT
        shift = (y - value * per_unit) / Emu(height).pt
        if shift > 1e-6:
            layout = OxmlElement("c:layout")
            manual = OxmlElement("c:manualLayout")
            for tag, val in (("c:x", "0"), ("c:y", f"{-shift:.4f}")):
                child = OxmlElement(tag)
                child.set("val", val)
                manual.append(child)
            layout.append(manual)
            label._get_or_add_dLbl().insert(1, layout)


def _value_labels(chart, categories: int, series: int, length: Emu) -> None:
    """Every bar's value at its end: bars drawn thick (a narrow gap between categories) so that each value has a bar's
    height of room, in a size that fits it."""
    plot = chart.plots[0]
    plot.gap_width = VALUE_GAP_PCT
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = "#,##0.0", False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    bar = Emu(length).pt * 0.75 / max(categories, 1) / (1 + VALUE_GAP_PCT / 100) / max(series, 1)
    labels.font.name, labels.font.size = FONT, Pt(max(MIN_LABEL_PT, min(14, int(bar))))


def _label_every_category(chart, count: int, length: Emu) -> None:
    """A label on every bar: LibreOffice skips every other category label when they crowd (``tickLblSkip`` 1 forbids it),
    in a size that fits the room each category has along its axis (``length``: the chart's height or width)."""
    axis = chart.category_axis._element
    if axis.find(qn("c:tickLblSkip")) is None:
        skip = OxmlElement("c:tickLblSkip")
        skip.set("val", "1")
        axis.find(qn("c:lblOffset")).addnext(skip)
    room = Emu(length).pt * 0.75 / max(count, 1)  # the plot area's share of the frame, per category
    chart.category_axis.tick_labels.font.size = Pt(max(MIN_LABEL_PT, min(14, int(room * 0.8))))
