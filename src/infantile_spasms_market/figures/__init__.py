"""Figures: one style, one saver (PNG, SVG, CSV and a record per figure; a key figure's chart as data for a native
slide chart, :mod:`.chart_data`), and chart families of ``plot_<kind>`` functions.

Each chart kind is ``plot_<kind>(data, *, ax=None, ...) -> Figure``, in the module of its family:
:mod:`.bars`, :mod:`.pairs` (two values per category), :mod:`.stacks` (parts of a whole), :mod:`.dots`,
:mod:`.lines`, :mod:`.timelines` and :mod:`.distributions` (uncertainty and sensitivity). A new
chart goes into its family's module and into ``__all__`` there and here; what every chart shares
(palette, axes, labels kept apart, panels) is in :mod:`.style`.
"""

from .bars import plot_bar_panels, plot_bars, plot_grouped_bars, plot_range_bars
from .distributions import plot_fan, plot_heatmap, plot_histogram, plot_sweep, plot_tornado
from .dots import (
    plot_course_costs,
    plot_dot_range,
    plot_grouped_dots,
    plot_position_dots,
    plot_price_level_check,
    plot_scatter,
)
from .lines import plot_lines, plot_range_lines, plot_trajectories, plot_uptake_curves
from .pairs import (
    plot_dot_arrow,
    plot_paired_bars,
    plot_paired_columns,
    plot_ratio_pairs,
    plot_share_shift,
    plot_tick_bars,
)
from .save import save_figure
from .stacks import (
    plot_diverging_bars,
    plot_stacked_area,
    plot_stacked_bars,
    plot_stacked_columns,
    plot_waterfall,
    plot_with_without,
)
from .style import PALETTE, SLIDE_SIZE, colour_map, plot_panels, short_label, use_style
from .timelines import plot_lane_timeline, plot_timeline

__all__ = [
    "PALETTE", "SLIDE_SIZE", "colour_map", "save_figure", "short_label", "use_style", "plot_bar_panels",
    "plot_bars", "plot_course_costs", "plot_diverging_bars", "plot_dot_arrow", "plot_dot_range", "plot_fan",
    "plot_grouped_bars", "plot_grouped_dots", "plot_heatmap", "plot_histogram", "plot_lane_timeline", "plot_lines",
    "plot_paired_bars", "plot_paired_columns", "plot_panels", "plot_position_dots", "plot_price_level_check",
    "plot_range_bars", "plot_range_lines", "plot_ratio_pairs", "plot_scatter", "plot_share_shift", "plot_stacked_area",
    "plot_stacked_bars", "plot_stacked_columns", "plot_sweep", "plot_tick_bars", "plot_timeline", "plot_tornado",
    "plot_trajectories", "plot_uptake_curves", "plot_waterfall", "plot_with_without",
]
